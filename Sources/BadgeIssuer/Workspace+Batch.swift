#if canImport(Glibc)
import Glibc
#endif
import CSV
import Dispatch
import Synchronization
import BadgeStore
import OpenBadges
internal import BadgeCrypto
internal import BadgeProofs

/// Issuing many credentials from a roster file.
///
/// The roster is a CSV file with a header row. Columns (any order; only `recipient` is required):
///
/// | column | meaning |
/// |---|---|
/// | `recipient` | email address or DID |
/// | `name` | the recipient's name (optional) |
/// | `results` | rubric levels, `criterion=level` separated by `;` (e.g. `analysis=proficient;design=exemplary`) |
/// | `evidence` | URLs or file paths (relative to the roster) separated by `;` |
/// | `narrative` | a public narrative about this learner's achievement (Markdown) |
/// | `valid_from`, `valid_until` | dates with a time zone (default: now; no expiry) |
///
/// Issuing is resumable and idempotent: each row is keyed by its content, reserved in the ledger before it is
/// signed and marked issued after its file is on disk. A rerun after a crash or Ctrl-C re-signs exactly the
/// rows that were reserved but not finished (same credential id, same status index) and skips the rest, so
/// every row is issued once.
public struct BatchOptions: Sendable {
    public var rosterPath: String
    public var achievement: AchievementDefinition
    public var format: ProofFormat?
    public var suspendable: Bool
    /// Where credential files go; default `credentials/<achievement file name>/`.
    public var outputDirectory: String?
    /// Write every credential as one line of this JSON Lines file instead of one file each (for bulk pipelines).
    /// Each chunk is first written whole to `<file>.parts/`; the file is assembled from the parts at the end, so a
    /// rerun after a crash still holds each credential exactly once.
    public var jsonLinesPath: String?
    /// Rows per ledger transaction and parallel signing round.
    public var chunkSize: Int
    /// Signing threads (default: every core).
    public var workers: Int
    public var now: String
    /// Issue rows whose results do not meet the rubric, for this reason (one ledger event for the batch).
    public var overrideRubric: String?

    public init(
        rosterPath: String, achievement: AchievementDefinition, format: ProofFormat? = nil, suspendable: Bool = false,
        outputDirectory: String? = nil, jsonLinesPath: String? = nil, chunkSize: Int = 2048, workers: Int = 0,
        now: String
    ) {
        self.jsonLinesPath = jsonLinesPath
        self.rosterPath = rosterPath
        self.achievement = achievement
        self.format = format
        self.suspendable = suspendable
        self.outputDirectory = outputDirectory
        self.chunkSize = chunkSize
        self.workers = workers
        self.now = now
    }
}

/// Progress of a batch, reported after each chunk.
public struct BatchProgress: Sendable {
    /// Rows read so far.
    public var rowsRead: Int
    /// An estimate of the rows in the roster (its line count, less the header).
    public var rowsEstimated: Int
    public var issued: Int
    public var alreadyIssued: Int
    public var badRows: Int
}

/// What a batch did.
public struct BatchSummary: Sendable {
    public struct BadRow: Sendable, Hashable {
        public var line: Int
        public var reason: String
    }

    public var batchID: String
    public var rows: Int
    /// Credentials signed by this run.
    public var issued: Int
    /// Rows an earlier run had already issued (skipped).
    public var alreadyIssued: Int
    public var badRows: [BadRow]
    public var outputDirectory: String
    /// For JSON Lines output: the lines of the file assembled (every credential of the batch that is in it).
    public var outputLines: Int?
}

extension Workspace {
    /// Seconds between recording signed (and written) credentials as issued. Rows signed but not yet recorded are
    /// re-signed by a rerun with the same id and status index.
    static let recordInterval: Double = 2

    /// Chunks reserved in one ledger transaction (after the first).
    static let chunksPerReservation = 4

    public static let rosterColumns: Set<String> = [
        "recipient", "name", "results", "evidence", "narrative", "valid_from", "valid_until",
    ]

    /// Issues every good row of the roster; bad rows are listed in the summary and the rest still issued.
    ///
    /// The work is a pipeline of chunks: while the signing threads sign one chunk, this thread reads and reserves
    /// the next and writes out and records the one before, so every core signs all the time. A chunk's credentials
    /// are recorded as issued only after its files (or its JSON Lines part) are written.
    public func issueBatch(
        _ options: BatchOptions, progress: (BatchProgress) -> Void = { _ in }
    ) throws(IssuerError) -> BatchSummary {
        let (rosterDigest, estimated) = try Self.rosterFacts(options.rosterPath)
        let batchID = "batch-" + String(Hex.encode(SHA256.hash(Array((options.achievement.id + "\n" + rosterDigest).utf8))).prefix(32))
        let outputDirectory = options.jsonLinesPath.map { $0 + ".parts" } ?? options.outputDirectory
            ?? FileIO.join(credentialsDirectory, Self.slug(options.achievement.name))
        try FileIO.makeDirectory(outputDirectory)
        let jsonLines = options.jsonLinesPath
        let rosterFolder = String(options.rosterPath.split(separator: "/", omittingEmptySubsequences: false).dropLast()
            .joined(separator: "/"))
        do {
            _ = try ledger.startBatch(BatchRecord(
                id: batchID, sourceName: options.rosterPath, sourceSHA256: rosterDigest, startedAt: options.now,
                rowCount: estimated))
        } catch {
            throw IssuerError(.ledger, error.reason)
        }

        var reader = try CSVReader(path: options.rosterPath)
        defer { reader.close() }
        guard let header = try reader.next(), header.problem == nil else {
            throw IssuerError(.csv, "the roster is empty; it needs a header row with at least 'recipient'", file: options.rosterPath, line: 1)
        }
        let columns = header.fields.map { String($0.trimmingWhitespace).lowercased() }
        for (index, column) in columns.enumerated() where !Self.rosterColumns.contains(column) {
            throw IssuerError(
                .csv,
                "unknown column '\(header.fields[index])' (columns: \(Self.rosterColumns.sorted().joined(separator: ", ")))",
                file: options.rosterPath, line: header.line)
        }
        guard columns.contains("recipient") else {
            throw IssuerError(.csv, "the header has no 'recipient' column", file: options.rosterPath, line: header.line)
        }
        if Set(columns).count != columns.count {
            throw IssuerError(.csv, "a column is named twice in the header", file: options.rosterPath, line: header.line)
        }

        var summary = BatchSummary(
            batchID: batchID, rows: 0, issued: 0, alreadyIssued: 0, badRows: [], outputDirectory: outputDirectory)
        let workers = options.workers > 0 ? options.workers : max(1, activeProcessorCount())
        // What every credential of the batch shares, made once: the signer and its proof options, the members
        // of the credential that come from the achievement and the issuer, and (per signing thread) what the
        // schema check found for them.
        let job = BatchSigningJob(
            workspace: self, signer: signer(options.format), template: CredentialTemplate(
                achievement: options.achievement, issuer: config.issuer),
            now: options.now, jsonLines: jsonLines, outputDirectory: outputDirectory, workers: workers)
        try job.prepare()
        var keysInChunk: Set<String> = []
        // Row keys signed by this run: a row repeated further down the roster is reserved again as pending until
        // its first copy is recorded, and must not be signed a second time.
        var signedThisRun: Set<RowDigest> = []
        // Written files are recorded as issued every couple of seconds, and flushed to disk once, at the end of the
        // batch (a `sync` while other programs write would cost more than the signing). A crash of the program loses
        // nothing written; rows reserved but not yet recorded are re-signed by a rerun, and a rerun reports any file
        // recorded as issued that a power cut lost.
        var unrecorded: [IssuedUpdate] = []
        var lastRecorded = BatchClock.seconds()
        var endOfRoster = false
        // Chunks read and reserved, waiting to be signed.
        var queue: [BatchChunk] = []

        func record(force: Bool) throws(IssuerError) {
            guard !unrecorded.isEmpty, force || BatchClock.seconds() - lastRecorded >= Self.recordInterval else { return }
            if force { FileIO.flushAll() }
            do {
                try ledger.markIssued(unrecorded)
            } catch {
                throw IssuerError(.ledger, error.reason)
            }
            unrecorded.removeAll(keepingCapacity: true)
            lastRecorded = BatchClock.seconds()
        }

        /// Reads the next chunk of rows; nil at the end of the roster. The chunk's bad rows are reported when it is
        /// finished, in the order they were found.
        func readChunk() throws(IssuerError) -> BatchChunk? {
            var rows: [BatchChunk.Row] = []
            rows.reserveCapacity(options.chunkSize)
            var badRows: [BatchSummary.BadRow] = []
            keysInChunk.removeAll(keepingCapacity: true)
            while !endOfRoster && rows.count < options.chunkSize {
                guard let record = try reader.next() else {
                    endOfRoster = true
                    break
                }
                summary.rows += 1
                if let problem = record.problem {
                    badRows.append(.init(line: record.line, reason: problem))
                    continue
                }
                do throws(IssuerError) {
                    let request = try Self.request(
                        from: record, columns: columns, options: options, rosterFolder: rosterFolder)
                    let key = Self.rowKey(request, achievementID: options.achievement.id)
                    if !keysInChunk.insert(key).inserted {
                        summary.alreadyIssued += 1  // the same row twice: issued once
                        continue
                    }
                    rows.append(BatchChunk.Row(line: record.line, key: key, request: request))
                } catch {
                    badRows.append(.init(line: record.line, reason: error.reason))
                }
            }
            if rows.isEmpty && badRows.isEmpty { return nil }
            return BatchChunk(rows: rows, reserved: [], toSign: [], badRows: badRows)
        }

        /// Reads up to `count` chunks and reserves their rows in one ledger transaction (one commit to wait for,
        /// and each ledger page written once, for several chunks); they join `queue`.
        func readAndReserve(_ count: Int) throws(IssuerError) {
            var chunks: [BatchChunk] = []
            while chunks.count < count, let chunk = try readChunk() { chunks.append(chunk) }
            let reservations = chunks.flatMap(\.rows).map { row in
                CredentialReservation(
                    rowKey: row.key, credentialID: CredentialIdentifier.make(), recipient: row.request.recipient.ledgerKey,
                    suspendable: options.suspendable, batchID: batchID)
            }
            var reserved: [ReservedCredential] = []
            if !reservations.isEmpty {
                do {
                    reserved = try ledger.reserve(reservations)
                } catch {
                    throw IssuerError(.ledger, error.reason)
                }
            }
            var offset = 0
            for var chunk in chunks {
                chunk.reserved = Array(reserved[offset..<(offset + chunk.rows.count)])
                offset += chunk.rows.count
                var issuedBefore: [String] = []
                for (index, reservation) in chunk.reserved.enumerated() {
                    let digest = RowDigest(reservation.rowKey)
                    if signedThisRun.contains(digest) {
                        summary.alreadyIssued += 1  // the same row as one further up: issued once
                        continue
                    }
                    switch reservation.state {
                    case .pending:
                        signedThisRun.insert(digest)
                        chunk.toSign.append(index)
                    case .issued:
                        summary.alreadyIssued += 1
                        issuedBefore.append(reservation.rowKey)
                    }
                }
                if !issuedBefore.isEmpty {
                    let records: [CredentialRecord]
                    do {
                        records = try ledger.credentials(rowKeys: issuedBefore)
                    } catch {
                        throw IssuerError(.ledger, error.reason)
                    }
                    for record in records where !(record.outputPath.map(FileIO.exists) ?? false) {
                        let line = chunk.rows.first { $0.key == record.rowKey }?.line ?? 0
                        chunk.badRows.append(.init(
                            line: line,
                            reason: "\(record.id) is recorded as issued, but its file \(record.outputPath ?? "") is missing"))
                    }
                }
                queue.append(chunk)
            }
        }

        /// Writes out a signed chunk (its JSON Lines part), records it when it is time, and reports progress.
        func finish(_ round: BatchSigningRound) throws(IssuerError) {
            let chunk = round.chunk
            summary.badRows += chunk.badRows
            var updates: [IssuedUpdate] = []
            updates.reserveCapacity(chunk.toSign.count)
            var lines: [[UInt8]] = []
            for slot in 0..<chunk.toSign.count {
                switch round.results.get(slot) {
                case .success(let done)?:
                    updates.append(done.update)
                    if let line = done.line { lines.append(line) }
                case .failure(let error)?:
                    summary.badRows.append(.init(line: chunk.rows[chunk.toSign[slot]].line, reason: error.description))
                case nil: break
                }
            }
            if jsonLines != nil, !updates.isEmpty {
                // One part per chunk, named by its first roster line and its credentials, so a rerun of a chunk
                // that never got recorded rewrites the same part rather than adding a second copy.
                let ids = Hex.encode(SHA256.hash(Array(updates.map(\.credentialID).joined(separator: "\n").utf8)))
                let first = chunk.rows[chunk.toSign[0]].line
                let name = "part-" + String(repeating: "0", count: max(0, 10 - String(first).count)) + String(first)
                    + "-" + ids.prefix(16) + ".jsonl"
                try FileIO.write(pieces: lines, to: FileIO.join(outputDirectory, name), durable: false)
            }
            unrecorded += updates
            try record(force: false)
            summary.issued += updates.count
            // The chunk's credentials were made on the signing threads and are freed here: give the memory they
            // leave free in those threads' heaps back, so a long batch does not grow.
            #if canImport(Glibc)
            _ = releaseFreeHeapMemory(0)
            #endif
            progress(BatchProgress(
                rowsRead: summary.rows, rowsEstimated: estimated, issued: summary.issued,
                alreadyIssued: summary.alreadyIssued, badRows: summary.badRows.count))
        }

        // The pipeline: at most one chunk is being signed; meanwhile the ones after it are read and reserved (a
        // few chunks per ledger transaction), and the one before is written out and recorded. The first chunk is
        // reserved alone, so signing starts at once.
        var running: BatchSigningRound? = nil
        defer { running?.wait() }
        try readAndReserve(1)
        if !queue.isEmpty {
            running = job.start(queue.removeFirst())
            try readAndReserve(Self.chunksPerReservation)
            while let current = running {
                current.wait()
                running = queue.isEmpty ? nil : job.start(queue.removeFirst())
                try finish(current)
                if queue.isEmpty && !endOfRoster {
                    try readAndReserve(Self.chunksPerReservation)
                    if running == nil && !queue.isEmpty { running = job.start(queue.removeFirst()) }
                }
            }
        }
        try record(force: true)
        if let jsonLines {
            // The file is every part, in roster order; parts stay as the record a rerun assembles from again.
            let parts = try FileIO.list(outputDirectory).filter { $0.hasPrefix("part-") && $0.hasSuffix(".jsonl") }
            summary.outputLines = try FileIO.concatenate(parts.map { FileIO.join(outputDirectory, $0) }, to: jsonLines)
        }
        do {
            try ledger.finishBatch(
                id: batchID, finishedAt: options.now, issuedCount: summary.issued, failedCount: summary.badRows.count)
        } catch {
            throw IssuerError(.ledger, error.reason)
        }
        if let reason = options.overrideRubric, summary.issued > 0 {
            try recordRubricOverride(subject: batchID, reason: reason, now: options.now)
        }
        // New status lists (and new entries in them) are published at once, so verifiers find them.
        _ = try publishStatusLists(now: options.now)
        return summary
    }

    /// The roster's SHA-256 (hex) and an estimate of its rows (its line count, less the header).
    static func rosterFacts(_ path: String) throws(IssuerError) -> (digest: String, rows: Int) {
        let bytes = try FileIO.read(path, limit: 1 << 30)
        let lines = bytes.withUnsafeBufferPointer { FileIO.countNewlines($0) }
        return (Hex.encode(SHA256.hash(bytes)), max(0, lines - 1))
    }

    /// Signs a reserved credential with a given signer (batch path).
    func sign(
        _ request: IssueRequest, reserved: ReservedCredential, signer: CredentialSigner, now: String,
        compact: Bool = false
    ) throws(IssuerError) -> SignedCredential {
        try sign(
            request, reserved: reserved, signer: signer, proofOptions: try signer.proofOptions(created: now),
            template: CredentialTemplate(achievement: request.achievement, issuer: config.issuer), schemaMemo: nil,
            now: now, compact: compact)
    }

    /// Signs a reserved credential of a batch: the proof options, the credential template and the schema memo
    /// are the batch's.
    func sign(
        _ request: IssueRequest, reserved: ReservedCredential, signer: CredentialSigner,
        proofOptions: DataIntegrityProof?, template: CredentialTemplate, schemaMemo: SchemaMemo?, now: String,
        compact: Bool
    ) throws(IssuerError) -> SignedCredential {
        var status = [
            CredentialDraft.StatusEntry(
                purpose: reserved.revocation.purpose.rawValue, listURL: reserved.revocation.listURL,
                index: reserved.revocation.index)
        ]
        if let suspension = reserved.suspension {
            status.append(CredentialDraft.StatusEntry(
                purpose: suspension.purpose.rawValue, listURL: suspension.listURL, index: suspension.index))
        }
        // eddsa-rdfc-2022 signing expands the credential in safe mode itself; the other formats are checked here.
        let credential = try unsignedCredential(
            request, id: reserved.credentialID, status: status, validFrom: now,
            checkSafeMode: signer.format != .eddsaRdfc2022, template: template, schemaMemo: schemaMemo)
        return try signer.sign(credential.json, with: proofOptions, compact: compact)
    }

    /// The request for one roster row; problems name the column.
    static func request(
        from record: CSVReader.Record, columns: [String], options: BatchOptions, rosterFolder: String
    ) throws(IssuerError) -> IssueRequest {
        guard record.fields.count >= columns.count else {
            let missing = columns[record.fields.count...].map { "'\($0)'" }.joined(separator: ", ")
            throw IssuerError(.csv, "missing column \(missing) (the row has \(record.fields.count) of \(columns.count) fields)")
        }
        guard record.fields.count == columns.count else {
            throw IssuerError(.csv, "\(record.fields.count) fields, but the header has \(columns.count)")
        }
        var values: [String: String] = [:]
        for (column, field) in zip(columns, record.fields) {
            let trimmed = String(field.trimmingWhitespace)
            if !trimmed.isEmpty { values[column] = trimmed }
        }
        guard let recipientText = values["recipient"] else {
            throw IssuerError(.csv, "the recipient is empty")
        }
        func wrap<T>(_ body: () throws(IssuerError) -> T) throws(IssuerError) -> T {
            do {
                return try body()
            } catch {
                throw IssuerError(error.code, "\(error.field.map { "\($0): " } ?? "")\(error.reason)")
            }
        }
        let recipient = try wrap { () throws(IssuerError) in try Recipient(recipientText) }
        let results = try wrap { () throws(IssuerError) in try parseResults(values["results"] ?? "") }
        var evidence: [EvidenceInput] = []
        let evidenceText: String = values["evidence"] ?? ""
        for part in evidenceText.splitting(";") {
            let item = String(String(part).trimmingWhitespace)
            if item.isEmpty { continue }
            evidence.append(try wrap { () throws(IssuerError) in try evidenceInput(item, relativeTo: rosterFolder) })
        }
        var request = IssueRequest(
            achievement: options.achievement, recipient: recipient, recipientName: values["name"], results: results,
            evidence: evidence, narrative: values["narrative"],
            validFrom: values["valid_from"].map { DateTimeZ(dateOrDateTime: $0)?.string ?? $0 },
            validUntil: values["valid_until"].map { DateTimeZ(dateOrDateTime: $0)?.string ?? $0 },
            format: options.format, suspendable: options.suspendable)
        request.overrideRubric = options.overrideRubric
        try wrap { () throws(IssuerError) in try request.validate() }
        return request
    }

    /// `criterion=level;criterion=level`.
    public static func parseResults(_ text: String) throws(IssuerError) -> [(criterion: String, level: String)] {
        var out: [(criterion: String, level: String)] = []
        for item in text.splitting(";") {
            let parts = String(item).splitting("=", maxSplits: 1).map { String(String($0).trimmingWhitespace) }
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw IssuerError(.invalidField, "'\(item)' is not CRITERION=LEVEL", field: "results")
            }
            out.append((parts[0], parts[1]))
        }
        return out
    }

    /// An evidence argument: an http(s) URL, or a file whose SHA-256 binds it to the credential.
    public static func evidenceInput(_ text: String, relativeTo folder: String = "") throws(IssuerError) -> EvidenceInput {
        if text.hasPrefix("https://") || text.hasPrefix("http://") {
            return .url(text)
        }
        let path = folder.isEmpty ? text : FileIO.join(folder, text)
        guard FileIO.exists(path) else {
            throw IssuerError(.invalidField, "'\(text)' is neither an http(s) URL nor an existing file", field: "evidence")
        }
        let bytes = try FileIO.read(path, limit: 1 << 30)
        let name = String(text.split(separator: "/").last ?? Substring(text))
        return .file(name: name, sha256: SHA256.hash(bytes), mediaType: mediaType(forFileName: name))
    }

    static func mediaType(forFileName name: String) -> String? {
        let known: [String: String] = [
            "pdf": "application/pdf", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
            "svg": "image/svg+xml", "txt": "text/plain", "md": "text/markdown", "html": "text/html",
            "mp4": "video/mp4", "zip": "application/zip", "json": "application/json",
        ]
        guard let dot = name.lastIndex(of: ".") else { return nil }
        return known[name[name.index(after: dot)...].lowercased()]
    }

    /// The idempotency key of a row: SHA-256 over the achievement and everything the row says.
    static func rowKey(_ request: IssueRequest, achievementID: String) -> String {
        // laurel-row-v1 NUL achievement NUL recipient NUL name NUL results NUL evidence NUL narrative NUL
        // validFrom NUL validUntil, as UTF-8.
        var text: [UInt8] = []
        text.reserveCapacity(256)
        text += "laurel-row-v1\u{0}".utf8
        text += achievementID.utf8
        text.append(0)
        text += request.recipient.ledgerKey.utf8
        text.append(0)
        text += (request.recipientName ?? "").utf8
        text.append(0)
        for (position, result) in request.results.enumerated() {
            if position > 0 { text.append(UInt8(ascii: ";")) }
            text += result.criterion.utf8
            text.append(UInt8(ascii: "="))
            text += result.level.utf8
        }
        text.append(0)
        for (position, evidence) in request.evidence.enumerated() {
            if position > 0 { text.append(UInt8(ascii: ";")) }
            switch evidence {
            case .url(let url, _): text += url.utf8
            case .file(let name, let digest, _): text += (name + "#" + Hex.encode(digest)).utf8
            }
        }
        text.append(0)
        text += (request.narrative ?? "").utf8
        text.append(0)
        text += (request.validFrom ?? "").utf8
        text.append(0)
        text += (request.validUntil ?? "").utf8
        return "row-" + Hex.encode(SHA256.hash(text))
    }
}

extension String {
    /// `split(separator:maxSplits:)` (empty parts omitted) for an ASCII separator, by bytes when the text is ASCII
    /// (where every byte is a Character, so the parts are the same), else by Characters.
    func splitting(_ separator: Character, maxSplits: Int = Int.max) -> [Substring] {
        guard let byte = separator.asciiValue, utf8.allSatisfy({ $0 < 0x80 }) else {
            return split(separator: separator, maxSplits: maxSplits)
        }
        var parts: [Substring] = []
        let bytes = utf8
        var start = bytes.startIndex
        if maxSplits == 0 || bytes.isEmpty {
            if start != bytes.endIndex { parts.append(self[start...]) }
            return parts
        }
        var end = start
        while end != bytes.endIndex {
            if bytes[end] == byte {
                let appended = start != end
                if appended { parts.append(self[start..<end]) }
                end = bytes.index(after: end)
                start = end
                if appended && parts.count == maxSplits { break }
                continue
            }
            end = bytes.index(after: end)
        }
        if start != bytes.endIndex { parts.append(self[start...]) }
        return parts
    }
}

/// Slots written by parallel workers, each slot by exactly one worker, read after they all finish.
final class ResultSlots<Value>: @unchecked Sendable {
    // @unchecked: every slot is written by one worker only, and read after the workers finish.
    private var slots: [Value?]

    init(count: Int) {
        slots = Array(repeating: nil, count: count)
    }

    func set(_ index: Int, _ value: Value) {
        slots.withUnsafeMutableBufferPointer { $0[index] = value }
    }

    func get(_ index: Int) -> Value? {
        slots[index]
    }
}

/// A row key's digest, its first 128 bits as two words, for remembering the rows of a run in little memory (two
/// different rows share them with a probability of about 10^-29 in a roster of 100,000).
struct RowDigest: Hashable {
    var high: UInt64, low: UInt64

    /// From `row-<64 hex digits>`; any other key is hashed first (never the case for keys made by `rowKey`).
    init(_ key: String) {
        var utf8 = Array(key.utf8)
        if !(utf8.count == 68 && key.hasPrefix("row-")) { utf8 = Array(("row-" + Hex.encode(SHA256.hash(utf8))).utf8) }
        var words: (UInt64, UInt64) = (0, 0)
        for position in 0..<32 {
            let character = utf8[4 + position]
            let value: UInt64
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt64(character - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = UInt64(character - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = UInt64(character - UInt8(ascii: "A") + 10)
            default: value = UInt64(character & 0x0F)
            }
            if position < 16 { words.0 = words.0 << 4 | value } else { words.1 = words.1 << 4 | value }
        }
        (high, low) = words
    }
}

/// Rows of a batch read and reserved together, and which of them to sign.
struct BatchChunk: Sendable {
    struct Row: Sendable {
        var line: Int
        var key: String
        var request: IssueRequest
    }

    var rows: [Row]
    var reserved: [ReservedCredential]
    /// Positions in `rows` (and `reserved`) of the credentials to sign.
    var toSign: [Int]
    /// Rows that cannot be issued, found while reading and reserving.
    var badRows: [BatchSummary.BadRow]
}

/// What every credential of a batch is signed with, and the signing threads' own schema memos.
final class BatchSigningJob: @unchecked Sendable {
    // @unchecked: the memos are mutable, but memo `w` is only used by signing thread `w` of the one round that
    // runs at a time; everything else is immutable.
    let workspace: Workspace
    let signer: CredentialSigner
    let template: CredentialTemplate
    let now: String
    let jsonLines: String?
    let outputDirectory: String
    let workers: Int
    private(set) var proofOptions: DataIntegrityProof?
    private let memos: [SchemaMemo]

    init(
        workspace: Workspace, signer: CredentialSigner, template: CredentialTemplate, now: String, jsonLines: String?,
        outputDirectory: String, workers: Int
    ) {
        self.workspace = workspace
        self.signer = signer
        self.template = template
        self.now = now
        self.jsonLines = jsonLines
        self.outputDirectory = outputDirectory
        self.workers = workers
        memos = (0..<workers).map { _ in SchemaMemo() }
    }

    func prepare() throws(IssuerError) {
        proofOptions = try signer.proofOptions(created: now)
    }

    /// Starts signing `chunk` on the signing threads.
    func start(_ chunk: BatchChunk) -> BatchSigningRound {
        let round = BatchSigningRound(chunk: chunk)
        for worker in 0..<min(workers, chunk.toSign.count) {
            DispatchQueue.global(qos: .userInitiated).async(group: round.group) {
                while true {
                    let slot = round.claim()
                    guard slot < chunk.toSign.count else { return }
                    round.results.set(slot, self.sign(chunk, slot: slot, memo: self.memos[worker]))
                }
            }
        }
        return round
    }

    private func sign(
        _ chunk: BatchChunk, slot: Int, memo: SchemaMemo
    ) -> Swift.Result<(update: IssuedUpdate, line: [UInt8]?), IssuerError> {
        let index = chunk.toSign[slot]
        let reservation = chunk.reserved[index]
        return Swift.Result { () throws(IssuerError) -> (update: IssuedUpdate, line: [UInt8]?) in
            var signed = try workspace.sign(
                chunk.rows[index].request, reserved: reservation, signer: signer, proofOptions: proofOptions,
                template: template, schemaMemo: memo, now: now, compact: jsonLines != nil)
            if let jsonLines {
                if signed.bytes.last != 0x0A { signed.bytes.append(0x0A) }
                let update = IssuedUpdate(
                    credentialID: reservation.credentialID, outputPath: jsonLines,
                    sha256: Hex.encode(SHA256.hash(signed.bytes)), proofSuite: signed.format.rawValue, issuedAt: now)
                return (update, signed.bytes)
            }
            let path = FileIO.join(outputDirectory, Workspace.fileName(for: reservation.credentialID, signed))
            try FileIO.write(signed.bytes, to: path, durable: false)
            return (IssuedUpdate(
                credentialID: reservation.credentialID, outputPath: path,
                sha256: Hex.encode(SHA256.hash(signed.bytes)), proofSuite: signed.format.rawValue,
                issuedAt: now), nil)
        }
    }
}

/// One chunk being signed: its results, filled in by the signing threads.
final class BatchSigningRound: Sendable {
    let chunk: BatchChunk
    let results: ResultSlots<Swift.Result<(update: IssuedUpdate, line: [UInt8]?), IssuerError>>
    let group = DispatchGroup()
    private let next = Atomic<Int>(0)

    init(chunk: BatchChunk) {
        self.chunk = chunk
        results = ResultSlots(count: chunk.toSign.count)
    }

    /// The next slot to sign (slots past the end mean the round is done).
    func claim() -> Int {
        next.add(1, ordering: .relaxed).oldValue
    }

    func wait() {
        group.wait()
    }
}

enum BatchClock {
    static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

#if canImport(Glibc)
/// glibc's `malloc_trim` (declared in `malloc.h`, which the Glibc module leaves out): returns the free pages of
/// every heap to the system.
@_silgen_name("malloc_trim")
func releaseFreeHeapMemory(_ pad: Int) -> Int32
#endif

func activeProcessorCount() -> Int {
    Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}

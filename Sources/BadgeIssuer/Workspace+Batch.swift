#if canImport(Glibc)
import Glibc
#endif
import CSV
import Dispatch
import BadgeStore
import OpenBadges
internal import BadgeCrypto

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
}

extension Workspace {
    /// Seconds between recording signed (and written) credentials as issued. Rows signed but not yet recorded are
    /// re-signed by a rerun with the same id and status index.
    static let recordInterval: Double = 2

    public static let rosterColumns: Set<String> = [
        "recipient", "name", "results", "evidence", "narrative", "valid_from", "valid_until",
    ]

    /// Issues every good row of the roster; bad rows are listed in the summary and the rest still issued.
    public func issueBatch(
        _ options: BatchOptions, progress: (BatchProgress) -> Void = { _ in }
    ) throws(IssuerError) -> BatchSummary {
        let rosterBytes = try FileIO.read(options.rosterPath, limit: 1 << 30)
        let rosterDigest = Hex.encode(SHA256.hash(rosterBytes))
        let estimated = max(0, rosterBytes.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } - 1)
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
        let signer = signer(options.format)
        let workers = options.workers > 0 ? options.workers : max(1, activeProcessorCount())
        var chunk: [(line: Int, key: String, request: IssueRequest)] = []
        var keysInChunk: Set<String> = []
        // Written files are recorded as issued every couple of seconds, and flushed to disk once, at the end of the
        // batch (a `sync` while other programs write would cost more than the signing). A crash of the program loses
        // nothing written; rows reserved but not yet recorded are re-signed by a rerun, and a rerun reports any file
        // recorded as issued that a power cut lost.
        var unrecorded: [IssuedUpdate] = []
        var lastRecorded = BatchClock.seconds()

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

        func flush() throws(IssuerError) {
            guard !chunk.isEmpty else { return }
            defer {
                chunk.removeAll(keepingCapacity: true)
                keysInChunk.removeAll(keepingCapacity: true)
            }
            let reservations = chunk.map { row in
                CredentialReservation(
                    rowKey: row.key, credentialID: CredentialIdentifier.make(), recipient: row.request.recipient.ledgerKey,
                    suspendable: options.suspendable, batchID: batchID)
            }
            let reserved: [ReservedCredential]
            do {
                reserved = try ledger.reserve(reservations)
            } catch {
                throw IssuerError(.ledger, error.reason)
            }
            let toSign = reserved.indices.filter { reserved[$0].state == .pending }
            summary.alreadyIssued += reserved.count - toSign.count
            let issuedBefore = reserved.filter { $0.state == .issued }.map(\.credentialID)
            if !issuedBefore.isEmpty {
                var records: [CredentialRecord] = []
                do {
                    for id in issuedBefore {
                        if let record = try ledger.credential(id: id) { records.append(record) }
                    }
                } catch {
                    throw IssuerError(.ledger, error.reason)
                }
                for record in records where !(record.outputPath.map(FileIO.exists) ?? false) {
                    let line = chunk.first { $0.key == record.rowKey }?.line ?? 0
                    summary.badRows.append(.init(
                        line: line,
                        reason: "\(record.id) is recorded as issued, but its file \(record.outputPath ?? "") is missing"))
                }
            }
            let results = ResultSlots<Swift.Result<(update: IssuedUpdate, line: [UInt8]?), IssuerError>>(count: toSign.count)
            let work = chunk
            let now = options.now
            DispatchQueue.concurrentPerform(iterations: min(workers, max(1, toSign.count))) { worker in
                var slot = worker
                while slot < toSign.count {
                    let index = toSign[slot]
                    let reservation = reserved[index]
                    results.set(slot, Swift.Result { () throws(IssuerError) -> (update: IssuedUpdate, line: [UInt8]?) in
                        var signed = try self.sign(
                            work[index].request, reserved: reservation, signer: signer, now: now, compact: jsonLines != nil)
                        if let jsonLines {
                            if signed.bytes.last != 0x0A { signed.bytes.append(0x0A) }
                            let update = IssuedUpdate(
                                credentialID: reservation.credentialID, outputPath: jsonLines,
                                sha256: Hex.encode(SHA256.hash(signed.bytes)), proofSuite: signed.format.rawValue,
                                issuedAt: now)
                            return (update, signed.bytes)
                        }
                        let path = FileIO.join(outputDirectory, Self.fileName(for: reservation.credentialID, signed))
                        try FileIO.write(signed.bytes, to: path, durable: false)
                        return (IssuedUpdate(
                            credentialID: reservation.credentialID, outputPath: path,
                            sha256: Hex.encode(SHA256.hash(signed.bytes)), proofSuite: signed.format.rawValue,
                            issuedAt: now), nil)
                    })
                    slot += workers
                }
            }
            var updates: [IssuedUpdate] = []
            var lines: [UInt8] = []
            for slot in 0..<toSign.count {
                switch results.get(slot) {
                case .success(let done)?:
                    updates.append(done.update)
                    if let line = done.line { lines += line }
                case .failure(let error)?:
                    summary.badRows.append(.init(line: work[toSign[slot]].line, reason: error.description))
                case nil: break
                }
            }
            if jsonLines != nil, !updates.isEmpty {
                // One part per chunk, named by its first roster line and its credentials, so a rerun of a chunk
                // that never got recorded rewrites the same part rather than adding a second copy.
                let ids = Hex.encode(SHA256.hash(Array(updates.map(\.credentialID).joined(separator: "\n").utf8)))
                let first = work[toSign[0]].line
                let name = "part-" + String(repeating: "0", count: max(0, 10 - String(first).count)) + String(first)
                    + "-" + ids.prefix(16) + ".jsonl"
                try FileIO.write(lines, to: FileIO.join(outputDirectory, name), durable: false)
            }
            unrecorded += updates
            try record(force: false)
            summary.issued += updates.count
            progress(BatchProgress(
                rowsRead: summary.rows, rowsEstimated: estimated, issued: summary.issued,
                alreadyIssued: summary.alreadyIssued, badRows: summary.badRows.count))
        }

        while let record = try reader.next() {
            summary.rows += 1
            if let problem = record.problem {
                summary.badRows.append(.init(line: record.line, reason: problem))
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
                chunk.append((record.line, key, request))
            } catch {
                summary.badRows.append(.init(line: record.line, reason: error.reason))
            }
            if chunk.count >= options.chunkSize { try flush() }
        }
        try flush()
        try record(force: true)
        if let jsonLines {
            // The file is every part, in roster order; parts stay as the record a rerun assembles from again.
            let parts = try FileIO.list(outputDirectory).filter { $0.hasPrefix("part-") && $0.hasSuffix(".jsonl") }
            try FileIO.concatenate(parts.map { FileIO.join(outputDirectory, $0) }, to: jsonLines)
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

    /// Signs a reserved credential with a given signer (batch path).
    func sign(
        _ request: IssueRequest, reserved: ReservedCredential, signer: CredentialSigner, now: String,
        compact: Bool = false
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
        let credential = try unsignedCredential(
            request, id: reserved.credentialID, status: status, validFrom: now,
            checkSafeMode: signer.format != .eddsaRdfc2022)
        return try signer.sign(credential.json, created: now, compact: compact)
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
        for part in evidenceText.split(separator: ";") {
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
        for item in text.split(separator: ";") {
            let parts = item.split(separator: "=", maxSplits: 1).map { String(String($0).trimmingWhitespace) }
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
        var text = "laurel-row-v1\u{0}\(achievementID)\u{0}\(request.recipient.ledgerKey)\u{0}\(request.recipientName ?? "")"
        text += "\u{0}" + request.results.map { "\($0.criterion)=\($0.level)" }.joined(separator: ";")
        text += "\u{0}" + request.evidence.map { evidence in
            switch evidence {
            case .url(let url, _): url
            case .file(let name, let digest, _): name + "#" + Hex.encode(digest)
            }
        }.joined(separator: ";")
        text += "\u{0}\(request.narrative ?? "")\u{0}\(request.validFrom ?? "")\u{0}\(request.validUntil ?? "")"
        return "row-" + Hex.encode(SHA256.hash(Array(text.utf8)))
    }
}

/// Slots written by parallel workers, each slot by exactly one worker, read after they all finish.
final class ResultSlots<Value>: @unchecked Sendable {
    // @unchecked: every slot is written by one worker only, and read after concurrentPerform returns.
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

enum BatchClock {
    static func seconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}

func activeProcessorCount() -> Int {
    Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}

import GRDB

extension Ledger {
    /// Reserves credentials in one transaction: each new row key gets a `pending` credential with a random
    /// entry in the open revocation list (and, if asked, in the open suspension list).
    ///
    /// Reserving is idempotent on `rowKey`: a key reserved before (by an earlier call, an interrupted run, or
    /// earlier in the same array) is returned as it is stored — same credential id, same status entries, and
    /// its current state — and never duplicated. A rerun therefore signs exactly the credentials still
    /// `pending`, with the ids and indexes they were first given.
    ///
    /// - Returns: one result per reservation, in the same order.
    /// Status indexes are drawn with the operating system's cryptographically secure generator, uniformly among
    /// the free entries of the open list (herd privacy: an index tells nothing of when a credential was issued).
    /// The commit is on disk before the call returns, so an index signed into a credential is never handed out
    /// again.
    ///
    /// - Throws: `invalidInput` (empty or too long text), `rowKeyConflict` (a key reserved for another
    ///   recipient), `duplicateCredentialID` (a new key with an id that another key holds), `unknownBatch`
    ///   (a batch id that was never started), `database`. On error nothing is reserved.
    public func reserve(_ reservations: [CredentialReservation]) throws(LedgerError) -> [ReservedCredential] {
        try checkRowCount(reservations.count, "reservations")
        for reservation in reservations {
            try check(reservation.rowKey, "row key")
            try check(reservation.credentialID, "credential id of row key '\(reservation.rowKey)'")
            try check(reservation.recipient, "recipient of row key '\(reservation.rowKey)'")
            try check(reservation.batchID, "batch id of row key '\(reservation.rowKey)'")
        }
        guard !reservations.isEmpty else { return [] }
        let now = clock()
        try checkTime(now, "time given by the ledger's clock")
        let settings = self.settings
        let place = self.place
        return try write("reserve \(reservations.count) credentials") { db in
            try Self.checkBatchesExist(reservations, db, place: place)
            var allocator = StatusListAllocator(settings: settings, now: now)
            var results: [ReservedCredential] = []
            results.reserveCapacity(reservations.count)
            var seen: [String: Int] = [:]
            let existing = try Self.existingReservations(
                keys: reservations.map(\.rowKey), db, allocator: &allocator)
            var inserts = InsertBuffer(now: now)
            for reservation in reservations {
                if let earlier = seen[reservation.rowKey] {
                    var result = results[earlier]
                    try Self.checkSameRecipient(result.recipient, reservation, place: place)
                    result.isNew = false
                    results.append(result)
                    continue
                }
                seen[reservation.rowKey] = results.count
                if let stored = existing[reservation.rowKey] {
                    try Self.checkSameRecipient(stored.recipient, reservation, place: place)
                    results.append(stored)
                    continue
                }
                let revocation = try allocator.allocate(.revocation, db)
                let suspension = reservation.suspendable ? try allocator.allocate(.suspension, db) : nil
                try inserts.add(reservation, revocation: revocation, suspension: suspension, db, place: place)
                results.append(
                    ReservedCredential(
                        rowKey: reservation.rowKey, credentialID: reservation.credentialID,
                        recipient: reservation.recipient, state: .pending, isNew: true, revocation: revocation,
                        suspension: suspension))
            }
            try inserts.flush(db, place: place)
            try allocator.save(db)
            return results
        }
    }

    /// Fails with `unknownBatch` if a reservation names a batch that was never started.
    private static func checkBatchesExist(
        _ reservations: [CredentialReservation], _ db: Database, place: String
    ) throws {
        let named = Set(reservations.compactMap(\.batchID))
        for batchID in named.sorted() where try !BatchRecord.exists(db, key: batchID) {
            let rowKey = reservations.first { $0.batchID == batchID }?.rowKey ?? ""
            throw LedgerError(
                .unknownBatch,
                "row key '\(rowKey)' names batch '\(batchID)', which was never started in \(place)")
        }
    }

    /// The reservations already stored under any of these row keys, by key.
    private static func existingReservations(
        keys: [String], _ db: Database, allocator: inout StatusListAllocator
    ) throws -> [String: ReservedCredential] {
        var found: [String: ReservedCredential] = [:]
        let unique = Array(Set(keys))
        var start = 0
        while start < unique.count {
            let end = min(start + 500, unique.count)
            let placeholders = repeatElement("?", count: end - start).joined(separator: ", ")
            let statement = try db.cachedStatement(
                sql: """
                    SELECT row_key, id, recipient, state, revocation_list_id, revocation_index, suspension_list_id,
                        suspension_index
                    FROM credentials WHERE row_key IN (\(placeholders))
                    """)
            let rows = try Row.fetchCursor(statement, arguments: StatementArguments(unique[start..<end]))
            while let row = try rows.next() {
                let revocationList: Int64 = row[4]
                var suspension: StatusEntry?
                if let listID: Int64 = row[6] {
                    suspension = StatusEntry(
                        purpose: .suspension, listID: listID, listURL: try allocator.url(ofList: listID, db),
                        index: row[7])
                }
                let reserved = ReservedCredential(
                    rowKey: row[0], credentialID: row[1], recipient: row[2],
                    state: CredentialState(rawValue: row[3]) ?? .pending, isNew: false,
                    revocation: StatusEntry(
                        purpose: .revocation, listID: revocationList,
                        listURL: try allocator.url(ofList: revocationList, db), index: row[5]),
                    suspension: suspension)
                found[reserved.rowKey] = reserved
            }
            start = end
        }
        return found
    }

    private static func checkSameRecipient(
        _ stored: String, _ reservation: CredentialReservation, place: String
    ) throws {
        guard stored == reservation.recipient else {
            throw LedgerError(
                .rowKeyConflict,
                "row key '\(reservation.rowKey)' was reserved in \(place) for recipient '\(stored)', "
                    + "not '\(reservation.recipient)'; give each row its own key")
        }
    }

    /// Records that credentials were signed and written: state `issued`, output path, SHA-256 of the file and
    /// proof suite. One transaction; marking a credential again (a re-signed file) replaces those values.
    ///
    /// - Throws: `unknownCredential` naming the first id not in the ledger, `invalidInput` for a malformed
    ///   digest or empty field. On error nothing is marked.
    public func markIssued(_ updates: [IssuedUpdate]) throws(LedgerError) {
        try checkRowCount(updates.count, "updates")
        var digests: [String] = []
        digests.reserveCapacity(updates.count)
        for update in updates {
            try check(update.credentialID, "credential id")
            try check(update.outputPath, "output path of credential \(update.credentialID)")
            try check(update.proofSuite, "proof suite of credential \(update.credentialID)")
            if let issuedAt = update.issuedAt {
                try checkTime(issuedAt, "issue time of credential \(update.credentialID)")
            }
            digests.append(try checkedDigest(update.sha256, "SHA-256 of credential \(update.credentialID)"))
        }
        guard !updates.isEmpty else { return }
        let now = clock()
        try checkTime(now, "time given by the ledger's clock")
        let place = self.place
        // A lost mark (power loss right after) only makes a rerun sign the credential again, under the same
        // id and status index; so this commit need not wait for the disk.
        try write("mark \(updates.count) credentials issued", durability: .deferred) { db in
            // Several rows per statement (an UPDATE … FROM a VALUES list); an id given twice keeps its last values.
            var rows: [String: Int] = [:]
            var values: [[DatabaseValue]] = []
            for (update, digest) in zip(updates, digests) {
                let row: [DatabaseValue] = [
                    (update.issuedAt ?? now).databaseValue, update.outputPath.databaseValue, digest.databaseValue,
                    update.proofSuite.databaseValue, update.credentialID.databaseValue,
                ]
                if let index = rows[update.credentialID] {
                    values[index] = row
                } else {
                    rows[update.credentialID] = values.count
                    values.append(row)
                }
            }
            var start = 0
            while start < values.count {
                let group = values[start..<min(start + Self.rowsPerStatement, values.count)]
                var arguments: [DatabaseValue] = []
                arguments.reserveCapacity(group.count * 5)
                for row in group { arguments += row }
                let tuples = repeatElement("(?, ?, ?, ?, ?)", count: group.count).joined(separator: ", ")
                let statement = try db.cachedStatement(
                    sql: """
                        UPDATE credentials SET state = 'issued', issued_at = v.column1, output_path = v.column2,
                            sha256 = v.column3, proof_suite = v.column4
                        FROM (VALUES \(tuples)) AS v WHERE credentials.id = v.column5
                        """)
                try statement.execute(arguments: StatementArguments(arguments))
                if db.changesCount != group.count {
                    let ids = group.map { $0[4] }
                    let placeholders = repeatElement("?", count: ids.count).joined(separator: ", ")
                    let known = try Set(
                        String.fetchAll(
                            db, sql: "SELECT id FROM credentials WHERE id IN (\(placeholders))",
                            arguments: StatementArguments(ids)))
                    let missing = ids.compactMap { String.fromDatabaseValue($0) }.first { !known.contains($0) } ?? "?"
                    throw LedgerError(
                        .unknownCredential, "cannot mark credential \(missing) issued: it is not in \(place)")
                }
                start += group.count
            }
        }
    }

    /// How many rows one INSERT or UPDATE statement carries.
    static let rowsPerStatement = 100

    /// The credential with this id, or nil.
    public func credential(id: String) throws(LedgerError) -> CredentialRecord? {
        try read("read credential \(id)") { db in try CredentialRecord.fetchOne(db, key: id) }
    }

    /// The credentials reserved under these row keys, in the order of the keys; unknown keys are skipped.
    public func credentials(rowKeys: [String]) throws(LedgerError) -> [CredentialRecord] {
        guard !rowKeys.isEmpty else { return [] }
        return try read("read credentials by row key") { db in
            var byKey: [String: CredentialRecord] = [:]
            var start = 0
            while start < rowKeys.count {
                let chunk = Array(rowKeys[start..<min(start + 500, rowKeys.count)])
                start += chunk.count
                let found = try CredentialRecord.filter(chunk.contains(Column("row_key"))).fetchAll(db)
                for record in found { byKey[record.rowKey] = record }
            }
            var seen = Set<String>()
            return rowKeys.compactMap { key in seen.insert(key).inserted ? byKey[key] : nil }
        }
    }

    /// The credentials of one recipient, oldest reservation first.
    public func credentials(recipient: String) throws(LedgerError) -> [CredentialRecord] {
        try read("read the credentials of \(recipient)") { db in
            try CredentialRecord.filter(Column("recipient") == recipient)
                .order(Column("reserved_at"), Column("rowid")).fetchAll(db)
        }
    }

    /// The credentials in a state, oldest reservation first (for example the `pending` ones a rerun must sign).
    public func credentials(state: CredentialState, limit: Int? = nil) throws(LedgerError) -> [CredentialRecord] {
        try read("read \(state.rawValue) credentials") { db in
            let request = CredentialRecord.filter(Column("state") == state.rawValue)
                .order(Column("reserved_at"), Column("rowid"))
            return try (limit.map { request.limit(max($0, 0)) } ?? request).fetchAll(db)
        }
    }

    /// The credentials of one batch, in reservation order.
    public func credentials(batchID: String) throws(LedgerError) -> [CredentialRecord] {
        try read("read the credentials of batch \(batchID)") { db in
            try CredentialRecord.filter(Column("batch_id") == batchID).order(Column("rowid")).fetchAll(db)
        }
    }

    /// How many credentials the ledger holds, by state.
    public func counts() throws(LedgerError) -> LedgerCounts {
        try read("count credentials") { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*),
                        TOTAL(state = 'pending'), TOTAL(state = 'issued'), TOTAL(revoked_at IS NOT NULL),
                        TOTAL(suspended_at IS NOT NULL AND revoked_at IS NULL)
                    FROM credentials
                    """)
            guard let row else { return LedgerCounts(total: 0, pending: 0, issued: 0, revoked: 0, suspended: 0) }
            return LedgerCounts(
                total: row[0], pending: Int(row[1] as Double), issued: Int(row[2] as Double),
                revoked: Int(row[3] as Double), suspended: Int(row[4] as Double))
        }
    }
}

/// New credential rows, written a hundred per INSERT statement.
private struct InsertBuffer {
    let now: String
    private var values: [DatabaseValue] = []
    private var reservations: [CredentialReservation] = []
    private var ids = Set<String>()

    init(now: String) {
        self.now = now
    }

    mutating func add(
        _ reservation: CredentialReservation, revocation: StatusEntry, suspension: StatusEntry?, _ db: Database,
        place: String
    ) throws {
        guard ids.insert(reservation.credentialID).inserted else {
            throw Self.duplicate(reservation, place: place)
        }
        values += [
            reservation.credentialID.databaseValue, reservation.rowKey.databaseValue,
            reservation.recipient.databaseValue, now.databaseValue, revocation.listID.databaseValue,
            revocation.index.databaseValue, suspension?.listID.databaseValue ?? .null,
            suspension?.index.databaseValue ?? .null, reservation.batchID?.databaseValue ?? .null,
        ]
        reservations.append(reservation)
        if reservations.count == Ledger.rowsPerStatement { try flush(db, place: place) }
    }

    mutating func flush(_ db: Database, place: String) throws {
        guard !reservations.isEmpty else { return }
        let tuples = repeatElement("(?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)", count: reservations.count)
            .joined(separator: ", ")
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO credentials (id, row_key, recipient, state, reserved_at, revocation_list_id,
                    revocation_index, suspension_list_id, suspension_index, batch_id)
                VALUES \(tuples)
                """)
        do {
            try statement.execute(arguments: StatementArguments(values))
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY {
            // Which id is taken: ask for the ids of this group that are already stored.
            let placeholders = repeatElement("?", count: reservations.count).joined(separator: ", ")
            let taken = try Set(
                String.fetchAll(
                    db, sql: "SELECT id FROM credentials WHERE id IN (\(placeholders))",
                    arguments: StatementArguments(reservations.map(\.credentialID))))
            let culprit = reservations.first { taken.contains($0.credentialID) } ?? reservations[0]
            throw Self.duplicate(culprit, place: place)
        }
        values.removeAll(keepingCapacity: true)
        reservations.removeAll(keepingCapacity: true)
    }

    private static func duplicate(_ reservation: CredentialReservation, place: String) -> LedgerError {
        LedgerError(
            .duplicateCredentialID,
            "credential id \(reservation.credentialID) (row key '\(reservation.rowKey)') is already used by "
                + "another row in \(place)")
    }
}

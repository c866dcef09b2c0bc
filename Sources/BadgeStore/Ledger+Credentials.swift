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
    /// - Throws: `invalidInput` (empty or too long text), `rowKeyConflict` (a key reserved for another
    ///   recipient), `duplicateCredentialID` (a new key with an id that another key holds), `database`
    ///   (for example a batch id that was never started). On error nothing is reserved.
    public func reserve(_ reservations: [CredentialReservation]) throws(LedgerError) -> [ReservedCredential] {
        for reservation in reservations {
            try check(reservation.rowKey, "row key")
            try check(reservation.credentialID, "credential id of row key '\(reservation.rowKey)'")
            try check(reservation.recipient, "recipient of row key '\(reservation.rowKey)'")
            try check(reservation.batchID, "batch id of row key '\(reservation.rowKey)'")
        }
        guard !reservations.isEmpty else { return [] }
        let now = clock()
        let settings = self.settings
        let place = self.place
        return try write("reserve \(reservations.count) credentials") { db in
            var allocator = StatusListAllocator(settings: settings, now: now)
            var results: [ReservedCredential] = []
            results.reserveCapacity(reservations.count)
            var seen: [String: Int] = [:]
            let lookup = try db.cachedStatement(
                sql: """
                    SELECT id, recipient, state, revocation_list_id, revocation_index, suspension_list_id,
                        suspension_index
                    FROM credentials WHERE row_key = ?
                    """)
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO credentials (id, row_key, recipient, state, reserved_at, revocation_list_id,
                        revocation_index, suspension_list_id, suspension_index, batch_id)
                    VALUES (?, ?, ?, 'pending', ?, ?, ?, ?, ?, ?)
                    """)
            for reservation in reservations {
                if let earlier = seen[reservation.rowKey] {
                    var result = results[earlier]
                    try Self.checkSameRecipient(result.recipient, reservation, place: place)
                    result.isNew = false
                    results.append(result)
                    continue
                }
                seen[reservation.rowKey] = results.count
                if let row = try Row.fetchOne(lookup, arguments: [reservation.rowKey]) {
                    let recipient: String = row[1]
                    try Self.checkSameRecipient(recipient, reservation, place: place)
                    let revocationList: Int64 = row[3]
                    var suspension: StatusEntry?
                    if let listID: Int64 = row[5] {
                        suspension = StatusEntry(
                            purpose: .suspension, listID: listID, listURL: try allocator.url(ofList: listID, db),
                            index: row[6])
                    }
                    results.append(
                        ReservedCredential(
                            rowKey: reservation.rowKey, credentialID: row[0], recipient: recipient,
                            state: CredentialState(rawValue: row[2]) ?? .pending, isNew: false,
                            revocation: StatusEntry(
                                purpose: .revocation, listID: revocationList,
                                listURL: try allocator.url(ofList: revocationList, db), index: row[4]),
                            suspension: suspension))
                    continue
                }
                let revocation = try allocator.allocate(.revocation, db)
                let suspension = reservation.suspendable ? try allocator.allocate(.suspension, db) : nil
                do {
                    try insert.execute(arguments: [
                        reservation.credentialID, reservation.rowKey, reservation.recipient, now,
                        revocation.listID, revocation.index, suspension?.listID, suspension?.index,
                        reservation.batchID,
                    ])
                } catch let error as DatabaseError {
                    throw Self.insertError(error, reservation, place: place)
                }
                results.append(
                    ReservedCredential(
                        rowKey: reservation.rowKey, credentialID: reservation.credentialID,
                        recipient: reservation.recipient, state: .pending, isNew: true, revocation: revocation,
                        suspension: suspension))
            }
            try allocator.save(db)
            return results
        }
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

    private static func insertError(
        _ error: DatabaseError, _ reservation: CredentialReservation, place: String
    ) -> LedgerError {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_PRIMARYKEY:
            return LedgerError(
                .duplicateCredentialID,
                "credential id \(reservation.credentialID) (row key '\(reservation.rowKey)') is already used "
                    + "by another row in \(place)")
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return LedgerError(
                .unknownBatch,
                "row key '\(reservation.rowKey)' names batch '\(reservation.batchID ?? "")', which was never "
                    + "started in \(place)")
        default:
            return LedgerError(
                .database,
                "could not reserve row key '\(reservation.rowKey)' in \(place): \(describe(error))")
        }
    }

    /// Records that credentials were signed and written: state `issued`, output path, SHA-256 of the file and
    /// proof suite. One transaction; marking a credential again (a re-signed file) replaces those values.
    ///
    /// - Throws: `unknownCredential` naming the first id not in the ledger, `invalidInput` for a malformed
    ///   digest or empty field. On error nothing is marked.
    public func markIssued(_ updates: [IssuedUpdate]) throws(LedgerError) {
        var digests: [String] = []
        digests.reserveCapacity(updates.count)
        for update in updates {
            try check(update.credentialID, "credential id")
            try check(update.outputPath, "output path of credential \(update.credentialID)")
            try check(update.proofSuite, "proof suite of credential \(update.credentialID)")
            try check(update.issuedAt, "issue time of credential \(update.credentialID)")
            digests.append(try checkedDigest(update.sha256, "SHA-256 of credential \(update.credentialID)"))
        }
        guard !updates.isEmpty else { return }
        let now = clock()
        let place = self.place
        try write("mark \(updates.count) credentials issued") { db in
            let statement = try db.cachedStatement(
                sql: """
                    UPDATE credentials SET state = 'issued', issued_at = ?, output_path = ?, sha256 = ?,
                        proof_suite = ?
                    WHERE id = ?
                    """)
            for (update, digest) in zip(updates, digests) {
                try statement.execute(arguments: [
                    update.issuedAt ?? now, update.outputPath, digest, update.proofSuite, update.credentialID,
                ])
                if db.changesCount != 1 {
                    throw LedgerError(
                        .unknownCredential,
                        "cannot mark credential \(update.credentialID) issued: it is not in \(place)")
                }
            }
        }
    }

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

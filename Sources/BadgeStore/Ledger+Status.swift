import GRDB

extension Ledger {
    /// Revokes a credential: its bit in its revocation list is set, for ever (Bitstring Status List:
    /// revocation "is not reversible"). The change is recorded in `status_events` with its time.
    ///
    /// - Parameters:
    ///   - reason: why, for the issuer's records (not published).
    ///   - at: when the revocation takes effect, as an XML Schema dateTime.
    /// - Throws: `unknownCredential` naming the id, `alreadyRevoked`. On error nothing changes.
    public func revoke(credentialID: String, reason: String? = nil, at: String) throws(LedgerError) {
        try changeStatus(.revoke, credentialID: credentialID, reason: reason, at: at)
    }

    /// Suspends a credential: its bit in its suspension list is set until it is unsuspended.
    ///
    /// - Throws: `unknownCredential`, `notSuspendable` (reserved without a suspension entry), `alreadyRevoked`,
    ///   `alreadySuspended`. On error nothing changes.
    public func suspend(credentialID: String, reason: String? = nil, at: String) throws(LedgerError) {
        try changeStatus(.suspend, credentialID: credentialID, reason: reason, at: at)
    }

    /// Lifts a credential's suspension: its bit in its suspension list is cleared.
    ///
    /// - Throws: `unknownCredential`, `alreadyRevoked` (revocation is permanent), `notSuspended`.
    ///   On error nothing changes.
    public func unsuspend(credentialID: String, reason: String? = nil, at: String) throws(LedgerError) {
        try changeStatus(.unsuspend, credentialID: credentialID, reason: reason, at: at)
    }

    private func changeStatus(
        _ action: StatusEventRecord.Action, credentialID: String, reason: String?, at: String
    ) throws(LedgerError) {
        try check(credentialID, "credential id")
        try check(reason, "reason")
        try checkTime(at, "time of the status change of credential \(credentialID)")
        let place = self.place
        try write("\(action.rawValue) credential \(credentialID)") { db in
            guard let credential = try CredentialRecord.fetchOne(db, key: credentialID) else {
                throw LedgerError(
                    .unknownCredential, "cannot \(action.rawValue) credential \(credentialID): it is not in \(place)")
            }
            if let revokedAt = credential.revokedAt {
                throw LedgerError(
                    .alreadyRevoked,
                    "cannot \(action.rawValue) credential \(credentialID): it was revoked at \(revokedAt), "
                        + "and revocation is permanent")
            }
            switch action {
            case .revoke:
                try db.execute(
                    sql: "UPDATE credentials SET revoked_at = ?, revocation_reason = ? WHERE id = ?",
                    arguments: [at, reason, credentialID])
            case .suspend:
                guard credential.suspensionListID != nil else {
                    throw LedgerError(
                        .notSuspendable,
                        "cannot suspend credential \(credentialID): it was reserved without a suspension "
                            + "status entry (revoke it instead)")
                }
                if let suspendedAt = credential.suspendedAt {
                    throw LedgerError(
                        .alreadySuspended,
                        "cannot suspend credential \(credentialID): it has been suspended since \(suspendedAt)")
                }
                try db.execute(
                    sql: "UPDATE credentials SET suspended_at = ?, suspension_reason = ? WHERE id = ?",
                    arguments: [at, reason, credentialID])
            case .unsuspend:
                guard credential.suspendedAt != nil else {
                    throw LedgerError(
                        .notSuspended, "cannot unsuspend credential \(credentialID): it is not suspended")
                }
                try db.execute(
                    sql: "UPDATE credentials SET suspended_at = NULL, suspension_reason = NULL WHERE id = ?",
                    arguments: [credentialID])
            }
            try db.execute(
                sql: "INSERT INTO status_events (credential_id, action, reason, at) VALUES (?, ?, ?, ?)",
                arguments: [credentialID, action.rawValue, reason, at])
        }
    }

    /// The status changes of one credential, oldest first.
    public func statusEvents(credentialID: String) throws(LedgerError) -> [StatusEventRecord] {
        try read("read the status history of \(credentialID)") { db in
            try StatusEventRecord.filter(Column("credential_id") == credentialID).order(Column("id")).fetchAll(db)
        }
    }

    /// Every status list, by purpose then number.
    public func statusLists() throws(LedgerError) -> [StatusListRecord] {
        try read("read the status lists") { db in
            try StatusListRecord.order(Column("purpose"), Column("sequence")).fetchAll(db)
        }
    }

    /// The status list published at `url`, or nil.
    public func statusList(url: String) throws(LedgerError) -> StatusListRecord? {
        try read("find status list \(url)") { db in
            try StatusListRecord.filter(Column("url") == url).fetchOne(db)
        }
    }

    /// The bitstring of a status list, ready to be compressed and published as its `encodedList`: `size / 8`
    /// bytes, entry 0 the most significant bit of byte 0 (Bitstring Status List v1.0). In a revocation list
    /// the bits of revoked credentials are set; in a suspension list those of currently suspended ones.
    ///
    /// - Throws: `unknownStatusList` naming the id.
    public func statusBits(listID: Int64) throws(LedgerError) -> [UInt8] {
        let place = self.place
        return try read("read status list \(listID)") { db in
            guard let list = try StatusListRecord.fetchOne(db, key: listID) else {
                throw LedgerError(.unknownStatusList, "there is no status list \(listID) in \(place)")
            }
            let sql =
                switch list.purpose {
                case .revocation:
                    "SELECT revocation_index FROM credentials WHERE revocation_list_id = ? AND revoked_at IS NOT NULL"
                case .suspension:
                    "SELECT suspension_index FROM credentials WHERE suspension_list_id = ? AND suspended_at IS NOT NULL"
                }
            var bits = [UInt8](repeating: 0, count: list.size / 8)
            let indexes = try Int.fetchCursor(db, sql: sql, arguments: [listID])
            while let index = try indexes.next() {
                guard index >= 0, index < list.size else {
                    throw LedgerError(
                        .database,
                        "status list \(list.url) holds index \(index) beyond its size; the ledger is damaged")
                }
                bits[index >> 3] |= 0x80 >> UInt8(index & 7)
            }
            return bits
        }
    }
}

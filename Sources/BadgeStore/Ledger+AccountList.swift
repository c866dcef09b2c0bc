import GRDB

extension Ledger {
    /// The address as accounts store it (lower-cased), after the same checks `upsertAccount` makes: it must look
    /// like an address (`local@domain`). A name, when given, is checked for length too.
    public func checkedAccount(email: String, name: String? = nil) throws(LedgerError) -> String {
        let email = try checkedEmail(email)
        try check(name, "name of \(email)")
        return email
    }

    /// Adds or updates many accounts in one transaction (a list of invitations): every row is checked before
    /// anything is written, and on any error nothing is. A row's name, when given, replaces the stored one; its
    /// role, when given, replaces the stored one, and when nil an existing account keeps its role and a new one
    /// gets `defaultRole`. An address given twice is refused. Returns each account as stored afterwards and
    /// whether it is new, in the order given.
    public func upsertAccounts(
        _ rows: [(email: String, name: String?, role: AccountRole?)], defaultRole: AccountRole, now: String
    ) throws(LedgerError) -> [(account: AccountRecord, created: Bool)] {
        try checkTime(now, "time")
        try checkRowCount(rows.count, "accounts")
        var checked: [(email: String, name: String?, role: AccountRole?)] = []
        var seen: Set<String> = []
        for row in rows {
            let email = try checkedAccount(email: row.email, name: row.name)
            guard seen.insert(email).inserted else {
                throw LedgerError(.invalidInput, "the address \(email) is given twice")
            }
            checked.append((email, row.name.flatMap { $0.isEmpty ? nil : $0 }, row.role))
        }
        return try write("add \(checked.count) accounts") { [checked] db in
            var out: [(account: AccountRecord, created: Bool)] = []
            for row in checked {
                if var existing = try AccountRecord.filter(Column("email") == row.email).fetchOne(db) {
                    if let name = row.name { existing.name = name }
                    if let role = row.role { existing.role = role }
                    try existing.update(db)
                    out.append((existing, false))
                } else {
                    let account = AccountRecord(
                        id: "acct-" + Self.randomHex(), email: row.email, name: row.name,
                        role: row.role ?? defaultRole, createdAt: now)
                    try account.insert(db)
                    out.append((account, true))
                }
            }
            return out
        }
    }
}

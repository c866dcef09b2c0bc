import Foundation
import GRDB

extension Ledger {
    /// Checks the ledger's consistency and returns the problems found, in plain words (empty when sound).
    ///
    /// Checks SQLite's own structure (`PRAGMA quick_check`) and foreign keys, and that every status list's
    /// allocation record holds exactly the entries its credentials use: each entry in range and given to one
    /// credential only. The ledger never writes anything else, so a problem means the file was changed by
    /// another program or damaged. Reads the whole ledger: run it as an audit, not per request.
    public func checkIntegrity() throws(LedgerError) -> [String] {
        try read("check the integrity") { db in
            var problems: [String] = []
            let quick = try String.fetchAll(db, sql: "PRAGMA quick_check")
            if quick != ["ok"] { problems += quick.map { "SQLite structure: \($0)" } }
            let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            for row in orphans.prefix(20) {
                let (table, rowID, parent) = (row[0] ?? "?", row[1] ?? "?", row[2] ?? "?")
                problems.append("row \(rowID) of table \(table) refers to a missing \(parent) row")
            }
            for list in try StatusListRecord.order(Column("id")).fetchAll(db) {
                problems += try Self.checkList(list, db)
            }
            return problems
        }
    }

    private static func checkList(_ list: StatusListRecord, _ db: Database) throws -> [String] {
        var problems: [String] = []
        let blob = try Data.fetchOne(
            db, sql: "SELECT bitmap FROM status_list_allocations WHERE list_id = ?", arguments: [list.id])
        guard let blob, let allocation = StatusAllocation(bytes: [UInt8](blob), size: list.size) else {
            return ["status list \(list.url) has no valid allocation record"]
        }
        if allocation.allocated != list.allocated {
            problems.append(
                "status list \(list.url) counts \(list.allocated) entries but its allocation record holds "
                    + "\(allocation.allocated)")
        }
        let sql =
            switch list.purpose {
            case .revocation: "SELECT id, revocation_index FROM credentials WHERE revocation_list_id = ?"
            case .suspension: "SELECT id, suspension_index FROM credentials WHERE suspension_list_id = ?"
            }
        var used = StatusAllocation(size: list.size)
        var owners: [Int: String] = [:]
        let rows = try Row.fetchCursor(db, sql: sql, arguments: [list.id])
        while let row = try rows.next() {
            let id: String = row[0]
            let index: Int = row[1]
            guard index >= 0, index < list.size else {
                problems.append("credential \(id) has index \(index), outside status list \(list.url)")
                continue
            }
            if used.contains(index) {
                problems.append(
                    "credential \(id) shares index \(index) of status list \(list.url) with another credential")
            } else {
                used.mark(index)
                if !allocation.contains(index) {
                    owners[index] = id
                }
            }
        }
        for (index, id) in owners.sorted(by: { $0.key < $1.key }).prefix(20) {
            problems.append("credential \(id) uses index \(index) of status list \(list.url), which is not allocated")
        }
        let unused = allocation.allocated - (used.allocated - owners.count)
        if unused > 0 {
            problems.append("\(unused) allocated entries of status list \(list.url) are held by no credential")
        }
        return problems
    }
}

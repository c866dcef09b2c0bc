import Foundation
import GRDB

/// Hands out status-list entries inside one write transaction.
///
/// For each purpose it loads the open list (the first that is not full) and its allocation bitmap once,
/// allocates in memory, opens the next list when one fills, and writes the bitmaps and counts back in
/// `save`. The unique indexes on the credentials' entries back the bitmap up: an entry given twice would
/// fail the transaction, never be stored.
struct StatusListAllocator {
    private struct OpenList {
        var record: StatusListRecord
        var allocation: StatusAllocation
        var changed = false
    }

    private let settings: LedgerSettings
    private let now: String
    private var open: [StatusPurpose: OpenList] = [:]
    private var urls: [Int64: String] = [:]
    private var generator = SecureRandomGenerator()

    init(settings: LedgerSettings, now: String) {
        self.settings = settings
        self.now = now
    }

    /// One free entry of the open list for `purpose`, chosen at random; opens a new list when needed.
    mutating func allocate(_ purpose: StatusPurpose, _ db: Database) throws -> StatusEntry {
        if open[purpose] == nil || open[purpose]!.allocation.isFull {
            if var full = open.removeValue(forKey: purpose) {
                try Self.save(&full, db)
            }
            open[purpose] = try Self.loadOrCreate(purpose, settings: settings, now: now, db)
        }
        guard let index = open[purpose]!.allocation.allocate(using: &generator) else {
            preconditionFailure("a list that is not full has a free entry")
        }
        open[purpose]!.changed = true
        open[purpose]!.record.allocated += 1
        let record = open[purpose]!.record
        return StatusEntry(purpose: purpose, listID: record.id, listURL: record.url, index: index)
    }

    /// The URL of list `id` (for entries reserved earlier).
    mutating func url(ofList id: Int64, _ db: Database) throws -> String {
        if let url = urls[id] { return url }
        guard let url = try String.fetchOne(db, sql: "SELECT url FROM status_lists WHERE id = ?", arguments: [id])
        else {
            throw LedgerError(.database, "status list \(id) named by a credential is missing from the ledger")
        }
        urls[id] = url
        return url
    }

    /// Writes back the bitmaps and counts of the lists that changed.
    mutating func save(_ db: Database) throws {
        for purpose in open.keys {
            try Self.save(&open[purpose]!, db)
        }
    }

    private static func save(_ list: inout OpenList, _ db: Database) throws {
        guard list.changed else { return }
        try db.cachedStatement(sql: "UPDATE status_lists SET allocated = ? WHERE id = ?")
            .execute(arguments: [list.allocation.allocated, list.record.id])
        try db.cachedStatement(sql: "UPDATE status_list_allocations SET bitmap = ? WHERE list_id = ?")
            .execute(arguments: [Data(list.allocation.bytes), list.record.id])
        list.changed = false
    }

    private static func loadOrCreate(
        _ purpose: StatusPurpose, settings: LedgerSettings, now: String, _ db: Database
    ) throws -> OpenList {
        if let record = try StatusListRecord.fetchOne(
            db,
            sql: "SELECT * FROM status_lists WHERE purpose = ? AND allocated < size ORDER BY sequence LIMIT 1",
            arguments: [purpose.rawValue])
        {
            let blob = try Data.fetchOne(
                db, sql: "SELECT bitmap FROM status_list_allocations WHERE list_id = ?", arguments: [record.id])
            guard let blob, let allocation = StatusAllocation(bytes: [UInt8](blob), size: record.size),
                allocation.allocated == record.allocated
            else {
                throw LedgerError(
                    .database,
                    "the allocation record of status list \(record.url) is missing or does not match its count; "
                        + "the ledger is damaged")
            }
            return OpenList(record: record, allocation: allocation)
        }
        let sequence =
            try Int.fetchOne(
                db, sql: "SELECT COALESCE(MAX(sequence), 0) + 1 FROM status_lists WHERE purpose = ?",
                arguments: [purpose.rawValue]) ?? 1
        let url = settings.listURL(purpose: purpose, sequence: sequence)
        try db.execute(
            sql: """
                INSERT INTO status_lists (purpose, sequence, url, size, allocated, created_at)
                VALUES (?, ?, ?, ?, 0, ?)
                """,
            arguments: [purpose.rawValue, sequence, url, settings.statusListSize, now])
        let id = db.lastInsertedRowID
        let allocation = StatusAllocation(size: settings.statusListSize)
        try db.execute(
            sql: "INSERT INTO status_list_allocations (list_id, bitmap) VALUES (?, ?)",
            arguments: [id, Data(allocation.bytes)])
        let record = StatusListRecord(
            id: id, purpose: purpose, sequence: sequence, url: url, size: settings.statusListSize, allocated: 0,
            createdAt: now)
        return OpenList(record: record, allocation: allocation)
    }
}

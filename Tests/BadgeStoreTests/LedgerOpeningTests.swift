import BadgeStore
import Foundation
import GRDB
import Testing

@Suite struct LedgerOpeningTests {
    static let migrations = [
        "v1-credentials", "v2-batches", "v3-events", "v4-lighter-indexes", "v5-learning", "v6-accounts",
        "v7-credential-offers", "v8-claim-links",
    ]

    @Test("a new ledger file gets every named migration, and reopening keeps its settings and data")
    func migratesAndReopens() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ledger.sqlite")
        do {
            let ledger = try Ledger.open(at: path, settings: try settings(), clock: fixedClock)
            #expect(try ledger.appliedMigrations() == Self.migrations)
            #expect(ledger.settings.baseURL == "https://issuer.example")
            _ = try ledger.reserve(reservations(3))
        }
        #expect(FileManager.default.fileExists(atPath: path))
        let reopened = try Ledger.open(at: path)
        #expect(try reopened.appliedMigrations() == Self.migrations)
        #expect(reopened.settings == (try settings()))
        #expect(try reopened.counts().total == 3)
        #expect(try reopened.credential(id: "urn:uuid:batch-1-2")?.recipient == "learner2@example.org")
    }

    @Test("a ledger made by the first three migrations is upgraded in place and keeps its rows")
    func upgradesShippedSchema() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ledger.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try Ledger.migrator.migrate(queue, upTo: "v3-events")
            try queue.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO ledger_settings (key, value)
                        VALUES ('base_url', 'https://issuer.example'), ('status_list_size', '131072')
                        """)
            }
            #expect(try queue.read { db in try db.indexes(on: "credentials").map(\.name) }.contains("credentials_pending"))
        }
        let ledger = try Ledger.open(at: path)
        _ = try ledger.reserve(reservations(5))
        #expect(try ledger.appliedMigrations() == Self.migrations)
        let indexes = try DatabaseQueue(path: path).read { db in try db.indexes(on: "credentials").map(\.name) }
        #expect(!indexes.contains("credentials_pending") && !indexes.contains("credentials_revocation_entry"))
        #expect(indexes.contains("credentials_recipient"))
        #expect(try Ledger.open(at: path).counts().total == 5)
    }

    @Test("a ledger whose v1 schema lacks the dropped indexes still upgrades")
    func upgradesLeanV1() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ledger.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try Ledger.migrator.migrate(queue, upTo: "v3-events")
            try queue.write { db in
                try db.execute(
                    sql: """
                        DROP INDEX credentials_revocation_entry;
                        DROP INDEX credentials_suspension_entry;
                        DROP INDEX credentials_pending;
                        """)
            }
        }
        let ledger = try Ledger.open(at: path, settings: try settings())
        #expect(try ledger.appliedMigrations() == Self.migrations)
    }

    @Test("a ledger that a newer Laurel migrated further is refused, not changed")
    func newerLedger() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ledger.sqlite")
        _ = try Ledger.open(at: path, settings: try settings())
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        let error = #expect(throws: LedgerError.self) { try Ledger.open(at: path) }
        #expect(error?.code == .notALedger)
        #expect(error?.reason.contains("newer version of Laurel") == true)
    }

    @Test("the file ledger runs in write-ahead-log mode")
    func walMode() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ledger.sqlite")
        let ledger = try Ledger.open(at: path, settings: try settings())
        _ = try ledger.reserve(reservations(1))
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test("creating a ledger without settings fails and says what is missing")
    func creationNeedsSettings() throws {
        let folder = try TemporaryFolder()
        let error = #expect(throws: LedgerError.self) { try Ledger.open(at: folder.path("new.sqlite")) }
        #expect(error?.code == .invalidSettings)
        #expect(error?.reason.contains("base URL") == true)
    }

    @Test("reopening with different settings fails instead of changing where lists are published")
    func settingsMismatch() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ledger.sqlite")
        _ = try Ledger.open(at: path, settings: try settings())
        let other = try LedgerSettings(baseURL: "https://other.example")
        let error = #expect(throws: LedgerError.self) { try Ledger.open(at: path, settings: other) }
        #expect(error?.code == .invalidSettings)
        #expect(error?.reason.contains("https://issuer.example") == true)
    }

    @Test("a file that is not SQLite is refused, naming the file")
    func notSQLite() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("notes.txt")
        try Data(String(repeating: "not a database\n", count: 100).utf8).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: LedgerError.self) { try Ledger.open(at: path, settings: try settings()) }
        #expect(error?.code == .notALedger)
        #expect(error?.reason.contains(path) == true)
    }

    @Test("another program's SQLite database is refused and left untouched")
    func foreignDatabase() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("other.sqlite")
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)") }
        }
        let error = #expect(throws: LedgerError.self) { try Ledger.open(at: path, settings: try settings()) }
        #expect(error?.code == .notALedger)
        #expect(error?.reason.contains("another program") == true)
        let tables = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables == ["notes"])
    }

    @Test("a folder that does not exist cannot hold a ledger, and the error names the path")
    func missingFolder() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("missing/ledger.sqlite")
        let error = #expect(throws: LedgerError.self) { try Ledger.open(at: path, settings: try settings()) }
        #expect(error?.code == .cannotOpen)
        #expect(error?.reason.contains(path) == true)
    }

    @Test("settings check the base URL and the list size")
    func settingsChecks() throws {
        #expect(try LedgerSettings(baseURL: "https://issuer.example///").baseURL == "https://issuer.example")
        for bad in ["", "issuer.example", "ftp://issuer.example", "https://", "https://a.example/?x=1",
            "https://a.example/#f", "https://a example"]
        {
            #expect(throws: LedgerError.self) { try LedgerSettings(baseURL: bad) }
        }
        #expect(throws: LedgerError.self) { try LedgerSettings(baseURL: "https://a.example", statusListSize: 1024) }
        #expect(throws: LedgerError.self) {
            try LedgerSettings(baseURL: "https://a.example", statusListSize: 131_073)
        }
        #expect(try LedgerSettings(baseURL: "https://a.example", statusListSize: 262_144).statusListSize == 262_144)
    }
}

import Foundation
import GRDB

/// Gives the current time as an XML Schema dateTime in UTC (for example `2026-05-01T12:00:00Z`).
public typealias LedgerClock = @Sendable () -> String

/// The issuer's ledger: an embedded SQLite database that is the source of truth for the credentials it has
/// reserved and issued, their revocation and suspension, the Bitstring Status Lists that publish them,
/// batch runs and an audit log.
///
/// A file ledger uses SQLite's write-ahead log: any number of threads read at once while one writer writes,
/// and every write is one transaction, so a failure (or a crash) leaves the ledger as it was before the
/// call. Reservations and status changes are on disk before their call returns; `markIssued` commits without
/// waiting for the disk (a mark lost to a power cut only makes a rerun sign that credential again). Foreign
/// keys are enforced. The schema is built by named migrations that run when the ledger is opened.
///
/// The type is `Sendable`: share one value between threads and tasks; writes are serialized.
///
/// ```swift
/// let settings = try LedgerSettings(baseURL: "https://issuer.example")
/// let ledger = try Ledger.open(at: "workspace/ledger.sqlite", settings: settings)
/// let reserved = try ledger.reserve([CredentialReservation(rowKey: "batch-1#2", recipient: "ada@example.org")])
/// // … sign a credential with reserved[0].credentialID and reserved[0].revocation, write it …
/// try ledger.markIssued([IssuedUpdate(credentialID: reserved[0].credentialID, outputPath: "out/2.json",
///                                     sha256: digestHex, proofSuite: "eddsa-rdfc-2022")])
/// ```
public struct Ledger: Sendable {
    /// The database file, or `:memory:`.
    public let path: String
    /// The workspace settings stored in the ledger.
    public let settings: LedgerSettings
    let writer: any DatabaseWriter
    let clock: LedgerClock

    /// The current time in UTC, to the second.
    public static let systemClock: LedgerClock = { Date().ISO8601Format() }

    /// Opens the ledger at `path`, creating the file if it does not exist, and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - settings: required when the ledger is created (they are stored in it); when given for an
    ///     existing ledger they must equal the stored ones.
    ///   - clock: the time recorded for reservations and issuance when the caller gives none.
    /// - Throws: `cannotOpen` (no such folder, no permission), `notALedger` (not SQLite, another program's
    ///   database, or a ledger written by a newer Laurel), `migrationFailed`, `invalidSettings`.
    public static func open(
        at path: String, settings: LedgerSettings? = nil, clock: @escaping LedgerClock = Ledger.systemClock
    ) throws(LedgerError) -> Ledger {
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file:") else {
            throw LedgerError(.cannotOpen, "'\(path)' is not a file path for a ledger")
        }
        if settings == nil, !FileManager.default.fileExists(atPath: path) {
            throw LedgerError(
                .invalidSettings,
                "there is no ledger at \(path) yet; give the issuer's base URL (settings) to create it")
        }
        // A new ledger holds learners' email addresses in clear: create it readable by its owner only (SQLite gives
        // its -wal and -shm files the database file's mode).
        if !FileManager.default.fileExists(atPath: path) {
            let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { _ = Foundation.close(fd) }
        }
        try inspect(path: path)
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: makeConfiguration(writeAheadLog: true))
        } catch {
            throw openError(error, path: path)
        }
        return try Ledger(writer: pool, path: path, requested: settings, clock: clock)
    }

    /// A new, empty ledger that lives in memory only (for tests and dry runs).
    public static func inMemory(
        settings: LedgerSettings, clock: @escaping LedgerClock = Ledger.systemClock
    ) throws(LedgerError) -> Ledger {
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(configuration: makeConfiguration(writeAheadLog: false))
        } catch {
            throw openError(error, path: ":memory:")
        }
        return try Ledger(writer: queue, path: ":memory:", requested: settings, clock: clock)
    }

    private init(
        writer: any DatabaseWriter, path: String, requested: LedgerSettings?, clock: @escaping LedgerClock
    ) throws(LedgerError) {
        self.writer = writer
        self.path = path
        self.clock = clock
        let place = path == ":memory:" ? "the in-memory ledger" : "the ledger at \(path)"
        do {
            try Self.migrator.migrate(writer)
        } catch {
            throw LedgerError(.migrationFailed, "could not update the schema of \(place): \(Self.describe(error))")
        }
        let stored: LedgerSettings
        do {
            stored = try writer.write { db in try Self.loadOrStoreSettings(db, requested: requested, place: place) }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.database, "could not read the settings of \(place): \(Self.describe(error))")
        }
        self.settings = stored
    }

    /// Refuses, before anything is written to it, a file that is another program's database or a ledger
    /// written by a newer Laurel.
    private static func inspect(path: String) throws(LedgerError) {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { return }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            let (superseded, foreign) = try queue.read { db in
                let tables = try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                let tracked = try db.tableExists("grdb_migrations")
                return (try migrator.hasBeenSuperseded(db), !tracked && (tables ?? 0) > 0)
            }
            try queue.close()
            if foreign {
                throw LedgerError(.notALedger, "\(path) is an SQLite database of another program, not a Laurel ledger")
            }
            if superseded {
                throw LedgerError(
                    .notALedger,
                    "the ledger at \(path) was written by a newer version of Laurel; upgrade Laurel to open it")
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw openError(error, path: path)
        }
    }

    static func makeConfiguration(writeAheadLog: Bool) -> Configuration {
        var configuration = Configuration()
        configuration.label = "LaurelLedger"
        configuration.foreignKeysEnabled = true
        // Another process writing (a second `laurel` run) makes us wait rather than fail at once.
        configuration.busyMode = .timeout(10)
        if writeAheadLog { configuration.journalMode = .wal }
        // A page cache of up to 8 MiB per connection (SQLite's default is 2 MiB): the unique indexes on row keys
        // and recipients take every new credential to a random page, and a batch of 100,000 credentials would
        // otherwise read most of those pages back from the file for every chunk it reserves. Pages are cached
        // only as they are used, so a small ledger takes no more memory than before.
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA cache_size = -8192")
        }
        return configuration
    }

    private static func loadOrStoreSettings(
        _ db: Database, requested: LedgerSettings?, place: String
    ) throws -> LedgerSettings {
        let rows = try Row.fetchAll(db, sql: "SELECT key, value FROM ledger_settings")
        var values: [String: String] = [:]
        for row in rows { values[row["key"]] = row["value"] }
        guard let baseURL = values["base_url"], let sizeText = values["status_list_size"],
            let size = Int(sizeText)
        else {
            guard let requested else {
                throw LedgerError(
                    .invalidSettings,
                    "\(place) has no settings yet; give the issuer's base URL when creating it")
            }
            try db.execute(
                sql: "INSERT INTO ledger_settings (key, value) VALUES ('base_url', ?), ('status_list_size', ?)",
                arguments: [requested.baseURL, String(requested.statusListSize)])
            return requested
        }
        let stored = LedgerSettings(stored: baseURL, statusListSize: size)
        if let requested, requested != stored {
            throw LedgerError(
                .invalidSettings,
                "\(place) was created with base URL \(stored.baseURL) and status lists of \(stored.statusListSize) "
                    + "entries, not \(requested.baseURL) and \(requested.statusListSize)")
        }
        return stored
    }

    // MARK: - Transactions and errors

    /// Where this ledger is, for messages.
    var place: String { path == ":memory:" ? "the in-memory ledger" : "the ledger at \(path)" }

    /// How sure a commit must be to survive a power loss.
    enum Durability {
        /// The commit is on the disk before the call returns: for facts that must never be lost, such as a
        /// status index handed out (and signed into a credential) or a revocation.
        case synchronous
        /// The commit survives a crash of the program at once, and a power loss once the write-ahead log is
        /// next synced: for facts that a rerun recreates, such as "this credential was written".
        case deferred
    }

    /// Runs `body` in one write transaction; any error rolls the whole transaction back.
    func write<T>(
        _ action: String, durability: Durability = .synchronous, _ body: (Database) throws -> T
    ) throws(LedgerError) -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                let level = durability == .synchronous ? "FULL" : "NORMAL"
                try db.execute(sql: "PRAGMA synchronous = \(level)")
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { preconditionFailure("a committed transaction produced its result") }
                return result
            }
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.database, "could not \(action) in \(place): \(Self.describe(error))")
        }
    }

    /// Runs `body` on a consistent snapshot of the ledger.
    func read<T>(_ action: String, _ body: (Database) throws -> T) throws(LedgerError) -> T {
        do {
            return try writer.read(body)
        } catch let error as LedgerError {
            throw error
        } catch {
            throw LedgerError(.database, "could not \(action) in \(place): \(Self.describe(error))")
        }
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else { return String(describing: error) }
        let message = error.message ?? "SQLite error \(error.resultCode.rawValue)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return "\(message) (another process holds the ledger; try again when it has finished)"
        case .SQLITE_FULL:
            return "\(message) (the disk is full)"
        case .SQLITE_READONLY, .SQLITE_PERM:
            return "\(message) (the ledger file or its folder is not writable)"
        case .SQLITE_CORRUPT:
            return "\(message) (the file is damaged; restore it from a backup)"
        default:
            return message
        }
    }

    private static func openError(_ error: any Error, path: String) -> LedgerError {
        if let error = error as? DatabaseError, error.resultCode == .SQLITE_NOTADB {
            return LedgerError(.notALedger, "\(path) is not a Laurel ledger (the file is not an SQLite database)")
        }
        return LedgerError(.cannotOpen, "could not open the ledger at \(path): \(describe(error))")
    }
}

// MARK: - Input checks

extension Ledger {
    /// The longest text (in UTF-8 bytes) the ledger accepts in any field.
    public static let maximumTextLength = 4096

    func check(_ value: String, _ what: String, optional: Bool = false) throws(LedgerError) {
        if value.isEmpty && !optional {
            throw LedgerError(.invalidInput, "the \(what) is empty")
        }
        if value.utf8.count > Self.maximumTextLength {
            throw LedgerError(
                .invalidInput,
                "the \(what) '\(value.prefix(40))…' is longer than \(Self.maximumTextLength) bytes")
        }
    }

    func check(_ value: String?, _ what: String) throws(LedgerError) {
        if let value { try check(value, what, optional: true) }
    }

    /// The most rows one `reserve` or `markIssued` call takes (each call is one transaction held in memory).
    public static let maximumRowsPerCall = 100_000

    func checkRowCount(_ count: Int, _ what: String) throws(LedgerError) {
        guard count <= Self.maximumRowsPerCall else {
            throw LedgerError(
                .invalidInput,
                "\(count) \(what) in one call is more than \(Self.maximumRowsPerCall); split them into chunks")
        }
    }

    /// Checks that a time is an XML Schema dateTime with a time zone (`2026-05-01T12:00:00Z`,
    /// `2026-05-01T14:00:00.5+02:00`), the form credentials use.
    func checkTime(_ value: String, _ what: String) throws(LedgerError) {
        let bytes = Array(value.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= bytes.count && range.allSatisfy { bytes[$0] >= 48 && bytes[$0] <= 57 }
        }
        func byte(_ index: Int, _ character: Character) -> Bool {
            index < bytes.count && bytes[index] == character.asciiValue!
        }
        var valid = bytes.count <= 64 && digits(0..<4) && byte(4, "-") && digits(5..<7) && byte(7, "-")
            && digits(8..<10) && byte(10, "T") && digits(11..<13) && byte(13, ":") && digits(14..<16)
            && byte(16, ":") && digits(17..<19)
        if valid {
            var index = 19
            if byte(index, ".") {
                index += 1
                let start = index
                while index < bytes.count && bytes[index] >= 48 && bytes[index] <= 57 { index += 1 }
                valid = index > start
            }
            let zone = bytes.count - index
            valid = valid
                && ((zone == 1 && byte(index, "Z"))
                    || (zone == 6 && (byte(index, "+") || byte(index, "-")) && digits(index + 1..<index + 3)
                        && byte(index + 3, ":") && digits(index + 4..<index + 6)))
        }
        guard valid else {
            throw LedgerError(
                .invalidInput,
                "the \(what) '\(value.prefix(80))' is not a date and time with a zone, such as 2026-05-01T12:00:00Z")
        }
    }

    /// Checks a SHA-256 digest in hexadecimal and returns it in lowercase.
    func checkedDigest(_ value: String, _ what: String) throws(LedgerError) -> String {
        let lower = value.lowercased()
        guard lower.utf8.count == 64, lower.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) })
        else {
            throw LedgerError(
                .invalidInput, "the \(what) '\(value.prefix(80))' is not a SHA-256 digest (64 hexadecimal digits)")
        }
        return lower
    }
}

/// Why a ledger operation failed, in plain words, naming the credential, list or file concerned.
///
/// A failed operation changes nothing: every write runs in one transaction that is rolled back on error.
public struct LedgerError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The database file could not be opened or created.
        case cannotOpen = "cannot_open"
        /// The file exists but is not a Laurel ledger (not SQLite, or written by a newer Laurel).
        case notALedger = "not_a_ledger"
        /// The schema migrations could not be applied.
        case migrationFailed = "migration_failed"
        /// The workspace settings (base URL, list size) are missing, invalid or differ from the stored ones.
        case invalidSettings = "invalid_settings"
        /// An argument was empty, too long or malformed.
        case invalidInput = "invalid_input"
        /// No credential with the given id is in the ledger.
        case unknownCredential = "unknown_credential"
        /// A credential id is already used by another row key.
        case duplicateCredentialID = "duplicate_credential_id"
        /// A row key was reserved earlier for a different recipient.
        case rowKeyConflict = "row_key_conflict"
        /// The credential is revoked; revocation is permanent.
        case alreadyRevoked = "already_revoked"
        /// The credential is suspended already.
        case alreadySuspended = "already_suspended"
        /// The credential is not suspended, so it cannot be unsuspended.
        case notSuspended = "not_suspended"
        /// The credential was reserved without a suspension status entry.
        case notSuspendable = "not_suspendable"
        /// No status list with the given id is in the ledger.
        case unknownStatusList = "unknown_status_list"
        /// No batch with the given id was started in the ledger.
        case unknownBatch = "unknown_batch"
        /// A batch with the given id was started from a different source.
        case batchConflict = "batch_conflict"
        /// The database reported an error (disk full, locked, corrupt, ...).
        case database = "database"
    }

    public var code: Code
    /// What was wrong, in plain words, and where.
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }
}

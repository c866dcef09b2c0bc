package import GRDB

extension Ledger {
    /// The ledger's schema, as named migrations applied in order.
    ///
    /// A migration that has shipped is never edited: a change to the schema is a new migration appended
    /// at the end. Each runs in its own transaction and is recorded in `grdb_migrations`.
    package static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()

        // Credentials, the status lists that publish their revocation and suspension, and the status history.
        migrator.registerMigration("v1-credentials") { db in
            try db.execute(
                sql: """
                    CREATE TABLE ledger_settings (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    );
                    CREATE TABLE status_lists (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
                        sequence INTEGER NOT NULL CHECK (sequence >= 1),
                        url TEXT NOT NULL UNIQUE,
                        size INTEGER NOT NULL CHECK (size > 0 AND size % 8 = 0),
                        allocated INTEGER NOT NULL DEFAULT 0 CHECK (allocated >= 0 AND allocated <= size),
                        created_at TEXT NOT NULL,
                        UNIQUE (purpose, sequence)
                    );
                    -- Which entries of a list are given out: size / 8 bytes, entry 0 = most significant bit.
                    CREATE TABLE status_list_allocations (
                        list_id INTEGER PRIMARY KEY NOT NULL REFERENCES status_lists (id),
                        bitmap BLOB NOT NULL
                    );
                    CREATE TABLE credentials (
                        id TEXT PRIMARY KEY NOT NULL,
                        row_key TEXT NOT NULL UNIQUE,
                        recipient TEXT NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('pending', 'issued')),
                        reserved_at TEXT NOT NULL,
                        issued_at TEXT,
                        output_path TEXT,
                        sha256 TEXT,
                        proof_suite TEXT,
                        revocation_list_id INTEGER NOT NULL REFERENCES status_lists (id),
                        revocation_index INTEGER NOT NULL CHECK (revocation_index >= 0),
                        suspension_list_id INTEGER REFERENCES status_lists (id),
                        suspension_index INTEGER CHECK (suspension_index >= 0),
                        revoked_at TEXT,
                        revocation_reason TEXT,
                        suspended_at TEXT,
                        suspension_reason TEXT,
                        CHECK ((suspension_list_id IS NULL) = (suspension_index IS NULL)),
                        CHECK (state = 'pending' OR (issued_at IS NOT NULL AND output_path IS NOT NULL
                            AND sha256 IS NOT NULL AND proof_suite IS NOT NULL))
                    );
                    CREATE UNIQUE INDEX credentials_revocation_entry
                        ON credentials (revocation_list_id, revocation_index);
                    CREATE UNIQUE INDEX credentials_suspension_entry
                        ON credentials (suspension_list_id, suspension_index) WHERE suspension_list_id IS NOT NULL;
                    CREATE INDEX credentials_recipient ON credentials (recipient);
                    CREATE INDEX credentials_pending ON credentials (reserved_at) WHERE state = 'pending';
                    CREATE INDEX credentials_revoked ON credentials (revocation_list_id) WHERE revoked_at IS NOT NULL;
                    CREATE INDEX credentials_suspended
                        ON credentials (suspension_list_id) WHERE suspended_at IS NOT NULL;
                    CREATE TABLE status_events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        credential_id TEXT NOT NULL REFERENCES credentials (id),
                        action TEXT NOT NULL CHECK (action IN ('revoke', 'suspend', 'unsuspend')),
                        reason TEXT,
                        at TEXT NOT NULL
                    );
                    CREATE INDEX status_events_credential ON status_events (credential_id);
                    """)
        }

        // Batch issuance runs; a credential may name the batch that issued it.
        migrator.registerMigration("v2-batches") { db in
            try db.execute(
                sql: """
                    CREATE TABLE batches (
                        id TEXT PRIMARY KEY NOT NULL,
                        source_name TEXT NOT NULL,
                        source_sha256 TEXT NOT NULL,
                        started_at TEXT NOT NULL,
                        finished_at TEXT,
                        row_count INTEGER NOT NULL DEFAULT 0 CHECK (row_count >= 0),
                        issued_count INTEGER NOT NULL DEFAULT 0 CHECK (issued_count >= 0),
                        failed_count INTEGER NOT NULL DEFAULT 0 CHECK (failed_count >= 0)
                    );
                    ALTER TABLE credentials ADD COLUMN batch_id TEXT REFERENCES batches (id);
                    CREATE INDEX credentials_batch ON credentials (batch_id) WHERE batch_id IS NOT NULL;
                    """)
        }

        // A free-form audit log.
        migrator.registerMigration("v3-events") { db in
            try db.execute(
                sql: """
                    CREATE TABLE events (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        at TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        subject TEXT,
                        detail TEXT
                    );
                    CREATE INDEX events_kind ON events (kind);
                    """)
        }

        // Lighter writes: the unique indexes on status entries put every new credential on a random index page
        // (the entries are random by design), which doubled the cost of a reservation; the allocation bitmap,
        // written in the same transaction, is what keeps entries unique, and `checkIntegrity` verifies it. The
        // index of pending credentials went too: a rerun scans for them once. (`IF EXISTS`: for a while main
        // shipped a v1 already without them.)
        migrator.registerMigration("v4-lighter-indexes") { db in
            try db.execute(
                sql: """
                    DROP INDEX IF EXISTS credentials_revocation_entry;
                    DROP INDEX IF EXISTS credentials_suspension_entry;
                    DROP INDEX IF EXISTS credentials_pending;
                    """)
        }

        // Learning: submissions with their evidence, rubric reviews, programs (stacks of achievements) and the
        // awards that turned earned submissions into credentials. (Tables and checks in Ledger+Learning.swift.)
        migrator.registerMigration("v5-learning") { db in
            try db.execute(sql: Ledger.learningSchema)
        }

        // The web front end: accounts, one-time sign-in links, sessions, drafts, assessors' claims, and the
        // context a learner gives a submission. (Tables and checks in Ledger+Accounts.swift.)
        migrator.registerMigration("v6-accounts") { db in
            try db.execute(sql: Ledger.accountsSchema)
        }

        // Wallets: offers of awarded credentials (OpenID for Verifiable Credential Issuance), their access tokens
        // and nonces, and which offer issued which credential. (Tables in Ledger+Offers.swift.)
        migrator.registerMigration("v7-credential-offers") { db in
            try db.execute(sql: Ledger.offersSchema)
        }

        // Claim links: a mailed link that opens one awarded credential's claim page. (Ledger+Claims.swift.)
        migrator.registerMigration("v8-claim-links") { db in
            try db.execute(sql: Ledger.claimLinksSchema)
        }

        return migrator
    }()
}

extension Ledger {
    /// The names of the schema migrations applied to this ledger, in order (for example `v1-credentials`).
    public func appliedMigrations() throws(LedgerError) -> [String] {
        try read("read the schema version") { db in try Self.migrator.appliedMigrations(db) }
    }
}

import GRDB

extension Ledger {
    /// Records the start of a batch run. Starting a batch id again with the same source (a rerun after an
    /// interruption) returns the stored batch; with a different source it fails with `batchConflict`.
    public func startBatch(_ batch: BatchRecord) throws(LedgerError) -> BatchRecord {
        try check(batch.id, "batch id")
        try check(batch.sourceName, "source name of batch \(batch.id)")
        try checkTime(batch.startedAt, "start time of batch \(batch.id)")
        if let finishedAt = batch.finishedAt { try checkTime(finishedAt, "finish time of batch \(batch.id)") }
        var batch = batch
        batch.sourceSHA256 = try checkedDigest(batch.sourceSHA256, "source SHA-256 of batch \(batch.id)")
        guard batch.rowCount >= 0, batch.issuedCount >= 0, batch.failedCount >= 0 else {
            throw LedgerError(.invalidInput, "the counts of batch \(batch.id) must not be negative")
        }
        let place = self.place
        return try write("start batch \(batch.id)") { [batch] db in
            if let stored = try BatchRecord.fetchOne(db, key: batch.id) {
                guard stored.sourceSHA256 == batch.sourceSHA256 else {
                    throw LedgerError(
                        .batchConflict,
                        "batch \(batch.id) was started in \(place) from \(stored.sourceName) "
                            + "(SHA-256 \(stored.sourceSHA256)), not from \(batch.sourceName) "
                            + "(SHA-256 \(batch.sourceSHA256)); use a new batch id")
                }
                return stored
            }
            try batch.insert(db)
            return batch
        }
    }

    /// Records the end of a batch run and its counts.
    public func finishBatch(
        id: String, finishedAt: String, issuedCount: Int, failedCount: Int
    ) throws(LedgerError) {
        try check(id, "batch id")
        try checkTime(finishedAt, "finish time of batch \(id)")
        guard issuedCount >= 0, failedCount >= 0 else {
            throw LedgerError(.invalidInput, "the counts of batch \(id) must not be negative")
        }
        let place = self.place
        try write("finish batch \(id)") { db in
            try db.execute(
                sql: "UPDATE batches SET finished_at = ?, issued_count = ?, failed_count = ? WHERE id = ?",
                arguments: [finishedAt, issuedCount, failedCount, id])
            if db.changesCount != 1 {
                throw LedgerError(.unknownBatch, "cannot finish batch \(id): it was never started in \(place)")
            }
        }
    }

    /// The batch with this id, or nil.
    public func batch(id: String) throws(LedgerError) -> BatchRecord? {
        try read("read batch \(id)") { db in try BatchRecord.fetchOne(db, key: id) }
    }

    /// Every batch, oldest first.
    public func batches() throws(LedgerError) -> [BatchRecord] {
        try read("read the batches") { db in
            try BatchRecord.order(Column("started_at"), Column("rowid")).fetchAll(db)
        }
    }

    /// Appends an entry to the audit log and returns it with its id.
    @discardableResult
    public func record(_ event: EventRecord) throws(LedgerError) -> EventRecord {
        try checkTime(event.at, "time of the event")
        try check(event.kind, "kind of the event")
        try check(event.subject, "subject of the event")
        try check(event.detail, "detail of the event")
        var event = event
        event.id = nil
        return try write("record a \(event.kind) event") { [event] db in
            var stored = event
            try stored.insert(db)
            return stored
        }
    }

    /// The most recent audit-log entries (of one kind, if given), newest first.
    public func events(kind: String? = nil, limit: Int = 100) throws(LedgerError) -> [EventRecord] {
        try read("read the audit log") { db in
            var request = EventRecord.all()
            if let kind { request = request.filter(Column("kind") == kind) }
            return try request.order(Column("id").desc).limit(max(limit, 0)).fetchAll(db)
        }
    }
}

import BadgeStore
import Testing

@Suite struct BatchAndEventTests {
    private func batch(_ id: String = "2026-03-spring", sha: Int = 1) -> BatchRecord {
        BatchRecord(
            id: id, sourceName: "recipients.csv", sourceSHA256: digest(sha), startedAt: "2026-03-01T09:00:00Z",
            rowCount: 3)
    }

    @Test("a batch is started once, restarted from the same source, and refused from another")
    func startAndRestart() throws {
        let ledger = try Ledger.inMemory(settings: try settings())
        #expect(try ledger.startBatch(batch()) == batch())
        #expect(try ledger.startBatch(batch()) == batch())
        let error = #expect(throws: LedgerError.self) { try ledger.startBatch(batch(sha: 2)) }
        #expect(error?.code == .batchConflict)
        #expect(error?.reason.contains("2026-03-spring") == true)
        try ledger.finishBatch(id: "2026-03-spring", finishedAt: "2026-03-01T09:05:00Z", issuedCount: 2, failedCount: 1)
        let stored = try #require(try ledger.batch(id: "2026-03-spring"))
        #expect(stored.finishedAt == "2026-03-01T09:05:00Z" && stored.issuedCount == 2 && stored.failedCount == 1)
        let unknown = #expect(throws: LedgerError.self) {
            try ledger.finishBatch(id: "nope", finishedAt: "2026-03-01T09:05:00Z", issuedCount: 0, failedCount: 0)
        }
        #expect(unknown?.code == .unknownBatch)
        #expect(try ledger.batches().map(\.id) == ["2026-03-spring"])
    }

    @Test("credentials can belong to a started batch; naming an unknown batch reserves nothing")
    func credentialsOfBatch() throws {
        let ledger = try Ledger.inMemory(settings: try settings())
        _ = try ledger.startBatch(batch())
        let rows = (0..<3).map {
            CredentialReservation(
                rowKey: "2026-03-spring#\($0)", recipient: "r\($0)@example.org", batchID: "2026-03-spring")
        }
        _ = try ledger.reserve(rows)
        #expect(try ledger.credentials(batchID: "2026-03-spring").map(\.rowKey) == rows.map(\.rowKey))
        let stray = CredentialReservation(rowKey: "x", recipient: "x@example.org", batchID: "never-started")
        let error = #expect(throws: LedgerError.self) { try ledger.reserve(reservations(2, prefix: "ok") + [stray]) }
        #expect(error?.code == .unknownBatch)
        #expect(error?.reason.contains("never-started") == true)
        #expect(try ledger.counts().total == 3)
    }

    @Test("the audit log keeps free-form events, newest first, filterable by kind")
    func auditLog() throws {
        let ledger = try Ledger.inMemory(settings: try settings())
        let first = try ledger.record(EventRecord(at: "2026-03-01T09:00:00Z", kind: "key-created", subject: "key-1"))
        try ledger.record(EventRecord(at: "2026-03-02T09:00:00Z", kind: "batch-issued", detail: "{\"rows\":3}"))
        try ledger.record(EventRecord(at: "2026-03-03T09:00:00Z", kind: "key-created", subject: "key-2"))
        #expect(first.id != nil)
        #expect(
            try ledger.events().map(\.at) == ["2026-03-03T09:00:00Z", "2026-03-02T09:00:00Z", "2026-03-01T09:00:00Z"])
        #expect(try ledger.events(kind: "key-created").map(\.subject) == ["key-2", "key-1"])
        #expect(try ledger.events(limit: 1).count == 1)
        #expect(throws: LedgerError.self) { try ledger.record(EventRecord(at: "2026-03-03T09:00:00Z", kind: "")) }
    }
}

import BadgeStore
import Foundation
import GRDB
import Testing

@Suite struct ReservationTests {
    @Test("reserving a row key again returns the same credential id and status index, never a duplicate")
    func idempotentPerRowKey() throws {
        let ledger = try Ledger.inMemory(settings: try settings(), clock: fixedClock)
        let first = try ledger.reserve(reservations(20))
        #expect(first.allSatisfy { $0.isNew && $0.state == .pending })
        // The same keys with fresh credential ids: the stored ids win.
        let again = try ledger.reserve(
            (0..<20).map { CredentialReservation(rowKey: "batch-1#\($0)", recipient: "learner\($0)@example.org") })
        #expect(again.map(\.credentialID) == first.map(\.credentialID))
        #expect(again.map(\.revocation) == first.map(\.revocation))
        #expect(again.allSatisfy { !$0.isNew })
        #expect(try ledger.counts().total == 20)
        #expect(try ledger.statusLists().map(\.allocated) == [20])
    }

    @Test("a row key repeated within one call is reserved once")
    func repeatedWithinCall() throws {
        let ledger = try Ledger.inMemory(settings: try settings())
        let one = CredentialReservation(rowKey: "k", credentialID: "urn:uuid:a", recipient: "r@example.org")
        let two = CredentialReservation(rowKey: "k", credentialID: "urn:uuid:b", recipient: "r@example.org")
        let result = try ledger.reserve([one, two])
        #expect(result.map(\.credentialID) == ["urn:uuid:a", "urn:uuid:a"])
        #expect(result.map(\.isNew) == [true, false])
        #expect(result[0].revocation == result[1].revocation)
        #expect(try ledger.counts().total == 1)
    }

    @Test("each credential gets a revocation entry with the list URL and a decimal index in range")
    func statusEntries() throws {
        let ledger = try Ledger.inMemory(settings: try settings())
        let result = try ledger.reserve(reservations(3) + [
            CredentialReservation(
                rowKey: "s", credentialID: "urn:uuid:s", recipient: "s@example.org", suspendable: true)
        ])
        for reserved in result {
            #expect(reserved.revocation.purpose == .revocation)
            #expect(reserved.revocation.listURL == "https://issuer.example/status/revocation/1")
            #expect((0..<131_072).contains(reserved.revocation.index))
        }
        #expect(result[0].suspension == nil)
        #expect(result[3].suspension?.listURL == "https://issuer.example/status/suspension/1")
        let lists = try ledger.statusLists()
        #expect(lists.map(\.purpose) == [.revocation, .suspension])
        #expect(lists.map(\.allocated) == [4, 1])
        #expect(lists.allSatisfy { $0.size == 131_072 && $0.sequence == 1 && !$0.isFull })
    }

    @Test("status indexes are unique and spread over the whole list, not handed out in order")
    func randomSpread() throws {
        let ledger = try Ledger.inMemory(settings: try settings())
        var indexes: [Int] = []
        for chunk in 0..<4 {
            indexes += try ledger.reserve(reservations(500, prefix: "chunk\(chunk)")).map(\.revocation.index)
        }
        #expect(Set(indexes).count == 2000)
        let size = 131_072
        // Not all packed at the start (a sequential allocator would put all 2,000 below 1% of the list).
        #expect(indexes.filter { $0 < size / 100 }.count < 100)
        // Every quarter of the list holds about a quarter of them (expected 500, standard deviation ~19).
        for quarter in 0..<4 {
            let count = indexes.filter { $0 / (size / 4) == quarter }.count
            #expect((400...600).contains(count), "quarter \(quarter) holds \(count) of 2000")
        }
        // Not in increasing order of issuance.
        let ascending = zip(indexes, indexes.dropFirst()).filter { $0 < $1 }.count
        #expect((800...1200).contains(ascending), "\(ascending) of 1999 steps go up")
    }

    @Test("a full list is closed and the next one opens at <base>/status/<purpose>/<n>")
    func listsFillAndOpen() throws {
        let ledger = try Ledger.inMemory(settings: try settings(listSize: 64))
        let result = try ledger.reserve(reservations(150))
        let lists = try ledger.statusLists()
        #expect(lists.map(\.sequence) == [1, 2, 3])
        #expect(lists.map(\.allocated) == [64, 64, 22])
        #expect(lists.map(\.isFull) == [true, true, false])
        #expect(lists.map(\.url) == (1...3).map { "https://issuer.example/status/revocation/\($0)" })
        for list in lists.prefix(2) {
            // A full list's entries are exactly 0..<64, each once.
            let taken = result.filter { $0.revocation.listID == list.id }.map(\.revocation.index).sorted()
            #expect(taken == Array(0..<64))
        }
        // The third list keeps filling in a later call and a fourth opens.
        _ = try ledger.reserve(reservations(60, prefix: "more"))
        #expect(try ledger.statusLists().map(\.allocated) == [64, 64, 64, 18])
    }

    @Test("a row key reserved for one recipient cannot be reused for another, and nothing is reserved")
    func rowKeyConflict() throws {
        let ledger = try Ledger.inMemory(settings: try settings())
        _ = try ledger.reserve(reservations(2))
        let bad = reservations(5, prefix: "next") + [
            CredentialReservation(rowKey: "batch-1#1", recipient: "somebody-else@example.org")
        ]
        let error = #expect(throws: LedgerError.self) { try ledger.reserve(bad) }
        #expect(error?.code == .rowKeyConflict)
        #expect(error?.reason.contains("batch-1#1") == true)
        #expect(error?.reason.contains("learner1@example.org") == true)
        #expect(try ledger.counts().total == 2)
        #expect(try ledger.statusLists().map(\.allocated) == [2])
    }

    @Test("a new row key with a credential id already in use fails, naming the id, and the call leaves no trace")
    func duplicateCredentialID() throws {
        let ledger = try Ledger.inMemory(settings: try settings(listSize: 64))
        _ = try ledger.reserve(reservations(60))
        // 10 new rows (which would open list 2) then a clash.
        let bad = reservations(10, prefix: "b2") + [
            CredentialReservation(rowKey: "other", credentialID: "urn:uuid:batch-1-7", recipient: "x@example.org")
        ]
        let error = #expect(throws: LedgerError.self) { try ledger.reserve(bad) }
        #expect(error?.code == .duplicateCredentialID)
        #expect(error?.reason.contains("urn:uuid:batch-1-7") == true)
        #expect(try ledger.counts().total == 60)
        #expect(try ledger.statusLists().map(\.allocated) == [60])
        // The allocation state was rolled back with the rows: the list still fills to exactly 64.
        _ = try ledger.reserve(reservations(4, prefix: "fill"))
        #expect(try ledger.statusLists().map(\.allocated) == [64])
    }

    @Test("empty and oversized fields are refused before anything is written")
    func inputChecks() throws {
        let ledger = try Ledger.inMemory(settings: try settings())
        for bad in [
            CredentialReservation(rowKey: "", recipient: "r@example.org"),
            CredentialReservation(rowKey: "k", recipient: ""),
            CredentialReservation(rowKey: "k", credentialID: "", recipient: "r@example.org"),
            CredentialReservation(rowKey: String(repeating: "k", count: 5000), recipient: "r@example.org"),
        ] {
            let error = #expect(throws: LedgerError.self) { try ledger.reserve([bad]) }
            #expect(error?.code == .invalidInput)
        }
        let tooMany = Array(
            repeating: CredentialReservation(rowKey: "k", credentialID: "i", recipient: "r"),
            count: Ledger.maximumRowsPerCall + 1)
        let error = #expect(throws: LedgerError.self) { try ledger.reserve(tooMany) }
        #expect(error?.reason.contains("split them into chunks") == true)
        let badClock = try Ledger.inMemory(settings: try settings(), clock: { "soon" })
        #expect(throws: LedgerError.self) { try badClock.reserve(reservations(1)) }
        #expect(try ledger.counts().total == 0)
        #expect(try ledger.statusLists().isEmpty)
    }

    @Test("markIssued records path, lowercase digest and suite; an unknown id fails and marks nothing")
    func markIssued() throws {
        let ledger = try Ledger.inMemory(settings: try settings(), clock: fixedClock)
        let reserved = try ledger.reserve(reservations(3))
        let updates = reserved.enumerated().map { offset, credential in
            IssuedUpdate(
                credentialID: credential.credentialID, outputPath: "out/\(offset).json",
                sha256: digest(offset + 0xABC).uppercased(), proofSuite: "eddsa-rdfc-2022")
        }
        let error = #expect(throws: LedgerError.self) {
            try ledger.markIssued(updates + [
                IssuedUpdate(credentialID: "urn:uuid:nope", outputPath: "x", sha256: digest(1), proofSuite: "p")
            ])
        }
        #expect(error?.code == .unknownCredential)
        #expect(error?.reason.contains("urn:uuid:nope") == true)
        #expect(try ledger.counts().pending == 3)

        try ledger.markIssued(updates)
        let record = try #require(try ledger.credential(id: reserved[1].credentialID))
        #expect(record.state == .issued)
        #expect(record.outputPath == "out/1.json")
        #expect(record.sha256 == digest(0xABD))
        #expect(record.proofSuite == "eddsa-rdfc-2022")
        #expect(record.issuedAt == "2026-03-01T09:00:00Z")
        #expect(try ledger.counts() == LedgerCounts(total: 3, pending: 0, issued: 3, revoked: 0, suspended: 0))
        // Re-reserving an issued row reports it as issued, so a rerun skips it.
        #expect(try ledger.reserve(reservations(3)).map(\.state) == [.issued, .issued, .issued])

        let badDigest = #expect(throws: LedgerError.self) {
            try ledger.markIssued([
                IssuedUpdate(credentialID: reserved[0].credentialID, outputPath: "o", sha256: "xyz", proofSuite: "p")
            ])
        }
        #expect(badDigest?.code == .invalidInput)
    }

    @Test("queries by row keys, recipient and state return the right records")
    func queries() throws {
        let ledger = try Ledger.inMemory(settings: try settings())
        let reserved = try ledger.reserve(reservations(5))
        try ledger.markIssued([
            IssuedUpdate(credentialID: reserved[2].credentialID, outputPath: "o", sha256: digest(2), proofSuite: "p")
        ])
        let byKeys = try ledger.credentials(rowKeys: ["batch-1#4", "missing", "batch-1#0", "batch-1#4"])
        #expect(byKeys.map(\.rowKey) == ["batch-1#4", "batch-1#0"])
        #expect(try ledger.credentials(recipient: "learner3@example.org").map(\.id) == ["urn:uuid:batch-1-3"])
        #expect(try ledger.credentials(state: .issued).map(\.id) == ["urn:uuid:batch-1-2"])
        #expect(try ledger.credentials(state: .pending).count == 4)
        #expect(try ledger.credentials(state: .pending, limit: 2).count == 2)
        #expect(try ledger.credential(id: "urn:uuid:none") == nil)
        let keys = (0..<1200).map { "batch-1#\($0 % 5)" }
        #expect(try ledger.credentials(rowKeys: keys).count == 5)
    }

    @Test("reserving from several tasks at once never hands out an index twice")
    func concurrentReservations() async throws {
        let folder = try TemporaryFolder()
        let ledger = try Ledger.open(at: folder.path("ledger.sqlite"), settings: try settings(listSize: 1024))
        let results = try await withThrowingTaskGroup(of: [ReservedCredential].self) { group in
            for task in 0..<8 {
                group.addTask {
                    var mine: [ReservedCredential] = []
                    for call in 0..<10 {
                        mine += try ledger.reserve(reservations(50, prefix: "t\(task)c\(call)"))
                    }
                    return mine
                }
            }
            var all: [ReservedCredential] = []
            for try await part in group { all += part }
            return all
        }
        #expect(results.count == 4000)
        #expect(Set(results.map(\.credentialID)).count == 4000)
        let entries = results.map { "\($0.revocation.listID):\($0.revocation.index)" }
        #expect(Set(entries).count == 4000)
        let lists = try ledger.statusLists()
        #expect(lists.map(\.allocated) == [1024, 1024, 1024, 928])
        #expect(try ledger.counts().total == 4000)
    }

    @Test("after a crash between reserve and markIssued the rows stay pending and a rerun gets them back")
    func crashBeforeMarkIssued() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ledger.sqlite")
        let firstRun: [ReservedCredential]
        do {
            let ledger = try Ledger.open(at: path, settings: try settings())
            firstRun = try ledger.reserve(reservations(30))
            // Only the first ten were signed before the "crash".
            try ledger.markIssued(
                firstRun.prefix(10).map {
                    IssuedUpdate(credentialID: $0.credentialID, outputPath: "out", sha256: digest(1), proofSuite: "p")
                })
        }
        let reopened = try Ledger.open(at: path)
        let pending = try reopened.credentials(state: .pending)
        #expect(pending.map(\.id) == firstRun.dropFirst(10).map(\.credentialID))
        let rerun = try reopened.reserve(
            (0..<30).map { CredentialReservation(rowKey: "batch-1#\($0)", recipient: "learner\($0)@example.org") })
        #expect(rerun.map(\.credentialID) == firstRun.map(\.credentialID))
        #expect(rerun.map(\.revocation) == firstRun.map(\.revocation))
        #expect(rerun.filter { $0.state == .pending }.map(\.credentialID) == pending.map(\.id))
        #expect(try reopened.statusLists().map(\.allocated) == [30])
    }

    @Test("an interrupted write leaves no half-written rows in the file")
    func interruptedWriteRollsBack() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ledger.sqlite")
        let ledger = try Ledger.open(at: path, settings: try settings())
        _ = try ledger.reserve(reservations(10))
        // The 400th row clashes with an existing id: the 399 before it were inserted inside the
        // transaction and must vanish with it, on disk too.
        var batch = reservations(399, prefix: "big")
        batch.append(CredentialReservation(rowKey: "clash", credentialID: "urn:uuid:batch-1-0", recipient: "r"))
        #expect(throws: LedgerError.self) { try ledger.reserve(batch) }
        let count = try DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM credentials")
        }
        #expect(count == 10)
    }
}

@Suite struct LargeCallTests {
    @Test("an unknown id among hundreds of updates is named and nothing is marked; a repeated id keeps its last values")
    func markIssuedManyRows() throws {
        let ledger = try Ledger.inMemory(settings: try settings())
        let reserved = try ledger.reserve(reservations(350))
        var updates = reserved.map {
            IssuedUpdate(
                credentialID: $0.credentialID, outputPath: "out/\($0.rowKey)", sha256: digest(1), proofSuite: "p")
        }
        updates.insert(
            IssuedUpdate(credentialID: "urn:uuid:missing-250", outputPath: "x", sha256: digest(1), proofSuite: "p"),
            at: 250)
        let error = #expect(throws: LedgerError.self) { try ledger.markIssued(updates) }
        #expect(error?.code == .unknownCredential)
        #expect(error?.reason.contains("urn:uuid:missing-250") == true)
        #expect(try ledger.counts().issued == 0)

        updates.remove(at: 250)
        updates.append(
            IssuedUpdate(
                credentialID: reserved[7].credentialID, outputPath: "again", sha256: digest(9), proofSuite: "p"))
        try ledger.markIssued(updates)
        #expect(try ledger.counts().issued == 350)
        #expect(try ledger.credential(id: reserved[7].credentialID)?.outputPath == "again")
        #expect(try ledger.credential(id: reserved[8].credentialID)?.outputPath == "out/batch-1#8")
    }

    @Test("a taken credential id deep in a large call is named, and two new keys with one id are refused")
    func duplicateIDsInLargeCall() throws {
        let ledger = try Ledger.inMemory(settings: try settings())
        _ = try ledger.reserve(reservations(5))
        var rows = reservations(300, prefix: "big")
        rows[250] = CredentialReservation(rowKey: "big#250", credentialID: "urn:uuid:batch-1-3", recipient: "r")
        let taken = #expect(throws: LedgerError.self) { try ledger.reserve(rows) }
        #expect(taken?.code == .duplicateCredentialID)
        #expect(taken?.reason.contains("urn:uuid:batch-1-3") == true)
        #expect(taken?.reason.contains("big#250") == true)

        let twice = [
            CredentialReservation(rowKey: "a", credentialID: "urn:uuid:same", recipient: "r"),
            CredentialReservation(rowKey: "b", credentialID: "urn:uuid:same", recipient: "r"),
        ]
        let error = #expect(throws: LedgerError.self) { try ledger.reserve(twice) }
        #expect(error?.code == .duplicateCredentialID)
        #expect(error?.reason.contains("'b'") == true)
        #expect(try ledger.counts().total == 5)
        #expect(try ledger.checkIntegrity() == [])
    }
}

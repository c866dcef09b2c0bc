import BadgeStore
import Foundation
import GRDB
import Testing

@Suite struct IntegrityTests {
    @Test("a ledger written only through its API is sound")
    func soundLedger() throws {
        let folder = try TemporaryFolder()
        let ledger = try Ledger.open(at: folder.path("ledger.sqlite"), settings: try settings(listSize: 64))
        let reserved = try ledger.reserve(reservations(150, suspendable: true))
        try ledger.revoke(credentialID: reserved[0].credentialID, at: "2026-04-01T00:00:00Z")
        try ledger.suspend(credentialID: reserved[1].credentialID, at: "2026-04-01T00:00:00Z")
        #expect(try ledger.checkIntegrity() == [])
    }

    @Test("two credentials on one status entry, a leaked entry and a miscount are each reported")
    func damagedLedger() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("ledger.sqlite")
        let reserved = try Ledger.open(at: path, settings: try settings(listSize: 64)).reserve(reservations(10))
        // Damage the file behind the ledger's back.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: "UPDATE credentials SET revocation_index = ? WHERE id = ?",
                arguments: [reserved[0].revocation.index, reserved[1].credentialID])
        }
        let problems = try Ledger.open(at: path).checkIntegrity()
        #expect(problems.contains { $0.contains(reserved[1].credentialID) || $0.contains(reserved[0].credentialID) })
        #expect(problems.contains { $0.contains("shares index \(reserved[0].revocation.index)") })
        #expect(problems.contains { $0.contains("1 allocated entries") })

        try queue.write { db in try db.execute(sql: "UPDATE status_lists SET allocated = 3") }
        #expect(try Ledger.open(at: path).checkIntegrity().contains { $0.contains("counts 3 entries") })
    }
}

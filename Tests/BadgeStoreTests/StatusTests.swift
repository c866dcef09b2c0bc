import BadgeStore
import Testing

@Suite struct StatusTests {
    private func ledgerWithCredentials(
        _ count: Int = 10, suspendable: Bool = true
    ) throws -> (Ledger, [ReservedCredential]) {
        let ledger = try Ledger.inMemory(settings: try settings(), clock: fixedClock)
        return (ledger, try ledger.reserve(reservations(count, suspendable: suspendable)))
    }

    @Test("revoking sets exactly the credential's bit, most significant bit first")
    func revokeFlipsOneBit() throws {
        let (ledger, reserved) = try ledgerWithCredentials()
        let target = reserved[3].revocation
        #expect(setBits(try ledger.statusBits(listID: target.listID)).isEmpty)
        try ledger.revoke(credentialID: reserved[3].credentialID, reason: "issued in error", at: "2026-04-01T00:00:00Z")
        let bits = try ledger.statusBits(listID: target.listID)
        #expect(bits.count == 131_072 / 8)
        #expect(setBits(bits) == [target.index])
        #expect(bits[target.index / 8] == 0x80 >> UInt8(target.index % 8))
        // The suspension list is untouched.
        let suspensionList = try #require(reserved[3].suspension).listID
        #expect(setBits(try ledger.statusBits(listID: suspensionList)).isEmpty)
        let record = try #require(try ledger.credential(id: reserved[3].credentialID))
        #expect(record.isRevoked && record.revokedAt == "2026-04-01T00:00:00Z")
        #expect(record.revocationReason == "issued in error")
    }

    @Test("a known index sets the known byte: index 0 is 0x80 of byte 0, index 23 is 0x01 of byte 2")
    func bitOrderKnownAnswer() throws {
        // Fill a small list completely so that every index 0..<64 belongs to some credential.
        let ledger = try Ledger.inMemory(settings: try settings(listSize: 64))
        let reserved = try ledger.reserve(reservations(64))
        let byIndex = Dictionary(uniqueKeysWithValues: reserved.map { ($0.revocation.index, $0.credentialID) })
        try ledger.revoke(credentialID: byIndex[0]!, at: "2026-04-01T00:00:00Z")
        try ledger.revoke(credentialID: byIndex[23]!, at: "2026-04-01T00:00:00Z")
        try ledger.revoke(credentialID: byIndex[63]!, at: "2026-04-01T00:00:00Z")
        #expect(try ledger.statusBits(listID: reserved[0].revocation.listID) == [0x80, 0, 0x01, 0, 0, 0, 0, 0x01])
    }

    @Test("suspend sets and unsuspend clears the bit in the suspension list only")
    func suspendAndUnsuspend() throws {
        let (ledger, reserved) = try ledgerWithCredentials()
        let credential = reserved[5]
        let suspension = try #require(credential.suspension)
        try ledger.suspend(credentialID: credential.credentialID, reason: "under review", at: "2026-04-02T00:00:00Z")
        #expect(setBits(try ledger.statusBits(listID: suspension.listID)) == [suspension.index])
        #expect(setBits(try ledger.statusBits(listID: credential.revocation.listID)).isEmpty)
        #expect(try ledger.counts().suspended == 1)
        try ledger.unsuspend(credentialID: credential.credentialID, reason: "cleared", at: "2026-04-03T00:00:00Z")
        #expect(setBits(try ledger.statusBits(listID: suspension.listID)).isEmpty)
        #expect(try ledger.credential(id: credential.credentialID)?.isSuspended == false)
        let history = try ledger.statusEvents(credentialID: credential.credentialID)
        #expect(history.map(\.action) == [.suspend, .unsuspend])
        #expect(history.map(\.at) == ["2026-04-02T00:00:00Z", "2026-04-03T00:00:00Z"])
        #expect(history.map(\.reason) == ["under review", "cleared"])
    }

    @Test("revoking an unknown id fails, names it, and changes nothing")
    func revokeUnknown() throws {
        let (ledger, reserved) = try ledgerWithCredentials()
        try ledger.revoke(credentialID: reserved[0].credentialID, at: "2026-04-01T00:00:00Z")
        let before = try ledger.statusBits(listID: reserved[0].revocation.listID)
        let error = #expect(throws: LedgerError.self) {
            try ledger.revoke(credentialID: "urn:uuid:unknown", at: "2026-04-01T00:00:00Z")
        }
        #expect(error?.code == .unknownCredential)
        #expect(error?.reason.contains("urn:uuid:unknown") == true)
        #expect(try ledger.statusBits(listID: reserved[0].revocation.listID) == before)
        #expect(try ledger.counts().revoked == 1)
        #expect(try ledger.statusEvents(credentialID: "urn:uuid:unknown").isEmpty)
    }

    @Test("revocation is permanent: revoking again, suspending or unsuspending a revoked credential fails")
    func revocationIsPermanent() throws {
        let (ledger, reserved) = try ledgerWithCredentials()
        let id = reserved[1].credentialID
        try ledger.suspend(credentialID: id, at: "2026-04-01T00:00:00Z")
        try ledger.revoke(credentialID: id, reason: "fraud", at: "2026-04-02T00:00:00Z")
        for attempt in [
            { try ledger.revoke(credentialID: id, at: "2026-04-03T00:00:00Z") },
            { try ledger.unsuspend(credentialID: id, at: "2026-04-03T00:00:00Z") },
            { try ledger.suspend(credentialID: id, at: "2026-04-03T00:00:00Z") },
        ] as [() throws -> Void] {
            let error = #expect(throws: LedgerError.self) { try attempt() }
            #expect(error?.code == .alreadyRevoked)
            #expect(error?.reason.contains(id) == true)
            #expect(error?.reason.contains("permanent") == true)
        }
        #expect(setBits(try ledger.statusBits(listID: reserved[1].revocation.listID)) == [reserved[1].revocation.index])
        #expect(try ledger.statusEvents(credentialID: id).map(\.action) == [.suspend, .revoke])
        #expect(try ledger.counts().revoked == 1)
        #expect(try ledger.counts().suspended == 0)
    }

    @Test("suspending twice, unsuspending an active credential and suspending a non-suspendable one fail clearly")
    func suspensionErrors() throws {
        let (ledger, reserved) = try ledgerWithCredentials()
        let id = reserved[2].credentialID
        let notSuspended = #expect(throws: LedgerError.self) {
            try ledger.unsuspend(credentialID: id, at: "2026-04-01T00:00:00Z")
        }
        #expect(notSuspended?.code == .notSuspended)
        try ledger.suspend(credentialID: id, at: "2026-04-01T00:00:00Z")
        let twice = #expect(throws: LedgerError.self) {
            try ledger.suspend(credentialID: id, at: "2026-04-02T00:00:00Z")
        }
        #expect(twice?.code == .alreadySuspended)
        #expect(twice?.reason.contains("2026-04-01T00:00:00Z") == true)

        let plain = try ledger.reserve([CredentialReservation(rowKey: "plain", recipient: "p@example.org")])[0]
        let notSuspendable = #expect(throws: LedgerError.self) {
            try ledger.suspend(credentialID: plain.credentialID, at: "2026-04-01T00:00:00Z")
        }
        #expect(notSuspendable?.code == .notSuspendable)
        #expect(try ledger.statusEvents(credentialID: id).count == 1)
    }

    @Test("an unknown status list id is an error naming it")
    func unknownList() throws {
        let (ledger, _) = try ledgerWithCredentials(1)
        let error = #expect(throws: LedgerError.self) { try ledger.statusBits(listID: 999) }
        #expect(error?.code == .unknownStatusList)
        #expect(error?.reason.contains("999") == true)
    }

    @Test("bits of credentials in other lists do not leak into a list")
    func listsAreSeparate() throws {
        let ledger = try Ledger.inMemory(settings: try settings(listSize: 16))
        let reserved = try ledger.reserve(reservations(40))
        for credential in reserved where credential.revocation.index % 3 == 0 {
            try ledger.revoke(credentialID: credential.credentialID, at: "2026-04-01T00:00:00Z")
        }
        for list in try ledger.statusLists() {
            let expected = reserved.filter { $0.revocation.listID == list.id && $0.revocation.index % 3 == 0 }
                .map(\.revocation.index).sorted()
            #expect(setBits(try ledger.statusBits(listID: list.id)) == expected)
        }
    }

    @Test("status change times must be dateTimes with a zone; fractions and offsets are accepted")
    func timeChecks() throws {
        let (ledger, reserved) = try ledgerWithCredentials(3)
        for bad in ["", "yesterday", "2026-04-01", "2026-04-01T00:00:00", "2026-04-01 00:00:00Z",
            "2026-04-01T00:00:00.Z", "2026-04-01T00:00:00+0200", "2026-04-01T00:00:00Zjunk"]
        {
            let error = #expect(throws: LedgerError.self) {
                try ledger.revoke(credentialID: reserved[0].credentialID, at: bad)
            }
            #expect(error?.code == .invalidInput)
        }
        #expect(try ledger.counts().revoked == 0)
        try ledger.suspend(credentialID: reserved[1].credentialID, at: "2026-04-01T00:00:00.125+02:00")
        try ledger.revoke(credentialID: reserved[0].credentialID, at: "2026-04-01T00:00:00-05:30")
        #expect(try ledger.counts().revoked == 1)
    }

    @Test("a list can be found by the URL it is published at")
    func listByURL() throws {
        let (ledger, reserved) = try ledgerWithCredentials(1)
        let list = try #require(try ledger.statusList(url: "https://issuer.example/status/revocation/1"))
        #expect(list.id == reserved[0].revocation.listID)
        #expect(try ledger.statusList(url: "https://issuer.example/status/revocation/2") == nil)
    }
}

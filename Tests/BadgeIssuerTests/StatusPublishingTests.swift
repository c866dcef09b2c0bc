import BadgeCrypto
import BadgeIssuer
import BadgeStore
import BadgeVerifier
import Foundation
import LinkedData
import OpenBadges
import Testing

@Suite("Revocation and suspension change exactly one bit of a published status list")
struct StatusPublishingTests {
    static let now = "2026-01-02T03:04:05Z"

    struct Setup {
        let directory: TemporaryDirectory
        let workspace: Workspace
        let suspendable: IssuedCredential
        let plain: IssuedCredential
    }

    static func setup() throws -> Setup {
        let directory = TemporaryDirectory()
        let workspace = try IssuerFixtures.workspace(directory, proof: .eddsaRdfc2022)
        let definition = try IssuerFixtures.achievement(workspace)
        let suspendable = try workspace.issue(
            IssueRequest(achievement: definition, recipient: .did(LearnerSamples.learnerDID), results: IssuerFixtures.passing, suspendable: true),
            outputPath: nil, now: now)
        let plain = try workspace.issue(
            IssueRequest(achievement: definition, recipient: .did(LearnerSamples.otherDID), results: IssuerFixtures.passing), outputPath: nil, now: now)
        try workspace.publishStatusLists(now: now)
        return Setup(directory: directory, workspace: workspace, suspendable: suspendable, plain: plain)
    }

    /// Every published list, decoded: URL → bits.
    static func published(_ workspace: Workspace) throws -> [String: [UInt8]] {
        var lists: [String: [UInt8]] = [:]
        for list in try workspace.ledger.statusLists() {
            let value = try JSONValue(parsing: try FileIO.read(workspace.statusListFile(for: list.url)))
            let encoded = try #require(value["credentialSubject"]?["encodedList"]?.stringValue)
            lists[list.url] = try BitstringStatusList(encodedList: encoded).bytes
        }
        return lists
    }

    /// The indexes of the bits that differ.
    static func differingBits(_ a: [UInt8], _ b: [UInt8]) -> [Int] {
        var bits: [Int] = []
        for (index, (x, y)) in zip(a, b).enumerated() where x != y {
            for bit in 0..<8 where (x ^ y) & (0x80 >> UInt8(bit)) != 0 { bits.append(index * 8 + bit) }
        }
        return bits
    }

    /// The published status lists as verifier resources.
    static func resources(_ workspace: Workspace) throws -> [String: [UInt8]] {
        var resources: [String: [UInt8]] = [:]
        for list in try workspace.ledger.statusLists() {
            resources[list.url] = try FileIO.read(workspace.statusListFile(for: list.url))
        }
        return resources
    }

    static func statusCheck(_ issued: IssuedCredential, _ workspace: Workspace) throws -> CheckResult {
        let report = LearnerSamples.verify(issued.signed.bytes, resources: try resources(workspace))
        return try #require(report.checks.first { $0.id == .status })
    }

    @Test("revoke, suspend and unsuspend: the republished lists differ from the last ones in exactly one bit")
    func oneBitEach() throws {
        let setup = try Self.setup()
        let workspace = setup.workspace
        let lists = try workspace.ledger.statusLists()
        let revocationURL = try #require(lists.first { $0.purpose == .revocation }?.url)
        let suspensionURL = try #require(lists.first { $0.purpose == .suspension }?.url)
        let plainRecord = try #require(try workspace.ledger.credential(id: setup.plain.credentialID))
        let suspendableRecord = try #require(try workspace.ledger.credential(id: setup.suspendable.credentialID))
        let suspensionIndex = try #require(suspendableRecord.suspensionIndex)

        let initial = try Self.published(workspace)
        #expect(initial[revocationURL]?.count == 16_384 && initial[suspensionURL]?.count == 16_384)
        #expect(initial.values.allSatisfy { $0.allSatisfy { $0 == 0 } })
        #expect(try Self.statusCheck(setup.plain, workspace).outcome == .pass)

        try workspace.changeStatus(.revoke, credentialID: setup.plain.credentialID, reason: "wrong learner", now: Self.now)
        let revoked = try Self.published(workspace)
        #expect(Self.differingBits(initial[revocationURL]!, revoked[revocationURL]!) == [plainRecord.revocationIndex])
        #expect(revoked[suspensionURL] == initial[suspensionURL])
        // Most significant bit first, as in the 1EdTech list (bit 23 is byte 2 = 0x01).
        let index = plainRecord.revocationIndex
        #expect(revoked[revocationURL]![index / 8] == 0x80 >> UInt8(index % 8))
        let revokedCheck = try Self.statusCheck(setup.plain, workspace)
        #expect(revokedCheck.outcome == .fail)
        #expect(revokedCheck.message == "This badge was revoked by its issuer.")

        try workspace.changeStatus(.suspend, credentialID: setup.suspendable.credentialID, reason: nil, now: Self.now)
        let suspended = try Self.published(workspace)
        #expect(Self.differingBits(revoked[suspensionURL]!, suspended[suspensionURL]!) == [suspensionIndex])
        #expect(suspended[revocationURL] == revoked[revocationURL])
        let suspendedCheck = try Self.statusCheck(setup.suspendable, workspace)
        #expect(suspendedCheck.outcome == .fail)
        #expect(suspendedCheck.message == "This badge is suspended by its issuer.")

        try workspace.changeStatus(.unsuspend, credentialID: setup.suspendable.credentialID, reason: nil, now: Self.now)
        let restored = try Self.published(workspace)
        #expect(Self.differingBits(suspended[suspensionURL]!, restored[suspensionURL]!) == [suspensionIndex])
        #expect(restored[suspensionURL] == initial[suspensionURL])
        #expect(restored[revocationURL] == revoked[revocationURL])
        let restoredCheck = try Self.statusCheck(setup.suspendable, workspace)
        #expect(restoredCheck.outcome == .pass, "\(restoredCheck.message)")
        #expect(restoredCheck.message.contains("not suspended"))

        let events = try workspace.ledger.statusEvents(credentialID: setup.suspendable.credentialID).map(\.action.rawValue)
        #expect(events == ["suspend", "unsuspend"])
    }

    @Test("the published list's bit order is the 1EdTech fixture's: index 23 gives the fixture's exact bitstring")
    func bitOrderMatchesFixture() throws {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let fixture = try JSONValue(parsing: [UInt8](try Data(contentsOf: directory.appendingPathComponent("status/testlist"))))
        let fixtureBits = try BitstringStatusList(
            encodedList: try #require(fixture["credentialSubject"]?["encodedList"]?.stringValue)).bytes
        #expect(fixtureBits[2] == 0x01)

        let folder = TemporaryDirectory()
        let workspace = try IssuerFixtures.workspace(folder, proof: .eddsaRdfc2022)
        // The ledger's convention for a set entry (Ledger.statusBits): byte index / 8, mask 0x80 >> index % 8.
        var bits = [UInt8](repeating: 0, count: 16_384)
        bits[23 >> 3] |= 0x80 >> UInt8(23 & 7)
        let url = "https://example.edu/status/revocation/9"
        let signed = try workspace.statusListCredential(url: url, purpose: "revocation", bits: bits, now: Self.now)
        let published = try JSONValue(parsing: signed)
        let ours = try BitstringStatusList(
            encodedList: try #require(published["credentialSubject"]?["encodedList"]?.stringValue))
        #expect(ours.bytes == fixtureBits)
        #expect(published["credentialSubject"]?["statusPurpose"] == fixture["credentialSubject"]?["statusPurpose"])
        #expect(published["type"] == fixture["type"])

        // A verifier reading our list finds entry 23 set and entry 22 clear.
        let definition = try IssuerFixtures.achievement(workspace)
        for (index, revoked) in [(23, true), (22, false)] {
            let credential = try workspace.unsignedCredential(
                IssueRequest(achievement: definition, recipient: .did(LearnerSamples.learnerDID), results: IssuerFixtures.passing),
                id: "urn:uuid:0d9f2c66-3f0e-4c8a-9d53-9a1f3b7e5c2\(index - 20)",
                status: [CredentialDraft.StatusEntry(purpose: "revocation", listURL: url, index: index)],
                validFrom: Self.now)
            let bytes = try workspace.signer().sign(credential.json, created: Self.now).bytes
            let report = LearnerSamples.verify(bytes, resources: [url: signed])
            #expect(report.outcome(.status) == (revoked ? .fail : .pass), "\(report.describe)")
            #expect(report.verdict == (revoked ? .invalid : .valid))
        }
    }

    @Test("revoking an unknown id, or revoking twice, is an error that changes neither the ledger nor the lists")
    func badChanges() throws {
        let setup = try Self.setup()
        let workspace = setup.workspace
        let files = try workspace.ledger.statusLists().map { workspace.statusListFile(for: $0.url) }
        let before = try files.map { try FileIO.read($0) }
        let counts = try workspace.ledger.counts()

        for (change, id, expected) in [
            (Workspace.StatusChange.revoke, "urn:uuid:00000000-0000-4000-8000-000000000000", "not in"),
            (.suspend, setup.plain.credentialID, "reserved without a suspension"),
            (.unsuspend, setup.suspendable.credentialID, "not suspended"),
        ] {
            do {
                try workspace.changeStatus(change, credentialID: id, reason: nil, now: "2026-02-02T00:00:00Z")
                Issue.record("\(change) \(id) succeeded")
            } catch {
                #expect(error.code == .ledger)
                #expect(error.description.contains(expected), "\(error.description)")
            }
        }
        #expect(try files.map { try FileIO.read($0) } == before)
        #expect(try workspace.ledger.counts() == counts)
        #expect(try workspace.ledger.statusEvents(credentialID: setup.suspendable.credentialID).isEmpty)

        try workspace.changeStatus(.revoke, credentialID: setup.plain.credentialID, reason: nil, now: Self.now)
        let afterRevoke = try files.map { try FileIO.read($0) }
        do {
            try workspace.changeStatus(.revoke, credentialID: setup.plain.credentialID, reason: nil, now: "2026-03-03T00:00:00Z")
            Issue.record("revoked twice")
        } catch {
            #expect(error.description.contains("revocation is permanent"))
        }
        #expect(try files.map { try FileIO.read($0) } == afterRevoke)
        #expect(afterRevoke != before)
        let after = try workspace.ledger.counts()
        #expect(after.total == counts.total && after.revoked == counts.revoked + 1 && after.suspended == 0)
        #expect(try workspace.ledger.statusEvents(credentialID: setup.plain.credentialID).count == 1)
    }
}

import BadgeCrypto
import BadgeIssuer
import BadgeProofs
import BadgeStore
import Foundation
import LinkedData
import OpenBadges
import Testing

@Suite struct IssueTests {
    @Test("one badge: rubric results, hashed email, evidence digest, status entry; the proof verifies")
    func issueOne() throws {
        let directory = TemporaryDirectory()
        let workspace = try IssuerFixtures.workspace(directory)
        let definition = try IssuerFixtures.achievement(workspace)
        let evidenceFile = try directory.write("report.txt", "my report")
        let request = IssueRequest(
            achievement: definition, recipient: try Recipient("Ada@Example.org"), recipientName: "Ada Lovelace",
            results: [("analysis", "exemplary"), ("communication", "proficient")],
            evidence: [.url("https://example.org/projects/1"), try Workspace.evidenceInput(evidenceFile)],
            narrative: "Thorough work.")
        let issued = try workspace.issue(request, outputPath: nil, now: "2026-01-02T03:04:05Z")
        let bytes = try FileIO.read(try #require(issued.outputPath))
        #expect(bytes == issued.signed.bytes)
        let credential = AchievementCredential(json: try #require(try JSONValue(parsing: bytes).objectValue))
        #expect(credential.id == issued.credentialID)
        #expect(credential.validFromString == "2026-01-02T03:04:05Z")
        let identity = try #require(credential.credentialSubject?.identifier.first)
        let salt = try #require(identity.salt)
        #expect(identity.identityHash == "sha256$" + Hex.encode(SHA256.hash(Array(("ada@example.org" + salt).utf8))))
        #expect(credential.credentialSubject?.result.map(\.achievedLevel) == [
            "https://example.edu/achievements/data-literacy#criterion-analysis-level-exemplary",
            "https://example.edu/achievements/data-literacy#criterion-communication-level-proficient",
        ])
        #expect(credential.evidence.count == 2)
        #expect(credential.evidence[1].id == "ni:///sha-256;" + Base64URL.encode(SHA256.hash(Array("my report".utf8))) + "?ct=text/plain")
        let status = try #require(credential.credentialStatus.first)
        #expect(status.type == "BitstringStatusListEntry")
        #expect(status.statusListCredential?.hasPrefix("https://example.edu/") == true)
        #expect(OpenBadgesSchemas.achievementCredential.validate(credential.jsonValue).isEmpty)
        let result = EddsaJcs2022.verify(credential.json)
        #expect(result.verified)
        let record = try #require(try workspace.ledger.credential(id: issued.credentialID))
        #expect(record.sha256 == Hex.encode(SHA256.hash(bytes)))
    }

    @Test("bad input names the problem and changes nothing", arguments: [
        ("criterion", "analysis", "unknown"),
        ("level", "expert", "level"),
        ("date", "proficient", "date"),
    ])
    func badInput(kind: String, level: String, expected: String) throws {
        let directory = TemporaryDirectory()
        let workspace = try IssuerFixtures.workspace(directory)
        let definition = try IssuerFixtures.achievement(workspace)
        var request = IssueRequest(achievement: definition, recipient: .email("a@example.org"), results: IssuerFixtures.passing)
        switch kind {
        case "criterion": request.results = [("creativity", "proficient")]
        case "level": request.results = [("analysis", level)]
        default: request.validUntil = "2026-13-01"
        }
        do {
            _ = try workspace.issue(request, outputPath: nil, now: "2026-01-02T03:04:05Z")
            Issue.record("expected an error")
        } catch {
            #expect(error.reason.contains(kind == "criterion" ? "creativity" : kind == "level" ? "expert" : "2026-13-01"))
        }
        #expect(try workspace.ledger.counts().total == 0)
        #expect(try FileIO.list(workspace.credentialsDirectory).isEmpty)
    }

    @Test("recipients: emails and DIDs are checked")
    func recipients() throws {
        #expect(try Recipient("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK") == .did("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"))
        #expect(try Recipient(" learner@example.org ") == .email("learner@example.org"))
        for bad in ["", "learner", "a@b", "did:", "did:Key:x", "did:key:", "a b@example.org", "@example.org"] {
            #expect(throws: IssuerError.self, "\(bad)") { try Recipient(bad) }
        }
    }

    @Test("a VC-JWT issue works and verifies")
    func vcJWT() throws {
        let directory = TemporaryDirectory()
        let workspace = try IssuerFixtures.workspace(directory, proof: .vcJWT)
        let definition = try IssuerFixtures.achievement(workspace)
        let issued = try workspace.issue(
            IssueRequest(achievement: definition, recipient: .did("did:example:learner"), results: IssuerFixtures.passing), outputPath: nil,
            now: "2026-01-02T03:04:05Z")
        #expect(issued.signed.fileExtension == "jwt")
        let token = String(decoding: issued.signed.bytes, as: UTF8.self)
        #expect(token.split(separator: ".").count == 3)
    }
}

import BadgeCrypto
import BadgeIssuer
import BadgeStore
import BadgeVerifier
import Foundation
import LinkedData
import OpenBadges
import Testing

@Suite("CLR 2.0 learner records")
struct ClrTests {
    static let now = "2026-01-02T03:04:05Z"

    /// A workspace with two achievements and a credential of each issued to the learner (and one to someone else).
    struct Setup {
        let directory: TemporaryDirectory
        let workspace: Workspace
        let module: IssuedCredential
        let programme: IssuedCredential
    }

    static func setup(format: ProofFormat = .eddsaRdfc2022) throws -> Setup {
        let directory = TemporaryDirectory()
        let workspace = try IssuerFixtures.workspace(directory, proof: .eddsaRdfc2022)
        let module = AchievementDefinition(
            id: "https://example.edu/achievements/data-literacy", name: "Data Literacy",
            description: "Reads and explains data.", criteriaNarrative: "Complete three tasks.")
        let programme = AchievementDefinition(
            id: "https://example.edu/achievements/data-science", name: "Data Science Certificate",
            description: "Completes the data science programme.", criteriaNarrative: "Pass every module.")
        _ = try workspace.saveAchievement(module, fileName: "data-literacy")
        _ = try workspace.saveAchievement(programme, fileName: "data-science")
        let learner = Recipient.did(LearnerSamples.learnerDID)
        let issuedModule = try workspace.issue(
            IssueRequest(achievement: module, recipient: learner, format: format), outputPath: nil, now: now)
        let issuedProgramme = try workspace.issue(
            IssueRequest(achievement: programme, recipient: learner, format: .vcJWT), outputPath: nil, now: now)
        _ = try workspace.issue(
            IssueRequest(achievement: module, recipient: .did(LearnerSamples.otherDID)), outputPath: nil, now: now)
        return Setup(directory: directory, workspace: workspace, module: issuedModule, programme: issuedProgramme)
    }

    static func resources(_ workspace: Workspace) throws -> [String: [UInt8]] {
        try workspace.publishStatusLists(now: now)
        return try StatusPublishingTests.resources(workspace)
    }

    @Test("a record of the learner's ledger credentials, with an isPartOf association, verifies (outer proof and every credential)")
    func verifies() throws {
        let setup = try Self.setup()
        let issued = try setup.workspace.issueClr(
            ClrRequest(
                learner: .did(LearnerSamples.learnerDID),
                associations: [try AssociationInput(parsing: "data-literacy=isPartOf=https://example.edu/achievements/data-science")],
                name: "Transcript of Ada"),
            outputPath: "-", now: Self.now)
        #expect(issued.included.map(\.id) == [setup.module.credentialID, setup.programme.credentialID])
        #expect(issued.included.map(\.format) == [.json, .jwt])
        #expect(issued.skipped.isEmpty)

        let record = ClrCredential(json: try #require(try JSONValue(parsing: issued.signed.bytes).objectValue))
        #expect(record.contexts == [
            "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        ])
        #expect(record.types == ["VerifiableCredential", "ClrCredential"])
        #expect(record.name == "Transcript of Ada")
        #expect(record.partial == false)
        #expect(record.issuerID == setup.workspace.config.issuerID)
        let subject = try #require(record.credentialSubject)
        #expect(subject.id == LearnerSamples.learnerDID && subject.types == ["ClrSubject"])
        #expect(subject.verifiableCredential.count == 2)
        #expect(subject.verifiableCredential.last?.stringValue == setup.programme.signed.bytes.utf8String)
        #expect(subject.achievement.compactMap(\.id) == [
            "https://example.edu/achievements/data-literacy", "https://example.edu/achievements/data-science",
        ])
        let association = try #require(subject.association.first)
        #expect(association.associationType == "isPartOf")
        #expect(association.sourceId == "https://example.edu/achievements/data-literacy")
        #expect(association.targetId == "https://example.edu/achievements/data-science")
        #expect(record.proofs.first?["cryptosuite"]?.stringValue == "eddsa-rdfc-2022")
        #expect(record.credentialStatus.first?.type == "BitstringStatusListEntry")
        // JSON-LD safe mode passes: every member of the record is defined by its contexts.
        _ = try JSONLDProcessor().expand(.object(record.json))

        let report = LearnerSamples.verify(issued.signed.bytes, resources: try Self.resources(setup.workspace))
        #expect(report.verdict == .valid, "\(report.describe)")
        #expect(report.outcome(.proof) == .pass && report.outcome(.safeMode) == .pass)
        #expect(report.outcome(.clr) == .pass)
        #expect(report.nested.map(\.verdict) == [.valid, .valid])
        // The record is in the ledger (it can be revoked), and never bundled into a later record.
        let stored = try #require(try setup.workspace.ledger.credential(id: issued.credentialID))
        #expect(stored.state == .issued && stored.recipient == LearnerSamples.learnerDID)
        #expect(try setup.workspace.learnerCredentials(.did(LearnerSamples.learnerDID)).credentials.count == 2)
    }

    @Test("an email learner is named by a salted hash; the record verifies")
    func emailLearner() throws {
        let directory = TemporaryDirectory()
        let workspace = try IssuerFixtures.workspace(directory, proof: .eddsaRdfc2022)
        let definition = try IssuerFixtures.achievement(workspace)
        _ = try workspace.issue(
            IssueRequest(achievement: definition, recipient: .email("Ada@Example.org"), results: IssuerFixtures.passing), outputPath: nil, now: Self.now)
        let issued = try workspace.issueClr(ClrRequest(learner: .email("ada@example.org")), outputPath: nil, now: Self.now)
        let record = ClrCredential(json: try #require(try JSONValue(parsing: issued.signed.bytes).objectValue))
        let identity = try #require(record.credentialSubject?.identifier.first)
        #expect(record.credentialSubject?.id == nil)
        #expect(identity.identityType == "emailAddress" && identity.hashed == true)
        let salt = try #require(identity.salt)
        #expect(identity.identityHash == "sha256$" + Hex.encode(SHA256.hash(Array(("ada@example.org" + salt).utf8))))
        #expect(try FileIO.read(try #require(issued.outputPath)) == issued.signed.bytes)
        let report = LearnerSamples.verify(issued.signed.bytes, resources: try Self.resources(workspace))
        #expect(report.verdict == .valid, "\(report.describe)")
    }

    @Test("a tampered inner credential fails the clr check, though the record's own proof is good")
    func tamperedInner() throws {
        let setup = try Self.setup()
        let genuine = try CredentialFile(path: try #require(setup.module.outputPath))
        let tampered = try LearnerSamples.tampered(genuine)
        let issued = try setup.workspace.issueClr(
            ClrRequest(learner: .did(LearnerSamples.learnerDID), credentials: [tampered]), outputPath: "-", now: Self.now)
        let record = try #require(try JSONValue(parsing: issued.signed.bytes).objectValue)
        #expect(record["partial"] == true)
        let report = LearnerSamples.verify(issued.signed.bytes, resources: try Self.resources(setup.workspace))
        #expect(report.verdict == .invalid)
        #expect(report.outcome(.proof) == .pass)
        #expect(report.outcome(.clr) == .fail)
        #expect(report.message(.clr).contains("1 of 1 credentials in the learner record did not verify"))
        #expect(report.nested.first?.outcome(.proof) == .fail)

        // Changing an inner credential after the record was signed breaks both.
        var changed = try #require(try JSONValue(parsing: try Self.validRecord(setup)).objectValue)
        var subject = try #require(changed["credentialSubject"]?.objectValue)
        var members = try #require(subject["verifiableCredential"]?.arrayValue)
        members[0] = .object(tampered.credential)
        subject["verifiableCredential"] = .array(members)
        changed["credentialSubject"] = .object(subject)
        let changedReport = LearnerSamples.verify(
            JSONSerializer().serialize(.object(changed)), resources: try Self.resources(setup.workspace))
        #expect(changedReport.outcome(.proof) == .fail)
        #expect(changedReport.outcome(.clr) == .fail)
    }

    static func validRecord(_ setup: Setup) throws -> [UInt8] {
        try setup.workspace.issueClr(ClrRequest(learner: .did(LearnerSamples.learnerDID)), outputPath: "-", now: now)
            .signed.bytes
    }

    @Test("the check hook refuses a credential before anything is recorded")
    func checkHook() throws {
        let setup = try Self.setup()
        let before = try setup.workspace.ledger.counts()
        do {
            _ = try setup.workspace.issueClr(
                ClrRequest(learner: .did(LearnerSamples.learnerDID)), outputPath: "-", now: Self.now,
                check: { $0.format == .jwt ? "the signature does not match" : nil })
            Issue.record("the hook was ignored")
        } catch {
            #expect(error.description.contains("cannot go into a learner record: the signature does not match"))
        }
        #expect(try setup.workspace.ledger.counts() == before)
    }

    @Test("revoked credentials and changed files are left out, with the reason")
    func leftOut() throws {
        let setup = try Self.setup()
        try setup.workspace.changeStatus(.revoke, credentialID: setup.programme.credentialID, reason: nil, now: Self.now)
        var (credentials, skipped) = try setup.workspace.learnerCredentials(.did(LearnerSamples.learnerDID))
        #expect(credentials.map(\.id) == [setup.module.credentialID])
        #expect(skipped.map(\.credentialID) == [setup.programme.credentialID])
        #expect(skipped.first?.reason.contains("revoked") == true)

        let path = try #require(setup.module.outputPath)
        try FileIO.write(setup.module.signed.bytes + Array(" ".utf8), to: path)
        (credentials, skipped) = try setup.workspace.learnerCredentials(.did(LearnerSamples.learnerDID))
        #expect(credentials.isEmpty)
        #expect(skipped.map(\.credentialID) == [setup.module.credentialID, setup.programme.credentialID])
        #expect(skipped.first?.reason.contains("was changed after it was issued") == true)
        do {
            _ = try setup.workspace.issueClr(ClrRequest(learner: .did(LearnerSamples.learnerDID)), outputPath: "-", now: Self.now)
            Issue.record("a record without credentials was issued")
        } catch {
            #expect(error.description.contains("no usable credentials"))
        }
    }

    @Test("bad input changes nothing: an unknown association end, another learner's credential, a record in a record")
    func badInput() throws {
        let setup = try Self.setup()
        let earlier = try setup.workspace.issueClr(
            ClrRequest(learner: .did(LearnerSamples.learnerDID)), outputPath: setup.directory.file("earlier.json"),
            now: Self.now)
        let before = try setup.workspace.ledger.counts()
        let cases: [(ClrRequest, String)] = [
            (ClrRequest(
                learner: .did(LearnerSamples.learnerDID),
                credentials: [try CredentialFile(path: try #require(earlier.outputPath))]),
             "a learner record bundles Open Badges achievement credentials; this is VerifiableCredential, ClrCredential"),
            (ClrRequest(
                learner: .did(LearnerSamples.learnerDID),
                associations: [try AssociationInput(parsing: "data-literacy=isPartOf=https://example.edu/achievements/other")]),
             "'https://example.edu/achievements/other' is not an achievement of the credentials in this record"),
            (ClrRequest(
                learner: .did(LearnerSamples.otherDID),
                credentials: [try CredentialFile(path: try #require(setup.module.outputPath))]),
             "was not awarded to \(LearnerSamples.otherDID)"),
            (ClrRequest(learner: .email("nobody@example.org")), "no usable credentials issued to nobody@example.org"),
        ]
        for (request, expected) in cases {
            do {
                _ = try setup.workspace.issueClr(request, outputPath: setup.directory.file("record.json"), now: Self.now)
                Issue.record("accepted: \(expected)")
            } catch {
                #expect(error.description.contains(expected), "\(error.description)")
            }
        }
        #expect(try setup.workspace.ledger.counts() == before)
        #expect(!FileIO.exists(setup.directory.file("record.json")))
    }

    @Test("associations are read as SOURCE=TYPE=TARGET, also around URLs with '='")
    func associationParsing() throws {
        let plain = try AssociationInput(parsing: "a=precedes=b")
        #expect(plain.source == "a" && plain.associationType == "precedes" && plain.target == "b")
        let urls = try AssociationInput(parsing: "https://x.example/a?v=1=isChildOf=https://x.example/b?w=2")
        #expect(urls.source == "https://x.example/a?v=1" && urls.associationType == "isChildOf")
        #expect(urls.target == "https://x.example/b?w=2")
        for bad in ["a=contains=b", "a=isPartOf=", "=isPartOf=b", "just-text"] {
            #expect(throws: IssuerError.self, "\(bad)") { try AssociationInput(parsing: bad) }
        }
    }
}

extension [UInt8] {
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}

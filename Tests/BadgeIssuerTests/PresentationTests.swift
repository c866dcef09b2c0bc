import BadgeCrypto
import BadgeIssuer
import BadgeProofs
import BadgeVerifier
import Foundation
import LinkedData
import OpenBadges
import Testing

@Suite("Verifiable Presentations signed by the learner")
struct PresentationTests {
    static let options = PresentationOptions(
        challenge: "c0ffee-42", domain: "https://jobs.example.com", created: LearnerSamples.created,
        id: "urn:uuid:7a1f3c0e-4b5d-4e6f-8a9b-0c1d2e3f4a5b")

    static func present(_ credentials: [CredentialFile], key: Ed25519PrivateKey = LearnerSamples.learnerKey) throws
        -> SignedPresentation
    {
        try PresentationBuilder.present(credentials, holderKey: key, options: options)
    }

    @Test("a presentation of a JSON and a VC-JWT credential verifies with its challenge and domain")
    func verifies() throws {
        let json = try LearnerSamples.credential(to: .did(LearnerSamples.learnerDID))
        let jwt = try LearnerSamples.credential(to: .did(LearnerSamples.learnerDID), format: .vcJWT)
        #expect(jwt.format == .jwt && jwt.subjectID == LearnerSamples.learnerDID)
        let presentation = try Self.present([json, jwt])

        let vp = VerifiablePresentation(json: presentation.json)
        #expect(vp.holder == LearnerSamples.learnerDID)
        #expect(vp.contexts == ["https://www.w3.org/ns/credentials/v2"])
        let proof = try #require(vp.proofs.first)
        #expect(proof["proofPurpose"]?.stringValue == "authentication")
        #expect(proof["cryptosuite"]?.stringValue == "eddsa-rdfc-2022")
        #expect(proof["challenge"]?.stringValue == "c0ffee-42")
        #expect(proof["domain"]?.stringValue == "https://jobs.example.com")
        #expect(proof["verificationMethod"]?.stringValue == DIDKey.verificationMethod(for: LearnerSamples.learnerKey.publicKey))
        #expect(vp.verifiableCredential.first == .object(json.credential))
        let envelope = try #require(vp.verifiableCredential.last?.objectValue)
        #expect(envelope["type"]?.stringValue == "EnvelopedVerifiableCredential")
        #expect(envelope["id"]?.stringValue == "data:application/vc+jwt," + jwt.text)

        let report = LearnerSamples.verify(presentation.bytes, challenge: "c0ffee-42", domain: "https://jobs.example.com")
        #expect(report.verdict == .valid, "\(report.describe)")
        #expect(report.outcome(.proof) == .pass)
        #expect(report.outcome(.keyBinding) == .pass)
        #expect(report.outcome(.presentation) == .pass)
        #expect(report.nested.map(\.verdict) == [.valid, .valid])
        #expect(report.nested.map(\.format) == ["json", "jwt"])
        #expect(report.credential?.recipient == LearnerSamples.learnerDID)
    }

    @Test("a wrong or missing challenge, or a wrong domain, fails the proof check")
    func wrongChallenge() throws {
        let presentation = try Self.present([try LearnerSamples.credential(to: .did(LearnerSamples.learnerDID))])
        let cases: [(String?, String?, String)] = [
            ("another-challenge", "https://jobs.example.com", "challenge does not match"),
            ("c0ffee-42", "https://evil.example.com", "not the expected domain"),
        ]
        for (challenge, domain, expected) in cases {
            let report = LearnerSamples.verify(presentation.bytes, challenge: challenge, domain: domain)
            #expect(report.verdict == .invalid)
            #expect(report.outcome(.proof) == .fail)
            #expect(report.message(.proof).contains(expected), "\(report.describe)")
            #expect(report.outcome(.presentation) == .pass)
        }
        // A presentation made without a challenge fails when the verifier asked for one.
        let unchallenged = try PresentationBuilder.present(
            [try LearnerSamples.credential(to: .did(LearnerSamples.learnerDID))], holderKey: LearnerSamples.learnerKey,
            options: PresentationOptions(created: LearnerSamples.created))
        let report = LearnerSamples.verify(unchallenged.bytes, challenge: "c0ffee-42")
        #expect(report.outcome(.proof) == .fail)
        #expect(report.message(.proof).contains("no challenge"))
    }

    @Test("a holder who is not the subject (an email recipient, another DID) fails the presentation check")
    func notTheSubject() throws {
        let toEmail = try LearnerSamples.credential(to: .email("ada@example.org"))
        let toOther = try LearnerSamples.credential(to: .did(LearnerSamples.otherDID), format: .vcJWT)
        let mine = try LearnerSamples.credential(to: .did(LearnerSamples.learnerDID))
        #expect(PresentationBuilder.notAwardedTo(LearnerSamples.learnerDID, among: [toEmail, toOther, mine]).map(\.source)
            == [toEmail.source, toOther.source])
        for foreign in [toEmail, toOther] {
            let presentation = try Self.present([mine, foreign])
            let report = LearnerSamples.verify(presentation.bytes, challenge: "c0ffee-42", domain: "https://jobs.example.com")
            #expect(report.verdict == .invalid)
            #expect(report.outcome(.proof) == .pass)
            #expect(report.outcome(.presentation) == .fail)
            #expect(report.message(.presentation).contains("is not the subject of"), "\(report.describe)")
            // The credential itself is genuine: only presenting it as someone else's fails.
            #expect(report.nested.allSatisfy { $0.verdict == .valid })
        }
    }

    @Test("a tampered inner credential fails the presentation check, though the holder's proof is good")
    func tamperedInner() throws {
        let genuine = try LearnerSamples.credential(to: .did(LearnerSamples.learnerDID))
        let presentation = try Self.present([try LearnerSamples.tampered(genuine)])
        let report = LearnerSamples.verify(presentation.bytes, challenge: "c0ffee-42", domain: "https://jobs.example.com")
        #expect(report.verdict == .invalid)
        #expect(report.outcome(.proof) == .pass)
        #expect(report.outcome(.presentation) == .fail)
        #expect(report.message(.presentation).contains("did not verify"))
        #expect(report.nested.first?.outcome(.proof) == .fail)
    }

    @Test("changing a signed presentation, or signing it with a key other than the holder's, fails")
    func tamperedPresentation() throws {
        let credential = try LearnerSamples.credential(to: .did(LearnerSamples.learnerDID))
        var changed = try Self.present([credential]).json
        changed["id"] = "urn:uuid:00000000-0000-4000-8000-000000000000"
        let report = LearnerSamples.verify(JSONSerializer().serialize(.object(changed)), challenge: "c0ffee-42",
            domain: "https://jobs.example.com")
        #expect(report.outcome(.proof) == .fail)

        // Someone else signs a presentation that names the learner as holder.
        let unsigned = PresentationBuilder.unsignedPresentation([credential], holder: LearnerSamples.learnerDID)
        let forged = try EddsaRdfc2022.addProof(
            to: unsigned,
            options: try DataIntegrityProof(
                cryptosuite: "eddsa-rdfc-2022", verificationMethod: DIDKey.verificationMethod(for: LearnerSamples.otherKey.publicKey),
                proofPurpose: "authentication", created: LearnerSamples.created),
            privateKey: LearnerSamples.otherKey)
        let forgedReport = LearnerSamples.verify(JSONSerializer().serialize(.object(forged)))
        #expect(forgedReport.verdict == .invalid)
        #expect(forgedReport.outcome(.keyBinding) == .fail, "\(forgedReport.describe)")

        // A credential's own proof (assertionMethod) is not a holder proof.
        let assertion = try EddsaRdfc2022.addProof(
            to: unsigned,
            options: try DataIntegrityProof(
                cryptosuite: "eddsa-rdfc-2022", verificationMethod: DIDKey.verificationMethod(for: LearnerSamples.learnerKey.publicKey),
                created: LearnerSamples.created),
            privateKey: LearnerSamples.learnerKey)
        #expect(LearnerSamples.verify(JSONSerializer().serialize(.object(assertion))).outcome(.proof) == .fail)
    }

    @Test("a bare JWT string in a presentation is not covered by the holder's signature, so it fails the presentation check")
    func bareJWT() throws {
        let first = try LearnerSamples.credential(to: .did(LearnerSamples.learnerDID), format: .vcJWT)
        let second = try LearnerSamples.credential(
            to: .did(LearnerSamples.learnerDID), format: .vcJWT, id: "urn:uuid:11111111-2222-4333-8444-555555555555")
        var unsigned = PresentationBuilder.unsignedPresentation([first], holder: LearnerSamples.learnerDID)
        unsigned["verifiableCredential"] = [.string(first.text)]
        var signed = try EddsaRdfc2022.addProof(
            to: unsigned,
            options: try DataIntegrityProof(
                cryptosuite: "eddsa-rdfc-2022",
                verificationMethod: DIDKey.verificationMethod(for: LearnerSamples.learnerKey.publicKey),
                proofPurpose: "authentication", created: LearnerSamples.created),
            privateKey: LearnerSamples.learnerKey)
        // In JSON-LD the string is a relative IRI reference with no statements: it vanishes from the signed data,
        // so another token can be put in its place and the holder's proof still verifies.
        signed["verifiableCredential"] = [.string(second.text)]
        let report = LearnerSamples.verify(JSONSerializer().serialize(.object(signed)))
        #expect(report.outcome(.proof) == .pass)
        #expect(report.verdict == .invalid)
        #expect(report.outcome(.presentation) == .fail)
        #expect(report.message(.presentation).contains("not covered by the holder's signature"), "\(report.describe)")
    }

    @Test("an enveloped credential whose data: URL is not a JWT fails the parse check")
    func badEnvelope() throws {
        let credential = try LearnerSamples.credential(to: .did(LearnerSamples.learnerDID))
        var unsigned = PresentationBuilder.unsignedPresentation([credential], holder: LearnerSamples.learnerDID)
        unsigned["verifiableCredential"] = [.object(JSONObject([
            "@context": "https://www.w3.org/ns/credentials/v2",
            "id": "data:application/vc+ld+json;base64,e30", "type": "EnvelopedVerifiableCredential",
        ]))]
        let signed = try EddsaRdfc2022.addProof(
            to: unsigned,
            options: try DataIntegrityProof(
                cryptosuite: "eddsa-rdfc-2022",
                verificationMethod: DIDKey.verificationMethod(for: LearnerSamples.learnerKey.publicKey),
                proofPurpose: "authentication", created: LearnerSamples.created),
            privateKey: LearnerSamples.learnerKey)
        let report = LearnerSamples.verify(JSONSerializer().serialize(.object(signed)))
        #expect(report.outcome(.presentation) == .fail)
        #expect(report.nested.first?.outcome(.parse) == .fail)
        #expect(report.nested.first?.message(.parse).contains("not a JWT type") == true)
    }

    @Test("presenting nothing, or an empty challenge, is refused")
    func badInput() throws {
        #expect(throws: IssuerError.self) {
            try PresentationBuilder.present([], holderKey: LearnerSamples.learnerKey, options: Self.options)
        }
        let credential = try LearnerSamples.credential(to: .did(LearnerSamples.learnerDID))
        #expect(throws: IssuerError.self) {
            try PresentationBuilder.present(
                [credential], holderKey: LearnerSamples.learnerKey,
                options: PresentationOptions(challenge: "", created: LearnerSamples.created))
        }
    }
}

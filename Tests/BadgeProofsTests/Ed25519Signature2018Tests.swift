import BadgeCrypto
import BadgeProofs
import Foundation
import LinkedData
import Testing

/// Ed25519Signature2018 (URDNA2015 = RDFC-1.0, SHA-256, and a detached JWS with `b64: false`): credentials signed
/// by another implementation (credo-ts test fixtures) and by these tests.
@Suite struct Ed25519Signature2018Tests {
    /// The pinned contexts plus the VC 1.1 examples context (and the ODRL context it imports), which the public
    /// fixtures use; those two are test data only.
    static let processor: JSONLDProcessor = {
        var documents: [String: String] = [:]
        for entry in PinnedContexts.entries {
            for url in entry.urls { documents[url] = entry.text }
        }
        documents["https://www.w3.org/2018/credentials/examples/v1"] = try? Fixtures.text("ed25519-2018/credentials-examples-v1.jsonld")
        documents["https://www.w3.org/ns/odrl.jsonld"] = try? Fixtures.text("ed25519-2018/odrl.jsonld")
        return JSONLDProcessor(loader: StaticDocumentLoader(documents: documents))
    }()

    static let header = #"{"alg":"EdDSA","b64":false,"crit":["b64"]}"#

    /// `document` with an Ed25519Signature2018 proof by `key` (a did:key method), over `proofOptions` merged in.
    static func sign(_ document: JSONObject, key: Ed25519PrivateKey, header: String = header, extra: JSONObject = JSONObject()) throws -> JSONObject {
        var options = JSONObject()
        options["type"] = "Ed25519Signature2018"
        options["created"] = "2024-05-01T10:00:00Z"
        options["verificationMethod"] = .string(DIDKey.verificationMethod(for: key.publicKey))
        options["proofPurpose"] = "assertionMethod"
        for member in extra { options[member.key] = member.value }
        let hash = try LegacyEd25519Proofs.hashData(document: document, proofOptions: options)
        let prefix = Base64URL.encode(Array(header.utf8))
        let signature = try key.signature(for: Array((prefix + ".").utf8) + hash.bytes)
        options["jws"] = .string(prefix + ".." + Base64URL.encode(signature))
        var signed = document
        signed["proof"] = .object(options)
        return signed
    }

    static func credential(issuer: String) -> JSONObject {
        var credential = JSONObject()
        credential["@context"] = ["https://www.w3.org/2018/credentials/v1"]
        credential["id"] = "urn:uuid:7a1f5f64-3c1e-4b7a-9f0e-2d4c8b6a1e90"
        credential["type"] = ["VerifiableCredential"]
        credential["issuer"] = .string(issuer)
        credential["issuanceDate"] = "2024-05-01T10:00:00Z"
        credential["credentialSubject"] = .object(JSONObject(["id": "did:example:learner"]))
        return credential
    }

    @Test("credo-ts's signed Ed25519Signature2018 credential and presentation verify, flagged as legacy; its bad one fails")
    func publicFixtures() throws {
        let signed = try Fixtures.object("ed25519-2018/credential-signed.json")
        let result = DataIntegrityVerifier.verify(signed, processor: Self.processor)
        #expect(result.verified, "\(result.proofs.map { $0.failure?.description ?? "ok" })")
        #expect(result.proofs.first?.legacySuite == "Ed25519Signature2018")

        let presentation = try Fixtures.object("ed25519-2018/presentation-signed.json")
        let holder = DataIntegrityVerifier.verify(
            presentation, options: ProofVerificationOptions(
                expectedProofPurpose: "authentication", challenge: "7bf32d0b-39d4-41f3-96b6-45de52988e4c",
                bindsKeyToIssuer: false),
            processor: Self.processor)
        #expect(holder.verified, "\(holder.proofs.map { $0.failure?.description ?? "ok" })")
        // The wrong challenge fails the holder's proof.
        let replay = DataIntegrityVerifier.verify(
            presentation, options: ProofVerificationOptions(
                expectedProofPurpose: "authentication", challenge: "another", bindsKeyToIssuer: false),
            processor: Self.processor)
        #expect(!replay.verified)

        let bad = try Fixtures.object("ed25519-2018/credential-bad-signature.json")
        let refused = DataIntegrityVerifier.verify(bad, options: ProofVerificationOptions(bindsKeyToIssuer: false), processor: Self.processor)
        #expect(!refused.verified)
        #expect(refused.proofs.first?.failure?.code == .signatureInvalid, "\(refused.proofs.map { $0.failure?.description ?? "ok" })")

        // One changed character of the subject breaks the signature.
        var tampered = signed
        var subject = try #require(tampered["credentialSubject"]?.objectValue)
        subject["degree"] = .object(JSONObject(["type": "BachelorDegree", "name": "Bachelor of Science and Artz"]))
        tampered["credentialSubject"] = .object(subject)
        let changed = DataIntegrityVerifier.verify(tampered, processor: Self.processor)
        #expect(changed.proofs.first?.failure?.code == .signatureInvalid)
    }

    @Test("a credential these tests sign verifies; tampered, re-headed and mis-encoded signatures fail closed")
    func signedHere() throws {
        let key = try Fixtures.testKey(0x18)
        let issuer = DIDKey.did(for: key.publicKey)
        let signed = try Self.sign(Self.credential(issuer: issuer), key: key)
        let result = DataIntegrityVerifier.verify(signed)
        #expect(result.verified, "\(result.proofs.map { $0.failure?.description ?? "ok" })")
        #expect(result.proofs.first?.legacySuite == "Ed25519Signature2018")

        var tampered = signed
        tampered["issuanceDate"] = "2024-05-02T10:00:00Z"
        #expect(DataIntegrityVerifier.verify(tampered).proofs.first?.failure?.code == .signatureInvalid)

        // A changed proof option (covered by the proof configuration hash) fails too.
        var moved = signed
        var proof = try #require(moved["proof"]?.objectValue)
        proof["created"] = "2024-05-01T10:00:01Z"
        moved["proof"] = .object(proof)
        #expect(DataIntegrityVerifier.verify(moved).proofs.first?.failure?.code == .signatureInvalid)

        // A header without b64:false (an attached-payload JWS) is refused, however it is signed.
        let attached = try Self.sign(Self.credential(issuer: issuer), key: key, header: #"{"alg":"EdDSA"}"#)
        #expect(DataIntegrityVerifier.verify(attached).proofs.first?.failure?.code == .invalidProofValue)
        let otherAlg = try Self.sign(Self.credential(issuer: issuer), key: key, header: #"{"alg":"ES256","b64":false,"crit":["b64"]}"#)
        #expect(DataIntegrityVerifier.verify(otherAlg).proofs.first?.failure?.code == .invalidProofValue)

        for jws in ["", "abc", "a.b.c", "eyJ9..", "..sig"] {
            var broken = signed
            var options = try #require(broken["proof"]?.objectValue)
            options["jws"] = .string(jws)
            broken["proof"] = .object(options)
            #expect(DataIntegrityVerifier.verify(broken).proofs.first?.failure?.code == .invalidProofValue, "\(jws)")
        }

        // Another key in the issuer's name fails the binding.
        let forger = try Fixtures.testKey(0x19)
        let forged = try Self.sign(Self.credential(issuer: issuer), key: forger)
        #expect(!DataIntegrityVerifier.verify(forged).verified)
    }
}

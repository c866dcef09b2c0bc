import BadgeCrypto
import BadgeIssuer
import BadgeProofs
import BadgeVerifier
import Foundation
import LinkedData
import OpenBadges
import Testing

/// Badges as people hold them: short status lists (the Digital Credentials Consortium publishes 100,000 entries),
/// lapsed third-party endorsements of the issuer, and files that hold no badge at all.
@Suite struct HeldBadgeTests {
    static let statusURL = Forgeries.statusURL

    /// The sample badge with a revocation entry at index 5 of `statusURL`, signed by the issuer.
    static func badgeWithStatus() throws -> [UInt8] {
        let entry = CredentialDraft.StatusEntry(purpose: "revocation", listURL: statusURL, index: 5)
        return try SignedSamples.sign(try SignedSamples.unsigned(status: [entry]))
    }

    @Test("a 100,000-entry status list: a clear bit is valid with a privacy warning; a set bit is revoked")
    func shortStatusList() throws {
        let badge = try Self.badgeWithStatus()
        let issuer = SignedSamples.issuerID
        let clear = try Forgeries.statusList(id: Self.statusURL, issuer: issuer, key: SignedSamples.key, bitCount: 100_000)
        let report = SignedSamples.verify(badge, resources: [Self.statusURL: clear])
        #expect(report.verdict == .valid, "\(report.describe)")
        let status = try #require(report.checks.first { $0.id == .status })
        #expect(status.outcome == .warning)
        #expect(status.message.contains("100,000 entries") && status.message.contains("weakens the holder's privacy"), "\(status.message)")

        let revokedList = try Forgeries.statusList(
            id: Self.statusURL, issuer: issuer, key: SignedSamples.key, set: [5], bitCount: 100_000)
        let revoked = SignedSamples.verify(badge, resources: [Self.statusURL: revokedList])
        #expect(revoked.verdict == .invalid)
        #expect(revoked.checks.first { $0.id == .status }?.message == "This badge was revoked by its issuer.", "\(revoked.describe)")

        // A full-length list still passes without a warning.
        let full = try Forgeries.statusList(id: Self.statusURL, issuer: issuer, key: SignedSamples.key)
        #expect(SignedSamples.verify(badge, resources: [Self.statusURL: full]).outcome(.status) == .pass)
    }

    /// An EndorsementCredential from another key (a third party) about `subject`, valid until `validUntil`.
    static func endorsement(of subject: String, validUntil: String) throws -> JSONObject {
        let endorser = SignedSamples.otherKey
        let did = DIDKey.did(for: endorser.publicKey)
        var credential = JSONObject()
        credential["@context"] = [.string(CredentialContexts.credentialsV2), .string(CredentialContexts.openBadgesV3)]
        credential["id"] = "urn:uuid:6f1d2d6a-95b1-4e9e-9a0c-2f8c1b7d4e11"
        credential["type"] = ["VerifiableCredential", "EndorsementCredential"]
        credential["name"] = "Accreditation of Example College"
        credential["issuer"] = .object(JSONObject([
            "id": .string(did), "type": ["Profile"], "name": "Regional Accreditation Board",
        ]))
        credential["validFrom"] = "2020-01-01T00:00:00Z"
        credential["validUntil"] = .string(validUntil)
        credential["credentialSubject"] = .object(JSONObject([
            "id": .string(subject), "type": ["EndorsementSubject"], "endorsementComment": "Accredited institution.",
        ]))
        let signed = try CredentialSigner(
            format: .eddsaRdfc2022, key: endorser, verificationMethod: DIDKey.verificationMethod(for: endorser.publicKey)
        ).sign(credential, created: "2020-01-01T00:00:00Z").bytes
        return try #require(try JSONValue(parsing: signed).objectValue)
    }

    @Test("an expired endorsement of the issuer's profile is a warning naming whose endorsement of what; of the badge itself, a failure")
    func lapsedIssuerEndorsement() throws {
        let issuer = SignedSamples.issuerID
        let expired = try Self.endorsement(of: issuer, validUntil: "2021-01-01T00:00:00Z")

        var credential = try SignedSamples.unsigned()
        var profile = try #require(credential["issuer"]?.objectValue)
        profile["endorsement"] = [.object(expired)]
        credential["issuer"] = .object(profile)
        let report = SignedSamples.verify(try SignedSamples.sign(credential))
        #expect(report.verdict == .valid, "\(report.describe)")
        let check = try #require(report.checks.first { $0.id == .endorsement })
        #expect(check.outcome == .warning)
        #expect(check.message.contains("Regional Accreditation Board's endorsement of the issuer's profile"), "\(check.message)")
        #expect(!check.message.contains("of this badge"), "\(check.message)")

        // Still valid: a current endorsement of the issuer passes.
        let current = try Self.endorsement(of: issuer, validUntil: "2099-01-01T00:00:00Z")
        profile["endorsement"] = [.object(current)]
        credential["issuer"] = .object(profile)
        let fresh = SignedSamples.verify(try SignedSamples.sign(credential))
        #expect(fresh.verdict == .valid && fresh.outcome(.endorsement) == .pass, "\(fresh.describe)")

        // The same lapsed endorsement embedded as an endorsement of the credential itself fails it.
        var own = try SignedSamples.unsigned()
        own["endorsement"] = [.object(try Self.endorsement(of: "urn:uuid:0d9f2c66-3f0e-4c8a-9d53-9a1f3b7e5c21", validUntil: "2021-01-01T00:00:00Z"))]
        let failed = SignedSamples.verify(try SignedSamples.sign(own))
        #expect(failed.verdict == .invalid, "\(failed.describe)")
        #expect(failed.checks.first { $0.id == .endorsement }?.message.contains("endorsement(s) of this badge did not verify") == true)
    }

    @Test("a PNG without a baked badge, text that is not a badge, and a missing file say so, without 'do not trust'")
    func noBadge() throws {
        // A valid 1×1 PNG (IHDR, IDAT, IEND) with no Open Badges chunk.
        let png = try #require(Data(base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="))
        let report = SignedSamples.verify([UInt8](png))
        #expect(report.verdict == .invalid)
        #expect(report.holdsNoBadge)
        #expect(report.headline.hasPrefix("This PNG holds no badge"), "\(report.headline)")
        #expect(report.text().contains("NO BADGE — This PNG holds no badge"), "\(report.text())")
        #expect(!report.text().contains("do not trust"))
        #expect(report.jsonValue.objectValue?["noBadge"] == true)

        let text = SignedSamples.verify(Array("hello, I am not a badge".utf8))
        #expect(text.holdsNoBadge && text.verdict == .invalid, "\(text.describe)")

        // A tampered badge is not "no badge": it is evidence of tampering.
        var tampered = try JSONValue(parsing: try SignedSamples.sign(try SignedSamples.unsigned())).objectValue!
        tampered["name"] = "Something else"
        let forged = SignedSamples.verify(JSONValue.object(tampered).jsonBytes())
        #expect(forged.verdict == .invalid && !forged.holdsNoBadge)
        #expect(forged.text().contains("NOT VALID"))
    }

    /// `credential` with an Ed25519Signature2018 proof (detached JWS, `b64: false`) by `key` through `method`.
    static func signed2018(_ credential: JSONObject, key: Ed25519PrivateKey, method: String) throws -> [UInt8] {
        var options = JSONObject()
        options["type"] = "Ed25519Signature2018"
        options["created"] = .string(SignedSamples.created)
        options["verificationMethod"] = .string(method)
        options["proofPurpose"] = "assertionMethod"
        let hash = try LegacyEd25519Proofs.hashData(document: credential, proofOptions: options)
        let header = Base64URL.encode(Array(#"{"alg":"EdDSA","b64":false,"crit":["b64"]}"#.utf8))
        let signature = try key.signature(for: Array((header + ".").utf8) + hash.bytes)
        options["jws"] = .string(header + ".." + Base64URL.encode(signature))
        var signed = credential
        signed["proof"] = .object(options)
        return JSONValue.object(signed).jsonBytes()
    }

    @Test("an OB 3.0 badge with an Ed25519Signature2018 proof verifies with the deprecation warning (did:key and did:web keys); tampered fails")
    func ed25519Signature2018() throws {
        var credential = try SignedSamples.unsigned()
        let contexts = try #require(credential["@context"]?.arrayValue)
        credential["@context"] = .array(contexts + ["https://w3id.org/security/suites/ed25519-2018/v1"])
        let key = SignedSamples.key
        let bytes = try Self.signed2018(credential, key: key, method: DIDKey.verificationMethod(for: key.publicKey))
        let report = SignedSamples.verify(bytes)
        #expect(report.verdict == .valid, "\(report.describe)")
        let proof = try #require(report.checks.first { $0.id == .proof })
        #expect(proof.outcome == .warning && proof.message.contains("Ed25519Signature2018") && proof.message.contains("deprecated"), "\(proof.message)")

        var tampered = try #require(try JSONValue(parsing: bytes).objectValue)
        tampered["name"] = "Another badge"
        let changed = SignedSamples.verify(JSONValue.object(tampered).jsonBytes())
        #expect(changed.verdict == .invalid && changed.outcome(.proof) == .fail, "\(changed.describe)")

        // A did:web issuer whose DID document lists an Ed25519VerificationKey2018 (publicKeyBase58) key.
        let did = "did:web:badges.example.org"
        var profile = try #require(credential["issuer"]?.objectValue)
        profile["id"] = .string(did)
        credential["issuer"] = .object(profile)
        let web = try Self.signed2018(credential, key: key, method: did + "#key-1")
        var document = JSONObject()
        document["@context"] = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/ed25519-2018/v1"]
        document["id"] = .string(did)
        document["verificationMethod"] = [.object(JSONObject([
            "id": .string(did + "#key-1"), "type": "Ed25519VerificationKey2018", "controller": .string(did),
            "publicKeyBase58": .string(Base58BTC.encode(key.publicKey.rawRepresentation)),
        ]))]
        document["assertionMethod"] = [.string(did + "#key-1")]
        let resources = ["https://badges.example.org/.well-known/did.json": JSONValue.object(document).jsonBytes()]
        let hosted = SignedSamples.verify(web, resources: resources)
        #expect(hosted.verdict == .valid, "\(hosted.describe)")
        // The DID document was supplied as a file, so nobody but the key's holder vouches for it.
        #expect(hosted.issuer?.level == .selfAsserted, "\(String(describing: hosted.issuer))")
        // Without the DID document: cannot tell.
        #expect(SignedSamples.verify(web).verdict == .indeterminate)
    }

    /// A resolver standing in for the network: it serves `documents` as fetched from their URLs.
    struct FetchedResources: ResourceResolver {
        var documents: [String: [UInt8]]
        func resource(at url: String) -> ResourceLookup {
            documents[url].map { .found($0, origin: .fetched) } ?? .unavailable("not fetched in this test")
        }
    }

    static func dcc(_ name: String) throws -> [UInt8] {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return [UInt8](try Data(contentsOf: directory.appendingPathComponent("dcc").appendingPathComponent(name)))
    }

    @Test("DCC's own badges and 100,000-entry list: index 9 (clear) passes status with the warning; index 8 (set) is revoked")
    func dccStatusList() throws {
        let listURL = "https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj"
        let list = try Self.dcc("status-list-e5WK8CbZ1GjycuPombrj.json")
        var options = VerificationOptions(at: SignedSamples.at)
        options.resolver = FetchedResources(documents: [listURL: list])
        let verifier = Verifier(options: options)

        let valid = verifier.verify(bytes: try Self.dcc("v2WithValidStatus.json"), source: "dcc-valid")
        // The fixture's subject has neither an id nor an identifier, which OB 3.0 requires: that is its one failure.
        #expect(valid.checks.filter { $0.outcome == .fail }.map(\.id) == [.recipient], "\(valid.describe)")
        #expect(valid.outcome(.proof) == .warning, "\(valid.describe)")
        let status = try #require(valid.checks.first { $0.id == .status })
        #expect(status.outcome == .warning && status.message.hasPrefix("The badge has not been revoked."), "\(status.message)")
        #expect(status.message.contains("100,000 entries"), "\(status.message)")
        // The DCC list calls itself by its original address; served at the URL the badge names, it is still read.
        #expect(status.message.contains("calls itself https://testing.dcconsortium.org/status/e5WK8CbZ1GjycuPombrj"))

        let revoked = verifier.verify(bytes: try Self.dcc("v2Revoked.json"), source: "dcc-revoked")
        #expect(revoked.verdict == .invalid)
        #expect(revoked.checks.first { $0.id == .status }?.message == "This badge was revoked by its issuer.", "\(revoked.describe)")

        // The same list handed over as a file cannot stand in for the one the badge names: its id differs.
        let supplied = SignedSamples.verify(try Self.dcc("v2WithValidStatus.json"), resources: [listURL: list])
        #expect(supplied.verdict == .invalid)
        #expect(supplied.checks.first { $0.id == .status }?.message.contains("not the list the badge names") == true)
    }
}

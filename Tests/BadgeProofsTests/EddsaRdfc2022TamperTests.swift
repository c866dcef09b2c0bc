import BadgeCrypto
import Foundation
import LinkedData
import Testing

@testable import BadgeProofs

/// eddsa-rdfc-2022 must fail, with the right reason, on every change to what was signed.
@Suite struct EddsaRdfc2022TamperTests {
    /// The 1EdTech OB 3.0 vector's signed credential (issuer `https://example.edu/issuers/565049`, method
    /// `<issuer id>#z6Mk…`).
    static func signedOpenBadge() throws -> JSONObject {
        let vector = try Fixtures.object("rdfc/1edtech-ldp/obv3p0/vector.json")
        return try #require(vector["signedCredential"]?.objectValue)
    }

    /// A fresh credential signed by `key` with `verificationMethod` (did:key of the key by default).
    static func signed(
        key: Ed25519PrivateKey, issuer: String? = nil, verificationMethod: String? = nil,
        edit: (inout JSONObject) -> Void = { _ in }
    ) throws -> JSONObject {
        let vector = try Fixtures.object("rdfc/1edtech-ldp/obv3p0/vector.json")
        var unsigned = try #require(vector["unsignedCredential"]?.objectValue)
        if let issuer {
            var profile = try #require(unsigned["issuer"]?.objectValue)
            profile["id"] = .string(issuer)
            unsigned["issuer"] = .object(profile)
        }
        edit(&unsigned)
        let options = try DataIntegrityProof(
            cryptosuite: EddsaRdfc2022.cryptosuite,
            verificationMethod: verificationMethod ?? DIDKey.verificationMethod(for: key.publicKey),
            created: "2024-04-03T09:44:42Z")
        return try EddsaRdfc2022.addProof(to: unsigned, options: options, privateKey: key)
    }

    @Test("every one-character change to a signed OB 3.0 credential makes verification fail")
    func everyPositionTampered() throws {
        let signed = try Self.signedOpenBadge()
        #expect(EddsaRdfc2022.verify(signed).verified)
        let original = signed.jsonBytes()
        var tested = 0
        var rejected = 0
        var reasons: [ProofError.Code: Int] = [:]
        for position in original.indices {
            let byte = original[position]
            let replacement: UInt8
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "y"), UInt8(ascii: "A")...UInt8(ascii: "Y"),
                UInt8(ascii: "0")...UInt8(ascii: "8"):
                replacement = byte + 1
            case UInt8(ascii: "z"), UInt8(ascii: "Z"), UInt8(ascii: "9"), UInt8(ascii: ":"), UInt8(ascii: "/"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "#"), UInt8(ascii: "@"), UInt8(ascii: " "):
                replacement = UInt8(ascii: "_")
            default:
                continue  // JSON structure: the mutation is not JSON
            }
            var mutated = original
            mutated[position] = replacement
            guard let value = try? JSONValue(parsing: mutated), let object = value.objectValue else { continue }
            tested += 1
            let result = EddsaRdfc2022.verify(object)
            if result.verified {
                let around = mutated[max(0, position - 30)..<min(mutated.count, position + 30)]
                Issue.record("a change at byte \(position) still verified: …\(String(decoding: around, as: UTF8.self))…")
            } else {
                rejected += 1
                reasons[result.failures[0].code, default: 0] += 1
            }
        }
        let summary = reasons.sorted { $0.value > $1.value }.map { "\($0.key.rawValue) \($0.value)" }
        print(
            "eddsa-rdfc-2022 tampering: \(rejected)/\(tested) one-character changes rejected "
                + "(\(summary.joined(separator: ", ")))")
        #expect(tested > 1000)
        #expect(rejected == tested)
    }

    @Test("an undefined member, added anywhere, fails closed in safe mode and names its JSON path")
    func undefinedMember() throws {
        let signed = try Self.signedOpenBadge()
        var topLevel = signed
        topLevel["foo"] = "bar"
        let failure = try #require(EddsaRdfc2022.verify(topLevel).failures.first)
        #expect(failure.code == .dataLossDetected)
        #expect(failure.path == "foo")
        #expect(failure.dataIntegrityErrorType == "DATA_LOSS_DETECTION_ERROR")

        var nested = signed
        var subject = try #require(nested["credentialSubject"]?.objectValue)
        var achievement = try #require(subject["achievement"]?.objectValue)
        achievement["levelOfAwesome"] = 11
        subject["achievement"] = .object(achievement)
        nested["credentialSubject"] = .object(subject)
        let nestedFailure = try #require(EddsaRdfc2022.verify(nested).failures.first)
        #expect(nestedFailure.code == .dataLossDetected)
        #expect(nestedFailure.path == "credentialSubject.achievement.levelOfAwesome")
        #expect(nestedFailure.reason.contains("levelOfAwesome"))

        // In the proof: the path points into the proof.
        var inProof = signed
        var proof = try #require(signed["proof"]?.objectValue)
        proof["note"] = "added later"
        inProof["proof"] = .object(proof)
        let proofFailure = try #require(EddsaRdfc2022.verify(inProof).failures.first)
        #expect(proofFailure.code == .dataLossDetected)
        #expect(proofFailure.path == "proof.note", "\(proofFailure)")

        // The same undefined member is also refused when signing.
        let key = try Fixtures.testKey(4)
        #expect(throws: ProofError.self) {
            try Self.signed(key: key) { $0["foo"] = "bar" }
        }
        // Without safe mode the member is silently dropped, and the original signature still verifies: exactly
        // the hole safe mode closes.
        let unsafe = JSONLDProcessor(options: JSONLDOptions(safeMode: false))
        #expect(
            EddsaRdfc2022.verify(topLevel, resolver: OfflineVerificationMethodResolver(), processor: unsafe).verified)
    }

    @Test("a swapped issuer id fails on the issuer binding; a did:key issuer swapped for another fails too")
    func swappedIssuer() throws {
        var swapped = try Self.signedOpenBadge()
        var issuer = try #require(swapped["issuer"]?.objectValue)
        issuer["id"] = "https://evil.example/issuers/1"
        swapped["issuer"] = .object(issuer)
        let failure = try #require(EddsaRdfc2022.verify(swapped).failures.first)
        #expect(failure.code == .issuerBindingFailed)
        #expect(failure.path == "issuer")
        // Without the binding check the edit is still caught by the signature.
        let unbound = EddsaRdfc2022.verify(swapped, options: ProofVerificationOptions(bindsKeyToIssuer: false))
        #expect(unbound.failures.first?.code == .signatureInvalid)

        // did:key issuer signed with its own key: verifies; issuer changed to another did:key: binding fails.
        let key = try Fixtures.testKey(5)
        let didIssuer = try Self.signed(key: key, issuer: DIDKey.did(for: key.publicKey))
        let result = EddsaRdfc2022.verify(didIssuer)
        #expect(result.verified, "\(result.failures)")
        #expect(result.proofs[0].verificationMethod?.controller == DIDKey.did(for: key.publicKey))
        let other = DIDKey.did(for: try Fixtures.testKey(6).publicKey)
        let signedByOther = try Self.signed(key: key, issuer: other)
        #expect(EddsaRdfc2022.verify(signedByOther).failures.first?.code == .issuerBindingFailed)
        // An https issuer with a did:key method is accepted: the key is self-asserted.
        let httpsIssuer = try Self.signed(key: key, issuer: "https://example.edu/issuers/1")
        #expect(EddsaRdfc2022.verify(httpsIssuer).verified)
    }

    @Test("a signature by another key fails as an invalid signature")
    func wrongKey() throws {
        let key = try Fixtures.testKey(7)
        let other = try Fixtures.testKey(8)
        let issuer = "https://example.edu/issuers/565049"
        // The method names `other`'s key, but `key` signs: creating refuses it.
        #expect(throws: ProofError.self) {
            try Self.signed(
                key: key, issuer: issuer, verificationMethod: issuer + "#" + Multikey.encode(other.publicKey))
        }
        let signed = try Self.signed(
            key: key, issuer: issuer, verificationMethod: issuer + "#" + Multikey.encode(key.publicKey))
        #expect(EddsaRdfc2022.verify(signed).verified)
        // The verifier pins another key.
        let pinned = EddsaRdfc2022.verify(signed, resolver: FixedKeyResolver(other.publicKey))
        #expect(pinned.failures.first?.code == .signatureInvalid)
        // The method is edited to name another key of the same issuer.
        var edited = signed
        var proof = try #require(signed["proof"]?.objectValue)
        proof["verificationMethod"] = .string(issuer + "#" + Multikey.encode(other.publicKey))
        edited["proof"] = .object(proof)
        #expect(EddsaRdfc2022.verify(edited).failures.first?.code == .signatureInvalid)
    }

    @Test("a poison graph hits the RDFC-1.0 work limit: signing refuses it and verification fails closed")
    func poisonGraph() throws {
        // A 10-node blank node clique, the shape of the RDFC-1.0 suite's poison test, written as JSON-LD.
        var nodes: [JSONValue] = []
        for from in 0..<10 {
            let links: [JSONValue] = (0..<10).map { .object(JSONObject(["@id": .string("_:n\($0)")])) }
            nodes.append(
                .object(
                    JSONObject([
                        "@id": .string("_:n\(from)"), "https://example.com/vocab#knows": .array(links),
                    ])))
        }
        let poison = JSONObject([
            "@context": ["https://www.w3.org/ns/credentials/v2"], "@graph": .array(nodes),
        ])
        let key = try Fixtures.testKey(9)
        let options = try DataIntegrityProof(
            cryptosuite: EddsaRdfc2022.cryptosuite, verificationMethod: DIDKey.verificationMethod(for: key.publicKey),
            created: "2024-04-03T09:44:42Z")
        let start = Date()
        do {
            _ = try EddsaRdfc2022.addProof(to: poison, options: options, privateKey: key)
            Issue.record("a poison graph was signed")
        } catch {
            #expect(error.code == .canonicalizationLimitExceeded)
        }
        var secured = poison
        secured["proof"] =
            options.settingProofValue(Multibase.encode([UInt8](repeating: 1, count: 64), base: .base58btc))
            .jsonValue
        let failure = try #require(EddsaRdfc2022.verify(secured).failures.first)
        #expect(failure.code == .canonicalizationLimitExceeded)
        #expect(failure.reason.contains("RDFC-1.0"))
        #expect(failure.dataIntegrityErrorType == "PROOF_TRANSFORMATION_ERROR")
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test("verification fails closed, with a reason, on each kind of bad proof")
    func failsClosed() throws {
        let signed = try Self.signedOpenBadge()
        func failure(_ edit: (inout JSONObject) -> Void) -> ProofError? {
            var document = signed
            edit(&document)
            let result = EddsaRdfc2022.verify(document)
            #expect(!result.verified)
            return result.failures.first
        }
        func editProof(_ name: String, _ value: JSONValue?) -> (inout JSONObject) -> Void {
            { document in
                var proof = document["proof"]!.objectValue!
                proof[name] = value
                document["proof"] = .object(proof)
            }
        }
        #expect(failure(editProof("cryptosuite", "eddsa-jcs-2022"))?.code == .unsupportedCryptosuite)
        #expect(failure(editProof("type", "Ed25519Signature2020"))?.code == .unsupportedProofType)
        #expect(failure(editProof("proofPurpose", "authentication"))?.code == .wrongProofPurpose)
        #expect(failure(editProof("proofValue", "z1111"))?.code == .invalidProofValue)
        #expect(failure(editProof("created", "2010-01-01T19:23:24"))?.code == .signatureInvalid)
        #expect(failure(editProof("created", "2010-02-30T19:23:24Z"))?.code == .invalidDateTime)
        #expect(
            failure(editProof("verificationMethod", "https://example.edu/issuers/565049#key-1"))?.code
                == .unresolvableVerificationMethod)
        #expect(failure { $0["@context"] = ["https://www.w3.org/ns/credentials/v2"] }?.code == .dataLossDetected)
        #expect(
            failure { $0["@context"] = ["https://example.com/unknown-context.jsonld"] }?.code == .unknownContext)
        let unknown = try #require(failure { $0["@context"] = ["https://example.com/unknown-context.jsonld"] })
        #expect(unknown.reason.contains("https://example.com/unknown-context.jsonld"))
        #expect(failure { $0["proof"] = nil }?.code == .missingProof)
        // Whitespace, member order and the JSON form do not matter; only the RDF does.
        var reordered = JSONObject()
        for member in signed.members.reversed() { reordered[member.key] = member.value }
        #expect(EddsaRdfc2022.verify(reordered).verified)
        var compacted = signed
        var issuer = try #require(signed["issuer"]?.objectValue)
        issuer["type"] = "Profile"  // a one-element array and its single value expand alike
        compacted["issuer"] = .object(issuer)
        #expect(EddsaRdfc2022.verify(compacted).verified)
    }

    @Test("proof sets and chains: each proof is verified and reported on its own")
    func proofSetsAndChains() throws {
        let first = try Fixtures.testKey(11)
        let second = try Fixtures.testKey(12)
        let base = try Self.signed(
            key: first, issuer: "https://example.edu/issuers/565049",
            verificationMethod: "https://example.edu/issuers/565049#" + Multikey.encode(first.publicKey))
        // A second proof, eddsa-jcs-2022, by another key of the same issuer.
        let jcsOptions = try DataIntegrityProof(
            cryptosuite: EddsaJcs2022.cryptosuite,
            verificationMethod: "https://example.edu/issuers/565049#" + Multikey.encode(second.publicKey),
            created: "2024-04-03T09:44:43Z", id: "urn:uuid:jcs")
        let mixed = try EddsaJcs2022.addProof(to: base, options: jcsOptions, privateKey: second)
        let mixedResult = DataIntegrityVerifier.verify(mixed)
        #expect(mixedResult.verified, "\(mixedResult.failures)")
        #expect(mixedResult.proofs.count == 2)
        let rdfcOnly = EddsaRdfc2022.verify(mixed)
        #expect(rdfcOnly.proofs.map(\.verified) == [true, false])
        #expect(rdfcOnly.proofs[1].failure?.code == .unsupportedCryptosuite)

        // A chained eddsa-rdfc-2022 proof signs the proof it names.
        let chainOptions = try DataIntegrityProof(
            cryptosuite: EddsaRdfc2022.cryptosuite,
            verificationMethod: "https://example.edu/issuers/565049#" + Multikey.encode(second.publicKey),
            created: "2024-04-03T09:44:44Z", previousProof: ["urn:uuid:jcs"])
        let chained = try EddsaRdfc2022.addProof(to: mixed, options: chainOptions, privateKey: second)
        let chainedResult = DataIntegrityVerifier.verify(chained)
        #expect(chainedResult.verified, "\(chainedResult.failures)")
        #expect(chainedResult.proofs.count == 3)
        // Editing the chained-to proof breaks it and the chain, but not the first proof.
        var proofs = try #require(chained["proof"]?.arrayValue)
        var jcsProof = try #require(proofs[1].objectValue)
        jcsProof["created"] = "2024-04-03T09:44:45Z"
        proofs[1] = .object(jcsProof)
        var edited = chained
        edited["proof"] = .array(proofs)
        #expect(DataIntegrityVerifier.verify(edited).proofs.map(\.verified) == [true, false, false])
    }

    @Test("a proof set of two eddsa-rdfc-2022 proofs verifies each; more than 32 proofs are refused as a whole")
    func proofSetLimit() throws {
        let first = try Fixtures.testKey(13)
        let second = try Fixtures.testKey(14)
        let signed = try Self.signed(key: first, issuer: "https://example.edu/issuers/565049",
            verificationMethod: "https://example.edu/issuers/565049#" + Multikey.encode(first.publicKey))
        let options = try DataIntegrityProof(
            cryptosuite: EddsaRdfc2022.cryptosuite,
            verificationMethod: "https://example.edu/issuers/565049#" + Multikey.encode(second.publicKey),
            created: "2024-04-03T09:44:45Z")
        let two = try EddsaRdfc2022.addProof(to: signed, options: options, privateKey: second)
        let result = EddsaRdfc2022.verify(two)
        #expect(result.verified, "\(result.failures)")
        #expect(result.proofs.map(\.verified) == [true, true])
        // Both proofs name their own key: swapping the proof values breaks both.
        var swapped = try #require(two["proof"]?.arrayValue)
        var p0 = try #require(swapped[0].objectValue)
        var p1 = try #require(swapped[1].objectValue)
        (p0["proofValue"], p1["proofValue"]) = (p1["proofValue"], p0["proofValue"])
        swapped = [.object(p0), .object(p1)]
        var edited = two
        edited["proof"] = .array(swapped)
        #expect(EddsaRdfc2022.verify(edited).proofs.map(\.verified) == [false, false])

        var many = signed
        many["proof"] = .array(Array(repeating: try #require(signed["proof"]), count: 33))
        let refused = EddsaRdfc2022.verify(many)
        #expect(refused.documentFailure?.code == .malformedDocument)
        #expect(refused.proofs.isEmpty)
        #expect(DataIntegrityVerifier.verify(many).documentFailure?.code == .malformedDocument)
        many["proof"] = .array(Array(repeating: try #require(signed["proof"]), count: 32))
        #expect(EddsaRdfc2022.verify(many).verified)
    }
}

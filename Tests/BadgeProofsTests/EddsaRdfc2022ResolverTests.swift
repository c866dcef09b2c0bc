import BadgeCrypto
import Foundation
import LinkedData
import Testing

@testable import BadgeProofs

/// Verification-method resolution for offline use: did:key, `<issuer id>#z6Mk…`, and supplied DID / Multikey
/// documents, with the key bound to the issuer.
@Suite struct EddsaRdfc2022ResolverTests {
    static let did = "did:web:issuer.example%3A8443:badges"
    static let didURL = "https://issuer.example:8443/badges/did.json"

    /// A did:web DID document with a Multikey method `#key-1` under `relationship`.
    static func didDocument(_ key: Ed25519PublicKey, relationship: String = "assertionMethod") -> JSONValue {
        .object(
            JSONObject([
                "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
                "id": .string(did),
                "verificationMethod": [
                    .object(
                        JSONObject([
                            "id": "#key-1", "type": "Multikey", "controller": .string(did),
                            "publicKeyMultibase": .string(Multikey.encode(key)),
                        ]))
                ],
                .init(stringLiteral: relationship): ["#key-1"],
            ]))
    }

    @Test("did:web DIDs map to the HTTPS URL of their DID document")
    func didWebURLs() {
        #expect(
            DIDWeb.documentURL(for: "did:web:w3c-ccg.github.io") == "https://w3c-ccg.github.io/.well-known/did.json")
        #expect(
            DIDWeb.documentURL(for: "did:web:w3c-ccg.github.io:user:alice")
                == "https://w3c-ccg.github.io/user/alice/did.json")
        #expect(
            DIDWeb.documentURL(for: "did:web:example.com%3A3000") == "https://example.com:3000/.well-known/did.json")
        #expect(DIDWeb.documentURL(for: Self.did) == Self.didURL)
        for bad in ["did:web:", "did:web:example.com#key-1", "did:web:a::b", "did:key:z6Mk", "did:web:ex ample.com"] {
            #expect(DIDWeb.documentURL(for: bad) == nil, "\(bad)")
        }
    }

    @Test("did:key and <issuer id>#z6Mk… resolve offline, with their controller")
    func offlineForms() throws {
        let key = try Fixtures.testKey(21).publicKey
        let resolver = OfflineVerificationMethodResolver()
        let didKey = try resolver.resolve(DIDKey.verificationMethod(for: key), purpose: "assertionMethod")
        #expect(didKey.publicKey == key && didKey.source == .didKey && didKey.controller == DIDKey.did(for: key))
        let bare = try resolver.resolve(DIDKey.did(for: key), purpose: nil)
        #expect(bare.publicKey == key && bare.controller == DIDKey.did(for: key))
        let fragment = try resolver.resolve("https://example.edu/issuers/1#" + Multikey.encode(key), purpose: nil)
        #expect(fragment.source == .fragmentMultikey && fragment.controller == "https://example.edu/issuers/1")
        let known = try OfflineVerificationMethodResolver(knownKeys: ["https://example.edu/keys/1": key])
            .resolve("https://example.edu/keys/1", purpose: nil)
        #expect(known.source == .suppliedKey && known.controller == nil)
        for bad in ["https://example.edu/keys/1", "did:key:z6MkBAD", "did:example:123#z6Mk", "z6Mk"] {
            #expect(throws: ProofError.self, "\(bad)") { try resolver.resolve(bad, purpose: nil) }
        }
    }

    @Test("a supplied did:web DID document resolves relative method ids, by DID or by URL")
    func didDocuments() throws {
        let key = try Fixtures.testKey(22).publicKey
        let method = Self.did + "#key-1"
        for documents in [[Self.did: Self.didDocument(key)], [Self.didURL: Self.didDocument(key)]] {
            let resolved = try OfflineVerificationMethodResolver(documents: documents)
                .resolve(method, purpose: "assertionMethod")
            #expect(resolved.publicKey == key)
            #expect(resolved.controller == Self.did)
            #expect(resolved.source == .suppliedDocument(documents.keys.first!))
        }
        // Not listed for the proof purpose.
        let authOnly = OfflineVerificationMethodResolver(documents: [
            Self.did: Self.didDocument(key, relationship: "authentication")
        ])
        #expect(throws: ProofError.self) { try authOnly.resolve(method, purpose: "assertionMethod") }
        #expect(try authOnly.resolve(method, purpose: "authentication").publicKey == key)
        // A method the document does not have, and a document about another DID.
        let resolver = OfflineVerificationMethodResolver(documents: [Self.did: Self.didDocument(key)])
        #expect(throws: ProofError.self) { try resolver.resolve(Self.did + "#key-2", purpose: nil) }
        var other = try #require(Self.didDocument(key).objectValue)
        other["id"] = "did:web:attacker.example"
        #expect(throws: ProofError.self) {
            try OfflineVerificationMethodResolver(documents: [Self.did: .object(other)]).resolve(method, purpose: nil)
        }
        #expect(throws: ProofError.self) {
            try OfflineVerificationMethodResolver(documents: [Self.did: "not a document"]).resolve(method, purpose: nil)
        }
    }

    @Test("JsonWebKey, Ed25519VerificationKey2018/2020 and Multikey documents; private keys are refused")
    func keyFormats() throws {
        let key = try Fixtures.testKey(23)
        let id = "https://example.edu/issuers/1"
        let jwk = try #require(try JSONValue(parsing: key.publicKey.jwk().jsonString()).objectValue)
        let formats: [(String, JSONObject)] = [
            ("JsonWebKey", JSONObject(["publicKeyJwk": .object(jwk)])),
            ("Ed25519VerificationKey2020", JSONObject(["publicKeyMultibase": .string(Multikey.encode(key.publicKey))])),
            (
                "Ed25519VerificationKey2018",
                JSONObject(["publicKeyBase58": .string(Base58BTC.encode(key.publicKey.rawRepresentation))])
            ),
        ]
        for (type, material) in formats {
            var method = material
            method["id"] = .string(id + "#k")
            method["type"] = .string(type)
            method["controller"] = .string(id)
            let document = JSONValue.object(
                JSONObject([
                    "id": .string(id), "verificationMethod": [.object(method)], "assertionMethod": [.string(id + "#k")],
                ]))
            let resolved = try OfflineVerificationMethodResolver(documents: [id: document])
                .resolve(id + "#k", purpose: "assertionMethod")
            #expect(resolved.publicKey == key.publicKey, "\(type)")
        }
        // A Multikey document: the URL is the method itself.
        let multikeyURL = "https://example.edu/keys/1"
        let multikey = JSONValue.object(
            JSONObject([
                "@context": "https://w3id.org/security/multikey/v1", "id": .string(multikeyURL), "type": "Multikey",
                "controller": .string(id), "publicKeyMultibase": .string(Multikey.encode(key.publicKey)),
            ]))
        let resolved = try OfflineVerificationMethodResolver(documents: [multikeyURL: multikey])
            .resolve(multikeyURL, purpose: "assertionMethod")
        #expect(resolved.publicKey == key.publicKey && resolved.controller == id)
        // Private key material in a published method is refused.
        var leaky = try #require(multikey.objectValue)
        leaky["secretKeyMultibase"] = .string(Multikey.encode(key))
        #expect(throws: ProofError.self) {
            try OfflineVerificationMethodResolver(documents: [multikeyURL: .object(leaky)]).resolve(
                multikeyURL, purpose: nil)
        }
        var privateJWK = try #require(
            try JSONValue(parsing: key.jwk(includingPrivateKey: true).jsonString()).objectValue)
        privateJWK["kid"] = nil
        let jwkDocument = JSONValue.object(
            JSONObject([
                "id": .string(multikeyURL), "type": "JsonWebKey", "controller": .string(id),
                "publicKeyJwk": .object(privateJWK),
            ]))
        #expect(throws: ProofError.self) {
            try OfflineVerificationMethodResolver(documents: [multikeyURL: jwkDocument]).resolve(
                multikeyURL, purpose: nil)
        }
    }

    @Test("a credential signed with a did:web key verifies with the supplied DID document, bound to the issuer")
    func endToEndDIDWeb() throws {
        let key = try Fixtures.testKey(24)
        let signed = try EddsaRdfc2022TamperTests.signed(
            key: key, issuer: Self.did, verificationMethod: Self.did + "#key-1")
        let documents = [Self.didURL: Self.didDocument(key.publicKey)]
        let result = EddsaRdfc2022.verify(signed, resolver: OfflineVerificationMethodResolver(documents: documents))
        #expect(result.verified, "\(result.failures)")
        #expect(result.proofs[0].verificationMethod?.source == .suppliedDocument(Self.didURL))
        // Without the document the method cannot be resolved offline.
        #expect(EddsaRdfc2022.verify(signed).failures.first?.code == .unresolvableVerificationMethod)
        // Another issuer claiming this DID's key fails the binding.
        let impostor = try EddsaRdfc2022TamperTests.signed(
            key: key, issuer: "did:web:impostor.example", verificationMethod: Self.did + "#key-1")
        let bound = EddsaRdfc2022.verify(impostor, resolver: OfflineVerificationMethodResolver(documents: documents))
        #expect(bound.failures.first?.code == .issuerBindingFailed)
        // A document whose key differs from the signer's: the signature fails.
        let wrong = [Self.didURL: Self.didDocument(try Fixtures.testKey(25).publicKey)]
        #expect(
            EddsaRdfc2022.verify(signed, resolver: OfflineVerificationMethodResolver(documents: wrong)).failures.first?
                .code == .signatureInvalid)
    }
}

import BadgeCrypto
import BadgeIssuer
import BadgeProofs
import BadgeVerifier
import Foundation
import LinkedData
import OpenBadges

/// Badges forged as an attacker would: each carries a real signature, made by a key that is not the issuer's
/// (the forger's), in one of the shapes that earlier verifiers accepted as "genuine". Built deterministically
/// (Ed25519 signatures are), so the copies the CLI and server tests read are checked against these.
enum Forgeries {
    static let issuerKey = SignedSamples.key
    static let forger = SignedSamples.otherKey
    static let statusURL = "https://example.edu/status/revocation/1"

    struct Case {
        /// The file name of the forged badge.
        var file: String
        var bytes: [UInt8]
        /// Resources an employer might be handed with it (URL → file name, bytes).
        var resources: [(url: String, file: String, bytes: [UInt8])] = []
        var verdict: Verdict
        /// The check that decides the verdict (fails, or cannot tell).
        var check: CheckID
        /// What the case is.
        var why: String
    }

    static func profile(_ id: String, name: String = "Example College") -> Profile {
        var profile = Profile(json: JSONObject())
        profile.id = id
        profile.types = ["Profile"]
        profile.name = name
        return profile
    }

    static func signed(_ credential: JSONObject, key: Ed25519PrivateKey, method: String) throws -> [UInt8] {
        try CredentialSigner(format: .eddsaRdfc2022, key: key, verificationMethod: method)
            .sign(credential, created: SignedSamples.created).bytes
    }

    /// A status list credential with `set` bits, issued by `issuer` and signed by `key`.
    static func statusList(
        id: String, issuer: String, key: Ed25519PrivateKey, set: [Int] = [], validFrom: String = SignedSamples.created,
        bitCount: Int = BitstringStatusList.minimumBitCount
    ) throws -> [UInt8] {
        var bits = BitstringStatusList(bitCount: bitCount)
        for index in set { try bits.setBit(at: index, to: true) }
        var credential = JSONObject()
        credential["@context"] = [.string(CredentialContexts.credentialsV2)]
        credential["id"] = .string(id)
        credential["type"] = ["VerifiableCredential", "BitstringStatusListCredential"]
        credential["issuer"] = .string(issuer)
        credential["validFrom"] = .string(validFrom)
        credential["credentialSubject"] = .object(JSONObject([
            "id": .string(id + "#list"), "type": "BitstringStatusList", "statusPurpose": "revocation",
            "encodedList": .string(try bits.encodedList()),
        ]))
        return try signed(credential, key: key, method: DIDKey.verificationMethod(for: key.publicKey))
    }

    /// A DID document for `did` whose one key (the forger's, as `#key-1`) is listed under `relationships`.
    static func didDocument(_ did: String, key: Ed25519PublicKey, relationships: [String]) -> [UInt8] {
        var document = JSONObject()
        document["@context"] = ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"]
        document["id"] = .string(did)
        document["verificationMethod"] = [.object(JSONObject([
            "id": .string(did + "#key-1"), "type": "Multikey", "controller": .string(did),
            "publicKeyMultibase": .string(Multikey.encode(key)),
        ]))]
        for relationship in relationships { document[relationship] = [.string(did + "#key-1")] }
        return JSONSerializer(style: .pretty).serialize(.object(document))
    }

    /// The six forgeries of the trust issue, in its order.
    static func all() throws -> [Case] {
        var cases: [Case] = []

        // 1. A VC-JWT whose header carries the forger's own key, naming another issuer's did:key.
        let jwt = try VCJWT.issue(try SignedSamples.unsigned(), privateKey: forger, keyReference: .embeddedJWK)
        cases.append(Case(file: "1-jwt-header-key-for-another-did-key.jwt", bytes: Array(jwt.utf8), verdict: .invalid,
            check: .keyBinding, why: "a VC-JWT signed with the key in its own header, naming another issuer's did:key"))

        // 2. An https issuer, signed by a key under someone else's URL.
        let https = try SignedSamples.unsigned(issuer: profile("https://example.edu/issuers/1"))
        cases.append(Case(file: "2-https-issuer-foreign-method.json",
            bytes: try signed(https, key: forger, method: "https://other.example/issuers/9#" + Multikey.encode(forger.publicKey)),
            verdict: .invalid, check: .keyBinding,
            why: "an https issuer whose proof names a key controlled by another URL"))

        // 3. A did:web issuer, with the forger's key written into the fragment and no DID document.
        let didWeb = try SignedSamples.unsigned(issuer: profile("did:web:example.edu"))
        cases.append(Case(file: "3-did-web-fragment-key-no-document.json",
            bytes: try signed(didWeb, key: forger, method: "did:web:example.edu#" + Multikey.encode(forger.publicKey)),
            verdict: .indeterminate, check: .keyBinding,
            why: "a did:web issuer whose key is only in the method's fragment, with no DID document"))

        // 4. A did:web DID document that lists the key only under authentication.
        cases.append(Case(file: "4-did-web-key-only-for-authentication.json",
            bytes: try signed(didWeb, key: forger, method: "did:web:example.edu#key-1"),
            resources: [("https://example.edu/.well-known/did.json", "4-did.json",
                         didDocument("did:web:example.edu", key: forger.publicKey, relationships: ["authentication"]))],
            verdict: .invalid, check: .keyBinding,
            why: "an assertion proof whose key the issuer's DID document lists only under authentication"))

        // 5. A fresh did:key that calls itself Harvard University.
        let harvard = try SignedSamples.unsigned(
            issuer: profile(DIDKey.did(for: forger.publicKey), name: "Harvard University"))
        cases.append(Case(file: "5-self-named-harvard.json",
            bytes: try signed(harvard, key: forger, method: DIDKey.verificationMethod(for: forger.publicKey)),
            verdict: .valid, check: .keyBinding,
            why: "a valid badge from a did:key whose profile says 'Harvard University'"))

        // 6. A revoked badge, with an all-zero status list signed by the forger.
        let revocable = try SignedSamples.unsigned(status: [.init(purpose: "revocation", listURL: statusURL, index: 5)])
        cases.append(Case(file: "6-revoked-with-foreign-status-list.json",
            bytes: try signed(revocable, key: issuerKey, method: DIDKey.verificationMethod(for: issuerKey.publicKey)),
            resources: [(statusURL, "6-status-list.json",
                         try statusList(id: statusURL, issuer: DIDKey.did(for: forger.publicKey), key: forger))],
            verdict: .invalid, check: .status,
            why: "a badge revoked at bit 5, shown with a clean list that another issuer signed"))
        return cases
    }

    /// Where the CLI and server tests keep their copies of the forgeries.
    static let copies = ["LaurelCLITests", "BadgeServerTests"].map { target in
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(target).appendingPathComponent("Fixtures/forgeries")
    }

    /// The files of every case and a manifest (`manifest.json`: file, resources, verdict, check, why).
    static func files() throws -> [(name: String, bytes: [UInt8])] {
        var files: [(String, [UInt8])] = []
        var manifest: [JSONValue] = []
        for forged in try all() {
            files.append((forged.file, forged.bytes))
            var resources = JSONObject()
            for resource in forged.resources {
                files.append((resource.file, resource.bytes))
                resources[resource.url] = .string(resource.file)
            }
            manifest.append(.object(JSONObject([
                "file": .string(forged.file), "resources": .object(resources), "verdict": .string(forged.verdict.rawValue),
                "check": .string(forged.check.rawValue), "why": .string(forged.why),
            ])))
        }
        var text = JSONSerializer(style: .pretty).serialize(.array(manifest))
        text.append(0x0A)
        files.append(("manifest.json", text))
        return files
    }
}

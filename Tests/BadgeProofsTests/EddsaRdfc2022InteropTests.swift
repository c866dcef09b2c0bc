import BadgeCrypto
import Foundation
import LinkedData
import OpenBadges
import Testing

@testable import BadgeProofs

/// Cross-implementation checks, run by `Scripts/interop-check.sh` only: both tests are skipped (reported as
/// skipped, never as passed) unless their environment variable names a folder.
///
/// - `LAUREL_INTEROP_OUT=DIR`: Laurel signs a few credentials into DIR with a `manifest.json` of the verdict each
///   must get, for another implementation to verify.
/// - `LAUREL_INTEROP_IN=DIR`: Laurel verifies the credentials another implementation wrote into DIR, against the
///   verdicts in its `manifest.json` (`{"files": [{"file", "expect": "valid"|"invalid", …}]}`).
@Suite struct EddsaRdfc2022InteropTests {
    static let outputFolder = ProcessInfo.processInfo.environment["LAUREL_INTEROP_OUT"].flatMap {
        $0.isEmpty ? nil : $0
    }
    static let inputFolder = ProcessInfo.processInfo.environment["LAUREL_INTEROP_IN"].flatMap { $0.isEmpty ? nil : $0 }

    /// An OB 3.0 credential for the interop run (a public test issuer; the key below is a test key).
    static func credential(id: String, issuer: String, name: String) -> JSONObject {
        JSONObject([
            "@context": [
                "https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
            ],
            "id": .string(id),
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "name": .string(name),
            "issuer": .object(
                JSONObject([
                    "id": .string(issuer), "type": ["Profile"], "name": "Laurel Interop Test Issuer",
                    "url": "https://issuer.example/",
                ])),
            "validFrom": "2025-01-15T09:30:00Z",
            "validUntil": "2099-01-15T09:30:00.000+00:00",
            "credentialSubject": .object(
                JSONObject([
                    "id": "did:example:learner-42",
                    "type": ["AchievementSubject"],
                    "achievement": .object(
                        JSONObject([
                            "id": "https://issuer.example/achievements/interop-201",
                            "type": ["Achievement"],
                            "name": "Interop 201 – Zürich 🏅 \"quoted\"",
                            "description": "Line one.\nLine two\twith a tab; a backslash \\ too.",
                            "criteria": .object(
                                JSONObject(["narrative": "Verify credentials from two other implementations."])),
                            "achievementType": "Competency",
                            "creditsAvailable": .number(JSONNumber(lexeme: "3.5")),
                        ])),
                    "result": [.object(JSONObject(["type": ["Result"], "status": "Completed"]))],
                ])),
            "evidence": [
                .object(
                    JSONObject([
                        "type": ["Evidence"], "name": "Interop log", "narrative": "Ran the checks on every release.",
                    ]))
            ],
        ])
    }

    @Test(
        "writes Laurel-signed credentials and their expected verdicts for another implementation",
        .enabled(if: outputFolder != nil, "LAUREL_INTEROP_OUT is not set: no interop credentials written"))
    func writeLaurelCredentials() throws {
        let folder = URL(fileURLWithPath: try #require(Self.outputFolder))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A fixed test key (public test material, never an issuer's real key).
        let key = try Ed25519PrivateKey(seed: SHA256.hash(Array("laurel interop test key v1".utf8)))
        let did = DIDKey.did(for: key.publicKey)
        let created = "2025-01-15T09:30:00Z"
        var files: [JSONValue] = []
        func put(_ name: String, _ document: JSONObject, expect: String, why: String) throws {
            try Data(document.jsonBytes(.pretty) + [0x0A]).write(to: folder.appendingPathComponent(name))
            files.append(
                .object(
                    JSONObject([
                        "file": .string(name), "expect": .string(expect), "producer": "laurel", "why": .string(why),
                    ])))
        }
        func rdfcOptions(_ method: String) throws -> DataIntegrityProof {
            try DataIntegrityProof(cryptosuite: EddsaRdfc2022.cryptosuite, verificationMethod: method, created: created)
        }

        let didKeyCredential = Self.credential(
            id: "urn:uuid:0b7c8e1a-5d2f-4c61-9a3e-000000000001", issuer: did, name: "Laurel interop (did:key)")
        let rdfc = try EddsaRdfc2022.addProof(
            to: didKeyCredential, options: try rdfcOptions(DIDKey.verificationMethod(for: key.publicKey)),
            privateKey: key)
        try put("laurel-rdfc-didkey.json", rdfc, expect: "valid", why: "eddsa-rdfc-2022, did:key issuer")

        let urlIssuer = "https://issuer.example/issuers/7"
        let urlCredential = Self.credential(
            id: "urn:uuid:0b7c8e1a-5d2f-4c61-9a3e-000000000002", issuer: urlIssuer, name: "Laurel interop (URL)")
        let rdfcURL = try EddsaRdfc2022.addProof(
            to: urlCredential, options: try rdfcOptions(urlIssuer + "#" + Multikey.encode(key.publicKey)),
            privateKey: key)
        try put("laurel-rdfc-issuer-url.json", rdfcURL, expect: "valid", why: "eddsa-rdfc-2022, <issuer id>#z6Mk…")

        let jcsOptions = try DataIntegrityProof(
            cryptosuite: EddsaJcs2022.cryptosuite, verificationMethod: DIDKey.verificationMethod(for: key.publicKey),
            created: created)
        let jcs = try EddsaJcs2022.addProof(to: didKeyCredential, options: jcsOptions, privateKey: key)
        try put("laurel-jcs-didkey.json", jcs, expect: "valid", why: "eddsa-jcs-2022, did:key issuer")
        let proofSet = try EddsaJcs2022.addProof(to: rdfc, options: jcsOptions, privateKey: key)
        try put("laurel-proof-set.json", proofSet, expect: "valid", why: "proof set: eddsa-rdfc-2022 + eddsa-jcs-2022")

        var edited = rdfc
        edited["name"] = "Laurel interop (did:key) — edited"
        try put("laurel-tampered-rdfc.json", edited, expect: "invalid", why: "name edited after signing")
        var undefined = rdfc
        undefined["favouriteColour"] = "teal"
        try put("laurel-tampered-undefined-term.json", undefined, expect: "invalid", why: "undefined term added")

        let manifest = JSONObject([
            "description": "Credentials signed by Laurel, with the verdict a correct verifier must reach.",
            "files": .array(files),
        ])
        try Data(manifest.jsonBytes(.pretty) + [0x0A]).write(to: folder.appendingPathComponent("manifest.json"))
        // Laurel accepts its own valid files and rejects the others.
        for file in files {
            let name = try #require(file["file"]?.stringValue)
            let document = try #require(
                try JSONValue(parsing: Array(Data(contentsOf: folder.appendingPathComponent(name)))).objectValue)
            #expect(
                DataIntegrityVerifier.verify(document).verified == (file["expect"]?.stringValue == "valid"), "\(name)")
        }
        print("interop: wrote \(files.count) Laurel credentials and manifest.json to \(folder.path)")
    }

    /// Laurel's verdict on one file of the peers: JSON with Data Integrity proofs, a VC-JWT, or either baked into a
    /// PNG or SVG.
    static func verdict(_ bytes: [UInt8], name: String) -> (valid: Bool, reason: String) {
        var payload: String
        if name.hasSuffix(".png") || name.hasSuffix(".svg") {
            do throws(BakingError) {
                payload = try BadgeBaker.extract(from: bytes).payload
            } catch {
                return (false, "baking: \(error)")
            }
        } else {
            payload = String(decoding: bytes, as: UTF8.self)
        }
        payload = payload.trimmingCharacters(in: .whitespacesAndNewlines)
        if BakedPayloadFormat.of(payload) == .compactJWS {
            return jwtVerdict(payload)
        }
        guard let document = (try? JSONValue(parsing: payload))?.objectValue else {
            return (false, "not a JSON object")
        }
        let result = DataIntegrityVerifier.verify(document)
        if result.verified {
            let suites = result.proofs.compactMap { $0.proof?.cryptosuite ?? $0.proof?.type }
            return (true, "verified: \(suites.joined(separator: " + "))")
        }
        return (false, result.failures.first.map { "\($0.code.rawValue): \($0.reason)" } ?? "not verified")
    }

    static func jwtVerdict(_ token: String) -> (valid: Bool, reason: String) {
        var key: JWTVerificationKey? = nil
        var method: ResolvedVerificationMethod? = nil
        if let jws = try? CompactJWS(parsing: token), let kid = jws.keyID {
            do throws(ProofError) {
                let resolved = try OfflineVerificationMethodResolver().resolve(kid, purpose: nil)
                key = .ed25519(resolved.publicKey)
                method = resolved
            } catch {
                return (false, "kid: \(error.reason)")
            }
        }
        let result = VCJWT.verify(token, key: key)
        guard result.verified else { return (false, "\(result.failure.map { "\($0)" } ?? "not verified")") }
        if let method, let credential = result.credential {
            do throws(ProofError) {
                try IssuerBinding.check(method, issuer: IssuerBinding.issuerID(of: credential))
            } catch {
                return (false, error.reason)
            }
        }
        return (true, "verified: VC-JWT \(result.algorithm ?? "")")
    }

    @Test(
        "verifies the credentials another implementation wrote, each as its manifest expects",
        .enabled(if: inputFolder != nil, "LAUREL_INTEROP_IN is not set: no peer credentials verified"))
    func verifyPeerCredentials() throws {
        let folder = URL(fileURLWithPath: try #require(Self.inputFolder))
        let manifestBytes = Array(try Data(contentsOf: folder.appendingPathComponent("manifest.json")))
        let manifest = try #require(try JSONValue(parsing: manifestBytes).objectValue)
        let files = try #require(manifest["files"]?.arrayValue)
        var agreed = 0
        for entry in files {
            let name = try #require(entry["file"]?.stringValue)
            let expected = entry["expect"]?.stringValue == "valid"
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            let (valid, reason) = Self.verdict(bytes, name: name)
            let ok = valid == expected
            if ok { agreed += 1 }
            print(
                "interop: \(ok ? "AGREE" : "DISAGREE") \(name): expected \(expected ? "valid" : "invalid"), "
                    + "Laurel says \(valid ? "valid" : "invalid") (\(reason))")
            #expect(ok, "\(name): \(reason)")
        }
        print("interop: Laurel agreed with \(agreed)/\(files.count) peer verdicts in \(folder.path)")
        #expect(files.count > 0)
    }
}

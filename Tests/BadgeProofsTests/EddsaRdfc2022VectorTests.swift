import BadgeCrypto
import Foundation
import LinkedData
import Testing

@testable import BadgeProofs

/// Every intermediate value of the published eddsa-rdfc-2022 vectors, computed from the JSON documents.
@Suite struct EddsaRdfc2022VectorTests {
    static let w3c = "rdfc/vc-di-eddsa/"

    /// Compares each intermediate with its published value and counts the matches.
    struct Checker {
        var name: String
        var passed = 0
        var total = 0

        mutating func check(_ actual: String, _ expected: String, _ what: String) {
            total += 1
            #expect(actual == expected, "\(name): \(what)")
            if actual == expected { passed += 1 }
        }

        func report() {
            print("\(name): \(passed)/\(total) intermediates reproduced byte for byte")
            #expect(passed == total)
        }
    }

    /// The W3C key pair (TestVectors/keyPair.json).
    static func w3cKey() throws -> Ed25519PrivateKey {
        let pair = try Fixtures.object(w3c + "keyPair.json")
        return try Multikey.privateKey(from: try #require(pair["privateKeyMultibase"]?.stringValue))
    }

    /// Runs the W3C vector in `folder` (files named `…DataInt.*`) for the unsigned document `unsignedFile`.
    func w3cVector(folder: String, unsignedFile: String, name: String) throws {
        let key = try Self.w3cKey()
        let unsigned = try Fixtures.object(Self.w3c + unsignedFile)
        let proofConfig = try Fixtures.object(folder + "proofConfigDataInt.json")
        var checker = Checker(name: name)

        // The proof options are the published proof configuration without its @context: the suite adds it.
        var options = proofConfig
        options.removeValue(forKey: "@context")
        let hash = try EddsaRdfc2022.hashData(document: unsigned, proofOptions: options)
        checker.check(
            hash.canonicalDocument, try Fixtures.rawText(folder + "canonDocDataInt.txt"), "canonical document")
        checker.check(
            hash.canonicalProofConfig, try Fixtures.rawText(folder + "proofCanonDataInt.txt"), "canonical proof")
        checker.check(Hex.encode(hash.documentHash), try Fixtures.text(folder + "docHashDataInt.txt"), "document hash")
        checker.check(
            Hex.encode(hash.proofConfigHash), try Fixtures.text(folder + "proofHashDataInt.txt"), "proof hash")
        checker.check(Hex.encode(hash.bytes), try Fixtures.text(folder + "combinedHashDataInt.txt"), "combined hash")
        checker.check(
            Hex.encode(try key.signature(for: hash.bytes)), try Fixtures.text(folder + "sigHexDataInt.txt"), "signature"
        )

        // Create Proof from the options gives the same proofValue, and Add Proof the published signed document.
        let proof = try EddsaRdfc2022.createProof(
            for: unsigned, options: try DataIntegrityProof(options), privateKey: key)
        checker.check(proof.proofValue ?? "", try Fixtures.text(folder + "sigBTC58DataInt.txt"), "proofValue")
        let signed = try EddsaRdfc2022.addProof(to: unsigned, options: try DataIntegrityProof(options), privateKey: key)
        let expected = try Fixtures.object(folder + "signedDataInt.json")
        checker.check(signed.jsonString(), expected.jsonString(), "signed document")

        // The published signed document verifies (without issuer binding: the employment vector's issuer is a
        // P-256 did:key while its proof uses the Ed25519 test key).
        let result = EddsaRdfc2022.verify(expected, options: ProofVerificationOptions(bindsKeyToIssuer: false))
        checker.check("\(result.verified)", "true", "signed document verifies: \(result.failures)")
        checker.report()
    }

    @Test("reproduces every intermediate of the W3C eddsa-rdfc-2022 test vector from unsigned.json")
    func w3cAlumni() throws {
        try w3cVector(folder: Self.w3c + "eddsa-rdfc-2022/", unsignedFile: "unsigned.json", name: "W3C eddsa-rdfc-2022")
    }

    @Test("reproduces every intermediate of the W3C employment authorization vector (citizenship context)")
    func w3cEmployment() throws {
        try w3cVector(
            folder: Self.w3c + "eddsa-rdfc-2022/employ/", unsignedFile: "employmentAuth.json",
            name: "W3C eddsa-rdfc-2022 employ")
    }

    /// Runs a 1EdTech implementation-guide vector (vector.json) from its unsigned credential.
    func oneEdTechVector(_ folder: String, name: String) throws {
        let vector = try Fixtures.object(folder + "vector.json")
        let unsigned = try #require(vector["unsignedCredential"]?.objectValue)
        let signedCredential = try #require(vector["signedCredential"]?.objectValue)
        let options = try DataIntegrityProof(try #require(vector["proofOptions"])).options
        let keyHex = try #require(vector["privateKeyHex_seed_plus_public"]?.stringValue)
        let keyBytes = try #require(Hex.decode(keyHex))
        let key = try Ed25519PrivateKey(seed: keyBytes.prefix(32))
        #expect(Hex.encode(key.publicKey.rawRepresentation) == vector["publicKeyHex"]?.stringValue)
        var checker = Checker(name: name)

        let hash = try EddsaRdfc2022.hashData(document: unsigned, proofOptions: options)
        checker.check(hash.canonicalDocument, try Fixtures.rawText(folder + "document-canon.txt"), "canonical document")
        checker.check(hash.canonicalProofConfig, try Fixtures.rawText(folder + "proof-canon.txt"), "canonical proof")
        checker.check(Hex.encode(hash.documentHash), vector["documentHashHex"]?.stringValue ?? "", "document hash")
        if let proofHash = vector["proofHashHex"]?.stringValue {
            checker.check(Hex.encode(hash.proofConfigHash), proofHash, "proof hash")
        }
        if let combined = vector["dataToSignHex(proofHash||documentHash)"]?.stringValue {
            checker.check(Hex.encode(hash.bytes), combined, "combined hash")
        }
        checker.check(
            Hex.encode(try key.signature(for: hash.bytes)), vector["signatureHex"]?.stringValue ?? "", "signature")
        let signed = try EddsaRdfc2022.addProof(to: unsigned, options: try DataIntegrityProof(options), privateKey: key)
        checker.check(
            signed["proof"]?["proofValue"]?.stringValue ?? "", vector["proofValue"]?.stringValue ?? "", "proofValue")
        // The published CLR credential carries its one proof in an array, the OB one as an object: same proof.
        var shaped = signed
        if let published = signedCredential["proof"]?.arrayValue, published.count == 1, let proof = signed["proof"] {
            shaped["proof"] = [proof]
        }
        checker.check(shaped.jsonString(), signedCredential.jsonString(), "signed credential")
        let result = EddsaRdfc2022.verify(signedCredential)
        checker.check("\(result.verified)", "true", "signed credential verifies: \(result.failures)")
        #expect(result.proofs.first?.verificationMethod?.source == .fragmentMultikey)
        checker.report()
    }

    @Test("reproduces the 1EdTech Open Badges 3.0 linked data proof vector from the unsigned credential")
    func oneEdTechOpenBadge() throws {
        try oneEdTechVector("rdfc/1edtech-ldp/obv3p0/", name: "1EdTech OB 3.0 eddsa-rdfc-2022")
    }

    @Test("reproduces the 1EdTech CLR 2.0 linked data proof vector from the unsigned credential")
    func oneEdTechCLR() throws {
        try oneEdTechVector("rdfc/1edtech-ldp/clrv2p0/", name: "1EdTech CLR 2.0 eddsa-rdfc-2022")
    }

    @Test("reproduces the W3C Ed25519Signature2020 vector with the legacy verifier, and flags it as legacy")
    func ed25519Signature2020() throws {
        let folder = Self.w3c + "Ed25519Signature2020/"
        let signed = try Fixtures.object(folder + "signedEdSig.json")
        var unsigned = signed
        unsigned.removeValue(forKey: "proof")
        var options = try Fixtures.object(folder + "proofConfigEdSig.json")
        options.removeValue(forKey: "@context")
        var checker = Checker(name: "W3C Ed25519Signature2020 (legacy)")
        let hash = try LegacyEd25519Proofs.hashData(document: unsigned, proofOptions: options)
        checker.check(hash.canonicalDocument, try Fixtures.rawText(folder + "canonDocEdSig.txt"), "canonical document")
        checker.check(
            hash.canonicalProofConfig, try Fixtures.rawText(folder + "proofCanonEdSig.txt"), "canonical proof")
        checker.check(Hex.encode(hash.documentHash), try Fixtures.text(folder + "docHashEdSig.txt"), "document hash")
        checker.check(Hex.encode(hash.proofConfigHash), try Fixtures.text(folder + "proofHashEdSig.txt"), "proof hash")
        checker.check(Hex.encode(hash.bytes), try Fixtures.text(folder + "combinedHashEdSig.txt"), "combined hash")
        let signature = try Self.w3cKey().signature(for: hash.bytes)
        checker.check(Hex.encode(signature), try Fixtures.text(folder + "sigHexEdSig.txt"), "signature")
        checker.check(
            Multibase.encode(signature, base: .base58btc), try Fixtures.text(folder + "sigBTC58EdSig.txt"), "proofValue"
        )

        let result = LegacyEd25519Proofs.verifyProof(in: signed)
        checker.check("\(result.verified)", "true", "signed document verifies: \(String(describing: result.failure))")
        #expect(result.isLegacy && result.legacySuite == "Ed25519Signature2020")
        checker.report()

        // eddsa-rdfc-2022 itself refuses the legacy proof type; the mixed verifier dispatches it.
        #expect(EddsaRdfc2022.verify(signed).failures.first?.code == .unsupportedProofType)
        #expect(DataIntegrityVerifier.verify(signed).verified)
        // A changed document fails under the legacy suite too.
        var tampered = signed
        tampered["name"] = "Alumni CredentiaI"
        #expect(LegacyEd25519Proofs.verifyProof(in: tampered).failure?.code == .signatureInvalid)
    }

    @Test("eddsa-2022 (the pre-Recommendation name) verifies as legacy with the same algorithm")
    func eddsa2022() throws {
        let key = try Self.w3cKey()
        let unsigned = try Fixtures.object(Self.w3c + "unsigned.json")
        let options = try DataIntegrityProof(
            cryptosuite: "eddsa-2022", verificationMethod: DIDKey.verificationMethod(for: key.publicKey),
            created: "2023-02-24T23:36:38Z")
        // Laurel never creates legacy proofs: sign by hand with the shared hashing.
        let hash = try LegacyEd25519Proofs.hashData(document: unsigned, proofOptions: options.object)
        let rdfc = try EddsaRdfc2022.hashData(
            document: unsigned, proofOptions: options.object.adding("cryptosuite", "eddsa-rdfc-2022"))
        #expect(hash.canonicalDocument == rdfc.canonicalDocument)
        #expect(hash.canonicalProofConfig.contains("\"eddsa-2022\"^^<https://w3id.org/security#cryptosuiteString>"))
        let proof = options.settingProofValue(Multibase.encode(try key.signature(for: hash.bytes), base: .base58btc))
        let signed = try ProofSet.adding(proof, to: unsigned)
        let result = DataIntegrityVerifier.verify(signed)
        #expect(result.verified, "\(result.failures)")
        #expect(result.proofs.first?.legacySuite == "eddsa-2022")
        #expect(EddsaRdfc2022.verify(signed).failures.first?.code == .unsupportedCryptosuite)
    }

    @Test("canonical N-Quads of the document are exposed on their own")
    func canonicalNQuads() throws {
        let unsigned = try Fixtures.object(Self.w3c + "unsigned.json")
        #expect(
            try EddsaRdfc2022.canonicalNQuads(of: unsigned)
                == (try Fixtures.rawText(Self.w3c + "eddsa-rdfc-2022/canonDocDataInt.txt")))
    }
}

extension Fixtures {
    /// A fixture's text exactly as stored (N-Quads files end with a line feed that matters).
    static func rawText(_ path: String) throws -> String {
        String(decoding: try bytes(path), as: UTF8.self)
    }
}

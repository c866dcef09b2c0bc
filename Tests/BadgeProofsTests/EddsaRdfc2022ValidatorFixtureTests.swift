import BadgeCrypto
import Foundation
import LinkedData
import OpenBadges
import Testing

@testable import BadgeProofs

/// The signed fixtures of the 1EdTech validator (digital-credentials-public-validator), with the verdict on their
/// signature that the validator's own tests and an independent offline check give.
@Suite struct EddsaRdfc2022ValidatorFixtureTests {
    static let folder = "rdfc/1edtech-validator/"

    enum Expected {
        /// The eddsa-rdfc-2022 proof (the one at `proof`) verifies.
        case signatureOK(proof: Int = 0)
        /// It does not: the document or proof was edited after signing, or the key is unusable.
        case signatureBad
    }

    /// Every eddsa-rdfc-2022 fixture. The `simple-err-expired/issued/issuer` files fail the validator on dates or
    /// a missing issuer, not on their signature; `simple-multiple-proofs` has an unknown first proof.
    static let table: [(file: String, expected: Expected)] = [
        ("ob30/simple.json", .signatureOK()),
        ("ob30/simple-context-alias.json", .signatureOK()),
        ("ob30/simple-context-version.json", .signatureOK()),
        ("ob30/simple-did-key-method.json", .signatureOK()),
        ("ob30/simple-did-web-method.json", .signatureOK()),
        ("ob30/simple-multiple-proofs.json", .signatureOK(proof: 1)),
        ("ob30/simple-json.png", .signatureOK()),
        ("ob30/simple-json.svg", .signatureOK()),
        ("ob30/complete.json", .signatureOK()),
        ("ob30/endorsement-valid.json", .signatureOK()),
        ("ob30/simple-err-expired.json", .signatureOK()),
        ("ob30/simple-err-issued.json", .signatureOK()),
        ("ob30/simple-err-issuer.json", .signatureOK()),
        ("ob30/bit-string-list/credential-status-revoked.json", .signatureOK()),
        ("ob30/bit-string-list/credential-status-revoked-blank-nodes.json", .signatureOK()),
        ("ob30/bit-string-list/testlist", .signatureOK()),
        ("clr20/simple.json", .signatureOK()),
        ("ob30/simple-err-type.json", .signatureBad),
        ("ob30/simple-err-context.json", .signatureBad),
        ("ob30/simple-err-proof-method.json", .signatureBad),
        ("ob30/simple-err-proof-method-no-scheme.json", .signatureBad),
        ("ob30/simple-err-proof-method-unknown-scheme.json", .signatureBad),
        ("ob30/simple-err-proof-method-unknown-did-method.json", .signatureBad),
        ("ob30/simple-err-proof-value.json", .signatureBad),
        ("ob30/simple-err-credential-subject-achievement-result-description-type.json", .signatureBad),
        ("ob30/simple-err-credential-subject-identifier-type.json", .signatureBad),
        ("ob30/simple-err-credential-subject-profile-type.json", .signatureBad),
        ("ob30/simple-err-credential-subject-result-type.json", .signatureBad),
        ("ob30/simple-err-credential-subject-type.json", .signatureBad),
        ("ob30/simple-err-evidence-type.json", .signatureBad),
        ("ob30/simple-err-issuer-otheridentifier-type.json", .signatureBad),
        ("ob30/simple-err-issuer-parentorg-type.json", .signatureBad),
        ("ob30/simple-err-issuer-type.json", .signatureBad),
    ]

    static let unsafeProcessor = JSONLDProcessor(options: JSONLDOptions(safeMode: false))

    /// The credential in a fixture: JSON, or the JSON baked into a PNG or SVG.
    static func credential(_ file: String) throws -> JSONObject {
        let bytes = try Fixtures.bytes(folder + file)
        if file.hasSuffix(".png") || file.hasSuffix(".svg") {
            let (_, payload) = try BadgeBaker.extract(from: bytes)
            return try #require(try JSONValue(parsing: payload).objectValue)
        }
        return try #require(try JSONValue(parsing: bytes).objectValue)
    }

    @Test("every 1EdTech fixture marked signature OK verifies, and every one marked BAD fails")
    func validatorFixtures() throws {
        var okPassed = 0
        var okTotal = 0
        var badPassed = 0
        var badTotal = 0
        for (file, expected) in Self.table {
            let document = try Self.credential(file)
            switch expected {
            case .signatureOK(let index):
                okTotal += 1
                let result = EddsaRdfc2022.verifyProof(
                    at: index, in: document, resolver: OfflineVerificationMethodResolver())
                #expect(result.verified, "\(file): \(String(describing: result.failure))")
                if result.verified { okPassed += 1 }
            case .signatureBad:
                badTotal += 1
                let result = EddsaRdfc2022.verify(document)
                #expect(!result.verified, "\(file) verified but should not")
                if !result.verified { badPassed += 1 }
                print(
                    "  \(file): rejected (\(result.failures.first.map { "\($0.code.rawValue): \($0.reason)" } ?? "-"))")
                // Safe mode catches most of these first; without it the signature itself still fails.
                let unsafe = EddsaRdfc2022.verify(
                    document, resolver: OfflineVerificationMethodResolver(),
                    options: ProofVerificationOptions(bindsKeyToIssuer: false), processor: Self.unsafeProcessor)
                #expect(!unsafe.verified, "\(file) verified without safe mode")
                #expect(
                    [.signatureInvalid, .unresolvableVerificationMethod].contains(unsafe.failures.first?.code),
                    "\(file): \(unsafe.failures)")
            }
        }
        print(
            "1EdTech validator fixtures, eddsa-rdfc-2022: \(okPassed)/\(okTotal) signature-OK files verify, "
                + "\(badPassed)/\(badTotal) signature-BAD files fail")
        #expect(okTotal == 17 && badTotal == 16)
    }

    @Test("a proof set with an unknown proof type reports each proof on its own")
    func multipleProofs() throws {
        let document = try Self.credential("ob30/simple-multiple-proofs.json")
        let result = DataIntegrityVerifier.verify(document)
        #expect(!result.verified)
        #expect(result.proofs.count == 2)
        #expect(result.proofs[0].failure?.code == .unsupportedProofType)
        #expect(result.proofs[1].verified, "\(String(describing: result.proofs[1].failure))")
        let rdfcOnly = EddsaRdfc2022.verify(document)
        #expect(rdfcOnly.proofs.map(\.verified) == [false, true])
    }

    @Test("the legacy fixtures are checked by the legacy verifier and flagged")
    func legacyFixtures() throws {
        // (file, verifies offline): Ed25519Signature2020 and eddsa-2022 proofs whose key is in the method id.
        let legacy: [(String, Bool)] = [
            ("ob30/simple-eddsa-2022.json", true),
            ("ob30/simple_v1.json", true),
            // Edited after signing: pyld (URDNA2015) with the same contexts rejects its signature too.
            ("ob30/endorsement-err-schema-status-refresh.json", false),
            ("clr20/simple_v1.json", true),
            ("clr20/complex.json", true),
        ]
        var verified = 0
        for (file, expected) in legacy {
            let document = try Self.credential(file)
            let result = DataIntegrityVerifier.verify(document)
            #expect(result.verified == expected, "\(file): \(result.failures)")
            #expect(result.proofs.allSatisfy { $0.isLegacy }, "\(file)")
            if result.verified { verified += 1 }
            print(
                "  \(file): \(result.verified ? "verified" : "failed") as \(result.proofs.first?.legacySuite ?? "?")"
                    + (result.failures.first.map { " (\($0.reason))" } ?? ""))
        }
        print(
            "1EdTech legacy fixtures: \(verified)/\(legacy.count) verified offline (flagged as legacy); "
                + "the other has a bad signature, as expected")
    }
}

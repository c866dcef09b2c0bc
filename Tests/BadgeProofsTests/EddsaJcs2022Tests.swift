import BadgeCrypto
import Foundation
import LinkedData
import Testing
@testable import BadgeProofs

@Suite struct EddsaJcs2022Tests {
    static let vectors = "vc-di-eddsa/eddsa-jcs-2022/"

    /// The proof options of TestVectors/eddsa-jcs-2022/proofConfigJCS.json, without the `@context` the suite adds.
    static func w3cOptions() throws -> DataIntegrityProof {
        try DataIntegrityProof(
            cryptosuite: "eddsa-jcs-2022",
            verificationMethod: "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#"
                + "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
            created: "2023-02-24T23:36:38Z")
    }

    @Test("reproduces every intermediate of the W3C eddsa-jcs-2022 test vector byte for byte")
    func w3cIntermediates() throws {
        let key = try Fixtures.w3cPrivateKey()
        let unsigned = try Fixtures.object("vc-di-eddsa/unsigned.json")
        let proofConfig = try Fixtures.object(Self.vectors + "proofConfigJCS.json")

        let hash = try EddsaJcs2022.hashData(document: unsigned, proofOptions: proofConfig)
        var passed = 0
        func check(_ actual: [UInt8], _ file: String, hex: Bool = false) throws {
            let expected = try Fixtures.text(Self.vectors + file)
            let shown = hex ? Hex.encode(actual) : String(decoding: actual, as: UTF8.self)
            #expect(shown == expected, "\(file)")
            if shown == expected { passed += 1 }
        }
        try check(hash.canonicalDocument, "canonDocJCS.txt")
        try check(hash.canonicalProofConfig, "proofCanonJCS.txt")
        try check(hash.documentHash, "docHashJCS.txt", hex: true)
        try check(hash.proofConfigHash, "proofHashJCS.txt", hex: true)
        try check(hash.bytes, "combinedHashJCS.txt", hex: true)
        try check(try key.signature(for: hash.bytes), "sigHexJCS.txt", hex: true)

        // The suite's own Create Proof gives the same proof configuration, signature and proofValue.
        let proof = try EddsaJcs2022.createProof(for: unsigned, options: try Self.w3cOptions(), privateKey: key)
        #expect(proof.options == proofConfig)
        #expect(proof.proofValue == (try Fixtures.text(Self.vectors + "sigBTC58JCS.txt")))
        if proof.proofValue == (try Fixtures.text(Self.vectors + "sigBTC58JCS.txt")) { passed += 1 }

        // Adding the proof to the unsigned document reproduces signedJCS.json byte for byte (pretty-printed).
        let signed = try EddsaJcs2022.addProof(to: unsigned, options: try Self.w3cOptions(), privateKey: key)
        let expectedSigned = try Fixtures.bytes(Self.vectors + "signedJCS.json")
        #expect(signed.jsonBytes(.pretty) == expectedSigned)
        if signed.jsonBytes(.pretty) == expectedSigned { passed += 1 }
        print("W3C eddsa-jcs-2022 vector: \(passed)/8 intermediates reproduced")
    }

    @Test("verifies the W3C signedJCS.json and returns the unsecured document")
    func verifiesW3CSigned() throws {
        let signed = try Fixtures.object(Self.vectors + "signedJCS.json")
        let result = EddsaJcs2022.verify(signed)
        #expect(result.verified, "\(result.failures)")
        #expect(result.proofs.count == 1)
        #expect(result.verifiedDocument == (try Fixtures.object("vc-di-eddsa/unsigned.json")))
        #expect(result.proofs[0].proof?.proofValue?.hasPrefix("z2HnFSSP") == true)
    }

    @Test("any one-character change to the signed document or its proof makes verification fail")
    func everyPositionTampered() throws {
        let original = try Fixtures.bytes(Self.vectors + "signedJCS.json")
        let originalValue = try JSONValue(parsing: original)
        var tested = 0
        var failedAsExpected = 0
        for position in original.indices {
            let byte = original[position]
            // A different character of the same class keeps most mutations valid JSON, so the signature is tested.
            let replacement: UInt8
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "y"), UInt8(ascii: "A")...UInt8(ascii: "Y"),
                UInt8(ascii: "0")...UInt8(ascii: "8"):
                replacement = byte + 1
            case UInt8(ascii: "z"), UInt8(ascii: "Z"), UInt8(ascii: "9"), UInt8(ascii: ":"), UInt8(ascii: "/"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "#"), UInt8(ascii: "@"):
                replacement = UInt8(ascii: "_")
            default:
                continue  // structure and whitespace: the mutation is not JSON or changes nothing
            }
            var mutated = original
            mutated[position] = replacement
            guard let value = try? JSONValue(parsing: mutated), value != originalValue,
                let object = value.objectValue
            else { continue }
            tested += 1
            let result = EddsaJcs2022.verify(object)
            if !result.verified {
                failedAsExpected += 1
            } else {
                Issue.record("a change at byte \(position) still verified")
            }
        }
        print("eddsa-jcs-2022 tampering: \(failedAsExpected)/\(tested) one-character changes rejected")
        #expect(tested > 700)
        #expect(failedAsExpected == tested)
    }

    @Test("member order and whitespace do not matter; values, names and array order do")
    func canonicalInvariance() throws {
        let signed = try Fixtures.object(Self.vectors + "signedJCS.json")
        var reordered = JSONObject()
        for member in signed.members.reversed() { reordered[member.key] = member.value }
        #expect(EddsaJcs2022.verify(reordered).verified)
        #expect(EddsaJcs2022.verify(try #require(try JSONValue(parsing: signed.jsonBytes()).objectValue)).verified)

        var swapped = signed
        swapped["type"] = ["AlumniCredential", "VerifiableCredential"]
        #expect(EddsaJcs2022.verify(swapped).proofs.first?.failure?.code == .signatureInvalid)
        var extra = signed
        extra["extra"] = .null
        #expect(!EddsaJcs2022.verify(extra).verified)
        let withNumber = try EddsaJcs2022.addProof(
            to: (try Fixtures.object("vc-di-eddsa/unsigned.json")).adding("n", .number(JSONNumber(lexeme: "1"))),
            options: try Self.w3cOptions(), privateKey: try Fixtures.w3cPrivateKey())
        // 1 and 1.0 are the same JCS number, so the proof made over 1 verifies over 1.0.
        var relexed = withNumber
        relexed["n"] = .number(JSONNumber(lexeme: "1.0"))
        #expect(EddsaJcs2022.verify(relexed).verified)
        relexed["n"] = .number(JSONNumber(lexeme: "1.5"))
        #expect(!EddsaJcs2022.verify(relexed).verified)
    }

    @Test("verification fails closed, with a reason, on each kind of bad proof")
    func failsClosed() throws {
        let signed = try Fixtures.object(Self.vectors + "signedJCS.json")
        func failure(_ edit: (inout JSONObject) -> Void, options: ProofVerificationOptions = ProofVerificationOptions())
            -> ProofError?
        {
            var document = signed
            edit(&document)
            let result = EddsaJcs2022.verify(document, options: options)
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
        #expect(failure(editProof("cryptosuite", "eddsa-rdfc-2022"))?.code == .unsupportedCryptosuite)
        #expect(failure(editProof("cryptosuite", nil))?.code == .malformedProof)
        #expect(failure(editProof("type", "Ed25519Signature2020"))?.code == .unsupportedProofType)
        #expect(failure(editProof("type", 7))?.code == .malformedProof)
        #expect(failure(editProof("proofPurpose", "authentication"))?.code == .wrongProofPurpose)
        #expect(failure(editProof("verificationMethod", nil))?.code == .malformedProof)
        #expect(failure(editProof("proofValue", nil))?.code == .invalidProofValue)
        #expect(failure(editProof("proofValue", "u6Mk"))?.code == .invalidProofValue)
        #expect(failure(editProof("proofValue", "z0OIl"))?.code == .invalidProofValue)  // not base58
        #expect(failure(editProof("proofValue", "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF"))?.code == .invalidProofValue)
        #expect(failure(editProof("created", "2023-02-30T23:36:38Z"))?.code == .invalidDateTime)
        #expect(failure(editProof("created", 1_677_281_798))?.code == .malformedProof)
        #expect(failure(editProof("verificationMethod", "https://vc.example/keys/1"))?.code == .unresolvableVerificationMethod)
        #expect(failure(editProof("verificationMethod", "did:key:z6MkhWqdDBPojHA7cprTGTt5yHv5yUi1B8cnXn8ReLumkw6E"))?.code == .signatureInvalid)
        #expect(failure(editProof("@context", ["https://www.w3.org/ns/credentials/examples/v2"]))?.code == .contextMismatch)
        #expect(failure(editProof("@context", 5))?.code == .malformedProof)
        #expect(failure { $0["@context"] = ["https://www.w3.org/ns/credentials/v2"] }?.code == .contextMismatch)
        #expect(failure { $0["@context"] = nil }?.code == .contextMismatch)
        #expect(failure { $0["proof"] = nil }?.code == .missingProof)
        #expect(failure { $0["proof"] = "z2HnFSSP" }?.code == .malformedDocument)
        #expect(failure { $0["proof"] = [] }?.code == .missingProof)
        #expect(failure { $0["proof"] = [1] }?.code == .malformedProof)
        #expect(failure({ _ in }, options: ProofVerificationOptions(expectedProofPurpose: "authentication"))?.code == .wrongProofPurpose)
        #expect(failure({ _ in }, options: ProofVerificationOptions(domain: ["example.org"]))?.code == .domainMismatch)
        #expect(failure({ _ in }, options: ProofVerificationOptions(challenge: "abc"))?.code == .challengeMismatch)

        let reason = try #require(failure(editProof("proofPurpose", "authentication")))
        #expect(reason.reason.contains("authentication") && reason.reason.contains("assertionMethod"))
        #expect(reason.dataIntegrityErrorType == "PROOF_VERIFICATION_ERROR")
        // A document @context that extends the proof's still verifies the proof (the proof's is what was signed).
        var extended = signed
        extended["@context"] = [
            "https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2",
            "https://w3id.org/security/data-integrity/v2",
        ]
        #expect(EddsaJcs2022.verify(extended).verified)
    }

    @Test("domain, challenge, nonce and expires are signed and checked")
    func domainChallengeExpires() throws {
        let key = try Fixtures.testKey(7)
        let options = try DataIntegrityProof(
            cryptosuite: "eddsa-jcs-2022", verificationMethod: DIDKey.verificationMethod(for: key.publicKey),
            proofPurpose: "authentication", created: "2024-05-01T10:00:00Z", expires: "2024-05-01T11:00:00+01:00",
            domain: ["laurel.example", "https://verifier.example"], challenge: "c-123", nonce: "n-1")
        let signed = try EddsaJcs2022.addProof(
            to: try Fixtures.object("vc-di-eddsa/unsigned.json"), options: options, privateKey: key)
        let good = ProofVerificationOptions(
            expectedProofPurpose: "authentication", domain: ["https://verifier.example", "laurel.example"],
            challenge: "c-123", validationTime: 1_714_557_600 - 1)  // 2024-05-01T10:00:00Z, one second before
        #expect(EddsaJcs2022.verify(signed, options: good).verified)

        var late = good
        late.validationTime = 1_714_557_600 + 1
        #expect(EddsaJcs2022.verify(signed, options: late).failures.first?.code == .proofExpired)
        var otherDomain = good
        otherDomain.domain = ["laurel.example"]
        #expect(EddsaJcs2022.verify(signed, options: otherDomain).failures.first?.code == .domainMismatch)
        var otherChallenge = good
        otherChallenge.challenge = "c-124"
        #expect(EddsaJcs2022.verify(signed, options: otherChallenge).failures.first?.code == .challengeMismatch)

        var proof = try #require(signed["proof"]?.objectValue)
        proof["nonce"] = "n-2"
        var edited = signed
        edited["proof"] = .object(proof)
        #expect(EddsaJcs2022.verify(edited, options: good).failures.first?.code == .signatureInvalid)
    }

    @Test("creating a proof with a key that is not the verification method's fails")
    func createKeyMismatch() throws {
        let options = try Self.w3cOptions()
        #expect(throws: ProofError.self) {
            try EddsaJcs2022.createProof(
                for: try Fixtures.object("vc-di-eddsa/unsigned.json"), options: options, privateKey: try Fixtures.testKey(1))
        }
        do {
            _ = try EddsaJcs2022.createProof(
                for: try Fixtures.object("vc-di-eddsa/unsigned.json"), options: options, privateKey: try Fixtures.testKey(1))
        } catch let error as ProofError {
            #expect(error.code == .keyMismatch)
        }
        let wrongSuite = try DataIntegrityProof(
            cryptosuite: "eddsa-rdfc-2022", verificationMethod: try #require(options.verificationMethod))
        #expect(throws: ProofError.self) {
            try EddsaJcs2022.createProof(for: JSONObject(), options: wrongSuite, privateKey: try Fixtures.w3cPrivateKey())
        }
        #expect(throws: ProofError.self) {
            try DataIntegrityProof(cryptosuite: "eddsa-jcs-2022", verificationMethod: "did:key:x", created: "yesterday")
        }
    }

    @Test("proof sets: adding proofs touches only the proof member, and every proof verifies")
    func proofSet() throws {
        let unsigned = try Fixtures.object("vc-di-eddsa/unsigned.json")
        let first = try Fixtures.testKey(1)
        let second = try Fixtures.testKey(2)
        func options(_ key: Ed25519PrivateKey, id: String? = nil, previous: [String]? = nil) throws -> DataIntegrityProof {
            try DataIntegrityProof(
                cryptosuite: "eddsa-jcs-2022", verificationMethod: DIDKey.verificationMethod(for: key.publicKey),
                created: "2024-01-01T00:00:00Z", previousProof: previous, id: id)
        }
        let one = try EddsaJcs2022.addProof(to: unsigned, options: try options(first, id: "urn:uuid:p1"), privateKey: first)
        #expect(one.keys == unsigned.keys + ["proof"])
        #expect(one["proof"]?.objectValue != nil)

        let two = try EddsaJcs2022.addProof(to: one, options: try options(second, id: "urn:uuid:p2"), privateKey: second)
        #expect(two.keys == one.keys)
        let proofs = try #require(two["proof"]?.arrayValue)
        #expect(proofs.count == 2)
        #expect(proofs[0] == one["proof"])
        var withoutProof = two
        withoutProof.removeValue(forKey: "proof")
        #expect(withoutProof.jsonBytes() == unsigned.jsonBytes())

        let result = EddsaJcs2022.verify(two)
        #expect(result.verified, "\(result.failures)")
        #expect(result.proofs.map(\.verified) == [true, true])

        // A chained proof signs the proof it names; dropping that proof breaks the chain.
        let three = try EddsaJcs2022.addProof(
            to: two, options: try options(first, previous: ["urn:uuid:p1"]), privateKey: first)
        #expect(EddsaJcs2022.verify(three).verified)
        var broken = three
        broken["proof"] = .array(Array(try #require(three["proof"]?.arrayValue).dropFirst()))
        let brokenResult = EddsaJcs2022.verify(broken)
        #expect(brokenResult.proofs.map(\.verified) == [true, false])
        #expect(brokenResult.proofs[1].failure?.code == .previousProofMissing)
        #expect(throws: ProofError.self) {
            try EddsaJcs2022.addProof(to: two, options: try options(first, previous: ["urn:uuid:none"]), privateKey: first)
        }
        // Editing the chained-to proof breaks the chained proof too.
        var edited = try #require(three["proof"]?.arrayValue)
        var p1 = try #require(edited[0].objectValue)
        p1["created"] = "2024-01-01T00:00:01Z"
        edited[0] = .object(p1)
        var editedDocument = three
        editedDocument["proof"] = .array(edited)
        #expect(EddsaJcs2022.verify(editedDocument).proofs.map(\.verified) == [false, true, false])
    }

    @Test("securing an OB 3.0 credential keeps every member, date and number as it was")
    func securesComplete() throws {
        let complete = try Fixtures.object("1edtech-validator/ob30/complete.json")
        let key = try Fixtures.testKey(9)
        let vm = "https://1edtech.edu/issuers/565049#" + Multikey.encode(key.publicKey)
        let options = try DataIntegrityProof(cryptosuite: "eddsa-jcs-2022", verificationMethod: vm, created: "2024-04-03T09:44:42Z")
        let secured = try EddsaJcs2022.addProof(to: complete, options: options, privateKey: key)
        var before = complete
        var after = secured
        before.removeValue(forKey: "proof")
        after.removeValue(forKey: "proof")
        #expect(after.jsonBytes() == before.jsonBytes())
        #expect(secured.keys == complete.keys)
        let proofs = try #require(secured["proof"]?.arrayValue)
        #expect(proofs.count == 2)
        #expect(proofs[0] == complete["proof"]?.arrayValue?[0])

        // The eddsa-rdfc-2022 proof is not this suite's; the new proof verifies on its own.
        let all = EddsaJcs2022.verify(secured)
        #expect(!all.verified)
        #expect(all.proofs[0].failure?.code == .unsupportedCryptosuite)
        let mine = EddsaJcs2022.verifyProof(at: 1, in: secured, resolver: OfflineVerificationMethodResolver())
        #expect(mine.verified, "\(String(describing: mine.failure))")
        #expect(EddsaJcs2022.verifyProof(at: 1, in: secured, resolver: FixedKeyResolver(key.publicKey)).verified)
        #expect(!EddsaJcs2022.verifyProof(at: 1, in: secured, resolver: FixedKeyResolver(try Fixtures.testKey(8).publicKey)).verified)
        #expect(EddsaJcs2022.verifyProof(at: 2, in: secured, resolver: FixedKeyResolver(key.publicKey)).failure?.code == .missingProof)
    }

    @Test("the key must belong to the issuer unless the caller turns the binding off")
    func issuerBinding() throws {
        let key = try Fixtures.testKey(11)
        var credential = try Fixtures.object("vc-di-eddsa/unsigned.json")
        credential["issuer"] = .object(JSONObject(["id": "https://issuer.example/profile"]))
        func sign(_ vm: String) throws -> JSONObject {
            let options = try DataIntegrityProof(cryptosuite: "eddsa-jcs-2022", verificationMethod: vm)
            return try EddsaJcs2022.addProof(to: credential, options: options, privateKey: key)
        }
        let multikey = Multikey.encode(key.publicKey)
        let own = EddsaJcs2022.verify(try sign("https://issuer.example/profile#" + multikey))
        #expect(own.verified, "\(own.failures)")
        #expect(own.proofs.first?.verificationMethod?.controller == "https://issuer.example/profile")

        let foreign = try sign("https://someone-else.example/profile#" + multikey)
        #expect(EddsaJcs2022.verify(foreign).failures.first?.code == .issuerBindingFailed)
        #expect(EddsaJcs2022.verify(foreign, options: ProofVerificationOptions(bindsKeyToIssuer: false)).verified)

        credential["issuer"] = .string(DIDKey.did(for: try Fixtures.testKey(12).publicKey))
        let otherDID = try sign(DIDKey.verificationMethod(for: key.publicKey))
        #expect(EddsaJcs2022.verify(otherDID).failures.first?.code == .issuerBindingFailed)
        credential["issuer"] = .string(DIDKey.did(for: key.publicKey))
        #expect(EddsaJcs2022.verify(try sign(DIDKey.verificationMethod(for: key.publicKey))).verified)
    }

    @Test("a document without @context gets a proof without @context")
    func noContext() throws {
        let key = try Fixtures.testKey(3)
        let document = try #require(try JSONValue(parsing: #"{"myWebsite":"https://hello.world.example/"}"#).objectValue)
        let options = try DataIntegrityProof(
            cryptosuite: "eddsa-jcs-2022", verificationMethod: DIDKey.verificationMethod(for: key.publicKey),
            created: "2023-03-05T19:23:24Z")
        let signed = try EddsaJcs2022.addProof(to: document, options: options, privateKey: key)
        #expect(signed["proof"]?["@context"] == nil)
        #expect(EddsaJcs2022.verify(signed).verified)
        var withContext = signed
        var proof = try #require(signed["proof"]?.objectValue)
        proof["@context"] = "https://www.w3.org/ns/credentials/v2"
        withContext["proof"] = .object(proof)
        #expect(EddsaJcs2022.verify(withContext).failures.first?.code == .contextMismatch)
    }

    @Test("proof members are checked for their JSON types, and unknown members survive")
    func proofModel() throws {
        let bad: [(String, ProofError.Code)] = [
            (#"{"cryptosuite":"eddsa-jcs-2022","proofPurpose":"assertionMethod"}"#, .malformedProof),
            (#"{"type":"DataIntegrityProof","proofPurpose":"assertionMethod"}"#, .malformedProof),
            (#"{"type":"DataIntegrityProof","cryptosuite":"eddsa-jcs-2022"}"#, .malformedProof),
            (#"{"type":"X","proofPurpose":"a","domain":{}}"#, .malformedProof),
            (#"{"type":"X","proofPurpose":"a","domain":[]}"#, .malformedProof),
            (#"{"type":"X","proofPurpose":"a","previousProof":[1]}"#, .malformedProof),
            (#"{"type":"X","proofPurpose":"a","expires":"2024-13-01T00:00:00Z"}"#, .invalidDateTime),
            (#"{"type":"X","proofPurpose":"a","nonce":false}"#, .malformedProof),
            (#"{"type":"X","proofPurpose":"a","@context":null}"#, .malformedProof),
        ]
        for (text, code) in bad {
            #expect(throws: ProofError.self, "\(text)") { try DataIntegrityProof(try JSONValue(parsing: text)) }
            do {
                _ = try DataIntegrityProof(try JSONValue(parsing: text))
            } catch let error as ProofError {
                #expect(error.code == code, "\(text): \(error)")
            }
        }
        let text = #"{"type":"X","proofPurpose":"a","domain":"d","previousProof":["p","q"],"custom":{"k":1.50}}"#
        let proof = try DataIntegrityProof(try JSONValue(parsing: text))
        #expect(proof.domain == ["d"])
        #expect(proof.previousProof == ["p", "q"])
        #expect(proof.jsonValue.jsonString() == text)
        let encoded = try JSONEncoder().encode(proof)
        #expect(try JSONDecoder().decode(DataIntegrityProof.self, from: encoded).type == "X")
    }

    @Test("XML Schema dateTime values are read exactly, offsets and leap years included")
    func dateTimes() {
        let valid: [(String, Int64)] = [
            ("1970-01-01T00:00:00Z", 0),
            ("2010-01-01T00:00:00Z", 1_262_304_000),
            ("2010-01-01T00:00:00.000+00:00", 1_262_304_000),
            ("2010-01-01T01:00:00+01:00", 1_262_304_000),
            ("2009-12-31T19:00:00-05:00", 1_262_304_000),
            ("2024-02-29T12:00:00Z", 1_709_208_000),
            ("2000-02-29T00:00:00Z", 951_782_400),
            ("2023-02-24T23:36:38Z", 1_677_281_798),
            ("2030-05-01T12:00:00.500+02:00", 1_903_860_000),
            ("2010-01-01T24:00:00Z", 1_262_390_400),
            ("2010-01-01T00:00:00", 1_262_304_000),
            ("1969-12-31T23:59:59Z", -1),
            ("2024-01-01T00:00:00+14:00", 1_704_016_800),
        ]
        for (text, seconds) in valid {
            #expect(XSDDateTime(text)?.seconds == seconds, "\(text)")
        }
        let invalid = [
            "", "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2024-13-01T00:00:00Z",
            "2024-00-10T00:00:00Z", "2024-01-01", "2024-01-01T25:00:00Z", "2024-01-01T24:00:01Z", "2024-01-01T00:60:00Z",
            "2024-01-01T00:00:60Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00+15:00", "2024-01-01T00:00:00+0100",
            "2024-01-01 00:00:00Z", "24-01-01T00:00:00Z", "2024-1-01T00:00:00Z", "2024-01-01T00:00:00Zjunk",
            "0000-01-01T00:00:00Z",
        ]
        for text in invalid {
            #expect(XSDDateTime(text) == nil, "\(text)")
        }
    }
}

extension JSONObject {
    /// A copy with `key` set (test helper).
    func adding(_ key: String, _ value: JSONValue) -> JSONObject {
        var copy = self
        copy[key] = value
        return copy
    }
}

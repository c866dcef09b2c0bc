import BadgeCrypto
import Foundation
import LinkedData
import Testing
@testable import BadgeProofs

@Suite struct VCJWTTests {
    static let credentialText = """
        {"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],\
        "id":"urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002","type":["VerifiableCredential","OpenBadgeCredential"],\
        "issuer":{"id":"https://example.edu/issuers/565049","type":["Profile"],"name":"Example University"},\
        "validFrom":"2010-01-01T00:00:00Z","validUntil":"2030-01-01T00:00:00.999-01:00","name":"Teamwork Badge",\
        "credentialSubject":{"id":"did:example:ebfeb1f712ebc6f1c276e12ec21","type":["AchievementSubject"],\
        "achievement":{"id":"https://example.com/achievements/teamwork","type":["Achievement"],"name":"Teamwork",\
        "criteria":{"narrative":"Team members are nominated by their peers."},"description":"Teamwork badge.",\
        "creditsAvailable":3.0}}}
        """

    static func credential() throws -> JSONObject {
        try #require(try JSONValue(parsing: credentialText).objectValue)
    }

    @Test("issues an EdDSA VC-JWT with kid: exact header, the credential verbatim, then iss, jti, nbf, sub, exp")
    func issueWithKeyID() throws {
        let key = try Fixtures.testKey(5)
        let token = try VCJWT.issue(try Self.credential(), privateKey: key, keyReference: .keyID("https://example.edu/keys/1"))
        let jws = try CompactJWS(parsing: token)
        #expect(jws.header.jsonString() == #"{"alg":"EdDSA","typ":"JWT","kid":"https://example.edu/keys/1"}"#)
        let payload = String(decoding: jws.payload, as: UTF8.self)
        let expectedClaims = #","iss":"https://example.edu/issuers/565049","jti":"urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002","#
            + #""nbf":1262304000,"sub":"did:example:ebfeb1f712ebc6f1c276e12ec21","exp":1893459600}"#
        #expect(payload == String(Self.credentialText.dropLast()) + expectedClaims)

        let result = VCJWT.verify(token, key: .ed25519(key.publicKey))
        #expect(result.verified, "\(String(describing: result.failure))")
        #expect(result.warnings.isEmpty)
        #expect(result.credential == (try Self.credential()))
        #expect(result.algorithm == "EdDSA")
        #expect(!result.isVCDM11)
        // Without the key, a kid alone is not enough.
        #expect(VCJWT.verify(token).failure?.code == .missingKey)
    }

    @Test("issues with an embedded public JWK and verifies from the header; Ed25519 (RFC 9864) works too")
    func issueWithJWK() throws {
        let key = try Fixtures.testKey(6)
        for algorithm in [JWSAlgorithm.edDSA, .ed25519] {
            let token = try VCJWT.issue(try Self.credential(), privateKey: key, keyReference: .embeddedJWK, algorithm: algorithm)
            let jws = try CompactJWS(parsing: token)
            #expect(jws.algorithm == algorithm.rawValue)
            #expect(jws.header["jwk"]?.jsonString() == #"{"kty":"OKP","crv":"Ed25519","x":"\#(Base64URL.encode(key.publicKey.rawRepresentation))"}"#)
            #expect(jws.header["jwk"]?["d"] == nil)
            let result = VCJWT.verify(token)
            #expect(result.verified, "\(String(describing: result.failure))")
            // The supplied key must be the header's key.
            #expect(VCJWT.verify(token, key: .ed25519(try Fixtures.testKey(7).publicKey)).failure?.code == .keyMismatch)
        }
        #expect(throws: JWTError.self) {
            try VCJWT.issue(try Self.credential(), privateKey: key, keyReference: .embeddedJWK, algorithm: .rs256)
        }
    }

    @Test("the RFC 8037 Appendix A.4 Ed25519 JWS verifies with the RFC's key")
    func rfc8037() throws {
        let token = "eyJhbGciOiJFZERTQSJ9.RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc.hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dW"
            + "bhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg"
        let key = try Ed25519PublicKey(rawRepresentation: try Base64URL.decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"))
        let jws = try CompactJWS(parsing: token)
        #expect(String(decoding: jws.payload, as: UTF8.self) == "Example of Ed25519 signing")
        #expect(JWTVerificationKey.ed25519(key).isValidSignature(jws.signature, for: jws.signingInput))
        let private8037 = try Ed25519PrivateKey(seed: try Base64URL.decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"))
        #expect(try Fixtures.signJWS(header: #"{"alg":"EdDSA"}"#, payload: "Example of Ed25519 signing", key: private8037) == token)
        // The payload is not a credential, so the VC-JWT check stops there.
        #expect(VCJWT.verify(token, key: .ed25519(key)).failure?.code == .malformedPayload)
    }

    @Test("the RS256 VC-JWTs baked into the 1EdTech fixtures verify (SVG, PNG, CLR)")
    func oneEdTechRS256() throws {
        let tokens = [
            ("simple-jwt.svg", try Fixtures.jwtFromSVG("1edtech-validator/ob30/simple-jwt.svg")),
            ("simple-jwt.png", try Fixtures.jwtFromPNG("1edtech-validator/ob30/simple-jwt.png")),
            ("clr20/simple.jwt", try Fixtures.text("1edtech-validator/clr20/simple.jwt")),
        ]
        var passed = 0
        for (name, token) in tokens {
            let result = VCJWT.verify(token)
            #expect(result.verified, "\(name): \(String(describing: result.failure))")
            #expect(result.algorithm == "RS256")
            if result.verified { passed += 1 }
            // One changed character anywhere in the payload breaks the RS256 signature.
            let parts = token.split(separator: ".").map(String.init)
            var payload = try Base64URL.decode(parts[1])
            payload[payload.count / 2] ^= 0x01
            let edited = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2]
            #expect(VCJWT.verify(edited).failure?.code == .signatureInvalid, "\(name)")
        }
        print("1EdTech RS256 VC-JWT fixtures: \(passed)/\(tokens.count) verified")

        let svg = VCJWT.verify(tokens[0].1)
        #expect(svg.credential?["name"] == "Teamwork Badge")
        #expect(svg.warnings.contains { $0.contains("'sub'") })
        let clr = VCJWT.verify(tokens[2].1)
        #expect(clr.isVCDM11)
        #expect(clr.credential?["type"]?.arrayValue?.contains("ClrCredential") == true)
        // An RS256 token with an Ed25519 key supplied is refused before any signature check.
        #expect(VCJWT.verify(tokens[0].1, key: .ed25519(try Fixtures.testKey(1).publicKey)).failure?.code == .keyMismatch)
    }

    @Test("ES256 VC-JWTs verify with the header jwk or a supplied key, and not with another key")
    func es256() throws {
        let fixture = try Fixtures.object("jose/es256.json")
        let jwk = try JWK(json: try #require(fixture["jwk"]).jsonBytes())
        let other = try JWK(json: try #require(fixture["otherJWK"]).jsonBytes())
        let withJWK = try #require(fixture["tokenWithHeaderJWK"]?.stringValue)
        let withKid = try #require(fixture["tokenWithKid"]?.stringValue)

        let fromHeader = VCJWT.verify(withJWK)
        #expect(fromHeader.verified, "\(String(describing: fromHeader.failure))")
        #expect(fromHeader.algorithm == "ES256")
        #expect(fromHeader.payload == fixture["payload"]?.objectValue)
        #expect(VCJWT.verify(withKid, key: try JWTVerificationKey(jwk: jwk)).verified)
        #expect(VCJWT.verify(withKid, key: .p256(try P256PublicKey(jwk: jwk))).verified)
        #expect(VCJWT.verify(withKid).failure?.code == .missingKey)
        #expect(VCJWT.verify(withKid, key: try JWTVerificationKey(jwk: other)).failure?.code == .signatureInvalid)
        #expect(VCJWT.verify(withJWK, key: try JWTVerificationKey(jwk: other)).failure?.code == .keyMismatch)
        // exp is 2030-05-01T12:00:00.500+02:00 rounded down; checked against a given time.
        #expect(VCJWT.verify(withJWK, options: VCJWTVerificationOptions(validationTime: 1_903_860_000 - 1)).verified)
        #expect(VCJWT.verify(withJWK, options: VCJWTVerificationOptions(validationTime: 1_903_860_000)).failure?.code == .expired)
        #expect(VCJWT.verify(withJWK, options: VCJWTVerificationOptions(validationTime: 1_714_564_800 - 1)).failure?.code == .notYetValid)
        #expect(VCJWT.verify(withJWK, options: VCJWTVerificationOptions(validationTime: 1_714_564_800 - 1, clockSkew: 60)).verified)
    }

    @Test("fails closed: alg none, unknown algorithms, bad headers, edited or truncated tokens")
    func failsClosed() throws {
        let key = try Fixtures.testKey(5)
        let token = try VCJWT.issue(try Self.credential(), privateKey: key, keyReference: .embeddedJWK)
        let parts = token.split(separator: ".").map(String.init)
        let payload = try VCJWT.payload(for: try Self.credential()).jsonString()
        func code(_ token: String, key: JWTVerificationKey? = nil) -> JWTError.Code? {
            VCJWT.verify(token, key: key).failure?.code
        }
        let jwk = #"{"kty":"OKP","crv":"Ed25519","x":"\#(Base64URL.encode(key.publicKey.rawRepresentation))"}"#

        // alg none, with and without a signature, even when a key is supplied
        let none = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + parts[1]
        #expect(code(none + ".") == .algorithmNone)
        #expect(code(none + "." + parts[2], key: .ed25519(key.publicKey)) == .algorithmNone)
        #expect(code(try Fixtures.signJWS(header: #"{"alg":"NONE","jwk":\#(jwk)}"#, payload: payload, key: key)) == .algorithmNone)
        // unknown or unsupported algorithms
        for alg in ["HS256", "PS256", "ES384", "RS512", "EdDSA448", ""] {
            let other = try Fixtures.signJWS(header: #"{"alg":"\#(alg)","jwk":\#(jwk)}"#, payload: payload, key: key)
            #expect(code(other) == .unsupportedAlgorithm, "\(alg)")
        }
        #expect(code(try Fixtures.signJWS(header: #"{"typ":"JWT","jwk":\#(jwk)}"#, payload: payload, key: key)) == .malformedHeader)
        #expect(code(try Fixtures.signJWS(header: #"["EdDSA"]"#, payload: payload, key: key)) == .malformedHeader)
        #expect(code(try Fixtures.signJWS(header: #"{"alg":"EdDSA","crit":["exp"],"jwk":\#(jwk)}"#, payload: payload, key: key)) == .unsupportedCriticalHeader)
        #expect(code(try Fixtures.signJWS(header: #"{"alg":"EdDSA","typ":"vc+sd-jwt","jwk":\#(jwk)}"#, payload: payload, key: key)) == .unsupportedType)
        let privateJWK = #"{"kty":"OKP","crv":"Ed25519","x":"\#(Base64URL.encode(key.publicKey.rawRepresentation))","d":"\#(Base64URL.encode(key.seed))"}"#
        #expect(code(try Fixtures.signJWS(header: #"{"alg":"EdDSA","jwk":\#(privateJWK)}"#, payload: payload, key: key)) == .invalidKey)
        #expect(code(try Fixtures.signJWS(header: #"{"alg":"EdDSA","jwk":{"kty":"OKP","crv":"X25519","x":"AA"}}"#, payload: payload, key: key)) == .invalidKey)
        #expect(code(try Fixtures.signJWS(header: #"{"alg":"RS256","jwk":\#(jwk)}"#, payload: payload, key: key)) == .keyMismatch)
        // mismatched key, edited payload, edited header, swapped signature
        #expect(code(token, key: .ed25519(try Fixtures.testKey(4).publicKey)) == .keyMismatch)
        let other = try Fixtures.testKey(4)
        let otherSigned = try Fixtures.signJWS(header: #"{"alg":"EdDSA","jwk":\#(jwk)}"#, payload: payload, key: other)
        #expect(code(otherSigned) == .signatureInvalid)
        let editedPayload = payload.replacingOccurrences(of: "Teamwork Badge", with: "Teamwork Badgf")
        #expect(code(parts[0] + "." + Base64URL.encode(Array(editedPayload.utf8)) + "." + parts[2]) == .signatureInvalid)
        let editedHeader = Base64URL.encode(Array(#"{"alg":"Ed25519","typ":"JWT","jwk":\#(jwk)}"#.utf8))
        #expect(code(editedHeader + "." + parts[1] + "." + parts[2]) == .signatureInvalid)
        // truncated or malformed tokens
        #expect(code(String(token.dropLast())) == .signatureInvalid || code(String(token.dropLast())) == .malformedToken)
        #expect(code(parts[0] + "." + parts[1]) == .malformedToken)
        #expect(code(parts[0] + "." + parts[1] + ".") == .signatureInvalid)
        #expect(code(String(token.prefix(token.count / 2))) == .malformedToken)
        #expect(code("") == .malformedToken)
        #expect(code("a.b.c.d.e") == .malformedToken)
        #expect(code(parts[0] + "." + parts[1] + "." + parts[2] + "=") == .malformedToken)
        #expect(code(parts[0] + "." + parts[1] + "!." + parts[2]) == .malformedToken)
        #expect(code(Base64URL.encode(Array("not json".utf8)) + "." + parts[1] + "." + parts[2]) == .malformedHeader)
        #expect(VCJWT.verify("  " + token + "\n").verified)
    }

    @Test("every single-character change to a VC-JWT is rejected")
    func everyPositionTampered() throws {
        let key = try Fixtures.testKey(5)
        let token = try VCJWT.issue(try Self.credential(), privateKey: key, keyReference: .keyID("k"))
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
        var bytes = Array(token.utf8)
        var rejected = 0
        var tested = 0
        for position in bytes.indices where bytes[position] != UInt8(ascii: ".") {
            let original = bytes[position]
            let index = alphabet.firstIndex(of: original)!
            bytes[position] = alphabet[(index + 1) % alphabet.count]
            let mutated = String(decoding: bytes, as: UTF8.self)
            bytes[position] = original
            tested += 1
            // Base64URL decoding is strict (no non-canonical trailing bits), so every change must be refused.
            if !VCJWT.verify(mutated, key: .ed25519(key.publicKey)).verified {
                rejected += 1
            } else {
                Issue.record("a change at character \(position) still verified")
            }
        }
        print("VC-JWT tampering: \(rejected)/\(tested) one-character changes rejected")
        #expect(tested > 1000 && rejected == tested)
    }

    @Test("claims that disagree with the credential fail; missing optional claims only warn")
    func claims() throws {
        let key = try Fixtures.testKey(5)
        let base = try VCJWT.payload(for: try Self.credential())
        func verify(_ edit: (inout JSONObject) -> Void) throws -> VCJWTVerificationResult {
            var payload = base
            edit(&payload)
            let token = try Fixtures.signJWS(header: #"{"alg":"EdDSA","typ":"JWT"}"#, payload: payload.jsonString(), key: key)
            return VCJWT.verify(token, key: .ed25519(key.publicKey))
        }
        #expect(try verify { _ in }.verified)
        #expect(try verify { $0["iss"] = "https://evil.example" }.failure?.code == .claimMismatch)
        #expect(try verify { $0["iss"] = nil }.failure?.code == .missingClaim)
        #expect(try verify { $0["iss"] = 5 }.failure?.code == .claimMismatch)
        #expect(try verify { $0["jti"] = "urn:uuid:other" }.failure?.code == .claimMismatch)
        #expect(try verify { $0["sub"] = "did:example:someone-else" }.failure?.code == .claimMismatch)
        #expect(try verify { $0["nbf"] = 1_262_304_001 }.failure?.code == .claimMismatch)
        #expect(try verify { $0["nbf"] = "1262304000" }.failure?.code == .claimMismatch)
        #expect(try verify { $0["nbf"] = .number(JSONNumber(lexeme: "1262304000.75")) }.verified)
        #expect(try verify { $0["exp"] = 1_893_459_601 }.failure?.code == .claimMismatch)
        #expect(try verify { $0["validUntil"] = nil }.failure?.code == .claimMismatch)
        #expect(try verify { $0["issuer"] = "https://example.edu/issuers/other" }.failure?.code == .claimMismatch)
        let relaxed = try verify {
            $0["sub"] = nil
            $0["jti"] = nil
            $0["exp"] = nil
        }
        #expect(relaxed.verified)
        #expect(relaxed.warnings.count == 3)
    }

    @Test("issuing refuses credentials the claims cannot be made from")
    func issueErrors() throws {
        let key = try Fixtures.testKey(5)
        let edits: [(String, JSONValue?)] = [
            ("issuer", nil), ("issuer", ["id": 5]), ("id", nil), ("validFrom", nil), ("validFrom", "2010-01-01"),
            ("validUntil", "tomorrow"), ("iss", "x"), ("nbf", 1),
        ]
        for (name, value) in edits {
            var credential = try Self.credential()
            credential[name] = value
            #expect(throws: JWTError.self, "\(name)") {
                try VCJWT.issue(credential, privateKey: key, keyReference: .embeddedJWK)
            }
        }
        var stringIssuer = try Self.credential()
        stringIssuer["issuer"] = "https://example.edu/issuers/565049"
        stringIssuer["credentialSubject"] = ["type": ["AchievementSubject"]]
        let payload = try VCJWT.payload(for: stringIssuer)
        #expect(payload["iss"] == "https://example.edu/issuers/565049")
        #expect(payload["sub"] == nil)
        let token = try VCJWT.issue(stringIssuer, privateKey: key, keyReference: .embeddedJWK)
        #expect(VCJWT.verify(token).verified)
    }
}

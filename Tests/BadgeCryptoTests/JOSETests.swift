import BadgeCrypto
import Foundation
import Testing

@Suite("RS256 and ES256 verification")
struct JOSETests {
    /// The compact JWS in the 1EdTech simple-jwt.svg badge: the `verify` attribute of `openbadges:credential`.
    static func oneEdTechJWS() throws -> (header: String, payload: String, signature: String) {
        let svg = try Fixture.text("1edtech/simple-jwt.svg")
        let element = try #require(svg.range(of: "<openbadges:credential"))
        let attribute = try #require(svg.range(of: "verify=\"", range: element.upperBound..<svg.endIndex))
        let close = try #require(svg.range(of: "\"", range: attribute.upperBound..<svg.endIndex))
        let parts = svg[attribute.upperBound..<close.lowerBound].split(separator: ".", omittingEmptySubsequences: false)
        try #require(parts.count == 3)
        return (String(parts[0]), String(parts[1]), String(parts[2]))
    }

    @Test("the RS256 VC-JWT in the 1EdTech simple-jwt.svg verifies with the JWK in its header")
    func oneEdTechRS256() throws {
        let jws = try Self.oneEdTechJWS()
        let header = try JSONSerialization.jsonObject(with: Data(Base64URL.decode(jws.header))) as? [String: Any]
        #expect(header?["alg"] as? String == "RS256")
        let jwkObject = try #require(header?["jwk"] as? [String: Any])
        let jwk = try JWK(json: JSONSerialization.data(withJSONObject: jwkObject))
        #expect(jwk.kty == "RSA")
        #expect(jwk.d == nil)
        let key = try RSAPublicKey(jwk: jwk)
        #expect(key.bitCount == 2048)
        let signingInput = Array("\(jws.header).\(jws.payload)".utf8)
        let signature = try Base64URL.decode(jws.signature)
        #expect(key.isValidRS256Signature(signature, for: signingInput))

        // The same key as SPKI PEM verifies the same signature.
        let pemKey = try RSAPublicKey(spkiPEM: TestKeys.oneEdTechRSAPublicPEM)
        #expect(pemKey.isValidRS256Signature(signature, for: signingInput))
    }

    @Test("a tampered 1EdTech VC-JWT fails RS256 verification")
    func oneEdTechTampered() throws {
        let jws = try Self.oneEdTechJWS()
        let header = try JSONSerialization.jsonObject(with: Data(Base64URL.decode(jws.header))) as? [String: Any]
        let jwk = try JWK(json: JSONSerialization.data(withJSONObject: #require(header?["jwk"] as? [String: Any])))
        let key = try RSAPublicKey(jwk: jwk)
        let signature = try Base64URL.decode(jws.signature)

        // Change the payload: a different credential name.
        var payload = try Base64URL.decode(jws.payload)
        let text = String(decoding: payload, as: UTF8.self).replacingOccurrences(of: "Teamwork", with: "Teamwork!")
        payload = Array(text.utf8)
        #expect(!key.isValidRS256Signature(signature, for: Array("\(jws.header).\(Base64URL.encode(payload))".utf8)))
        // Flip one bit of the signature.
        var flipped = signature
        flipped[100] ^= 0x01
        #expect(!key.isValidRS256Signature(flipped, for: Array("\(jws.header).\(jws.payload)".utf8)))
        // A truncated signature, and another RSA key.
        #expect(!key.isValidRS256Signature(signature.dropLast(), for: Array("\(jws.header).\(jws.payload)".utf8)))
        let other = try RSAPublicKey(spkiPEM: TestKeys.otherRSAPublicPEM)
        #expect(!other.isValidRS256Signature(signature, for: Array("\(jws.header).\(jws.payload)".utf8)))
    }

    @Test("an ES256 JWS verifies with its P-256 key as JWK and as PEM, and tampering fails")
    func es256() throws {
        let parts = TestKeys.es256JWS.split(separator: ".")
        let input = Array("\(parts[0]).\(parts[1])".utf8)
        let signature = try Base64URL.decode(String(parts[2]))
        #expect(signature.count == 64)
        let fromJWK = try P256PublicKey(jwk: JWK(kty: "EC", crv: "P-256", x: TestKeys.p256JWK.x, y: TestKeys.p256JWK.y))
        let fromPEM = try P256PublicKey(spkiPEM: TestKeys.p256PublicPEM)
        #expect(fromJWK.isValidES256Signature(signature, for: input))
        #expect(fromPEM.isValidES256Signature(signature, for: input))
        var tampered = signature
        tampered[40] ^= 0x02
        #expect(!fromJWK.isValidES256Signature(tampered, for: input))
        #expect(!fromJWK.isValidES256Signature(signature, for: input + [0x20]))
        #expect(!fromJWK.isValidES256Signature(signature.dropLast(), for: input))
        #expect(!fromJWK.isValidES256Signature([UInt8](repeating: 0, count: 64), for: input))
    }

    @Test("bad RSA and P-256 keys give clear errors")
    func badKeys() throws {
        #expect(cryptoError { _ = try RSAPublicKey(jwk: JWK(kty: "OKP", crv: "Ed25519", x: "AA")) }?.code
            == .wrongKeyType)
        #expect(cryptoError { _ = try RSAPublicKey(jwk: JWK(kty: "RSA", e: "AQAB")) }?.code == .malformedJWK)
        // A 512-bit modulus is too small for RS256.
        let small = JWK(kty: "RSA", n: Base64URL.encode([0xc1] + [UInt8](repeating: 0x35, count: 63)), e: "AQAB")
        #expect(cryptoError { _ = try RSAPublicKey(jwk: small) }?.code == .invalidKeyLength)
        #expect(cryptoError { _ = try RSAPublicKey(spkiPEM: TestKeys.p256PublicPEM) }?.code == .wrongKeyType)
        #expect(cryptoError { _ = try P256PublicKey(spkiPEM: TestKeys.otherRSAPublicPEM) }?.code == .wrongKeyType)
        #expect(cryptoError { _ = try P256PublicKey(jwk: JWK(kty: "EC", crv: "P-384", x: "AA", y: "AA")) }?.code
            == .unsupportedKeyType)
        #expect(cryptoError { _ = try P256PublicKey(jwk: JWK(kty: "EC", crv: "P-256", x: "AAAA", y: "AAAA")) }?.code
            == .invalidKeyLength)
        // A point that is not on the curve is refused by OpenSSL.
        let offCurve = JWK(
            kty: "EC", crv: "P-256", x: TestKeys.p256JWK.x, y: Base64URL.encode([UInt8](repeating: 1, count: 32)))
        let offCurveError = cryptoError { _ = try P256PublicKey(jwk: offCurve) }
        #expect(offCurveError != nil)
        if case .openSSL = offCurveError?.code {} else { Issue.record("expected an OpenSSL error, got \(String(describing: offCurveError))") }
    }
}

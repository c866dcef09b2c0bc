import BadgeCrypto
import Foundation
import Testing

@Suite("PEM and JWK encodings of Ed25519 keys")
struct PEMAndJWKTests {
    /// RFC 8410 §10.3 example private key and its public key (RFC 8410 §10.1).
    static let rfc8410PrivatePEM = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
        -----END PRIVATE KEY-----
        """
    static let rfc8410PublicPEM = """
        -----BEGIN PUBLIC KEY-----
        MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
        -----END PUBLIC KEY-----
        """

    @Test("the RFC 8410 example keys load, and their seed and public key are as published")
    func rfc8410Examples() throws {
        let key = try Ed25519PrivateKey(pem: Self.rfc8410PrivatePEM)
        #expect(Hex.encode(key.seed) == "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842")
        let publicKey = try Ed25519PublicKey(pem: Self.rfc8410PublicPEM)
        #expect(Hex.encode(publicKey.rawRepresentation)
            == "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1")
        #expect(key.publicKey == publicKey)
        #expect(key.pemRepresentation.trimmingCharacters(in: .whitespacesAndNewlines) == Self.rfc8410PrivatePEM)
        #expect(publicKey.pemRepresentation.trimmingCharacters(in: .whitespacesAndNewlines) == Self.rfc8410PublicPEM)
    }

    @Test("PKCS#8 and SPKI PEM round-trip a generated key")
    func pemRoundTrip() throws {
        let key = try Ed25519PrivateKey()
        let privatePEM = key.pemRepresentation
        #expect(privatePEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(privatePEM.hasSuffix("-----END PRIVATE KEY-----\n"))
        #expect(try Ed25519PrivateKey(pem: privatePEM).seed == key.seed)
        let publicPEM = key.publicKey.pemRepresentation
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(try Ed25519PublicKey(pem: publicPEM) == key.publicKey)
    }

    @Test("PEM with explanatory text, CRLF line ends or an X25519 key: fast path and OpenSSL agree")
    func pemVariants() throws {
        let key = try Ed25519PrivateKey(pem: Self.rfc8410PrivatePEM)
        let labelled = "Demo key, not secret.\r\n" + Self.rfc8410PrivatePEM.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try Ed25519PrivateKey(pem: labelled).seed == key.seed)
        let publicLabelled = "note\n" + Self.rfc8410PublicPEM.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n"
        #expect(try Ed25519PublicKey(pem: publicLabelled) == key.publicKey)

        // The same layout with the X25519 OID (1.3.101.110) is another key type, refused as such.
        var der: [UInt8] = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22, 0x04, 0x20]
        der += key.seed
        let x25519 = "-----BEGIN PRIVATE KEY-----\n\(Data(der).base64EncodedString())\n-----END PRIVATE KEY-----\n"
        let error = cryptoError { _ = try Ed25519PrivateKey(pem: x25519) }
        #expect(error?.code == .wrongKeyType)
        #expect(error?.reason.contains("X25519") == true)
    }

    @Test("malformed PEM gives malformedPEM", arguments: [
        "", "not a key", "-----BEGIN PRIVATE KEY-----\n", "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n",
    ])
    func malformedPEM(text: String) {
        let error = cryptoError { _ = try Ed25519PrivateKey(pem: text) }
        #expect(error?.code == .malformedPEM)
        #expect(cryptoError { _ = try Ed25519PublicKey(pem: text.replacingOccurrences(of: "PRIVATE", with: "PUBLIC")) }?
            .code == .malformedPEM)
    }

    @Test("a PEM of another key type is refused with wrongKeyType naming the type")
    func wrongTypePEM() throws {
        let rsaPublic = cryptoError { _ = try Ed25519PublicKey(pem: TestKeys.otherRSAPublicPEM) }
        #expect(rsaPublic?.code == .wrongKeyType)
        #expect(rsaPublic?.reason.contains("RSA") == true)
        let ecPrivate = cryptoError { _ = try Ed25519PrivateKey(pem: TestKeys.p256PrivatePEM) }
        #expect(ecPrivate?.code == .wrongKeyType)
        #expect(ecPrivate?.reason.contains("EC") == true)
        let ecPublic = cryptoError { _ = try Ed25519PublicKey(pem: TestKeys.p256PublicPEM) }
        #expect(ecPublic?.code == .wrongKeyType)
        // A public PEM where a private key is required, and the reverse.
        #expect(cryptoError { _ = try Ed25519PrivateKey(pem: Self.rfc8410PublicPEM) }?.code == .wrongKeyType)
        #expect(cryptoError { _ = try Ed25519PublicKey(pem: Self.rfc8410PrivatePEM) }?.code == .wrongKeyType)
        // An encrypted key is refused with advice, never prompting for a pass phrase.
        let encrypted = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMC4=\n-----END ENCRYPTED PRIVATE KEY-----\n"
        let encryptedError = cryptoError { _ = try Ed25519PrivateKey(pem: encrypted) }
        #expect(encryptedError?.code == .unsupportedKeyType)
        #expect(encryptedError?.reason.contains("encrypted") == true)
    }

    @Test("an Ed25519 JWK matches RFC 8037 Appendix A and round-trips")
    func rfc8037Example() throws {
        // RFC 8037 §A.1/A.2: the private and public key of the examples.
        let json = #"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
        let jwk = try JWK(json: Array(json.utf8))
        let key = try Ed25519PrivateKey(jwk: jwk)
        #expect(Hex.encode(key.seed) == "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
        #expect(try Ed25519PublicKey(jwk: jwk) == key.publicKey)
        let publicJWK = key.jwk()
        #expect(publicJWK.d == nil, "the private member appears only when asked for")
        #expect(publicJWK.jsonString() == #"{"crv":"Ed25519","kty":"OKP","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#)
        let privateJWK = key.jwk(includingPrivateKey: true, keyID: "k1")
        #expect(privateJWK.d == "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A")
        #expect(privateJWK.kid == "k1")
        #expect(try Ed25519PrivateKey(jwk: privateJWK).seed == key.seed)
        // RFC 8037 §A.3: the JWK thumbprint of the public key.
        #expect(try publicJWK.thumbprintBase64URL() == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k")
    }

    @Test("a JWK Set holds public keys only, with thumbprint kids, and parses back")
    func jwks() throws {
        let first = try Ed25519PrivateKey()
        let second = try Ed25519PrivateKey()
        let set = JWKS(ed25519PublicKeys: [first.publicKey, second.publicKey])
        #expect(set.keys.count == 2)
        #expect(set.keys.allSatisfy { $0.d == nil && $0.alg == "EdDSA" && $0.use == "sig" && $0.kid != nil })
        let leaking = JWKS(keys: [first.jwk(includingPrivateKey: true)])
        #expect(leaking.keys[0].d == nil, "a JWK Set never publishes private members")
        let text = set.jsonString()
        #expect(!text.contains("\"d\""))
        let parsed = try JWKS(json: Array(text.utf8))
        #expect(parsed == set)
        let kid = try #require(set.keys[1].kid)
        #expect(try Ed25519PublicKey(jwk: #require(parsed.key(withID: kid))) == second.publicKey)
    }

    @Test("bad JWKs give clear errors: RSA where Ed25519 is required, bad members, mismatched halves")
    func badJWKs() throws {
        let rsa = JWK(kty: "RSA", n: "AQAB", e: "AQAB")
        let rsaError = cryptoError { _ = try Ed25519PublicKey(jwk: rsa) }
        #expect(rsaError?.code == .wrongKeyType)
        #expect(rsaError?.reason.contains("RSA") == true)
        #expect(cryptoError { _ = try Ed25519PrivateKey(jwk: rsa) }?.code == .wrongKeyType)
        #expect(cryptoError { _ = try Ed25519PublicKey(jwk: JWK(kty: "OKP", crv: "X25519", x: "AA")) }?.code
            == .unsupportedKeyType)
        #expect(cryptoError { _ = try Ed25519PublicKey(jwk: JWK(kty: "OKP", crv: "Ed25519")) }?.code == .malformedJWK)
        #expect(cryptoError { _ = try Ed25519PublicKey(jwk: JWK(kty: "OKP", crv: "Ed25519", x: "a+b")) }?.code
            == .malformedJWK)
        #expect(cryptoError { _ = try Ed25519PublicKey(jwk: JWK(kty: "OKP", crv: "Ed25519", x: "AAAA")) }?.code
            == .invalidKeyLength)
        let publicOnly = JWK(kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
        #expect(cryptoError { _ = try Ed25519PrivateKey(jwk: publicOnly) }?.code == .wrongKeyType)
        var mismatched = try Ed25519PrivateKey().jwk(includingPrivateKey: true)
        mismatched.x = publicOnly.x
        #expect(cryptoError { _ = try Ed25519PrivateKey(jwk: mismatched) }?.code == .malformedJWK)
        #expect(cryptoError { _ = try JWK(json: Array("{\"crv\":1}".utf8)) }?.code == .malformedJWK)
        #expect(cryptoError { _ = try JWK(json: Array("not json".utf8)) }?.code == .malformedJWK)
    }
}

import BadgeCrypto
import Foundation
import Testing

@Suite("Multikey and did:key")
struct MultikeyTests {
    @Test("the vc-di-eddsa keyPair.json round-trips through Multikey and did:key")
    func vcDiEddsaKeyPair() throws {
        let pair = try #require(Fixture.json("vc-di-eddsa/keyPair.json") as? [String: String])
        let publicMultibase = try #require(pair["publicKeyMultibase"])
        let secretMultibase = try #require(pair["privateKeyMultibase"])

        let privateKey = try Multikey.privateKey(from: secretMultibase)
        let publicKey = try Multikey.publicKey(from: publicMultibase)
        #expect(privateKey.publicKey == publicKey, "the secret key derives the published public key")
        #expect(Multikey.encode(privateKey) == secretMultibase)
        #expect(Multikey.encode(publicKey) == publicMultibase)
        #expect(publicMultibase.hasPrefix("z6Mk"))
        #expect(secretMultibase.hasPrefix("z3u2"))

        let did = DIDKey.did(for: publicKey)
        #expect(did == "did:key:" + publicMultibase)
        let method = DIDKey.verificationMethod(for: publicKey)
        #expect(method == "did:key:\(publicMultibase)#\(publicMultibase)")
        #expect(try DIDKey.publicKey(from: did) == publicKey)
        #expect(try DIDKey.publicKey(from: method) == publicKey)

        // A signature made with the decoded secret key verifies under the did:key's key.
        let message = Array("multikey round trip".utf8)
        #expect(try DIDKey.publicKey(from: method).isValidSignature(privateKey.signature(for: message), for: message))
    }

    @Test("generated keys always encode as z6Mk… and z3u2… and decode back")
    func generatedKeys() throws {
        for _ in 0..<20 {
            let key = try Ed25519PrivateKey()
            let publicText = Multikey.encode(key.publicKey)
            let secretText = Multikey.encode(key)
            #expect(publicText.hasPrefix("z6Mk"))
            #expect(secretText.hasPrefix("z3u2"))
            #expect(try Multikey.publicKey(from: publicText) == key.publicKey)
            #expect(try Multikey.privateKey(from: secretText).seed == key.seed)
        }
    }

    @Test("bad Multikey input gives a clear error")
    func badMultikeys() throws {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32))
        let publicText = Multikey.encode(key.publicKey)
        let secretText = Multikey.encode(key)

        #expect(cryptoError { _ = try Multikey.publicKey(from: "") }?.code == .malformedMultibase)
        #expect(cryptoError { _ = try Multikey.publicKey(from: "z6Mk0OIl") }?.code == .malformedMultibase)
        #expect(cryptoError { _ = try Multikey.publicKey(from: "u" + Base64URL.encode([0xed, 0x01] + key.publicKey.rawRepresentation)) }?
            .code == .malformedMultibase)
        // A secret key where a public key is required, and the reverse.
        #expect(cryptoError { _ = try Multikey.publicKey(from: secretText) }?.code == .wrongKeyType)
        #expect(cryptoError { _ = try Multikey.privateKey(from: publicText) }?.code == .wrongKeyType)
        // Wrong length after a correct header.
        let short = Multibase.encode([0xed, 0x01] + key.publicKey.rawRepresentation.dropLast(), base: .base58btc)
        #expect(cryptoError { _ = try Multikey.publicKey(from: short) }?.code == .invalidKeyLength)
        let long = Multibase.encode([0x80, 0x26] + key.seed + [0], base: .base58btc)
        #expect(cryptoError { _ = try Multikey.privateKey(from: long) }?.code == .invalidKeyLength)
        // A P-256 multikey (0x8024) is recognised but unsupported.
        let p256 = Multibase.encode([0x80, 0x24, 0x02] + [UInt8](repeating: 9, count: 32), base: .base58btc)
        let p256Error = cryptoError { _ = try Multikey.publicKey(from: p256) }
        #expect(p256Error?.code == .unsupportedKeyType)
        #expect(p256Error?.reason.contains("P-256") == true)
    }

    @Test("bad did:key input gives malformedDID or the Multikey error")
    func badDIDs() throws {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 4, count: 32))
        let multibase = Multikey.encode(key.publicKey)
        #expect(cryptoError { _ = try DIDKey.publicKey(from: "did:web:example.com") }?.code == .malformedDID)
        #expect(cryptoError { _ = try DIDKey.publicKey(from: "did:key:") }?.code == .malformedDID)
        #expect(cryptoError { _ = try DIDKey.publicKey(from: "did:key:\(multibase)#key-1") }?.code == .malformedDID)
        #expect(cryptoError { _ = try DIDKey.publicKey(from: "did:key:\(multibase)/path") }?.code == .malformedDID)
        #expect(cryptoError { _ = try DIDKey.publicKey(from: "did:key:z6MkBAD0") }?.code == .malformedMultibase)
    }
}

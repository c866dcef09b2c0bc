import BadgeCrypto
import Foundation
import Testing

@Suite("Ed25519 signing and verification")
struct Ed25519Tests {
    struct KnownAnswer: Sendable, CustomTestStringConvertible {
        var name: String
        var seed: String
        var publicKey: String
        var message: String
        var signature: String
        var testDescription: String { name }
    }

    /// RFC 8032 §7.1 TEST 1, 2, 3 and SHA(abc).
    static let rfc8032: [KnownAnswer] = [
        KnownAnswer(
            name: "TEST 1 (empty message)",
            seed: "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            publicKey: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
            message: "",
            signature: "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b"
                + "d25bf5f0595bbe24655141438e7a100b"),
        KnownAnswer(
            name: "TEST 2 (one byte)",
            seed: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            publicKey: "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
            message: "72",
            signature: "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c"
                + "387b2eaeb4302aeeb00d291612bb0c00"),
        KnownAnswer(
            name: "TEST 3 (two bytes)",
            seed: "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
            publicKey: "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
            message: "af82",
            signature: "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc659"
                + "4a7c15e9716ed28dc027beceea1ec40a"),
        KnownAnswer(
            name: "TEST SHA(abc) (64-byte message)",
            seed: "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
            publicKey: "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
            message: "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
                + "454d4423643ce80e2a9ac94fa54ca49f",
            signature: "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e030"
                + "3dca179c138ac17ad9bef1177331a704"),
    ]

    @Test("RFC 8032 §7.1 vectors: public key and signature are byte-exact, and the signature verifies",
          arguments: rfc8032)
    func rfc8032Vectors(vector: KnownAnswer) throws {
        let key = try Ed25519PrivateKey(seed: hex(vector.seed))
        #expect(Hex.encode(key.publicKey.rawRepresentation) == vector.publicKey)
        #expect(key.seed == hex(vector.seed))
        let signature = try key.signature(for: hex(vector.message))
        #expect(Hex.encode(signature) == vector.signature)
        #expect(key.publicKey.isValidSignature(signature, for: hex(vector.message)))
        let publicKey = try Ed25519PublicKey(rawRepresentation: hex(vector.publicKey))
        #expect(publicKey == key.publicKey)
        #expect(publicKey.isValidSignature(hex(vector.signature), for: hex(vector.message)))
    }

    @Test("RFC 8032 §7.1 TEST 1024 (1023-byte message) is byte-exact")
    func rfc8032Test1024() throws {
        // The message is long; the Wycheproof file carries it as draft-josefsson Test 1024 (same vector).
        let root = try #require(Fixture.json("wycheproof/ed25519_test.json") as? [String: Any])
        let groups = try #require(root["testGroups"] as? [[String: Any]])
        let test = try #require(
            groups.flatMap { $0["tests"] as? [[String: Any]] ?? [] }
                .first { ($0["comment"] as? String)?.hasSuffix("Test 1024") == true })
        let message = hex(try #require(test["msg"] as? String))
        #expect(message.count == 1023)
        let key = try Ed25519PrivateKey(seed: hex("f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5"))
        #expect(Hex.encode(key.publicKey.rawRepresentation)
            == "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e")
        let signature = try key.signature(for: message)
        #expect(Hex.encode(signature)
            == "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23c436d94b5e8fcd"
            + "4f681e30a6ac00a9704a188a03")
        #expect(test["sig"] as? String == Hex.encode(signature))
    }

    @Test("a generated key signs, verifies, and rejects a tampered message, signature or key")
    func generatedKeyRoundTrip() throws {
        let key = try Ed25519PrivateKey()
        let other = try Ed25519PrivateKey()
        #expect(key.seed.count == 32)
        #expect(key.seed != other.seed)
        let message = Array("The quick brown fox jumps over the lazy dog".utf8)
        let signature = try key.signature(for: message)
        #expect(signature.count == 64)
        #expect(try key.signature(for: message) == signature, "Ed25519 is deterministic")
        #expect(key.publicKey.isValidSignature(signature, for: message))
        var tamperedMessage = message
        tamperedMessage[0] ^= 1
        #expect(!key.publicKey.isValidSignature(signature, for: tamperedMessage))
        for index in [0, 31, 32, 63] {
            var tamperedSignature = signature
            tamperedSignature[index] ^= 0x10
            #expect(!key.publicKey.isValidSignature(tamperedSignature, for: message))
        }
        #expect(!other.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature.dropLast(), for: message))
        #expect(!key.publicKey.isValidSignature(signature + [0], for: message))
        #expect(!key.publicKey.isValidSignature([], for: message))
        // Reloading from the seed gives the same key.
        let reloaded = try Ed25519PrivateKey(seed: key.seed)
        #expect(reloaded.publicKey == key.publicKey)
        #expect(try reloaded.signature(for: message) == signature)
    }

    @Test("signing accepts any byte collection (slices, non-contiguous sequences)")
    func signsCollections() throws {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))
        let bytes = Array(0..<200).map { UInt8($0) }
        let reference = try key.signature(for: bytes[10..<150])
        #expect(try key.signature(for: Array(bytes[10..<150])) == reference)
        #expect(try key.signature(for: (10..<150).map { UInt8($0) }) == reference)
        #expect(try key.signature(for: Data(bytes[10..<150])) == reference)
        #expect(key.publicKey.isValidSignature(reference[...], for: bytes[10..<150]))
        #expect(try Ed25519PrivateKey(seed: bytes[0..<32]).seed == Array(bytes[0..<32]))
    }

    @Test("one key signs and verifies correctly from many threads at once")
    func concurrentUse() async throws {
        let key = try Ed25519PrivateKey()
        let publicKey = key.publicKey
        let expected = try (0..<16).map { try key.signature(for: [UInt8(truncatingIfNeeded: $0)]) }
        let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var bad = 0
                    for round in 0..<200 {
                        let index = (worker * 7 + round) % 16
                        let message = [UInt8(truncatingIfNeeded: index)]
                        let signature = try key.signature(for: message)
                        if signature != expected[index] { bad += 1 }
                        if !publicKey.isValidSignature(signature, for: message) { bad += 1 }
                        if publicKey.isValidSignature(signature, for: message + [1]) { bad += 1 }
                    }
                    return bad
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }

    @Test("wrong-length seeds and public keys give invalidKeyLength, not a crash")
    func wrongLengths() {
        for length in [0, 1, 31, 33, 64] {
            let bytes = [UInt8](repeating: 1, count: length)
            let seedError = cryptoError { _ = try Ed25519PrivateKey(seed: bytes) }
            #expect(seedError?.code == .invalidKeyLength)
            #expect(seedError?.reason.contains("\(length)") == true)
            let publicError = cryptoError { _ = try Ed25519PublicKey(rawRepresentation: bytes) }
            #expect(publicError?.code == .invalidKeyLength)
        }
    }

    @Test("SHA-256 and SHA-384 give the FIPS 180-4 answers for \"abc\"")
    func shaKnownAnswers() {
        #expect(Hex.encode(SHA256.hash(Array("abc".utf8)))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Hex.encode(SHA384.hash(Array("abc".utf8)))
            == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
    }
}

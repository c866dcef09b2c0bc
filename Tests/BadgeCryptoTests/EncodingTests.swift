import BadgeCrypto
import Foundation
import Testing

@Suite("Base64URL, Base58BTC and Multibase")
struct EncodingTests {
    @Test("base64url matches the RFC 4648 §10 vectors (without padding) and round-trips")
    func base64URLVectors() throws {
        let vectors = [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"),
                       ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in vectors {
            #expect(Base64URL.encode(Array(plain.utf8)) == encoded)
            #expect(try Base64URL.decode(encoded) == Array(plain.utf8))
        }
        // The URL-safe alphabet uses - and _ where standard base64 uses + and /.
        #expect(Base64URL.encode([0xfb, 0xff, 0xbf]) == "-_-_")
        #expect(try Base64URL.decode("-_-_") == [0xfb, 0xff, 0xbf])
        for length in 0..<70 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
            #expect(try Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
    }

    @Test("malformed base64url is rejected with malformedBase64", arguments: [
        "Zg==", "Zm9v+A", "Zm9v/A", "Zm 9v", "Z", "Zm9vY", "Zh", "Zm9", "é",
    ])
    func base64URLRejects(text: String) {
        // "Zh" and "Zm9" (before the valid "Zm8") carry non-zero unused bits.
        if text == "Zm9" { #expect(cryptoError { _ = try Base64URL.decode("Zm8") } == nil) }
        #expect(cryptoError { _ = try Base64URL.decode(text) }?.code == .malformedBase64)
    }

    @Test("base58btc matches known answers, keeps leading zero bytes, and round-trips")
    func base58Vectors() throws {
        let vectors: [(String, String)] = [
            ("", ""), ("61", "2g"), ("626262", "a3gV"), ("636363", "aPEr"),
            ("73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"),
            ("00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"),
            ("516b6fcd0f", "ABnLTmg"), ("bf4f89001e670274dd", "3SEo3LWLoPntC"), ("572e4794", "3EFU7m"),
            ("ecac89cad93923c02321", "EJDM8drfXA6uyA"), ("10c8511e", "Rt5zm"), ("00000000000000000000", "1111111111"),
        ]
        for (bytes, encoded) in vectors {
            #expect(Base58BTC.encode(hex(bytes)) == encoded)
            if !encoded.isEmpty { #expect(try Base58BTC.decode(encoded) == hex(bytes)) }
        }
        for length in 0..<80 {
            var bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 91 + 3) }
            if length > 3 { bytes[0] = 0; bytes[1] = 0 }
            let encoded = Base58BTC.encode(bytes)
            if !bytes.isEmpty { #expect(try Base58BTC.decode(encoded) == bytes) }
        }
    }

    @Test("malformed base58btc is rejected with malformedBase58", arguments: ["", "0abc", "abcO", "Il", "ab c", "z+"])
    func base58Rejects(text: String) {
        #expect(cryptoError { _ = try Base58BTC.decode(text) }?.code == .malformedBase58)
    }

    @Test("over-long base58btc input is refused quickly instead of taking quadratic time")
    func base58Limit() {
        let long = String(repeating: "z", count: Base58BTC.maximumDecodedTextLength + 1)
        let error = cryptoError { _ = try Base58BTC.decode(long) }
        #expect(error?.code == .malformedBase58)
        #expect(error?.reason.contains("at most") == true)
    }

    @Test("multibase encodes with its prefix and decodes both supported bases")
    func multibase() throws {
        let bytes: [UInt8] = [0, 1, 2, 250, 255]
        let z = Multibase.encode(bytes, base: .base58btc)
        let u = Multibase.encode(bytes, base: .base64url)
        #expect(z.hasPrefix("z"))
        #expect(u == "u" + Base64URL.encode(bytes))
        #expect(try Multibase.decode(z) == bytes)
        #expect(try Multibase.decode(u) == bytes)
        #expect(Multibase.Base.base58btc.prefix == "z")
        #expect(Multibase.Base.base64url.prefix == "u")
    }

    @Test("malformed multibase is rejected with malformedMultibase", arguments: [
        "", "f00ff", "m", "z0OIl", "u==", "zz+", "Z6Mk",
    ])
    func multibaseRejects(text: String) {
        #expect(cryptoError { _ = try Multibase.decode(text) }?.code == .malformedMultibase)
    }
}

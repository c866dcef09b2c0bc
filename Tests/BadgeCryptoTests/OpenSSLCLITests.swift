import BadgeCrypto
import Foundation
import Testing

/// Interoperability with the `openssl` command-line tool. These tests run only when `openssl` is on PATH; when it
/// is not, Swift Testing reports them as skipped (not passed) and a note is printed.
@Suite("Interoperability with the openssl command-line tool", .enabled(if: OpenSSLCLI.isAvailable))
struct OpenSSLCLITests {
    @Test("a key from `openssl genpkey -algorithm ed25519` loads, and signatures verify both ways")
    func ed25519BothWays() throws {
        let directory = try TemporaryDirectory()
        let keyPath = directory.path("key.pem")
        let publicPath = directory.path("public.pem")
        let messagePath = directory.path("message.bin")
        let signaturePath = directory.path("signature.bin")
        try OpenSSLCLI.run(["genpkey", "-algorithm", "ed25519", "-out", keyPath])
        try OpenSSLCLI.run(["pkey", "-in", keyPath, "-pubout", "-out", publicPath])
        let message = Array("Laurel and OpenSSL agree on Ed25519".utf8)
        try Data(message).write(to: URL(fileURLWithPath: messagePath))

        let key = try Ed25519PrivateKey(pem: String(contentsOfFile: keyPath, encoding: .utf8))
        let publicKey = try Ed25519PublicKey(pem: String(contentsOfFile: publicPath, encoding: .utf8))
        #expect(key.publicKey == publicKey)

        // Laurel signs, openssl verifies.
        try Data(key.signature(for: message)).write(to: URL(fileURLWithPath: signaturePath))
        let verified = try OpenSSLCLI.run([
            "pkeyutl", "-verify", "-pubin", "-inkey", publicPath, "-rawin", "-in", messagePath, "-sigfile", signaturePath,
        ])
        #expect(String(decoding: verified, as: UTF8.self).contains("Signature Verified Successfully"))

        // openssl signs, Laurel verifies.
        let opensslSignature = try OpenSSLCLI.run(["pkeyutl", "-sign", "-inkey", keyPath, "-rawin", "-in", messagePath])
        #expect(opensslSignature.count == 64)
        #expect(publicKey.isValidSignature(Array(opensslSignature), for: message))
        #expect(Array(opensslSignature) == (try key.signature(for: message)))
        #expect(!publicKey.isValidSignature(Array(opensslSignature), for: message + [0]))

        // Laurel's PEM is readable by openssl and yields the same public key.
        let laurelKeyPath = directory.path("laurel.pem")
        try Data(key.pemRepresentation.utf8).write(to: URL(fileURLWithPath: laurelKeyPath))
        let derived = try OpenSSLCLI.run(["pkey", "-in", laurelKeyPath, "-pubout"])
        #expect(String(decoding: derived, as: UTF8.self) == publicKey.pemRepresentation)
    }

    @Test("an RSA private key PEM from openssl is refused where Ed25519 is required")
    func rsaPEMRefused() throws {
        let directory = try TemporaryDirectory()
        let keyPath = directory.path("rsa.pem")
        try OpenSSLCLI.run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", keyPath])
        let pem = try String(contentsOfFile: keyPath, encoding: .utf8)
        let error = cryptoError { _ = try Ed25519PrivateKey(pem: pem) }
        #expect(error?.code == .wrongKeyType)
        #expect(error?.reason.contains("RSA") == true)
    }

    @Test("an ES256 signature made by `openssl dgst -sha256 -sign` verifies")
    func es256FromOpenSSL() throws {
        let directory = try TemporaryDirectory()
        let keyPath = directory.path("ec.pem")
        let messagePath = directory.path("input.txt")
        try OpenSSLCLI.run(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", keyPath])
        let publicPEM = String(decoding: try OpenSSLCLI.run(["pkey", "-in", keyPath, "-pubout"]), as: UTF8.self)
        let publicDER = try OpenSSLCLI.run(["pkey", "-in", keyPath, "-pubout", "-outform", "DER"])
        let input = Array("eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJvcGVuc3NsIn0".utf8)
        try Data(input).write(to: URL(fileURLWithPath: messagePath))
        let der = Array(try OpenSSLCLI.run(["dgst", "-sha256", "-sign", keyPath, messagePath]))
        let raw = try Self.rawSignature(fromDER: der)

        let pemKey = try P256PublicKey(spkiPEM: publicPEM)
        #expect(pemKey.isValidES256Signature(raw, for: input))
        // The SPKI DER ends with the uncompressed point 04 || x || y.
        let point = Array(publicDER.suffix(65))
        #expect(point.first == 0x04)
        let jwk = JWK(kty: "EC", crv: "P-256", x: Base64URL.encode(point[1..<33]), y: Base64URL.encode(point[33..<65]))
        let jwkKey = try P256PublicKey(jwk: jwk)
        #expect(jwkKey.isValidES256Signature(raw, for: input))
        #expect(!jwkKey.isValidES256Signature(raw, for: input.dropLast()))
    }

    /// Converts a DER `SEQUENCE { r INTEGER, s INTEGER }` into the 64-byte JWS form.
    static func rawSignature(fromDER der: [UInt8]) throws -> [UInt8] {
        var index = 2
        try #require(der.count > 8 && der[0] == 0x30 && der[1] < 0x80)
        func integer() throws -> [UInt8] {
            try #require(der[index] == 0x02)
            let length = Int(der[index + 1])
            let value = Array(der[(index + 2)..<(index + 2 + length)].drop { $0 == 0 })
            index += 2 + length
            try #require(value.count <= 32)
            return [UInt8](repeating: 0, count: 32 - value.count) + value
        }
        return try integer() + integer()
    }
}

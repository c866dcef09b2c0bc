/// What Laurel checks about PEM text (RFC 7468) before handing it to OpenSSL, so that mistakes get clear errors.
///
/// Works on UTF-8 bytes rather than Foundation string searches, which are slow on Linux.
enum PEMText {
    /// Longest PEM text accepted; real key files are a few kilobytes.
    static let maximumLength = 1 << 16

    private static let beginMarker = Array("-----BEGIN ".utf8)
    private static let dashes = Array("-----".utf8)

    /// The label of the first `-----BEGIN <label>-----` line, e.g. "PRIVATE KEY" or "PUBLIC KEY".
    static func firstLabel(_ pem: String) throws(CryptoError) -> String {
        let bytes = Array(pem.utf8)
        guard bytes.count <= maximumLength else {
            throw CryptoError(
                .malformedPEM, "the PEM text is \(bytes.count) bytes long; key files are at most \(maximumLength)")
        }
        guard let begin = find(beginMarker, in: bytes, from: 0) else {
            throw CryptoError(.malformedPEM, "the text is not PEM: it has no '-----BEGIN ...-----' line")
        }
        let labelStart = begin + beginMarker.count
        guard let labelEnd = find(dashes, in: bytes, from: labelStart),
            !bytes[labelStart..<labelEnd].contains(UInt8(ascii: "\n"))
        else {
            throw CryptoError(.malformedPEM, "the PEM '-----BEGIN' line is not closed with '-----'")
        }
        let label = String(decoding: bytes[labelStart..<labelEnd], as: UTF8.self)
        guard find(Array("-----END \(label)-----".utf8), in: bytes, from: labelEnd) != nil else {
            throw CryptoError(.malformedPEM, "the PEM text has no '-----END \(label)-----' line")
        }
        return label
    }

    /// Checks that `pem` holds an unencrypted private key.
    static func requirePrivateKey(_ pem: String) throws(CryptoError) {
        let label = try firstLabel(pem)
        switch label {
        case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY":
            return
        case "ENCRYPTED PRIVATE KEY":
            throw CryptoError(
                .unsupportedKeyType,
                "the PEM private key is encrypted; Laurel reads unencrypted PKCS#8 keys (decrypt it with "
                    + "'openssl pkey -in FILE -out PLAIN.pem' and keep the result at mode 0600)")
        case "PUBLIC KEY":
            throw CryptoError(.wrongKeyType, "the PEM text holds a public key, but a private key is required")
        default:
            throw CryptoError(.wrongKeyType, "the PEM text holds a '\(label)', but a private key is required")
        }
    }

    /// Checks that `pem` holds a SubjectPublicKeyInfo public key.
    static func requirePublicKey(_ pem: String) throws(CryptoError) {
        let label = try firstLabel(pem)
        switch label {
        case "PUBLIC KEY":
            return
        case "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY":
            throw CryptoError(
                .wrongKeyType,
                "the PEM text holds a private key, but a public key ('-----BEGIN PUBLIC KEY-----') is required")
        default:
            throw CryptoError(
                .wrongKeyType,
                "the PEM text holds a '\(label)', but a public key ('-----BEGIN PUBLIC KEY-----') is required")
        }
    }

    /// The DER of an RFC 8410 §7 PKCS#8 Ed25519 private key (version 0, no attributes, no public key) before the
    /// 32-byte seed: `SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32) } }`.
    static let ed25519PKCS8Prefix: [UInt8] = [
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
    ]
    /// The DER of an RFC 8410 §4 Ed25519 SubjectPublicKeyInfo before the 32-byte public key:
    /// `SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (0 unused bits) }`.
    static let ed25519SPKIPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]

    /// The raw 32 bytes inside the first PEM block when it is labelled `label` and holds exactly `prefix` + 32
    /// bytes; `nil` otherwise.
    ///
    /// A fast path for the canonical Ed25519 encodings (what OpenSSL and Laurel write): OpenSSL's general decoder
    /// tries many formats and costs several times an Ed25519 signature. Anything else, including every malformed
    /// input, goes through OpenSSL, which gives the detailed errors.
    static func canonicalKeyBytes(_ pem: String, label: String, prefix: [UInt8]) -> [UInt8]? {
        let bytes = Array(pem.utf8)
        let open = Array("-----BEGIN \(label)-----".utf8)
        guard let begin = find(beginMarker, in: bytes, from: 0),
            bytes[begin...].starts(with: open),
            let end = find(Array("-----END \(label)-----".utf8), in: bytes, from: begin + open.count)
        else { return nil }
        var body: [UInt8] = []
        for byte in bytes[(begin + open.count)..<end] {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"): continue
            default: body.append(byte)
            }
        }
        guard let decoded = decodeStandardBase64(body), decoded.count == prefix.count + 32,
            decoded.starts(with: prefix)
        else { return nil }
        return Array(decoded[prefix.count...])
    }

    /// Position of the first occurrence of `needle` in `haystack` at or after `start`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else {
            return nil
        }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return index
            }
            index += 1
        }
        return nil
    }

    /// Decodes padded standard base64 (RFC 4648 §4), as PEM bodies use; `nil` for anything else.
    static func decodeStandardBase64(_ text: [UInt8]) -> [UInt8]? {
        guard text.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(text.count / 4 * 3)
        var accumulator: UInt32 = 0
        var bits = 0
        var padding = 0
        for character in text {
            let value: UInt32
            switch character {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): value = UInt32(character - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): value = UInt32(character - UInt8(ascii: "a")) + 26
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = UInt32(character - UInt8(ascii: "0")) + 52
            case UInt8(ascii: "+"): value = 62
            case UInt8(ascii: "/"): value = 63
            case UInt8(ascii: "="):
                padding += 1
                continue
            default: return nil
            }
            guard padding == 0 else { return nil }
            accumulator = accumulator << 6 | value
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        guard padding <= 2, accumulator == 0 else { return nil }
        return out
    }
}

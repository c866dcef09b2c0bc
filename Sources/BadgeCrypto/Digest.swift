/// SHA-2 digests computed by OpenSSL's libcrypto.
///
/// `SHA256.hash(_:)` and `SHA384.hash(_:)` return the digest bytes. They never fail for valid input:
/// an OpenSSL failure here means the library itself is broken, which is a programming error.
public enum SHA256 {
    /// Size of a SHA-256 digest in bytes.
    public static let byteCount = 32

    /// The SHA-256 digest of `bytes`.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        OpenSSLDigest.digest(.sha256, bytes)
    }
}

public enum SHA384 {
    /// Size of a SHA-384 digest in bytes.
    public static let byteCount = 48

    /// The SHA-384 digest of `bytes`.
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        OpenSSLDigest.digest(.sha384, bytes)
    }
}

/// Lower-case hexadecimal, as hashes are usually written.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        if let text = bytes.withContiguousStorageIfAvailable(encode(contiguous:)) { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Bytes in memory, written straight into the string's storage.
    private static func encode(contiguous bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            digits.withUnsafeBufferPointer { digits in
                for (position, byte) in bytes.enumerated() {
                    out[2 * position] = digits[Int(byte >> 4)]
                    out[2 * position + 1] = digits[Int(byte & 0x0f)]
                }
            }
            return bytes.count * 2
        }
    }

    /// Decodes upper- or lower-case hex; `nil` for odd length or a non-hex character.
    public static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// MD5, only for checking legacy Open Badges `md5$…` identity hashes. Never use it to protect anything.
public enum MD5 {
    public static func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        OpenSSLDigest.digest(.md5, bytes)
    }
}

/// The URL- and filename-safe base64 alphabet of RFC 4648 §5, without padding, as JOSE (RFC 7515 §2) uses it.
public enum Base64URL {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
    private static let reverse: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// Encodes `bytes` as base64url with no `=` padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        var out: [UInt8] = []
        out.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= input.count {
            let word = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            out.append(alphabet[Int(word >> 18 & 63)])
            out.append(alphabet[Int(word >> 12 & 63)])
            out.append(alphabet[Int(word >> 6 & 63)])
            out.append(alphabet[Int(word & 63)])
            index += 3
        }
        let remaining = input.count - index
        if remaining == 1 {
            let word = UInt32(input[index]) << 16
            out.append(alphabet[Int(word >> 18 & 63)])
            out.append(alphabet[Int(word >> 12 & 63)])
        } else if remaining == 2 {
            let word = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            out.append(alphabet[Int(word >> 18 & 63)])
            out.append(alphabet[Int(word >> 12 & 63)])
            out.append(alphabet[Int(word >> 6 & 63)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes unpadded base64url text.
    ///
    /// Strict, so that one value has one encoding: `=` padding, whitespace, characters of the standard `+/`
    /// alphabet, an impossible length, and non-zero leftover bits in the last character are all rejected.
    public static func decode(_ text: String) throws(CryptoError) -> [UInt8] {
        let input = Array(text.utf8)
        if input.count % 4 == 1 {
            throw CryptoError(
                .malformedBase64, "base64url text of \(input.count) characters cannot be complete (length % 4 == 1)")
        }
        var out: [UInt8] = []
        out.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for (position, character) in input.enumerated() {
            let value = reverse[Int(character)]
            guard value != 0xff else {
                let shown = character < 0x80 ? "'\(Character(Unicode.Scalar(character)))'" : "a non-ASCII byte"
                let hint = character == UInt8(ascii: "=") ? " (base64url in JOSE and multibase has no padding)" : ""
                throw CryptoError(
                    .malformedBase64, "base64url text has \(shown) at position \(position + 1)\(hint)")
            }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        if accumulator != 0 {
            throw CryptoError(.malformedBase64, "base64url text ends with a character whose unused bits are not zero")
        }
        return out
    }
}

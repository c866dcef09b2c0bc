/// Base58 with the Bitcoin alphabet ("base58btc"), used by multibase `z` strings: Multikey values, did:key
/// identifiers and Data Integrity `proofValue`s.
///
/// Each leading zero byte is written as a leading `1`; the rest is the big-endian number in base 58.
public enum Base58BTC {
    private static let alphabet = Array("123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".utf8)
    private static let reverse: [UInt8] = {
        var table = [UInt8](repeating: 0xff, count: 256)
        for (value, character) in alphabet.enumerated() { table[Int(character)] = UInt8(value) }
        return table
    }()

    /// The longest text `decode` accepts. Base58 takes time quadratic in the length; keys and signatures are under
    /// 100 characters, so this bound keeps hostile input cheap while leaving ample room.
    public static let maximumDecodedTextLength = 8192

    /// Encodes `bytes` in base58btc.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        let zeros = input.prefix { $0 == 0 }.count
        // Big-endian digits in base 58, least significant last; about 138 digits per 100 bytes.
        var digits = [UInt8](repeating: 0, count: (input.count - zeros) * 138 / 100 + 1)
        var used = 0
        for byte in input[zeros...] {
            var carry = UInt32(byte)
            var index = 0
            var position = digits.count - 1
            while (carry != 0 || index < used) && position >= 0 {
                carry += 256 * UInt32(digits[position])
                digits[position] = UInt8(carry % 58)
                carry /= 58
                position -= 1
                index += 1
            }
            used = index
        }
        let firstNonZero = digits.firstIndex { $0 != 0 } ?? digits.count
        var out = [UInt8](repeating: alphabet[0], count: zeros)
        out.reserveCapacity(zeros + digits.count - firstNonZero)
        for digit in digits[firstNonZero...] { out.append(alphabet[Int(digit)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base58btc text. Rejects characters outside the alphabet (including `0`, `O`, `I`, `l`), empty
    /// text, and text longer than `maximumDecodedTextLength`.
    public static func decode(_ text: String) throws(CryptoError) -> [UInt8] {
        let input = Array(text.utf8)
        guard !input.isEmpty else { throw CryptoError(.malformedBase58, "base58btc text is empty") }
        guard input.count <= maximumDecodedTextLength else {
            throw CryptoError(
                .malformedBase58,
                "base58btc text is \(input.count) characters long; at most \(maximumDecodedTextLength) are accepted")
        }
        let ones = input.prefix { $0 == alphabet[0] }.count
        // Big-endian bytes, least significant last; about 733 bytes per 1000 digits.
        var bytes = [UInt8](repeating: 0, count: (input.count - ones) * 733 / 1000 + 1)
        var used = 0
        for (offset, character) in input[ones...].enumerated() {
            let value = reverse[Int(character)]
            guard value != 0xff else {
                let shown = character < 0x80 ? "'\(Character(Unicode.Scalar(character)))'" : "a non-ASCII byte"
                throw CryptoError(
                    .malformedBase58,
                    "base58btc text has \(shown) at position \(ones + offset + 1), which is not in the Bitcoin alphabet")
            }
            var carry = UInt32(value)
            var index = 0
            var position = bytes.count - 1
            while (carry != 0 || index < used) && position >= 0 {
                carry += 58 * UInt32(bytes[position])
                bytes[position] = UInt8(carry & 0xff)
                carry >>= 8
                position -= 1
                index += 1
            }
            used = index
        }
        let firstNonZero = bytes.firstIndex { $0 != 0 } ?? bytes.count
        return [UInt8](repeating: 0, count: ones) + bytes[firstNonZero...]
    }
}

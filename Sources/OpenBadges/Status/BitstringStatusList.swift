import BadgeCrypto

/// A W3C Bitstring Status List (v1.0): one bit per credential, index 0 being the most significant bit of the
/// first byte, published GZIP-compressed and multibase base64url-encoded (`u…`) as `encodedList`.
public struct BitstringStatusList: Sendable, Hashable {
    /// The minimum length the specification requires for herd privacy: 16 KiB, 131,072 entries.
    public static let minimumBitCount = 131_072
    /// The largest list accepted when decoding (16 MiB of bits), against decompression bombs.
    public static let maximumByteCount = 16 * 1024 * 1024

    /// The bits, most significant bit first.
    public private(set) var bytes: [UInt8]

    /// An all-zero list of `bitCount` entries (rounded up to whole bytes).
    public init(bitCount: Int = BitstringStatusList.minimumBitCount) {
        bytes = [UInt8](repeating: 0, count: (bitCount + 7) / 8)
    }

    /// A list over existing bytes.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Decodes an `encodedList` value: multibase base64url (a leading `u`; bare base64url is accepted too, as
    /// older lists were written without the prefix), then GZIP.
    public init(encodedList: String) throws(StatusListError) {
        var text = Substring(encodedList)
        if text.first == "u" { text = text.dropFirst() }
        let compressed: [UInt8]
        do {
            compressed = try Base64URL.decode(String(text))
        } catch {
            throw StatusListError(code: .malformed, reason: "encodedList is not base64url: \(error)")
        }
        bytes = try GZIP.decompress(compressed, maxOutput: Self.maximumByteCount)
    }

    /// The number of entries.
    public var bitCount: Int { bytes.count * 8 }

    /// The bit at `index`.
    public func bit(at index: Int) throws(StatusListError) -> Bool {
        guard index >= 0, index < bitCount else {
            throw StatusListError(
                code: .rangeError, reason: "status index \(index) is outside the list of \(bitCount) entries")
        }
        return bytes[index / 8] >> (7 - UInt8(index % 8)) & 1 == 1
    }

    /// Sets or clears the bit at `index`.
    public mutating func setBit(at index: Int, to value: Bool) throws(StatusListError) {
        guard index >= 0, index < bitCount else {
            throw StatusListError(
                code: .rangeError, reason: "status index \(index) is outside the list of \(bitCount) entries")
        }
        let mask = UInt8(1) << (7 - UInt8(index % 8))
        if value {
            bytes[index / 8] |= mask
        } else {
            bytes[index / 8] &= ~mask
        }
    }

    /// The `encodedList` value: `u` + base64url(GZIP(bits)).
    public func encodedList() throws(StatusListError) -> String {
        "u" + Base64URL.encode(try GZIP.compress(bytes))
    }
}

/// Why a status list could not be read or written.
public struct StatusListError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case malformed, compression, tooLarge = "too_large", tooShort = "status_list_length_error"
        case rangeError = "range_error"
    }

    public var code: Code
    public var reason: String

    public init(code: Code, reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { reason }
}

import Foundation

/// New credential identifiers: `urn:uuid:` URNs of RFC 9562 version-7 UUIDs.
///
/// A version-7 UUID starts with the Unix time in milliseconds; here the next 12 bits hold the fraction of the
/// millisecond (RFC 9562 section 6.2, method 3) and the last 62 bits come from the operating system's
/// cryptographically secure generator. Identifiers made one after another therefore sort in time order, which keeps the
/// ledger's index on credential ids compact (new ids are appended, not scattered); the time they reveal is
/// already in the credential as its `validFrom`.
public enum CredentialIdentifier {
    /// A new `urn:uuid:` identifier (version 7) for the current time.
    public static func make() -> String {
        make(unixMilliseconds: Date().timeIntervalSince1970 * 1000)
    }

    /// A new `urn:uuid:` identifier (version 7) for the given time in milliseconds since 1970-01-01T00:00:00Z.
    public static func make(unixMilliseconds: Double) -> String {
        let time = max(0, unixMilliseconds)
        let whole = UInt64(min(time.rounded(.down), Double(0xFFFF_FFFF_FFFF)))
        let fraction = UInt64(min(4095, max(0, (time - Double(whole)) * 4096)))
        // unix_ts_ms (48 bits) | version 0111 (4) | rand_a = sub-millisecond fraction (12)
        let high = whole << 16 | 0x7000 | fraction
        // variant 10 (2 bits) | rand_b (62)
        let low = 0x8000_0000_0000_0000 | (SharedSecureRandom.shared.next() & 0x3FFF_FFFF_FFFF_FFFF)
        return "urn:uuid:" + format(high, low)
    }

    /// The UUID `high ‖ low` in its 8-4-4-4-12 lowercase form.
    static func format(_ high: UInt64, _ low: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (position, shift) in stride(from: 60, through: 0, by: -4).enumerated() {
            if position == 8 || position == 12 { out.append(UInt8(ascii: "-")) }
            out.append(digits[Int((high >> UInt64(shift)) & 0xF)])
        }
        for (position, shift) in stride(from: 60, through: 0, by: -4).enumerated() {
            if position == 0 || position == 4 { out.append(UInt8(ascii: "-")) }
            out.append(digits[Int((low >> UInt64(shift)) & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// The `format` values this validator asserts. Other format names are annotations only (JSON Schema 2019-09
/// §7.2 lets a validator choose), so an unknown format never fails an instance.
enum SchemaFormat: String, Sendable, CaseIterable {
    case dateTime = "date-time"
    case date
    case time
    case email
    case idnEmail = "idn-email"
    case hostname
    case ipv4
    case uri
    case uriReference = "uri-reference"
    case iri
    case iriReference = "iri-reference"
    case uuid

    /// How the format is described in a violation message.
    var explanation: String {
        switch self {
        case .dateTime: "an RFC 3339 date-time with a time zone, such as 2024-05-01T12:00:00Z"
        case .date: "an RFC 3339 full-date, such as 2024-05-01"
        case .time: "an RFC 3339 full-time with a time zone, such as 12:00:00Z"
        case .email, .idnEmail: "an email address"
        case .hostname: "a host name"
        case .ipv4: "an IPv4 address"
        case .uri: "an absolute URI with a scheme"
        case .uriReference: "a URI reference"
        case .iri: "an absolute IRI with a scheme"
        case .iriReference: "an IRI reference"
        case .uuid: "a UUID"
        }
    }

    /// True when `text` is a valid value of this format.
    func accepts(_ text: String) -> Bool {
        switch self {
        case .dateTime: FormatScanner.isDateTime(Array(text.utf8))
        case .date: FormatScanner.isFullDate(Array(text.utf8)[...]) != nil && text.utf8.count == 10
        case .time: FormatScanner.isFullTime(Array(text.utf8)[...])
        case .email: FormatScanner.isEmail(text, allowUnicode: false)
        case .idnEmail: FormatScanner.isEmail(text, allowUnicode: true)
        case .hostname: FormatScanner.isHostname(Array(text.utf8)[...])
        case .ipv4: FormatScanner.isIPv4(Array(text.utf8)[...])
        case .uri: FormatScanner.isURIReference(text, allowUnicode: false, requireScheme: true)
        case .uriReference: FormatScanner.isURIReference(text, allowUnicode: false, requireScheme: false)
        case .iri: FormatScanner.isURIReference(text, allowUnicode: true, requireScheme: true)
        case .iriReference: FormatScanner.isURIReference(text, allowUnicode: true, requireScheme: false)
        case .uuid: FormatScanner.isUUID(Array(text.utf8))
        }
    }
}

/// Hand-written scanners for the formats: byte-level, no allocation beyond the input copy, no regular expressions.
private enum FormatScanner {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 97 && (byte | 0x20) <= 122 }
    static func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= 97 && (byte | 0x20) <= 102) }

    /// Reads exactly `count` digits as a number.
    static func number(_ bytes: ArraySlice<UInt8>, at start: Int, count: Int) -> Int? {
        guard start + count <= bytes.endIndex else { return nil }
        var value = 0
        for index in start..<(start + count) {
            guard isDigit(bytes[index]) else { return nil }
            value = value * 10 + Int(bytes[index] - 48)
        }
        return value
    }

    /// `YYYY-MM-DD` at the start of `bytes` with a real calendar day; returns the index after it.
    static func isFullDate(_ bytes: ArraySlice<UInt8>) -> Int? {
        let start = bytes.startIndex
        guard bytes.count >= 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
            let year = number(bytes, at: start, count: 4), let month = number(bytes, at: start + 5, count: 2),
            let day = number(bytes, at: start + 8, count: 2), (1...12).contains(month), day >= 1
        else { return nil }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1] ? start + 10 : nil
    }

    /// `HH:MM:SS[.fraction](Z|±HH:MM)`, the whole of `bytes`. A leap second (`:60`) must fall at 23:59 UTC.
    static func isFullTime(_ bytes: ArraySlice<UInt8>) -> Bool {
        let start = bytes.startIndex
        guard bytes.count >= 9, bytes[start + 2] == UInt8(ascii: ":"), bytes[start + 5] == UInt8(ascii: ":"),
            let hour = number(bytes, at: start, count: 2), let minute = number(bytes, at: start + 3, count: 2),
            let second = number(bytes, at: start + 6, count: 2), hour <= 23, minute <= 59, second <= 60
        else { return false }
        var index = start + 8
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.endIndex, isDigit(bytes[index]) { index += 1 }
            guard index > fractionStart else { return false }
        }
        guard index < bytes.endIndex else { return false }
        var offsetMinutes = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.endIndex else { return false }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard bytes.endIndex - index == 6, bytes[index + 3] == UInt8(ascii: ":"),
                let offsetHour = number(bytes, at: index + 1, count: 2),
                let offsetMinute = number(bytes, at: index + 4, count: 2), offsetHour <= 23, offsetMinute <= 59
            else { return false }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[index] == UInt8(ascii: "+") ? 1 : -1)
        default:
            return false
        }
        if second == 60 {
            let utc = ((hour * 60 + minute - offsetMinutes) % 1440 + 1440) % 1440
            return utc == 23 * 60 + 59
        }
        return true
    }

    static func isDateTime(_ bytes: [UInt8]) -> Bool {
        guard let end = isFullDate(bytes[...]), end < bytes.count,
            bytes[end] == UInt8(ascii: "T") || bytes[end] == UInt8(ascii: "t")
        else { return false }
        return isFullTime(bytes[(end + 1)...])
    }

    static func isHostname(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard !bytes.isEmpty, bytes.count <= 253 else { return false }
        for label in bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-"),
                label.allSatisfy({ isAlpha($0) || isDigit($0) || $0 == UInt8(ascii: "-") })
            else { return false }
        }
        return true
    }

    static func isIPv4(_ bytes: ArraySlice<UInt8>) -> Bool {
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard parts.count == 4 else { return false }
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy(isDigit),
                part.count == 1 || part.first != UInt8(ascii: "0"),
                let value = number(part, at: part.startIndex, count: part.count), value <= 255
            else { return false }
        }
        return true
    }

    static func isEmail(_ text: String, allowUnicode: Bool) -> Bool {
        let bytes = Array(text.utf8)
        guard let at = bytes.lastIndex(of: UInt8(ascii: "@")), at > 0, at < bytes.count - 1 else { return false }
        let local = bytes[..<at]
        let domain = bytes[(at + 1)...]
        guard local.count <= 64, local.first != UInt8(ascii: "."), local.last != UInt8(ascii: "."),
            !zip(local, local.dropFirst()).contains(where: { $0 == UInt8(ascii: ".") && $1 == UInt8(ascii: ".") })
        else { return false }
        let atext = Set("!#$%&'*+-/=?^_`{|}~.".utf8)
        for byte in local where !(isAlpha(byte) || isDigit(byte) || atext.contains(byte)) {
            if allowUnicode && byte >= 0x80 { continue }
            return false
        }
        if domain.first == UInt8(ascii: "["), domain.last == UInt8(ascii: "]") {
            return isIPv4(domain.dropFirst().dropLast())
        }
        if allowUnicode, domain.contains(where: { $0 >= 0x80 }) {
            return !domain.contains { $0 < 0x80 && !(isAlpha($0) || isDigit($0) || $0 == 45 || $0 == 46) }
        }
        return isHostname(domain)
    }

    /// RFC 3986 URI-reference (RFC 3987 IRI-reference when `allowUnicode`): a valid scheme if there is one,
    /// only allowed characters, well-formed percent escapes, at most one `#`.
    static func isURIReference(_ text: String, allowUnicode: Bool, requireScheme: Bool) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var hasScheme = false
        if let colon = scalars.firstIndex(of: ":"),
            !scalars[..<colon].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" })
        {
            guard colon > 0, let first = scalars.first, first.isASCII, isAlpha(UInt8(first.value)),
                scalars[..<colon].allSatisfy({ scalar in
                    guard scalar.isASCII else { return false }
                    let byte = UInt8(scalar.value)
                    return isAlpha(byte) || isDigit(byte) || "+-.".utf8.contains(byte)
                })
            else { return false }
            hasScheme = true
        }
        if requireScheme && !hasScheme { return false }
        var index = 0
        var sawFragment = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "%" {
                guard index + 2 < scalars.count, scalars[index + 1].isASCII, scalars[index + 2].isASCII,
                    isHex(UInt8(scalars[index + 1].value)), isHex(UInt8(scalars[index + 2].value))
                else { return false }
                index += 3
                continue
            }
            if scalar == "#" {
                if sawFragment { return false }
                sawFragment = true
            } else if scalar.isASCII {
                let byte = UInt8(scalar.value)
                guard isAlpha(byte) || isDigit(byte) || "-._~:/?[]@!$&'()*+,;=".utf8.contains(byte) else {
                    return false
                }
            } else {
                // RFC 3987 ucschar and iprivate: everything above U+00A0 except the specials and noncharacters.
                guard allowUnicode, scalar.value >= 0xA0, !(0xFFF0...0xFFFF).contains(scalar.value) else {
                    return false
                }
            }
            index += 1
        }
        return true
    }

    static func isUUID(_ bytes: [UInt8]) -> Bool {
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isHex(byte) {
                return false
            }
        }
        return true
    }
}

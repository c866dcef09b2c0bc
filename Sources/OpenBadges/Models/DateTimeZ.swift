/// An XML Schema `dateTimeStamp` as Open Badges writes it: a date and time with a mandatory zone
/// (`2024-03-01T09:30:00Z`, `2010-01-01T00:00:00.000+00:00`).
///
/// The original string is kept verbatim (signatures cover it); `secondsSince1970` is derived for comparisons.
public struct DateTimeZ: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The date exactly as written.
    public let string: String
    /// Seconds since 1970-01-01T00:00:00Z, including the fraction.
    public let secondsSince1970: Double

    /// Parses `string`; `nil` unless it is a valid date-time with a zone (`Z` or `±HH:MM`).
    public init?(_ string: String) {
        guard let seconds = Self.parse(Array(string.utf8), requireZone: true) else { return nil }
        self.string = string
        self.secondsSince1970 = seconds
    }

    /// Parses a date-time whose zone may be missing (VCDM 2.0: a missing offset means UTC). Used when verifying
    /// credentials from other issuers; Laurel never writes such dates.
    public init?(lenient string: String) {
        guard let seconds = Self.parse(Array(string.utf8), requireZone: false) else { return nil }
        self.string = string
        self.secondsSince1970 = seconds
    }

    /// A date for `secondsSince1970`, written as `YYYY-MM-DDTHH:MM:SSZ` (whole seconds).
    public init(secondsSince1970 seconds: Double) {
        let whole = Int64(seconds.rounded(.down))
        self.string = Self.format(whole)
        self.secondsSince1970 = Double(whole)
    }

    public var description: String { string }

    /// A date-time, or a plain calendar date `YYYY-MM-DD` meaning the start of that day in UTC (what people type
    /// on a command line): `2027-06-30` → `2027-06-30T00:00:00Z`. `nil` for anything else.
    public init?(dateOrDateTime text: String) {
        if let full = DateTimeZ(text) {
            self = full
            return
        }
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
            let day = DateTimeZ(text + "T00:00:00Z")
        else { return nil }
        self = day
    }

    /// The moment for people, in UTC: `30 June 2027, 00:00 UTC`. (Signed dates keep their own strings; this is
    /// only for reading.)
    public var readable: String {
        let utc = DateTimeZ(secondsSince1970: secondsSince1970).string  // YYYY-MM-DDTHH:MM:SSZ
        let parts = Array(utc.utf8)
        guard parts.count >= 16 else { return string }
        let year = String(decoding: parts[0..<4], as: UTF8.self)
        let month = Int(String(decoding: parts[5..<7], as: UTF8.self)) ?? 1
        let day = Int(String(decoding: parts[8..<10], as: UTF8.self)) ?? 1
        let time = String(decoding: parts[11..<16], as: UTF8.self)
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                     "October", "November", "December"]
        return "\(day) \(names[max(0, min(11, month - 1))]) \(year), \(time) UTC"
    }

    public static func < (lhs: DateTimeZ, rhs: DateTimeZ) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    // MARK: Parsing and formatting

    private static func parse(_ s: [UInt8], requireZone: Bool) -> Double? {
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= s.count else { return nil }
            var value = 0
            for k in 0..<count {
                let c = s[i + k]
                guard c >= 0x30, c <= 0x39 else { return nil }
                value = value * 10 + Int(c - 0x30)
            }
            i += count
            return value
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2) else {
            return nil
        }
        guard i < s.count, s[i] == 0x54 || s[i] == 0x74 else { return nil }  // T or t
        i += 1
        guard let hour = digits(2), expect(0x3A), let minute = digits(2), expect(0x3A), let second = digits(2) else {
            return nil
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            hour <= 23 || (hour == 24 && minute == 0 && second == 0), minute <= 59, second <= 60
        else { return nil }
        var fraction = 0.0
        if i < s.count, s[i] == 0x2E {
            i += 1
            var scale = 0.1
            let start = i
            while i < s.count, s[i] >= 0x30, s[i] <= 0x39 {
                fraction += Double(s[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        var offsetSeconds = 0
        if i == s.count {
            if requireZone { return nil }
        } else if s[i] == 0x5A || s[i] == 0x7A {  // Z or z
            i += 1
        } else if s[i] == 0x2B || s[i] == 0x2D {  // + or -
            let sign = s[i] == 0x2D ? -1 : 1
            i += 1
            guard let offsetHour = digits(2), expect(0x3A), let offsetMinute = digits(2), offsetHour <= 14,
                offsetMinute <= 59
            else { return nil }
            offsetSeconds = sign * (offsetHour * 3600 + offsetMinute * 60)
        } else {
            return nil
        }
        guard i == s.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let local = Double(days) * 86_400 + Double(hour * 3600 + minute * 60 + min(second, 59)) + fraction
        return local - Double(offsetSeconds)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given proleptic Gregorian date.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func format(_ seconds: Int64) -> String {
        var days = seconds / 86_400
        var rest = seconds % 86_400
        if rest < 0 {
            rest += 86_400
            days -= 1
        }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(rest / 3600, 2)):\(pad(rest % 3600 / 60, 2)):\(pad(rest % 60, 2))Z"
    }
}

/// An XML Schema 1.1 `dateTime` read for comparisons only; the string itself is never rewritten.
///
/// Accepts `YYYY-MM-DDThh:mm:ss[.fraction][Z|±hh:mm]` with a four-digit year (0001–9999), real calendar days
/// (leap years included), `24:00:00` as the end of a day, and offsets up to ±14:00. A value without an offset is
/// read as UTC, as VC Data Integrity §2.1 and VCDM 2.0 §4.9 direct for "incorrectly serialized" times.
struct XSDDateTime: Sendable, Hashable {
    /// Whole seconds since 1970-01-01T00:00:00Z (rounded down).
    let seconds: Int64
    /// The fraction of a second, 0 ≤ fraction < 1.
    let fraction: Double
    /// Whether the text carried `Z` or an offset.
    let hasOffset: Bool

    /// Seconds since 1970-01-01T00:00:00Z with the fraction.
    var secondsSince1970: Double { Double(seconds) + fraction }

    init?(_ text: String) {
        let s = Array(text.utf8)
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= s.count else { return nil }
            var value = 0
            for k in 0..<count {
                let c = s[i + k]
                guard c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(c - UInt8(ascii: "0"))
            }
            i += count
            return value
        }
        func expect(_ c: Character) -> Bool {
            guard i < s.count, s[i] == c.asciiValue! else { return false }
            i += 1
            return true
        }
        guard let year = number(4), year >= 1, expect("-"), let month = number(2), (1...12).contains(month),
            expect("-"), let day = number(2), day >= 1, day <= Self.daysIn(month, year), expect("T"),
            let hour = number(2), expect(":"), let minute = number(2), minute < 60, expect(":"),
            let second = number(2), second < 60
        else { return nil }
        var fraction = 0.0
        if i < s.count && s[i] == UInt8(ascii: ".") {
            i += 1
            var scale = 0.1
            let start = i
            while i < s.count, s[i] >= UInt8(ascii: "0"), s[i] <= UInt8(ascii: "9") {
                fraction += Double(s[i] - UInt8(ascii: "0")) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard hour < 24 || (hour == 24 && minute == 0 && second == 0 && fraction == 0) else { return nil }
        var offsetMinutes = 0
        var hasOffset = false
        if i < s.count {
            hasOffset = true
            if s[i] == UInt8(ascii: "Z") {
                i += 1
            } else {
                let sign: Int
                switch s[i] {
                case UInt8(ascii: "+"): sign = 1
                case UInt8(ascii: "-"): sign = -1
                default: return nil
                }
                i += 1
                guard let offsetHours = number(2), expect(":"), let offsetMins = number(2), offsetMins < 60,
                    offsetHours < 14 || (offsetHours == 14 && offsetMins == 0)
                else { return nil }
                offsetMinutes = sign * (offsetHours * 60 + offsetMins)
            }
        }
        guard i == s.count else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.seconds = local - Int64(offsetMinutes * 60)
        self.fraction = fraction
        self.hasOffset = hasOffset
    }

    private static func daysIn(_ month: Int, _ year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's `days_from_civil`).
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension JSONNumber {
    /// A number written the way ECMAScript's `Number::toString` writes `value` (the form RFC 8785 requires):
    /// the shortest digits that read back as the same `Double`, `-0` as `0`, plain notation from 1e-6 up to
    /// (not including) 1e21 and exponent notation (`1e+21`, `1.5e-7`) outside it. `nil` for NaN and the
    /// infinities, which JSON cannot express.
    public init?(_ value: Double) {
        guard let text = ECMAScriptNumber.format(value) else { return nil }
        self.init(lexeme: text)
    }

    /// A number from text, or `nil` when the text is not RFC 8259 number syntax
    /// (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
    public init?(validating lexeme: String) {
        guard Self.isValidLexeme(lexeme) else { return nil }
        self.init(lexeme: lexeme)
    }

    /// Whether `text` is RFC 8259 number syntax.
    public static func isValidLexeme(_ text: String) -> Bool {
        var utf8 = text.utf8[...]
        func digits(_ rest: inout Substring.UTF8View) -> Int {
            var count = 0
            while let c = rest.first, c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                rest.removeFirst()
                count += 1
            }
            return count
        }
        if utf8.first == UInt8(ascii: "-") { utf8.removeFirst() }
        guard let first = utf8.first else { return false }
        if first == UInt8(ascii: "0") {
            utf8.removeFirst()
        } else if digits(&utf8) == 0 {
            return false
        }
        if utf8.first == UInt8(ascii: ".") {
            utf8.removeFirst()
            if digits(&utf8) == 0 { return false }
        }
        if let e = utf8.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            utf8.removeFirst()
            if let sign = utf8.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { utf8.removeFirst() }
            if digits(&utf8) == 0 { return false }
        }
        return utf8.isEmpty
    }
}

/// ECMAScript `Number::toString(x)` for finite doubles (ECMA-262 §6.1.6.1.20), built on Swift's shortest
/// round-trip digits (`Double.description` picks the shortest digit string that reads back as the same
/// double, and the one closest to it when several qualify — the same choice ECMA-262 makes).
enum ECMAScriptNumber {
    static func format(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == 0 { return "0" }  // both +0 and -0
        if value < 0 { return "-" + format(-value)! }
        // Integers below 2^53 print exactly, with no detour through digit extraction.
        if value < 9_007_199_254_740_992, value == value.rounded(.towardZero) {
            return String(Int64(value))
        }
        let (digits, pointPosition) = shortestDigits(value)
        return layout(digits: digits, n: pointPosition)
    }

    /// Decimal digits `d1…dk` (no leading or trailing zeros) and `n` such that value = 0.d1…dk × 10^n.
    static func shortestDigits(_ value: Double) -> (digits: [UInt8], n: Int) {
        let text = value.description.utf8  // e.g. "123.25", "0.001", "1e-07", "1.7976931348623157e+308"
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        var integerDigits = 0
        var seenPoint = false
        var exponent = 0
        var exponentSign = 1
        var inExponent = false
        for c in text {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExponent {
                    exponent = exponent * 10 + Int(c - UInt8(ascii: "0"))
                } else {
                    digits.append(c)
                    if !seenPoint { integerDigits += 1 }
                }
            case UInt8(ascii: "."): seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExponent = true
            case UInt8(ascii: "-"): if inExponent { exponentSign = -1 }
            default: break  // "+"
            }
        }
        var n = integerDigits + exponentSign * exponent
        var leading = 0
        while leading < digits.count - 1 && digits[leading] == UInt8(ascii: "0") {
            leading += 1
        }
        n -= leading
        var end = digits.count
        while end > leading + 1 && digits[end - 1] == UInt8(ascii: "0") {
            end -= 1
        }
        return (Array(digits[leading..<end]), n)
    }

    /// Steps 6–10 of Number::toString: where the decimal point goes, or which exponent to write.
    static func layout(digits: [UInt8], n: Int) -> String {
        let k = digits.count
        var out: [UInt8] = []
        out.reserveCapacity(k + 8)
        if k <= n && n <= 21 {
            out.append(contentsOf: digits)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: n - k))
        } else if 0 < n && n <= 21 {
            out.append(contentsOf: digits[0..<n])
            out.append(UInt8(ascii: "."))
            out.append(contentsOf: digits[n...])
        } else if -6 < n && n <= 0 {
            out.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: ".")])
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -n))
            out.append(contentsOf: digits)
        } else {
            out.append(digits[0])
            if k > 1 {
                out.append(UInt8(ascii: "."))
                out.append(contentsOf: digits[1...])
            }
            out.append(UInt8(ascii: "e"))
            out.append(n - 1 >= 0 ? UInt8(ascii: "+") : UInt8(ascii: "-"))
            out.append(contentsOf: String(abs(n - 1)).utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

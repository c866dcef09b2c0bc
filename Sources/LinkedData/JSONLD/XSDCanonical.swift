/// Canonical lexical forms of JSON numbers as JSON-LD toRdf writes them (JSON-LD 1.1 API §8.6 "Data Round
/// Tripping"): `xsd:integer` as plain decimal digits, `xsd:double` as a mantissa rounded to 15 digits after the
/// decimal point, trailing zeros removed, then `E` and the exponent (`3.5` → `3.5E0`, `0.1` → `1.0E-1`).
enum XSDCanonical {
    /// The canonical `xsd:integer` form of a number that has no fractional part (`1e3` → `1000`, `-0` → `0`).
    static func integer(_ number: JSONNumber) -> String {
        if number.isIntegerLexeme, number.lexeme.utf8.count <= 18, let value = Int(number.lexeme) {
            return String(value)
        }
        let value = number.doubleValue
        guard value.isFinite else { return value < 0 ? "-INF" : "INF" }
        let decimal = ExactDecimal(value)
        if decimal.digits.isEmpty { return "0" }
        var text = value < 0 ? "-" : ""
        text += String(decoding: decimal.digits, as: UTF8.self)
        if decimal.exponent > 0 {
            text += String(repeating: "0", count: decimal.exponent)
        }
        return text
    }

    /// The canonical `xsd:double` form of a number.
    static func double(_ number: JSONNumber) -> String {
        double(number.doubleValue)
    }

    static func double(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-INF" : "INF" }
        if value == 0 { return value.sign == .minus ? "-0.0E0" : "0.0E0" }
        let decimal = ExactDecimal(value)
        var digits = decimal.digits
        // Position of the decimal exponent of the first digit: value = d.ddd × 10^scientific.
        var scientific = digits.count - 1 + decimal.exponent
        if digits.count > 16 {
            let roundUp = digits[16] >= UInt8(ascii: "5")
            digits.removeSubrange(16...)
            if roundUp {
                var index = 15
                while index >= 0 {
                    if digits[index] == UInt8(ascii: "9") {
                        digits[index] = UInt8(ascii: "0")
                        index -= 1
                    } else {
                        digits[index] += 1
                        break
                    }
                }
                if index < 0 {
                    digits.insert(UInt8(ascii: "1"), at: 0)
                    digits.removeLast()
                    scientific += 1
                }
            }
        }
        while digits.count > 1 && digits.last == UInt8(ascii: "0") {
            digits.removeLast()
        }
        var text: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
        text.append(digits[0])
        text.append(UInt8(ascii: "."))
        if digits.count > 1 {
            text.append(contentsOf: digits[1...])
        } else {
            text.append(UInt8(ascii: "0"))
        }
        text.append(UInt8(ascii: "E"))
        text.append(contentsOf: String(scientific).utf8)
        return String(decoding: text, as: UTF8.self)
    }
}

/// The exact decimal value of a finite double, as significant digits (ASCII, no leading or trailing zeros)
/// times ten to `exponent`. Uses a small base-10⁹ big integer; only needed for non-integral numbers.
struct ExactDecimal {
    var digits: [UInt8]
    var exponent: Int

    init(_ value: Double) {
        let magnitude = abs(value)
        guard magnitude.isFinite, magnitude != 0 else {
            digits = []
            exponent = 0
            return
        }
        // magnitude = significand × 2^binaryExponent with an integer significand.
        var significand = magnitude.significandBitPattern
        var binaryExponent = Int(magnitude.exponent) - 52
        if magnitude.isNormal {
            significand |= 1 << 52
        } else {
            binaryExponent = -1074
        }
        var limbs: [UInt32] = []  // little-endian base 10^9
        var remaining = significand
        while remaining > 0 {
            limbs.append(UInt32(remaining % 1_000_000_000))
            remaining /= 1_000_000_000
        }
        var decimalExponent = 0
        if binaryExponent > 0 {
            var left = binaryExponent
            while left > 0 {
                let shift = min(left, 29)
                Self.multiply(&limbs, by: UInt32(1) << UInt32(shift))
                left -= shift
            }
        } else if binaryExponent < 0 {
            // m × 2^-k = m × 5^k × 10^-k
            var left = -binaryExponent
            decimalExponent = binaryExponent
            while left > 0 {
                let power = min(left, 12)
                var factor: UInt32 = 1
                for _ in 0..<power { factor *= 5 }
                Self.multiply(&limbs, by: factor)
                left -= power
            }
        }
        var text = String(limbs.last ?? 0)
        for limb in limbs.dropLast().reversed() {
            let part = String(limb)
            text += String(repeating: "0", count: 9 - part.count) + part
        }
        var bytes = Array(text.utf8)
        while bytes.count > 1 && bytes.last == UInt8(ascii: "0") {
            bytes.removeLast()
            decimalExponent += 1
        }
        digits = bytes
        exponent = decimalExponent
    }

    private static func multiply(_ limbs: inout [UInt32], by factor: UInt32) {
        var carry: UInt64 = 0
        for index in limbs.indices {
            let product = UInt64(limbs[index]) * UInt64(factor) + carry
            limbs[index] = UInt32(product % 1_000_000_000)
            carry = product / 1_000_000_000
        }
        while carry > 0 {
            limbs.append(UInt32(carry % 1_000_000_000))
            carry /= 1_000_000_000
        }
    }
}

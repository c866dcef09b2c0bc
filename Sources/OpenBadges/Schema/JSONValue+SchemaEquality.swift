import LinkedData

/// The exact value of a JSON number: `digits × 10^exponent`, with no leading or trailing zeros in `digits`.
///
/// JSON Schema compares numbers by value (`1`, `1.0` and `10e-1` are equal, and all three are integers), so
/// lexemes are reduced to this form rather than compared as text or rounded through `Double`.
struct DecimalValue: Hashable, Sendable {
    var negative: Bool
    /// Significant decimal digits as ASCII bytes; empty for zero.
    var digits: [UInt8]
    var exponent: Int

    /// Exponents are clamped to this magnitude; only lexemes of absurd size come near it.
    static let exponentLimit = 1 << 40

    init?(lexeme: String) {
        var bytes = Array(lexeme.utf8)[...]
        negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        var mantissa: [UInt8] = []
        var fractionLength = 0
        var sawDigit = false
        var inFraction = false
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                if inFraction { return nil }
                inFraction = true
                continue
            }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            sawDigit = true
            if inFraction { fractionLength += 1 }
            if !(mantissa.isEmpty && byte == UInt8(ascii: "0")) { mantissa.append(byte) }
        }
        guard sawDigit else { return nil }
        var exponentValue = 0
        if !bytes.isEmpty {
            bytes = bytes.dropFirst()
            var exponentNegative = false
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") {
                exponentNegative = bytes.first == UInt8(ascii: "-")
                bytes = bytes.dropFirst()
            }
            guard !bytes.isEmpty else { return nil }
            for byte in bytes {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                exponentValue = min(exponentValue * 10 + Int(byte - UInt8(ascii: "0")), Self.exponentLimit)
            }
            if exponentNegative { exponentValue = -exponentValue }
        }
        // Leading zeros of the fraction were skipped, so the digits kept end `fractionLength` places right of
        // the point either way.
        var exponent = exponentValue - fractionLength
        while mantissa.last == UInt8(ascii: "0") {
            mantissa.removeLast()
            exponent += 1
        }
        digits = mantissa
        if digits.isEmpty {
            negative = false
            exponent = 0
        }
        self.exponent = exponent
    }

    /// True for a whole number (JSON Schema's `integer`, which includes `1.0`).
    var isInteger: Bool { digits.isEmpty || exponent >= 0 }
}

extension JSONValue {
    /// Equality as JSON Schema defines it for `enum`, `const` and `uniqueItems`: numbers by value, strings by
    /// code points, arrays item by item, objects by members regardless of order.
    func schemaEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null):
            return true
        case (.bool(let left), .bool(let right)):
            return left == right
        case (.number(let left), .number(let right)):
            if left.lexeme == right.lexeme { return true }
            guard let leftValue = DecimalValue(lexeme: left.lexeme), let rightValue = DecimalValue(lexeme: right.lexeme)
            else { return false }
            return leftValue == rightValue
        case (.string(let left), .string(let right)):
            return Self.sameCodePoints(left, right)
        case (.array(let left), .array(let right)):
            guard left.count == right.count else { return false }
            for (leftItem, rightItem) in zip(left, right) where !leftItem.schemaEquals(rightItem) { return false }
            return true
        case (.object(let left), .object(let right)):
            guard left.count == right.count else { return false }
            for member in left {
                guard let match = right.members.first(where: { Self.sameCodePoints($0.key, member.key) }),
                    member.value.schemaEquals(match.value)
                else { return false }
            }
            return true
        default:
            return false
        }
    }

    /// Code-point equality (Swift's `==` on strings uses canonical equivalence, which JSON Schema does not).
    @inline(__always)
    private static func sameCodePoints(_ left: String, _ right: String) -> Bool {
        let leftUTF8 = left.utf8
        let rightUTF8 = right.utf8
        guard leftUTF8.count == rightUTF8.count else { return false }
        let fast = leftUTF8.withContiguousStorageIfAvailable { leftBytes in
            rightUTF8.withContiguousStorageIfAvailable { rightBytes in leftBytes.elementsEqual(rightBytes) }
        }
        if let fast, let result = fast { return result }
        return leftUTF8.elementsEqual(rightUTF8)
    }

    /// Bytes equal for two values exactly when `schemaEquals` holds, for finding duplicates by hashing.
    var schemaEqualityKey: [UInt8] {
        var key: [UInt8] = []
        appendEqualityKey(to: &key)
        return key
    }

    private func appendEqualityKey(to key: inout [UInt8]) {
        func appendText(_ tag: Character, _ text: String) {
            key.append(contentsOf: "\(tag)\(text.utf8.count):".utf8)
            key.append(contentsOf: text.utf8)
        }
        switch self {
        case .null:
            key.append(UInt8(ascii: "n"))
        case .bool(let value):
            key.append(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
        case .number(let number):
            if let value = DecimalValue(lexeme: number.lexeme) {
                key.append(contentsOf: "d\(value.negative ? "-" : "+")".utf8)
                key.append(contentsOf: value.digits)
                key.append(contentsOf: "e\(value.exponent);".utf8)
            } else {
                appendText("x", number.lexeme)
            }
        case .string(let value):
            appendText("s", value)
        case .array(let items):
            key.append(contentsOf: "[\(items.count):".utf8)
            for item in items { item.appendEqualityKey(to: &key) }
        case .object(let object):
            key.append(contentsOf: "{\(object.count):".utf8)
            let sorted = object.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            for member in sorted {
                appendText("k", member.key)
                member.value.appendEqualityKey(to: &key)
            }
        }
    }
}

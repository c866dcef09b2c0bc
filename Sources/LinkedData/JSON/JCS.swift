/// Why a value has no RFC 8785 canonical form, and where in the value the problem is.
public struct JCSError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// A number whose lexeme is not JSON number syntax (only possible for numbers built in code).
        case invalidNumber = "invalid_number"
        /// A number too large for an IEEE 754 double (e.g. `1e400`): RFC 8785 requires an error, as JSON has no
        /// Infinity or NaN.
        case nonFiniteNumber = "non_finite_number"
        /// Arrays and objects nested deeper than `JCS.maxDepth` (only possible for values built in code).
        case tooDeep = "too_deep"
    }

    public var code: Code
    /// What was wrong, in plain words.
    public var reason: String
    /// Where the problem is, as a JSONPath-like location (`$`, `$.numbers[2]`, `$["a b"]`).
    public var path: String

    public var description: String {
        "\(path): \(reason)"
    }
}

/// The JSON Canonicalization Scheme (RFC 8785): the one byte sequence a JSON value signs as.
///
/// - Whitespace: none.
/// - Objects: members sorted by their names compared as arrays of UTF-16 code units (§3.2.3), recursively.
///   Array order is kept.
/// - Numbers: the IEEE 754 double the lexeme denotes, written the way ECMAScript's `Number::toString` writes
///   it (§3.2.2.3): shortest round-trip digits, `-0` as `0`, `1e+21` and `1e-7` in exponent notation,
///   integers below 1e21 written out in full. A lexeme that overflows a double is an error.
/// - Strings: UTF-8, escaped minimally (§3.2.2.2): `\"`, `\\`, `\b \t \n \f \r`, and `\u00xx` (lower-case
///   hex) for the other controls; `/`, DEL and all non-ASCII characters are written as they are. No Unicode
///   normalization is applied.
/// - Literals: `null`, `true`, `false`.
public enum JCS {
    /// Deepest nesting accepted (the parser's own limit is far lower; this guards values built in code).
    public static let maxDepth = 1000

    /// The canonical UTF-8 bytes of `value`.
    public static func canonicalize(_ value: JSONValue) throws(JCSError) -> [UInt8] {
        var output = ByteBuffer(capacity: 4096)
        try write(value, depth: 0, into: &output)
        return output.makeArray()
    }

    /// The canonical bytes of an object (the usual case: a credential or a proof configuration).
    public static func canonicalize(_ object: JSONObject) throws(JCSError) -> [UInt8] {
        var output = ByteBuffer(capacity: 4096)
        try writeObject(object, depth: 1, into: &output)
        return output.makeArray()
    }

    /// The canonical form of `value` as a string.
    public static func canonicalString(_ value: JSONValue) throws(JCSError) -> String {
        String(decoding: try canonicalize(value), as: UTF8.self)
    }

    /// Appends the canonical bytes of `value` to `output`.
    public static func write(_ value: JSONValue, into output: inout [UInt8]) throws(JCSError) {
        var buffer = ByteBuffer(capacity: 4096)
        try write(value, depth: 0, into: &buffer)
        buffer.append(to: &output)
    }

    /// A number's canonical text: its lexeme read as an IEEE 754 double and written as ECMAScript does.
    public static func canonicalNumber(_ number: JSONNumber) throws(JCSError) -> String {
        let lexeme = number.lexeme
        if let fast = integerFastPath(lexeme) { return fast }
        guard JSONNumber.isValidLexeme(lexeme), let double = Double(lexeme) else {
            throw JCSError(code: .invalidNumber, reason: "'\(lexeme)' is not a JSON number", path: "$")
        }
        guard let text = ECMAScriptNumber.format(double) else {
            throw JCSError(
                code: .nonFiniteNumber,
                reason: "the number \(lexeme) is outside the range of an IEEE 754 double, so it has no canonical form",
                path: "$")
        }
        return text
    }

    /// RFC 8785 member order: `true` when `a` sorts before `b` comparing UTF-16 code units.
    ///
    /// Works on the UTF-8 bytes: UTF-8 byte order equals code point order, which equals UTF-16 order except that
    /// characters above U+FFFF (surrogate pairs, 0xD800–0xDBFF) sort before U+E000–U+FFFF in UTF-16.
    public static func namePrecedes(_ a: String, _ b: String) -> Bool {
        let result: Bool?? = a.utf8.withContiguousStorageIfAvailable { left in
            b.utf8.withContiguousStorageIfAvailable { right in utf16Precedes(left, right) }
        }
        if let result, let result { return result }
        return a.utf16.lexicographicallyPrecedes(b.utf16)
    }

    // MARK: Writing

    private static func write(_ value: JSONValue, depth: Int, into output: inout ByteBuffer) throws(JCSError) {
        switch value {
        case .null: output.append("null")
        case .bool(let flag): output.append(flag ? "true" : "false")
        case .string(let string): JSONStringEscaper.appendQuoted(string, to: &output)
        case .number(let number):
            if let fast = integerFastPath(number.lexeme) {
                output.append(fast)
            } else {
                output.append(try canonicalNumber(number))
            }
        case .array(let elements):
            try checkDepth(depth + 1)
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                do {
                    try write(element, depth: depth + 1, into: &output)
                } catch {
                    throw error.prefixed(with: "[\(index)]")
                }
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            try writeObject(object, depth: depth + 1, into: &output)
        }
    }

    private static func writeObject(
        _ object: JSONObject, depth: Int, into output: inout ByteBuffer
    ) throws(JCSError) {
        try checkDepth(depth)
        output.append(UInt8(ascii: "{"))
        // Borrow the members through a buffer pointer and sort positions in a stack buffer: no copies, no
        // reference counting per comparison.
        try object.members.withUnsafeBufferPointer { (members) throws(JCSError) in
            try withUnsafeTemporaryAllocation(of: Int.self, capacity: members.count) { (order) throws(JCSError) in
                for index in 0..<members.count { order[index] = index }
                sortByName(order, members)
                for position in 0..<members.count {
                    let index = order[position]
                    if position > 0 { output.append(UInt8(ascii: ",")) }
                    JSONStringEscaper.appendQuoted(members[index].key, to: &output)
                    output.append(UInt8(ascii: ":"))
                    do throws(JCSError) {
                        try write(members[index].value, depth: depth, into: &output)
                    } catch {
                        throw error.prefixed(with: pathComponent(members[index].key))
                    }
                }
            }
        }
        output.append(UInt8(ascii: "}"))
    }

    /// Sorts member positions by name: insertion sort for the small objects credentials are made of (and for
    /// input that is already sorted), the standard library's O(n log n) sort for large ones.
    private static func sortByName(
        _ order: UnsafeMutableBufferPointer<Int>, _ members: UnsafeBufferPointer<JSONObject.Member>
    ) {
        var order = order
        let count = order.count
        if count < 2 { return }
        if count > 24 {
            order.sort { namePrecedes(members[$0].key, members[$1].key) }
            return
        }
        for next in 1..<count {
            let moving = order[next]
            var slot = next
            while slot > 0 && namePrecedes(members[moving].key, members[order[slot - 1]].key) {
                order[slot] = order[slot - 1]
                slot -= 1
            }
            order[slot] = moving
        }
    }

    private static func checkDepth(_ depth: Int) throws(JCSError) {
        if depth > maxDepth {
            throw JCSError(
                code: .tooDeep, reason: "arrays and objects are nested more than \(maxDepth) levels deep", path: "$")
        }
    }

    /// Integer lexemes of up to 15 digits are already canonical (no leading zeros in JSON), except `-0`.
    @inline(__always)
    private static func integerFastPath(_ lexeme: String) -> String? {
        let utf8 = lexeme.utf8
        let count = utf8.count
        guard count > 0 && count <= 16 else { return nil }
        var digitCount = 0
        var leadingZero = false
        for (offset, c) in utf8.enumerated() {
            if offset == 0 && c == UInt8(ascii: "-") { continue }
            guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { return nil }
            if digitCount == 0 && c == UInt8(ascii: "0") { leadingZero = true }
            digitCount += 1
        }
        guard digitCount > 0 && digitCount <= 15 else { return nil }
        if leadingZero { return digitCount == 1 ? "0" : nil }
        return lexeme
    }

    private static func utf16Precedes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = min(a.count, b.count)
        var index = 0
        while index < count {
            let x = a[index]
            let y = b[index]
            if x != y {
                // A 4-byte sequence (lead 0xF0–0xF4) is a surrogate pair in UTF-16 and sorts before U+E000–U+FFFF
                // (lead 0xEE or 0xEF). The equal prefix puts both bytes at the same position in a character.
                if x >= 0xF0 && (y == 0xEE || y == 0xEF) { return true }
                if y >= 0xF0 && (x == 0xEE || x == 0xEF) { return false }
                return x < y
            }
            index += 1
        }
        return a.count < b.count
    }

    private static func pathComponent(_ key: String) -> String {
        let simple = !key.isEmpty && key.utf8.allSatisfy { c in
            (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
                || c == UInt8(ascii: "@")
        }
        if simple { return "." + key }
        return "[" + JSONStringEscaper.quoted(key) + "]"
    }
}

extension JCSError {
    /// The same error one level further out: `component` is put in front of the path after `$`.
    fileprivate func prefixed(with component: String) -> JCSError {
        var copy = self
        copy.path = "$" + component + path.dropFirst()
        return copy
    }
}

/// Limits that keep parsing hostile input cheap. The defaults suit credentials, with room to spare.
public struct JSONLimits: Sendable, Hashable {
    /// Largest document accepted, in bytes.
    public var maxBytes: Int
    /// Deepest nesting of arrays and objects accepted (never more than `depthCeiling`).
    public var maxDepth: Int

    /// Nesting never goes deeper than this, whatever `maxDepth` says: the parser recurses once per level, and
    /// this keeps it far from the end of any thread's stack.
    public static let depthCeiling = 1000

    public init(maxBytes: Int = 8 * 1024 * 1024, maxDepth: Int = 128) {
        self.maxBytes = maxBytes
        self.maxDepth = maxDepth
    }

    /// The defaults: 8 MiB and 128 levels.
    public static let `default` = JSONLimits()
}

/// Why a document is not acceptable JSON, and where.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case tooLarge = "too_large"
        case tooDeep = "too_deep"
        case invalidUTF8 = "invalid_utf8"
        case unexpectedEnd = "unexpected_end"
        case unexpectedCharacter = "unexpected_character"
        case invalidNumber = "invalid_number"
        case invalidString = "invalid_string"
        case invalidEscape = "invalid_escape"
        case loneSurrogate = "lone_surrogate"
        case duplicateKey = "duplicate_key"
        case trailingContent = "trailing_content"
    }

    public var code: Code
    /// What was wrong, in plain words.
    public var reason: String
    /// Byte offset of the problem from the start of the document (0-based).
    public var offset: Int
    /// Line of the problem (1-based).
    public var line: Int
    /// Column of the problem in bytes (1-based).
    public var column: Int

    public var description: String {
        "line \(line), column \(column): \(reason)"
    }
}

/// A strict RFC 8259 parser producing `JSONValue`s that keep member order and number lexemes.
///
/// Rejects invalid UTF-8, lone surrogate escapes, duplicate member names, control characters in strings
/// and anything after the top-level value. Nesting deeper than the limit ends parsing with an error long
/// before the stack is at risk.
public struct JSONParser {
    public var limits: JSONLimits

    public init(limits: JSONLimits = .default) {
        self.limits = limits
    }

    /// Parses a whole document.
    public func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        try checkSize(bytes.count)
        let maxDepth = min(limits.maxDepth, JSONLimits.depthCeiling)
        let parseBuffer = { (pointer: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue in
            var reader = Reader(bytes: pointer, maxDepth: maxDepth)
            return try reader.parseDocument()
        }
        // Parse in place when the bytes are contiguous; copy them once otherwise.
        var result: Result<JSONValue, JSONParseError>? = bytes.withContiguousStorageIfAvailable { pointer in
            do throws(JSONParseError) { return .success(try parseBuffer(pointer)) } catch { return .failure(error) }
        }
        if result == nil {
            let buffer = Array(bytes)
            result = buffer.withUnsafeBufferPointer { pointer in
                do throws(JSONParseError) { return .success(try parseBuffer(pointer)) } catch { return .failure(error) }
            }
        }
        return try result!.get()
    }

    /// Parses a document given as a string.
    public func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try checkSize(text.utf8.count)  // before any copy: a 20 MB string is refused at once
        return try parse(text.utf8)
    }

    private func checkSize(_ count: Int) throws(JSONParseError) {
        if count > limits.maxBytes {
            throw JSONParseError(
                code: .tooLarge,
                reason: "the document is \(count) bytes, more than the limit of \(limits.maxBytes) bytes; "
                    + "raise JSONLimits.maxBytes if such documents are expected",
                offset: 0, line: 1, column: 1)
        }
    }
}

extension JSONValue {
    /// Parses JSON text with the default limits.
    public init(parsing text: String) throws(JSONParseError) {
        self = try JSONParser().parse(text)
    }

    /// Parses JSON bytes with the default limits.
    public init(parsing bytes: some Collection<UInt8>) throws(JSONParseError) {
        self = try JSONParser().parse(bytes)
    }
}

private struct Reader {
    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var position = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = maxDepth
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        // A UTF-8 byte-order mark is not JSON (RFC 8259 §8.1 says implementations MUST NOT add one).
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if position < bytes.count {
            throw error(.trailingContent, "unexpected \(describe(bytes[position])) after the end of the JSON value")
        }
        return value
    }

    // MARK: Values

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard position < bytes.count else {
            throw error(.unexpectedEnd, "the document ends where a value was expected")
        }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default:
            throw error(.unexpectedCharacter, "unexpected \(describe(bytes[position])) where a value was expected")
        }
    }

    mutating func enter() throws(JSONParseError) {
        depth += 1
        if depth > maxDepth {
            throw error(.tooDeep, "arrays and objects are nested more than \(maxDepth) levels deep")
        }
    }

    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try enter()
        position += 1  // {
        var members: [JSONObject.Member] = []
        var seen: Set<ExactName>? = nil
        skipWhitespace()
        if peek() == UInt8(ascii: "}") {
            position += 1
            depth -= 1
            return .object(JSONObject(uniqueMembers: members))
        }
        while true {
            skipWhitespace()
            guard position < bytes.count else {
                throw error(.unexpectedEnd, "the document ends inside an object")
            }
            guard bytes[position] == UInt8(ascii: "\"") else {
                throw error(.unexpectedCharacter, "expected a member name in double quotes, found \(describe(bytes[position]))")
            }
            let keyStart = position
            let key = try parseString()
            // Names are compared as exact code unit sequences (Swift's String == would call "\u00e5" and
            // "a\u030a" equal). Small objects: a linear scan is cheaper than hashing.
            var duplicate = false
            if members.count < 16 {
                duplicate = members.contains { JSONObject.sameName($0.key, key) }
            } else {
                if seen == nil { seen = Set(members.map { ExactName($0.key) }) }
                duplicate = !seen!.insert(ExactName(key)).inserted
            }
            if duplicate {
                position = keyStart
                throw error(.duplicateKey, "the member name \"\(key)\" appears twice in the same object")
            }
            skipWhitespace()
            guard peek() == UInt8(ascii: ":") else {
                throw position < bytes.count
                    ? error(.unexpectedCharacter, "expected ':' after the member name \"\(key)\", found \(describe(bytes[position]))")
                    : error(.unexpectedEnd, "the document ends inside an object")
            }
            position += 1
            skipWhitespace()
            let value = try parseValue()
            members.append(JSONObject.Member(key: key, value: value))
            skipWhitespace()
            guard position < bytes.count else {
                throw error(.unexpectedEnd, "the document ends inside an object")
            }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "}"):
                position += 1
                depth -= 1
                return .object(JSONObject(uniqueMembers: members))
            default:
                throw error(.unexpectedCharacter, "expected ',' or '}' in an object, found \(describe(bytes[position]))")
            }
        }
    }

    mutating func parseArray() throws(JSONParseError) -> JSONValue {
        try enter()
        position += 1  // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek() == UInt8(ascii: "]") {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else {
                throw error(.unexpectedEnd, "the document ends inside an array")
            }
            switch bytes[position] {
            case UInt8(ascii: ","):
                position += 1
            case UInt8(ascii: "]"):
                position += 1
                depth -= 1
                return .array(elements)
            default:
                throw error(.unexpectedCharacter, "expected ',' or ']' in an array, found \(describe(bytes[position]))")
            }
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        for offset in 0..<count {
            guard position + offset < bytes.count, bytes[position + offset] == start[offset] else {
                position += offset
                throw position < bytes.count
                    ? error(.unexpectedCharacter, "unexpected \(describe(bytes[position])) in the literal '\(literal)'")
                    : error(.unexpectedEnd, "the document ends inside the literal '\(literal)'")
            }
        }
        position += count
    }

    // MARK: Numbers

    mutating func parseNumber() throws(JSONParseError) -> JSONNumber {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), isDigit(first) else {
            throw error(.invalidNumber, "a number needs a digit after '-'")
        }
        if first == UInt8(ascii: "0") {
            position += 1
            if let next = peek(), isDigit(next) {
                throw error(.invalidNumber, "a number may not have a leading zero")
            }
        } else {
            while let c = peek(), isDigit(c) { position += 1 }
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard let c = peek(), isDigit(c) else {
                throw error(.invalidNumber, "a number needs a digit after the decimal point")
            }
            while let c = peek(), isDigit(c) { position += 1 }
        }
        if let c = peek(), c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            position += 1
            if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { position += 1 }
            guard let c = peek(), isDigit(c) else {
                throw error(.invalidNumber, "a number needs a digit in its exponent")
            }
            while let c = peek(), isDigit(c) { position += 1 }
        }
        let lexeme = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        return JSONNumber(lexeme: lexeme)
    }

    // MARK: Strings

    mutating func parseString() throws(JSONParseError) -> String {
        position += 1  // opening quote
        let start = position
        // Fast path: no escapes, all ASCII or valid UTF-8 without control characters.
        var hasEscape = false
        var hasNonASCII = false
        while position < bytes.count {
            let c = bytes[position]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") {
                hasEscape = true
                position += 2
                continue
            }
            if c < 0x20 {
                throw error(.invalidString, "a control character (U+\(hex4(UInt32(c)))) must be escaped inside a string")
            }
            if c >= 0x80 { hasNonASCII = true }
            position += 1
        }
        guard position < bytes.count else {
            position = min(position, bytes.count)
            throw error(.unexpectedEnd, "the document ends inside a string")
        }
        let end = position
        position += 1  // closing quote
        if !hasEscape {
            let slice = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if hasNonASCII { try validateUTF8(slice, base: start) }
            return String(decoding: slice, as: UTF8.self)
        }
        return try decodeEscaped(start: start, end: end)
    }

    /// Decodes a string body with escapes; `start..<end` excludes the quotes.
    mutating func decodeEscaped(start: Int, end: Int) throws(JSONParseError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var index = start
        var runStart = start
        while index < end {
            let c = bytes[index]
            if c != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if runStart < index {
                let run = UnsafeBufferPointer(rebasing: bytes[runStart..<index])
                try validateUTF8(run, base: runStart)
                out.append(contentsOf: run)
            }
            guard index + 1 < end else {
                position = index
                throw error(.invalidEscape, "a backslash ends the string")
            }
            let escape = bytes[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0c)
            case UInt8(ascii: "n"): out.append(0x0a)
            case UInt8(ascii: "r"): out.append(0x0d)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let escapeStart = index - 2
                var scalar = try readHex4(at: index, end: end)
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    guard index + 6 <= end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                        case let low = try readHex4(at: index + 2, end: end), (0xDC00...0xDFFF).contains(low)
                    else {
                        position = escapeStart
                        throw error(.loneSurrogate, "the escape \\u\(hex4(scalar)) is a high surrogate without a low surrogate after it")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    position = escapeStart
                    throw error(.loneSurrogate, "the escape \\u\(hex4(scalar)) is a low surrogate without a high surrogate before it")
                }
                appendUTF8(scalar, to: &out)
            default:
                position = index - 2
                throw error(.invalidEscape, "\\\(describeRaw(escape)) is not a JSON escape (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)")
            }
            runStart = index
        }
        if runStart < end {
            let run = UnsafeBufferPointer(rebasing: bytes[runStart..<end])
            try validateUTF8(run, base: runStart)
            out.append(contentsOf: run)
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func readHex4(at index: Int, end: Int) throws(JSONParseError) -> UInt32 {
        guard index + 4 <= end else {
            position = index - 2
            throw error(.invalidEscape, "\\u must be followed by four hexadecimal digits")
        }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let c = bytes[index + offset]
            let digit: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
            default:
                position = index - 2
                throw error(.invalidEscape, "\\u must be followed by four hexadecimal digits")
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Checks strict UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
    mutating func validateUTF8(_ run: UnsafeBufferPointer<UInt8>, base: Int) throws(JSONParseError) {
        var i = 0
        let n = run.count
        while i < n {
            let b0 = run[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            var need = 0
            var minimum: UInt32 = 0
            var scalar: UInt32 = 0
            switch b0 {
            case 0xC2...0xDF: need = 1; minimum = 0x80; scalar = UInt32(b0 & 0x1F)
            case 0xE0...0xEF: need = 2; minimum = 0x800; scalar = UInt32(b0 & 0x0F)
            case 0xF0...0xF4: need = 3; minimum = 0x10000; scalar = UInt32(b0 & 0x07)
            default:
                position = base + i
                throw error(.invalidUTF8, "byte 0x\(String(b0, radix: 16, uppercase: true)) is not valid UTF-8")
            }
            guard i + need < n else {
                position = base + i
                throw error(.invalidUTF8, "a UTF-8 sequence is cut short")
            }
            for k in 1...need {
                let b = run[i + k]
                guard b & 0xC0 == 0x80 else {
                    position = base + i
                    throw error(.invalidUTF8, "byte 0x\(String(b, radix: 16, uppercase: true)) is not valid UTF-8 here")
                }
                scalar = scalar << 6 | UInt32(b & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                position = base + i
                throw error(.invalidUTF8, "an overlong, surrogate or out-of-range UTF-8 sequence")
            }
            i += need + 1
        }
    }

    // MARK: Helpers

    func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    func isDigit(_ c: UInt8) -> Bool {
        c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    func describe(_ c: UInt8) -> String {
        "'\(describeRaw(c))'"
    }

    func describeRaw(_ c: UInt8) -> String {
        if c >= 0x21 && c < 0x7F { return String(UnicodeScalar(c)) }
        return "0x" + String(c, radix: 16, uppercase: true)
    }

    func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    /// An error at the current position, with line and column computed from the bytes before it.
    func error(_ code: JSONParseError.Code, _ reason: String) -> JSONParseError {
        let offset = min(position, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        return JSONParseError(code: code, reason: reason, offset: offset, line: line, column: offset - lineStart + 1)
    }
}

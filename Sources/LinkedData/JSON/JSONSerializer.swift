/// How `JSONSerializer` lays out its output.
public enum JSONOutputStyle: Sendable, Hashable {
    /// No insignificant whitespace at all: the form to store, send or sign.
    case compact
    /// Two-space indentation, one member or element per line, `": "` after member names: the form for people.
    /// Empty arrays and objects stay `[]` and `{}`. No newline is added after the last bracket.
    case pretty
}

/// Writes a `JSONValue` as RFC 8259 JSON text (UTF-8) without changing anything it carries.
///
/// Members keep their order, numbers are written with the lexeme they were read with (`1.0` stays `1.0`,
/// `1e3` stays `1e3`) and strings are escaped minimally: only `"`, `\` and the control characters U+0000 to
/// U+001F are escaped (`\b \t \n \f \r` where JSON has a short form, `\u00xx` with lower-case hex otherwise).
/// `/` and non-ASCII characters are written as they are, so a parsed document written back compactly differs
/// from the original only in whitespace and in escapes that were not needed.
///
/// A `JSONNumber` made with `init(lexeme:)` must hold valid JSON number syntax; the serializer writes it verbatim.
public struct JSONSerializer: Sendable {
    public var style: JSONOutputStyle

    public init(style: JSONOutputStyle = .compact) {
        self.style = style
    }

    /// The JSON text of `value` as UTF-8 bytes.
    public func serialize(_ value: JSONValue) -> [UInt8] {
        var buffer = ByteBuffer(capacity: 1024)
        write(value, into: &buffer)
        return buffer.makeArray()
    }

    /// The JSON text of `value` as a string.
    public func serializeToString(_ value: JSONValue) -> String {
        String(decoding: serialize(value), as: UTF8.self)
    }

    /// Appends the JSON text of `value` to `output`.
    public func write(_ value: JSONValue, into output: inout [UInt8]) {
        var buffer = ByteBuffer(capacity: 1024)
        write(value, into: &buffer)
        buffer.append(to: &output)
    }

    func write(_ value: JSONValue, into output: inout ByteBuffer) {
        switch style {
        case .compact: Self.writeCompact(value, into: &output)
        case .pretty: Self.writePretty(value, indent: 0, into: &output)
        }
    }

    private static func writeCompact(_ value: JSONValue, into output: inout ByteBuffer) {
        switch value {
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            var first = true
            for member in object.members {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                JSONStringEscaper.appendQuoted(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                writeCompact(member.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                writeCompact(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        default:
            writeScalar(value, into: &output)
        }
    }

    private static func writePretty(_ value: JSONValue, indent: Int, into output: inout ByteBuffer) {
        switch value {
        case .object(let object):
            if object.isEmpty {
                output.append(UInt8(ascii: "{"))
                output.append(UInt8(ascii: "}"))
                return
            }
            output.append(UInt8(ascii: "{"))
            var first = true
            for member in object.members {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                newline(indent + 1, into: &output)
                JSONStringEscaper.appendQuoted(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                output.append(UInt8(ascii: " "))
                writePretty(member.value, indent: indent + 1, into: &output)
            }
            newline(indent, into: &output)
            output.append(UInt8(ascii: "}"))
        case .array(let elements):
            if elements.isEmpty {
                output.append(UInt8(ascii: "["))
                output.append(UInt8(ascii: "]"))
                return
            }
            output.append(UInt8(ascii: "["))
            var first = true
            for element in elements {
                if !first { output.append(UInt8(ascii: ",")) }
                first = false
                newline(indent + 1, into: &output)
                writePretty(element, indent: indent + 1, into: &output)
            }
            newline(indent, into: &output)
            output.append(UInt8(ascii: "]"))
        default:
            writeScalar(value, into: &output)
        }
    }

    private static func newline(_ indent: Int, into output: inout ByteBuffer) {
        output.append(0x0A)
        output.append(repeating: UInt8(ascii: " "), count: indent * 2)
    }

    private static func writeScalar(_ value: JSONValue, into output: inout ByteBuffer) {
        switch value {
        case .null: output.append("null")
        case .bool(let flag): output.append(flag ? "true" : "false")
        case .number(let number): output.append(number.lexeme)
        case .string(let string): JSONStringEscaper.appendQuoted(string, to: &output)
        case .array, .object: preconditionFailure("containers are written by the caller")
        }
    }
}

extension JSONValue: CustomStringConvertible {
    /// The compact JSON text of the value.
    public var description: String {
        JSONSerializer().serializeToString(self)
    }

    /// The JSON text of the value as UTF-8 bytes (see `JSONSerializer`).
    public func jsonBytes(_ style: JSONOutputStyle = .compact) -> [UInt8] {
        JSONSerializer(style: style).serialize(self)
    }

    /// The JSON text of the value (see `JSONSerializer`).
    public func jsonString(_ style: JSONOutputStyle = .compact) -> String {
        JSONSerializer(style: style).serializeToString(self)
    }
}

extension JSONObject {
    /// The JSON text of the object as UTF-8 bytes (see `JSONSerializer`).
    public func jsonBytes(_ style: JSONOutputStyle = .compact) -> [UInt8] {
        JSONSerializer(style: style).serialize(.object(self))
    }

    /// The JSON text of the object (see `JSONSerializer`).
    public func jsonString(_ style: JSONOutputStyle = .compact) -> String {
        JSONSerializer(style: style).serializeToString(.object(self))
    }
}

/// The minimal string escaping shared by the serializer and JCS (RFC 8785 §3.2.2.2): `\"`, `\\`, the short
/// forms `\b \t \n \f \r`, and `\u00xx` (lower-case hex) for the other control characters. Nothing else.
enum JSONStringEscaper {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendQuoted(_ string: String, to output: inout ByteBuffer) {
        output.append(UInt8(ascii: "\""))
        // Native strings are contiguous UTF-8, read in place; others (bridged) are copied once.
        let done: Void? = string.utf8.withContiguousStorageIfAvailable { appendEscaped($0, to: &output) }
        if done == nil {
            Array(string.utf8).withUnsafeBufferPointer { appendEscaped($0, to: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The quoted, escaped form of `string` (for error messages and paths).
    static func quoted(_ string: String) -> String {
        var buffer = ByteBuffer(capacity: string.utf8.count + 2)
        appendQuoted(string, to: &buffer)
        return String(decoding: buffer.makeArray(), as: UTF8.self)
    }

    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout ByteBuffer) {
        guard let base = bytes.baseAddress else { return }
        var runStart = 0
        var index = 0
        let count = bytes.count
        while index < count {
            // Skip eight bytes at a time while none of them needs escaping.
            while index + 8 <= count,
                !needsEscape(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            {
                index += 8
            }
            if index >= count { break }
            let byte = bytes[index]
            if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                index += 1
                continue
            }
            if runStart < index {
                output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            }
            output.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
            case 0x08: output.append(UInt8(ascii: "b"))
            case 0x09: output.append(UInt8(ascii: "t"))
            case 0x0A: output.append(UInt8(ascii: "n"))
            case 0x0C: output.append(UInt8(ascii: "f"))
            case 0x0D: output.append(UInt8(ascii: "r"))
            default:
                output.append(UInt8(ascii: "u"))
                output.append(UInt8(ascii: "0"))
                output.append(UInt8(ascii: "0"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
            index += 1
            runStart = index
        }
        if runStart < count {
            output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        }
    }

    /// Whether any of the eight bytes in `word` is below 0x20, a quote or a backslash (exact, no false positives:
    /// the classic "has a zero byte" test applied to `word` and to `word` XOR the repeated character).
    @inline(__always)
    static func needsEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let control = (word &- ones &* 0x20) & ~word & highs
        let quoteBytes = word ^ (ones &* 0x22)
        let quote = (quoteBytes &- ones) & ~quoteBytes & highs
        let backslashBytes = word ^ (ones &* 0x5C)
        let backslash = (backslashBytes &- ones) & ~backslashBytes & highs
        return (control | quote | backslash) != 0
    }
}

/// An attribute of a start tag: its qualified name and where it and its value sit in the source. The value is
/// checked when the tag is read and decoded only on demand (`XMLScanner.value(of:)`).
struct XMLAttribute: Sendable, Hashable {
    var name: String
    /// Between the quotes, before reference decoding and attribute-value normalization.
    var valueRange: Range<Int>
    var range: Range<Int>
}

/// A start tag (`<name attr="value">` or the empty-element form `<name/>`) and where its parts sit in the source.
struct XMLStartTag: Sendable, Hashable {
    var name: String
    var attributes: [XMLAttribute]
    var isEmptyElement: Bool
    /// From `<` to just after `>`.
    var range: Range<Int>
    /// Just after the last attribute (or the name, if there are none): where a new attribute can be inserted.
    var attributesEnd: Int
    /// Offset of the `/>` or `>` that closes the tag.
    var closeStart: Int

    func attribute(_ name: String) -> XMLAttribute? {
        attributes.first { $0.name == name }
    }
}

/// One piece of an XML document.
enum XMLEvent: Sendable, Hashable {
    case startTag(XMLStartTag)
    case endTag(name: String, range: Range<Int>)
    /// Character data between markup; `content` is the raw source range (references not yet decoded).
    case text(content: Range<Int>)
    /// A CDATA section; `content` is the range between `<![CDATA[` and `]]>`.
    case cdata(content: Range<Int>, range: Range<Int>)
    case comment(range: Range<Int>)
    case processingInstruction(range: Range<Int>)
    /// A document type declaration without an internal subset (nothing is fetched or expanded).
    case doctype(range: Range<Int>)
}

/// A small, bounded XML tokenizer: just enough XML 1.0 to find and place a baked credential in an SVG.
///
/// It reads start and end tags with attributes, character data, CDATA sections, comments and processing
/// instructions. It never expands entities: only the five predefined entities (`&lt;` `&gt;` `&amp;` `&apos;`
/// `&quot;`) and numeric character references are decoded, any other reference is an error. A document type
/// declaration is accepted only in its external-identifier form (`<!DOCTYPE svg PUBLIC "…" "…">`, which most SVG
/// editors write; the DTD is never read); one with an internal subset is refused (`doctypeForbidden`), and any
/// `<!ENTITY` declaration is refused (`entityForbidden`). Every step moves forward, so work is linear in the input.
struct XMLScanner {
    let bytes: [UInt8]
    private(set) var position: Int

    init(bytes: [UInt8]) {
        self.bytes = bytes
        // A UTF-8 byte order mark is not part of the document.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            position = 3
        } else {
            position = 0
        }
    }

    // MARK: Errors with a line and column

    func error(_ code: BakingError.Code, _ message: String, at offset: Int) -> BakingError {
        let (line, column) = XMLScanner.lineAndColumn(of: offset, in: bytes)
        return BakingError(code, "\(message) (line \(line), column \(column))", offset: offset)
    }

    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        let end = min(offset, bytes.count)
        var index = 0
        while index < end {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += 1
        }
        // Columns count characters, not bytes: skip UTF-8 continuation bytes.
        var column = 1
        index = lineStart
        while index < end {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        return (line, column)
    }

    // MARK: Tokens

    /// The next piece of the document, or `nil` at the end.
    mutating func next(limits: BakingLimits) throws(BakingError) -> XMLEvent? {
        guard position < bytes.count else { return nil }
        let start = position
        guard bytes[start] == UInt8(ascii: "<") else {
            return .text(content: try scanText())
        }
        guard start + 1 < bytes.count else {
            throw error(.malformedXML, "the document ends after '<'", at: start)
        }
        switch bytes[start + 1] {
        case UInt8(ascii: "?"):
            let end = try find("?>", from: start + 2, what: "processing instruction", openedAt: start)
            position = end + 2
            return .processingInstruction(range: start..<position)
        case UInt8(ascii: "!"):
            if matches("<!--", at: start) {
                let end = try find("-->", from: start + 4, what: "comment", openedAt: start)
                position = end + 3
                return .comment(range: start..<position)
            }
            if matches("<![CDATA[", at: start) {
                let end = try find("]]>", from: start + 9, what: "CDATA section", openedAt: start)
                position = end + 3
                return .cdata(content: (start + 9)..<end, range: start..<position)
            }
            if matches("<!DOCTYPE", at: start) {
                return .doctype(range: try scanDoctype())
            }
            if matches("<!ENTITY", at: start) {
                throw error(
                    .entityForbidden,
                    "the SVG declares an entity (<!ENTITY); entity declarations are refused", at: start)
            }
            throw error(.malformedXML, "unknown markup declaration starting with '<!'", at: start)
        case UInt8(ascii: "/"):
            position = start + 2
            guard let name = scanName() else {
                throw error(.malformedXML, "expected an element name after '</'", at: position)
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ">") else {
                throw error(.malformedXML, "the end tag </\(name)> is not closed with '>'", at: position)
            }
            position += 1
            return .endTag(name: name, range: start..<position)
        default:
            return .startTag(try scanStartTag(limits: limits))
        }
    }

    private mutating func scanStartTag(limits: BakingLimits) throws(BakingError) -> XMLStartTag {
        let start = position
        position += 1
        guard let name = scanName() else {
            throw error(.malformedXML, "expected an element name after '<'", at: position)
        }
        var attributes: [XMLAttribute] = []
        // Names seen so far, for the duplicate check once a tag has many attributes (a linear scan before that).
        var seen: Set<String> = []
        var attributesEnd = position
        while true {
            let hadWhitespace = skipWhitespace()
            guard position < bytes.count else {
                throw error(.malformedXML, "the start tag <\(name)> is not closed", at: start)
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") {
                position += 1
                return XMLStartTag(
                    name: name, attributes: attributes, isEmptyElement: false, range: start..<position,
                    attributesEnd: attributesEnd, closeStart: position - 1)
            }
            if byte == UInt8(ascii: "/") {
                guard position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: ">") else {
                    throw error(.malformedXML, "expected '/>' to close the start tag <\(name)>", at: position)
                }
                position += 2
                return XMLStartTag(
                    name: name, attributes: attributes, isEmptyElement: true, range: start..<position,
                    attributesEnd: attributesEnd, closeStart: position - 2)
            }
            guard hadWhitespace else {
                throw error(.malformedXML, "expected whitespace before an attribute in <\(name)>", at: position)
            }
            let attributeStart = position
            guard let attributeName = scanName() else {
                throw error(.malformedXML, "expected an attribute name or '>' in <\(name)>", at: position)
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else {
                throw error(.malformedXML, "expected '=' after attribute \(attributeName) in <\(name)>", at: position)
            }
            position += 1
            skipWhitespace()
            guard position < bytes.count,
                bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'")
            else {
                throw error(
                    .malformedXML, "the value of attribute \(attributeName) in <\(name)> must be quoted", at: position)
            }
            let quote = bytes[position]
            let valueStart = position + 1
            var valueEnd = valueStart
            while valueEnd < bytes.count, bytes[valueEnd] != quote {
                if bytes[valueEnd] == UInt8(ascii: "<") {
                    throw error(
                        .malformedXML, "'<' is not allowed in the value of attribute \(attributeName)", at: valueEnd)
                }
                valueEnd += 1
            }
            guard valueEnd < bytes.count else {
                throw error(.malformedXML, "the value of attribute \(attributeName) is not closed", at: valueStart - 1)
            }
            position = valueEnd + 1
            attributesEnd = position
            let duplicate: Bool
            if attributes.count < 8 {
                duplicate = attributes.contains { $0.name == attributeName }
            } else {
                if seen.isEmpty { seen = Set(attributes.map(\.name)) }
                duplicate = !seen.insert(attributeName).inserted
            }
            if duplicate {
                throw error(.malformedXML, "attribute \(attributeName) appears twice in <\(name)>", at: attributeStart)
            }
            guard attributes.count < limits.maxXMLAttributes else {
                throw error(
                    .malformedXML, "<\(name)> has more than \(limits.maxXMLAttributes) attributes", at: attributeStart)
            }
            _ = try decode(valueStart..<valueEnd, isAttribute: true, validateOnly: true)
            attributes.append(
                XMLAttribute(name: attributeName, valueRange: valueStart..<valueEnd, range: attributeStart..<position))
        }
    }

    /// Character data up to the next `<`; checks every reference and that `]]>` does not appear.
    private mutating func scanText() throws(BakingError) -> Range<Int> {
        let start = position
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") { break }
            if byte == UInt8(ascii: "]"), matches("]]>", at: index) {
                throw error(.malformedXML, "']]>' is not allowed in character data", at: index)
            }
            index += 1
        }
        position = index
        _ = try decode(start..<index, isAttribute: false, validateOnly: true)
        return start..<index
    }

    /// Reads `<!DOCTYPE name ExternalID? >`; refuses an internal subset `[ … ]`.
    private mutating func scanDoctype() throws(BakingError) -> Range<Int> {
        let start = position
        var index = start + 9
        var quote: UInt8? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: "[") {
                if let entity = firstOccurrence(of: "<!ENTITY", from: index) {
                    throw error(
                        .entityForbidden,
                        "the SVG's document type declaration declares an entity (<!ENTITY); entity declarations "
                            + "are refused", at: entity)
                }
                throw error(
                    .doctypeForbidden,
                    "the SVG's document type declaration has an internal subset ('['); only the plain "
                        + "<!DOCTYPE svg PUBLIC \"…\" \"…\"> form is accepted", at: start)
            } else if byte == UInt8(ascii: ">") {
                position = index + 1
                return start..<position
            }
            index += 1
        }
        throw error(.malformedXML, "the document type declaration is not closed", at: start)
    }

    // MARK: Names, whitespace, searching

    /// An XML name (letters, digits, `_`, `:`, `-`, `.`, and any non-ASCII character; not starting with a
    /// digit, `-` or `.`), or nil if there is none at the current position.
    private mutating func scanName() -> String? {
        let start = position
        guard position < bytes.count, isNameStart(bytes[position]) else { return nil }
        position += 1
        while position < bytes.count, isNameByte(bytes[position]) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private func isNameStart(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "_"),
            UInt8(ascii: ":"), 0x80...0xFF:
            return true
        default:
            return false
        }
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: ".")
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = position
        while position < bytes.count, isXMLWhitespace(bytes[position]) { position += 1 }
        return position > start
    }

    func matches(_ literal: StaticString, at offset: Int) -> Bool {
        literal.withUTF8Buffer { pattern in
            guard offset >= 0, bytes.count - offset >= pattern.count else { return false }
            for index in 0..<pattern.count where bytes[offset + index] != pattern[index] {
                return false
            }
            return true
        }
    }

    private func firstOccurrence(of literal: StaticString, from offset: Int) -> Int? {
        let first = literal.withUTF8Buffer { $0[0] }
        var index = offset
        while index < bytes.count {
            if bytes[index] == first, matches(literal, at: index) { return index }
            index += 1
        }
        return nil
    }

    private func find(
        _ literal: StaticString, from offset: Int, what: String, openedAt start: Int
    ) throws(BakingError) -> Int {
        guard let found = firstOccurrence(of: literal, from: offset) else {
            throw error(.malformedXML, "the \(what) is not closed", at: start)
        }
        return found
    }

    // MARK: Decoding character data and attribute values

    /// The text of `range` with references decoded and line ends normalized (XML 1.0 §2.11, §4.6, §3.3.3).
    /// In an attribute value each literal tab, line feed or carriage return becomes a space.
    func decode(_ range: Range<Int>, isAttribute: Bool, validateOnly: Bool = false) throws(BakingError) -> String {
        var output: [UInt8] = []
        if !validateOnly { output.reserveCapacity(range.count) }
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&") {
                let (scalar, next) = try decodeReference(at: index, end: range.upperBound)
                if !validateOnly { UTF8.encode(scalar) { output.append($0) } }
                index = next
                continue
            }
            if !validateOnly {
                if byte == 0x0D {
                    // CR LF and a lone CR both become one line end.
                    output.append(isAttribute ? 0x20 : 0x0A)
                    if index + 1 < range.upperBound, bytes[index + 1] == 0x0A { index += 1 }
                } else if isAttribute, byte == 0x09 || byte == 0x0A {
                    output.append(0x20)
                } else {
                    output.append(byte)
                }
            }
            index += 1
        }
        return validateOnly ? "" : String(decoding: output, as: UTF8.self)
    }

    /// An attribute's value after reference decoding and attribute-value normalization (XML 1.0 §3.3.3).
    func value(of attribute: XMLAttribute) -> String {
        // The value was checked when the tag was read, so decoding cannot fail here.
        (try? decode(attribute.valueRange, isAttribute: true)) ?? ""
    }

    /// Raw bytes of a CDATA section with line ends normalized.
    func cdataText(_ range: Range<Int>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let byte = bytes[index]
            if byte == 0x0D {
                output.append(0x0A)
                if index + 1 < range.upperBound, bytes[index + 1] == 0x0A { index += 1 }
            } else {
                output.append(byte)
            }
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes `&name;`, `&#123;` or `&#x7B;` at `start`; returns the character and the offset after `;`.
    private func decodeReference(at start: Int, end: Int) throws(BakingError) -> (Unicode.Scalar, Int) {
        var index = start + 1
        // A reference is short; anything longer than this without ';' is an error.
        let limit = min(end, start + 16)
        while index < limit, bytes[index] != UInt8(ascii: ";") { index += 1 }
        guard index < limit else {
            throw error(.malformedXML, "'&' must start a reference such as &amp; (no ';' follows)", at: start)
        }
        let body = Array(bytes[(start + 1)..<index])
        let next = index + 1
        if body.first == UInt8(ascii: "#") {
            var digits = body.dropFirst()
            var radix: UInt32 = 10
            if digits.first == UInt8(ascii: "x") {
                radix = 16
                digits = digits.dropFirst()
            }
            guard !digits.isEmpty, digits.count <= 8 else {
                throw error(.malformedXML, "malformed character reference", at: start)
            }
            var value: UInt32 = 0
            for digit in digits {
                guard let number = hexDigitValue(digit), number < radix else {
                    throw error(.malformedXML, "malformed character reference", at: start)
                }
                value = value * radix + number
            }
            guard let scalar = Unicode.Scalar(value), isXMLChar(scalar) else {
                throw error(
                    .malformedXML, "the character reference names U+\(String(value, radix: 16, uppercase: true)), "
                        + "which XML does not allow", at: start)
            }
            return (scalar, next)
        }
        switch String(decoding: body, as: UTF8.self) {
        case "lt": return ("<", next)
        case "gt": return (">", next)
        case "amp": return ("&", next)
        case "apos": return ("'", next)
        case "quot": return ("\"", next)
        case let name:
            throw error(
                .malformedXML,
                "undefined entity &\(name);; entities are never expanded, only &lt; &gt; &amp; &apos; &quot; and "
                    + "numeric character references are decoded", at: start)
        }
    }

    private func hexDigitValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}

/// XML 1.0 `Char`: tab, line feed, carriage return, and U+0020 to U+10FFFF except surrogates, U+FFFE and U+FFFF.
func isXMLChar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
    default: return false
    }
}

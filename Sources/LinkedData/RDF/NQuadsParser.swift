/// A strict reader of the RDF 1.1 N-Quads grammar over UTF-8 bytes.
///
/// Every statement sits on one line: `subject predicate object graphLabel? .`, with spaces or tabs between
/// terms where needed, and an optional `#` comment after the final `.` or on a line of its own. IRIs must
/// be absolute and may not contain, even as a `\u` escape, a character that N-Quads forbids in an IRI.
/// Blank node labels, language tags and escapes follow the grammar exactly.
struct NQuadsParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let maxQuads: Int
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, maxQuads: Int) {
        self.bytes = bytes
        self.maxQuads = maxQuads
    }

    mutating func parseDocument() throws(NQuadsError) -> [RDFQuad] {
        var quads: [RDFQuad] = []
        while true {
            skipSpaces()
            guard position < bytes.count else { return quads }
            switch bytes[position] {
            case ascii("\n"), ascii("\r"):
                consumeLineBreak()
            case ascii("#"):
                skipComment()
            default:
                if quads.count >= maxQuads {
                    throw error(.tooManyQuads, "the document has more than \(maxQuads) statements")
                }
                quads.append(try parseStatement())
            }
        }
    }

    // MARK: Statements

    private mutating func parseStatement() throws(NQuadsError) -> RDFQuad {
        let subject: RDFTerm
        switch peek() {
        case ascii("<"): subject = .iri(try parseIRI())
        case ascii("_"): subject = .blank(try parseBlankNode())
        default: throw unexpected("a subject (an IRI in <...> or a blank node _:label)")
        }
        skipSpaces()
        guard peek() == ascii("<") else { throw unexpected("a predicate IRI in <...>") }
        let predicate = RDFTerm.iri(try parseIRI())
        skipSpaces()
        let object: RDFTerm
        switch peek() {
        case ascii("<"): object = .iri(try parseIRI())
        case ascii("_"): object = .blank(try parseBlankNode())
        case ascii("\""): object = .literal(try parseLiteral())
        default: throw unexpected("an object (an IRI, a blank node or a literal)")
        }
        skipSpaces()
        var graph: RDFTerm? = nil
        switch peek() {
        case ascii("<"): graph = .iri(try parseIRI())
        case ascii("_"): graph = .blank(try parseBlankNode())
        case ascii("."): break
        default: throw unexpected("a graph label or the '.' that ends the statement")
        }
        if graph != nil {
            skipSpaces()
            guard peek() == ascii(".") else { throw unexpected("the '.' that ends the statement") }
        }
        position += 1  // .
        skipSpaces()
        if peek() == ascii("#") { skipComment() }
        if let next = peek(), next != ascii("\n"), next != ascii("\r") {
            throw unexpected("the end of the line after the statement's '.'")
        }
        return RDFQuad(subject: subject, predicate: predicate, object: object, graph: graph)
    }

    // MARK: Terms

    /// `IRIREF ::= '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>'`, and the IRI must be absolute.
    private mutating func parseIRI() throws(NQuadsError) -> String {
        let start = position
        position += 1  // <
        scratch.removeAll(keepingCapacity: true)
        var runStart = position
        while true {
            guard position < bytes.count else {
                throw error(.invalidIRI, "the IRI that starts here has no closing '>'", at: start)
            }
            let byte = bytes[position]
            if byte == ascii(">") { break }
            if byte == ascii("\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                let escapeStart = position
                guard position + 1 < bytes.count, bytes[position + 1] == ascii("u") || bytes[position + 1] == ascii("U")
                else {
                    throw error(.invalidEscape, "only \\u and \\U escapes are allowed in an IRI")
                }
                let scalar = try parseUCHAR()
                if scalar.value <= 0x20 || (scalar.value < 0x80 && Self.isForbiddenInIRI(UInt8(scalar.value))) {
                    throw error(
                        .invalidIRI, "the escape decodes to \(Self.describe(scalar)), which an IRI cannot contain",
                        at: escapeStart)
                }
                appendUTF8(scalar, to: &scratch)
                runStart = position
                continue
            }
            if byte <= 0x20 || Self.isForbiddenInIRI(byte) {
                throw error(.invalidIRI, "\(describe(byte)) is not allowed in an IRI")
            }
            position += 1
        }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
        position += 1  // >
        if !Self.hasScheme(scratch) {
            throw error(.invalidIRI, "the IRI is relative; N-Quads requires absolute IRIs (scheme:...)", at: start)
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// `BLANK_NODE_LABEL ::= '_:' (PN_CHARS_U | [0-9]) ((PN_CHARS | '.')* PN_CHARS)?`; returns the label
    /// without `_:`.
    private mutating func parseBlankNode() throws(NQuadsError) -> String {
        let start = position
        guard position + 1 < bytes.count, bytes[position + 1] == ascii(":") else {
            throw error(.invalidBlankNode, "a blank node starts with '_:'")
        }
        position += 2
        let labelStart = position
        guard let (first, firstLength) = scalar(at: position) else {
            throw error(.invalidBlankNode, "the blank node label is empty", at: start)
        }
        guard Self.isPNCharsU(first) || (first.value >= 0x30 && first.value <= 0x39) else {
            throw error(.invalidBlankNode, "\(Self.describe(first)) cannot start a blank node label")
        }
        position += firstLength
        var lastNonDot = position
        while let (next, length) = scalar(at: position) {
            if next == "." {
                position += length
            } else if Self.isPNChars(next) {
                position += length
                lastNonDot = position
            } else {
                break
            }
        }
        // A label cannot end with '.': trailing dots belong to the statement.
        position = lastNonDot
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[labelStart..<position]), as: UTF8.self)
    }

    /// `literal ::= STRING_LITERAL_QUOTE ('^^' IRIREF | LANGTAG)?`
    private mutating func parseLiteral() throws(NQuadsError) -> RDFLiteral {
        let start = position
        position += 1  // "
        scratch.removeAll(keepingCapacity: true)
        var runStart = position
        while true {
            guard position < bytes.count else {
                throw error(.invalidLiteral, "the string that starts here has no closing '\"'", at: start)
            }
            let byte = bytes[position]
            if byte == ascii("\"") { break }
            if byte == ascii("\n") || byte == ascii("\r") {
                throw error(.invalidLiteral, "the string that starts here has no closing '\"' on its line", at: start)
            }
            if byte == ascii("\\") {
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
                try parseStringEscape()
                runStart = position
                continue
            }
            position += 1
        }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
        position += 1  // "
        let lexicalForm = String(decoding: scratch, as: UTF8.self)
        switch peek() {
        case ascii("^"):
            guard position + 1 < bytes.count, bytes[position + 1] == ascii("^") else {
                throw error(.unexpectedCharacter, "a datatype is written '^^<IRI>'")
            }
            position += 2
            guard peek() == ascii("<") else { throw unexpected("the datatype IRI in <...> after '^^'") }
            let datatype = try parseIRI()
            return RDFLiteral(lexicalForm, datatype: datatype)
        case ascii("@"):
            return RDFLiteral(lexicalForm, language: try parseLanguageTag())
        default:
            return RDFLiteral(lexicalForm)
        }
    }

    /// `LANGTAG ::= '@' [a-zA-Z]+ ('-' [a-zA-Z0-9]+)*`; returns the tag without `@`, as written.
    private mutating func parseLanguageTag() throws(NQuadsError) -> String {
        let start = position
        position += 1  // @
        let tagStart = position
        while let byte = peek(), Self.isLetter(byte) { position += 1 }
        guard position > tagStart else {
            throw error(.invalidLanguageTag, "a language tag starts with letters after '@'", at: start)
        }
        while peek() == ascii("-") {
            position += 1
            let subtagStart = position
            while let byte = peek(), Self.isLetter(byte) || Self.isDigit(byte) { position += 1 }
            guard position > subtagStart else {
                throw error(.invalidLanguageTag, "a '-' in a language tag must be followed by letters or digits")
            }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[tagStart..<position]), as: UTF8.self)
    }

    // MARK: Escapes

    /// `ECHAR ::= '\' [tbnrf"'\]` or `UCHAR`, appended to `scratch`.
    private mutating func parseStringEscape() throws(NQuadsError) {
        guard position + 1 < bytes.count else {
            throw error(.invalidEscape, "the line ends after '\\'")
        }
        let decoded: UInt8
        switch bytes[position + 1] {
        case ascii("t"): decoded = 0x09
        case ascii("b"): decoded = 0x08
        case ascii("n"): decoded = 0x0A
        case ascii("r"): decoded = 0x0D
        case ascii("f"): decoded = 0x0C
        case ascii("\""): decoded = 0x22
        case ascii("'"): decoded = 0x27
        case ascii("\\"): decoded = 0x5C
        case ascii("u"), ascii("U"):
            let scalar = try parseUCHAR()
            appendUTF8(scalar, to: &scratch)
            return
        default:
            throw error(
                .invalidEscape,
                "'\\\(Self.printable(bytes[position + 1]))' is not an N-Quads escape "
                    + "(use \\t \\b \\n \\r \\f \\\" \\' \\\\ \\uXXXX or \\UXXXXXXXX)")
        }
        scratch.append(decoded)
        position += 2
    }

    /// `UCHAR ::= '\u' HEX{4} | '\U' HEX{8}`; the value must be a Unicode scalar (no surrogates).
    private mutating func parseUCHAR() throws(NQuadsError) -> Unicode.Scalar {
        let start = position
        let digits = bytes[position + 1] == ascii("u") ? 4 : 8
        position += 2
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let byte = peek(), let nibble = Self.hexValue(byte) else {
                let letter = digits == 4 ? "u" : "U"
                throw error(.invalidEscape, "\\\(letter) needs exactly \(digits) hex digits", at: start)
            }
            value = value << 4 | UInt32(nibble)
            position += 1
        }
        guard let scalar = Unicode.Scalar(value) else {
            let hex = String(value, radix: 16, uppercase: true)
            throw error(.invalidEscape, "the escape names U+\(hex), which is not a Unicode scalar value", at: start)
        }
        return scalar
    }

    // MARK: Lexical helpers

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func skipSpaces() {
        while position < bytes.count, bytes[position] == ascii(" ") || bytes[position] == ascii("\t") {
            position += 1
        }
    }

    private mutating func skipComment() {
        while position < bytes.count, bytes[position] != ascii("\n"), bytes[position] != ascii("\r") {
            position += 1
        }
    }

    /// Consumes one line break (LF, CR or CR LF) and starts a new line.
    private mutating func consumeLineBreak() {
        if bytes[position] == ascii("\r"), position + 1 < bytes.count, bytes[position + 1] == ascii("\n") {
            position += 1
        }
        position += 1
        line += 1
        lineStart = position
    }

    /// Decodes the (valid UTF-8) scalar at `index`, or `nil` at the end of the input.
    private func scalar(at index: Int) -> (Unicode.Scalar, Int)? {
        guard index < bytes.count else { return nil }
        let lead = bytes[index]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard index + length <= bytes.count else { return nil }
        var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for offset in 1..<length {
            value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
        }
        guard let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    private func appendUTF8(_ scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: UTF8.encode(scalar)!)
    }

    private func unexpected(_ expected: String) -> NQuadsError {
        guard let byte = peek(), byte != ascii("\n"), byte != ascii("\r") else {
            return error(.unexpectedEndOfLine, "the statement ends early: expected \(expected)")
        }
        let found = scalar(at: position).map { Self.describe($0.0) } ?? describe(byte)
        return error(.unexpectedCharacter, "expected \(expected), found \(found)")
    }

    private func error(_ code: NQuadsError.Code, _ reason: String, at offset: Int? = nil) -> NQuadsError {
        let offset = offset ?? position
        return NQuadsError(code: code, reason: reason, line: line, column: offset - lineStart + 1)
    }

    private func describe(_ byte: UInt8) -> String {
        byte < 0x80 ? Self.describe(Unicode.Scalar(byte)) : "byte 0x\(String(byte, radix: 16))"
    }

    private static func describe(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        if scalar.value < 0x21 || scalar.value == 0x7F { return code }
        return "'\(Character(scalar))' (\(code))"
    }

    private static func printable(_ byte: UInt8) -> String {
        byte > 0x20 && byte < 0x7F ? String(Character(Unicode.Scalar(byte))) : "\\x" + String(byte, radix: 16)
    }

    // MARK: Character classes

    /// ASCII characters that `IRIREF` excludes besides controls and space: `<>"{}|^`\`.
    private static func isForbiddenInIRI(_ byte: UInt8) -> Bool {
        switch byte {
        case ascii("<"), ascii(">"), ascii("\""), ascii("{"), ascii("}"), ascii("|"), ascii("^"), ascii("`"),
            ascii("\\"):
            return true
        default:
            return false
        }
    }

    /// RFC 3986 `scheme ":"` at the start: `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`.
    private static func hasScheme(_ iri: [UInt8]) -> Bool {
        guard let first = iri.first, isLetter(first) else { return false }
        for byte in iri.dropFirst() {
            if byte == ascii(":") { return true }
            guard isLetter(byte) || isDigit(byte) || byte == ascii("+") || byte == ascii("-") || byte == ascii(".")
            else { return false }
        }
        return false
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= ascii("a") && byte <= ascii("z")) || (byte >= ascii("A") && byte <= ascii("Z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= ascii("0") && byte <= ascii("9")
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case ascii("0")...ascii("9"): return byte - ascii("0")
        case ascii("a")...ascii("f"): return byte - ascii("a") + 10
        case ascii("A")...ascii("F"): return byte - ascii("A") + 10
        default: return nil
        }
    }

    /// `PN_CHARS_BASE` of the N-Quads grammar.
    private static func isPNCharsBase(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x2FF, 0x370...0x37D, 0x37F...0x1FFF,
            0x200C...0x200D, 0x2070...0x218F, 0x2C00...0x2FEF, 0x3001...0xD7FF, 0xF900...0xFDCF, 0xFDF0...0xFFFD,
            0x10000...0xEFFFF:
            return true
        default:
            return false
        }
    }

    /// `PN_CHARS_U ::= PN_CHARS_BASE | '_' | ':'`
    private static func isPNCharsU(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == ":" || isPNCharsBase(scalar)
    }

    /// `PN_CHARS ::= PN_CHARS_U | '-' | [0-9] | #x00B7 | [#x0300-#x036F] | [#x203F-#x2040]`
    private static func isPNChars(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x30...0x39, 0xB7, 0x300...0x36F, 0x203F...0x2040: return true
        default: return isPNCharsU(scalar)
        }
    }
}

@inline(__always)
private func ascii(_ character: Unicode.Scalar) -> UInt8 {
    UInt8(character.value)
}

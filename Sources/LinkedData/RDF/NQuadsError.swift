/// Why a document is not acceptable N-Quads, and where.
public struct NQuadsError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// A character that cannot start or continue the expected term.
        case unexpectedCharacter = "unexpected_character"
        /// The line ends before the statement is complete.
        case unexpectedEndOfLine = "unexpected_end_of_line"
        /// An IRI reference is malformed (forbidden character, unterminated, not absolute).
        case invalidIRI = "invalid_iri"
        /// A blank node label does not match the `BLANK_NODE_LABEL` production.
        case invalidBlankNode = "invalid_blank_node"
        /// A string literal is unterminated or contains a raw line break.
        case invalidLiteral = "invalid_literal"
        /// A language tag does not match the `LANGTAG` production.
        case invalidLanguageTag = "invalid_language_tag"
        /// A `\` escape is not one of `ECHAR` or `UCHAR`, or names no Unicode scalar value.
        case invalidEscape = "invalid_escape"
        /// The document has more statements than the limit allows.
        case tooManyQuads = "too_many_quads"
    }

    public var code: Code
    /// What was wrong, in plain words.
    public var reason: String
    /// Line of the problem (1-based).
    public var line: Int
    /// Column of the problem in bytes of UTF-8 (1-based).
    public var column: Int

    public init(code: Code, reason: String, line: Int, column: Int) {
        self.code = code
        self.reason = reason
        self.line = line
        self.column = column
    }

    public var description: String {
        "N-Quads line \(line), column \(column): \(reason)"
    }
}

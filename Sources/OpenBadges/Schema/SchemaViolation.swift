/// One way an instance fails a JSON Schema: where in the instance, which keyword, and what was wrong.
///
/// `path` locates the offending value in the instance in a dotted form (`credentialSubject.achievement.criteria`,
/// `credentialSubject.result[1].type`); it is empty for the document itself. For a missing required member the
/// path is that of the object that lacks it, and the message names the member.
public struct SchemaViolation: Sendable, Hashable, CustomStringConvertible {
    /// Where the offending value is in the instance (empty for the whole document).
    public var path: String
    /// The JSON Schema keyword that failed (`required`, `type`, `contains`, `oneOf`, …).
    public var keyword: String
    /// What was wrong, in plain words.
    public var message: String
    /// Where the failing keyword is in the schema, as a JSON Pointer fragment (`#/$defs/Achievement/required`).
    public var schemaLocation: String

    public init(path: String, keyword: String, message: String, schemaLocation: String = "") {
        self.path = path
        self.keyword = keyword
        self.message = message
        self.schemaLocation = schemaLocation
    }

    /// `credentialSubject.achievement: missing required member 'name' (required)`.
    public var description: String {
        "\(path.isEmpty ? "(document)" : path): \(message) (\(keyword))"
    }
}

/// Why a JSON Schema could not be compiled: a code, a plain-language reason, and where in the schema.
public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        /// The schema text is not JSON.
        case invalidJSON = "invalid_json"
        /// A schema (or subschema) is neither an object nor a boolean.
        case invalidSchema = "invalid_schema"
        /// A keyword's value has the wrong form (`"minItems": "two"`).
        case invalidKeyword = "invalid_keyword"
        /// A keyword this validator does not implement and cannot safely ignore (`unevaluatedProperties`).
        case unsupportedKeyword = "unsupported_keyword"
        /// A `$ref` that points to nothing in the schema (remote references are not fetched).
        case unresolvableReference = "unresolvable_reference"
        /// A `pattern` that is not a regular expression this validator supports.
        case invalidPattern = "invalid_pattern"
        /// The schema has more subschemas than the limit.
        case tooLarge = "too_large"
    }

    public var code: Code
    /// What was wrong, in plain words.
    public var reason: String
    /// Where in the schema, as a JSON Pointer fragment (`#/$defs/Profile/properties/type`).
    public var location: String

    public init(code: Code, reason: String, location: String) {
        self.code = code
        self.reason = reason
        self.location = location
    }

    public var description: String {
        "schema \(location): \(reason)"
    }
}

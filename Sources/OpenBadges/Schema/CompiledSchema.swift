import LinkedData

/// A schema compiled into a table of nodes, with every `$ref` already resolved to a node index.
///
/// Recursive schemas (a Profile that has endorsements whose issuer is a Profile…) become cycles in the
/// table, which is why nodes refer to each other by index.
final class CompiledSchema: Sendable {
    let nodes: [SchemaNode]
    /// The `$id` of the root schema, if it has one.
    let identifier: String?

    init(nodes: [SchemaNode], identifier: String?) {
        self.nodes = nodes
        self.identifier = identifier
    }

    static let root = 0
}

/// One schema object (or boolean schema), located in the schema document.
struct SchemaNode: Sendable {
    /// JSON Pointer fragment of the schema in its document (`#/$defs/Achievement`).
    var location: String
    /// For the boolean schemas `true` and `false`.
    var constant: Bool?
    var keywords: [SchemaKeywordEntry]

    /// The `$defs` (or `definitions`) name when the schema is one of those, used to describe it in messages.
    var definitionName: String? {
        for prefix in ["#/$defs/", "#/definitions/"] where location.hasPrefix(prefix) {
            let name = location.dropFirst(prefix.count)
            if !name.contains("/") { return String(name) }
        }
        return nil
    }
}

struct SchemaKeywordEntry: Sendable {
    /// The keyword as written in the schema (`exclusiveMinimum`, `items`, …), for messages.
    var name: String
    var keyword: SchemaKeyword
}

/// The JSON types of the `type` keyword.
struct JSONTypeSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let null = JSONTypeSet(rawValue: 1)
    static let boolean = JSONTypeSet(rawValue: 2)
    static let object = JSONTypeSet(rawValue: 4)
    static let array = JSONTypeSet(rawValue: 8)
    static let number = JSONTypeSet(rawValue: 16)
    static let string = JSONTypeSet(rawValue: 32)
    static let integer = JSONTypeSet(rawValue: 64)

    static let names: [(String, JSONTypeSet)] = [
        ("null", .null), ("boolean", .boolean), ("object", .object), ("array", .array), ("number", .number),
        ("string", .string), ("integer", .integer),
    ]

    /// The type of a value (numbers are `number`; `integer` is checked separately).
    static func of(_ value: JSONValue) -> JSONTypeSet {
        switch value {
        case .null: .null
        case .bool: .boolean
        case .object: .object
        case .array: .array
        case .number: .number
        case .string: .string
        }
    }

    /// "a string", "an array or a string".
    var phrase: String {
        var words: [String] = []
        for (name, member) in Self.names where contains(member) {
            words.append((name.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + name)
        }
        return words.joined(separator: " or ")
    }
}

struct PatternSchema: Sendable {
    var regex: SchemaRegex
    var node: Int
}

struct NamedSchema: Sendable {
    var name: String
    var node: Int
}

struct NamedRequirement: Sendable {
    var name: String
    var required: [String]
}

enum SchemaKeyword: Sendable {
    case ref(Int)
    case type(JSONTypeSet)
    case enumeration([JSONValue])
    case constant(JSONValue)
    case properties([String: Int])
    case patternProperties([PatternSchema])
    case additionalProperties(node: Int, declared: Set<String>, patterns: [SchemaRegex])
    case propertyNames(Int)
    case required([String])
    case dependentRequired([NamedRequirement])
    case dependentSchemas([NamedSchema])
    case minProperties(Int)
    case maxProperties(Int)
    /// Schemas for the first items, by position (`prefixItems`, or `items` given as an array).
    case prefixItems([Int])
    /// A schema for every item from position `from` on (`items`, or `additionalItems`).
    case remainingItems(node: Int, from: Int)
    case contains(node: Int, minimum: Int, maximum: Int?)
    case minItems(Int)
    case maxItems(Int)
    case uniqueItems
    case minLength(Int)
    case maxLength(Int)
    case pattern(SchemaRegex)
    case format(SchemaFormat)
    case minimum(JSONNumber, exclusive: Bool)
    case maximum(JSONNumber, exclusive: Bool)
    case multipleOf(JSONNumber)
    case allOf([Int])
    case anyOf([Int])
    case oneOf([Int])
    case not(Int)
    case conditional(condition: Int, then: Int?, otherwise: Int?)
}

import LinkedData

/// Turns a schema document into a `CompiledSchema`: checks every keyword's form once, compiles patterns,
/// and resolves `$ref`s (JSON Pointer fragments, `$anchor`s and embedded `$id`s within the one document).
struct SchemaCompiler {
    /// Which drafts' rules apply where they differ.
    enum Dialect {
        /// Draft 4: `id` sets the base URI, `exclusiveMinimum`/`exclusiveMaximum` are booleans, `$ref`
        /// replaces its siblings.
        case draft4
        /// Drafts 6 and 7: `$id`, numeric exclusive bounds, `$ref` replaces its siblings.
        case draft6or7
        /// Draft 2019-09 and later (the default): `$ref` applies beside its siblings.
        case modern
    }

    static let maxNodes = 100_000
    static let maxDepth = 200

    private let document: JSONValue
    private let dialect: Dialect
    private var nodes: [SchemaNode] = []
    private var nodeByPointer: [String: Int] = [:]
    /// Absolute URI (without fragment) of each schema resource → JSON Pointer of its root in the document.
    private var resources: [String: String] = [:]
    /// `uri#name` of each `$anchor` → JSON Pointer of the schema that declares it.
    private var anchors: [String: String] = [:]
    private var pendingReferences: [PendingReference] = []

    private struct PendingReference {
        var node: Int
        var keyword: Int
        var target: String
        var location: String
    }

    /// The base URI used when the root schema has no `$id`.
    static let defaultBase = "urn:laurel:schema"

    init(document: JSONValue) {
        self.document = document
        let declared = document["$schema"]?.stringValue ?? ""
        if declared.contains("draft-04") || declared.contains("draft-03") {
            dialect = .draft4
        } else if declared.contains("draft-06") || declared.contains("draft-07") {
            dialect = .draft6or7
        } else {
            dialect = .modern
        }
    }

    mutating func compile() throws(SchemaError) -> CompiledSchema {
        var identifier: String? = nil
        if let id = identifierValue(of: document) { identifier = SchemaURI.splitFragment(id).base }
        let rootIndex = try compileSchema(document, pointer: "", base: Self.defaultBase, depth: 0)
        precondition(rootIndex == CompiledSchema.root)
        while let reference = pendingReferences.popLast() {
            let target = try resolve(reference)
            if case .ref = nodes[reference.node].keywords[reference.keyword].keyword {
                nodes[reference.node].keywords[reference.keyword].keyword = .ref(target)
            }
        }
        return CompiledSchema(nodes: nodes, identifier: identifier)
    }

    // MARK: Identifiers and references

    private func identifierValue(of schema: JSONValue) -> String? {
        if let id = schema["$id"]?.stringValue { return id }
        if dialect == .draft4, let id = schema["id"]?.stringValue { return id }
        return nil
    }

    private mutating func resolve(_ reference: PendingReference) throws(SchemaError) -> Int {
        let (uri, fragment) = SchemaURI.splitFragment(reference.target)
        let pointer: String
        if let root = resources[uri] {
            if fragment.isEmpty || fragment.hasPrefix("/") {
                pointer = root + (Self.percentDecode(fragment) ?? fragment)
            } else if let anchored = anchors[reference.target] {
                pointer = anchored
            } else {
                throw SchemaError(
                    code: .unresolvableReference,
                    reason: "'$ref' names the anchor '\(fragment)', which no '$anchor' in the schema declares",
                    location: reference.location)
            }
        } else {
            throw SchemaError(
                code: .unresolvableReference,
                reason: "'$ref' points to '\(reference.target)', which is not in this schema (remote schemas are "
                    + "not fetched)",
                location: reference.location)
        }
        if let known = nodeByPointer[pointer] { return known }
        guard let value = Self.value(at: pointer, in: document) else {
            throw SchemaError(
                code: .unresolvableReference,
                reason: "'$ref' points to '\(reference.target)', but nothing is at '#\(pointer)' in the schema",
                location: reference.location)
        }
        let resourceRoot = pointerOfResource(containing: pointer)
        let base = resources.first { $0.value == resourceRoot }?.key ?? Self.defaultBase
        return try compileSchema(value, pointer: pointer, base: base, depth: 0)
    }

    /// The pointer of the innermost resource whose root is a prefix of `pointer`.
    private func pointerOfResource(containing pointer: String) -> String {
        var best = ""
        for root in resources.values where root.count > best.count {
            guard pointer == root || pointer.hasPrefix(root + "/") else { continue }
            best = root
        }
        return best
    }

    /// Follows a JSON Pointer (RFC 6901, already percent-decoded) from the document root.
    static func value(at pointer: String, in document: JSONValue) -> JSONValue? {
        guard !pointer.isEmpty else { return document }
        guard pointer.hasPrefix("/") else { return nil }
        var current = document
        for rawToken in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = unescapeToken(rawToken)
            switch current {
            case .object(let object):
                guard let next = object[token] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(token), index >= 0, index < items.count,
                    token == "0" || !token.hasPrefix("0")
                else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    static func percentDecode(_ text: String) -> String? {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                    let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
                else { return nil }
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Escapes a member name for use as a JSON Pointer token (`~` → `~0`, `/` → `~1`). (Every subschema's pointer
    /// is made with it, so the common case, a name with neither, is found on the UTF-8 code units.)
    static func escapeToken(_ key: String) -> String {
        guard key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return key }
        var result = ""
        for character in key {
            switch character {
            case "~": result += "~0"
            case "/": result += "~1"
            default: result.append(character)
            }
        }
        return result
    }

    /// Reverses `escapeToken`.
    static func unescapeToken(_ token: Substring) -> String {
        guard token.utf8.contains(UInt8(ascii: "~")) else { return String(token) }
        var result = ""
        var index = token.startIndex
        while index < token.endIndex {
            let character = token[index]
            let next = token.index(after: index)
            if character == "~", next < token.endIndex, token[next] == "0" || token[next] == "1" {
                result.append(token[next] == "0" ? "~" : "/")
                index = token.index(after: next)
            } else {
                result.append(character)
                index = next
            }
        }
        return result
    }

    // MARK: Schemas

    private mutating func compileSchema(_ value: JSONValue, pointer: String, base: String, depth: Int)
        throws(SchemaError) -> Int
    {
        if let known = nodeByPointer[pointer] { return known }
        let location = "#" + pointer
        guard nodes.count < Self.maxNodes else {
            throw SchemaError(
                code: .tooLarge, reason: "the schema has more than \(Self.maxNodes) subschemas", location: location)
        }
        guard depth < Self.maxDepth else {
            throw SchemaError(
                code: .tooLarge, reason: "subschemas are nested more than \(Self.maxDepth) levels deep",
                location: location)
        }
        let index = nodes.count
        nodes.append(SchemaNode(location: location, constant: nil, keywords: []))
        nodeByPointer[pointer] = index
        switch value {
        case .bool(let constant):
            nodes[index].constant = constant
        case .object(let object):
            var context = NodeContext(object: object, pointer: pointer, base: base, depth: depth)
            try registerIdentifiers(&context)
            nodes[index].keywords = try compileKeywords(&context)
        default:
            throw SchemaError(
                code: .invalidSchema, reason: "a schema must be an object or a boolean, not \(value.kindName)",
                location: location)
        }
        return index
    }

    private struct NodeContext {
        var object: JSONObject
        var pointer: String
        var base: String
        var depth: Int

        func location(_ keyword: String) -> String {
            "#" + pointer + "/" + SchemaCompiler.escapeToken(keyword)
        }
    }

    private mutating func registerIdentifiers(_ context: inout NodeContext) throws(SchemaError) {
        let here = "#" + context.pointer
        if context.pointer.isEmpty { resources[Self.defaultBase] = "" }
        if let id = identifierValue(of: .object(context.object)) {
            if id.hasPrefix("#") && dialect != .modern {
                // Drafts 4 to 7 spell a plain-name anchor as an `$id` fragment.
                anchors[context.base + id] = context.pointer
            } else {
                let resolved = SchemaURI.resolve(id, against: context.base)
                let (uri, fragment) = SchemaURI.splitFragment(resolved)
                guard fragment.isEmpty || dialect != .modern else {
                    throw SchemaError(
                        code: .invalidKeyword, reason: "'$id' must not contain a fragment ('#\(fragment)')",
                        location: here)
                }
                context.base = uri
                if resources[uri] == nil { resources[uri] = context.pointer }
            }
        } else if context.object["$id"] != nil {
            throw SchemaError(code: .invalidKeyword, reason: "'$id' must be a string", location: here)
        }
        if let anchor = context.object["$anchor"] {
            guard let name = anchor.stringValue, !name.isEmpty else {
                throw SchemaError(code: .invalidKeyword, reason: "'$anchor' must be a name", location: here)
            }
            anchors[context.base + "#" + name] = context.pointer
        }
    }

    private mutating func subschema(_ value: JSONValue, _ context: NodeContext, _ tokens: String...)
        throws(SchemaError) -> Int
    {
        let pointer = context.pointer + tokens.map { "/" + Self.escapeToken($0) }.joined()
        return try compileSchema(value, pointer: pointer, base: context.base, depth: context.depth + 1)
    }

    private mutating func compileKeywords(_ context: inout NodeContext) throws(SchemaError) -> [SchemaKeywordEntry] {
        let object = context.object
        var entries: [SchemaKeywordEntry] = []
        func add(_ name: String, _ keyword: SchemaKeyword) {
            entries.append(SchemaKeywordEntry(name: name, keyword: keyword))
        }

        for unsupported in ["$recursiveRef", "$dynamicRef", "unevaluatedProperties", "unevaluatedItems"]
        where object[unsupported] != nil {
            throw SchemaError(
                code: .unsupportedKeyword,
                reason: "the keyword '\(unsupported)' is not supported by this validator",
                location: context.location(unsupported))
        }

        // Definitions are compiled up front so that a broken one is reported even if nothing refers to it yet.
        for container in ["$defs", "definitions"] {
            guard let definitions = object[container] else { continue }
            guard case .object(let members) = definitions else {
                throw SchemaError(
                    code: .invalidKeyword, reason: "'\(container)' must be an object of schemas",
                    location: context.location(container))
            }
            for member in members {
                _ = try subschema(member.value, context, container, member.key)
            }
        }

        if let reference = object["$ref"] {
            guard let target = reference.stringValue else {
                throw SchemaError(
                    code: .invalidKeyword, reason: "'$ref' must be a URI reference string",
                    location: context.location("$ref"))
            }
            pendingReferences.append(
                PendingReference(
                    node: nodeByPointer[context.pointer]!, keyword: entries.count,
                    target: SchemaURI.resolve(target, against: context.base), location: context.location("$ref")))
            add("$ref", .ref(-1))
            if dialect != .modern { return entries }
        }

        if let value = object["type"] { add("type", .type(try typeSet(value, context))) }
        if let value = object["enum"] {
            guard case .array(let options) = value else {
                throw SchemaError(
                    code: .invalidKeyword, reason: "'enum' must be an array", location: context.location("enum"))
            }
            add("enum", .enumeration(options))
        }
        if let value = object["const"] { add("const", .constant(value)) }

        // Strings.
        if let value = object["minLength"] { add("minLength", .minLength(try count(value, "minLength", context))) }
        if let value = object["maxLength"] { add("maxLength", .maxLength(try count(value, "maxLength", context))) }
        if let value = object["pattern"] { add("pattern", .pattern(try regex(value, "pattern", context))) }
        if let value = object["format"] {
            guard let name = value.stringValue else {
                throw SchemaError(
                    code: .invalidKeyword, reason: "'format' must be a string", location: context.location("format"))
            }
            if let format = SchemaFormat(rawValue: name) { add("format", .format(format)) }
        }

        // Numbers.
        try compileNumericBounds(object, context, add)
        if let value = object["multipleOf"] {
            guard let number = value.numberValue, number.doubleValue > 0 else {
                throw SchemaError(
                    code: .invalidKeyword, reason: "'multipleOf' must be a number greater than 0",
                    location: context.location("multipleOf"))
            }
            add("multipleOf", .multipleOf(number))
        }

        // Objects.
        if let value = object["required"] {
            add("required", .required(try names(value, "required", context)))
        }
        var declared: Set<String> = []
        if let value = object["properties"] {
            let members = try schemaMap(value, "properties", context)
            var map: [String: Int] = [:]
            for member in members {
                map[member.key] = try subschema(member.value, context, "properties", member.key)
                declared.insert(member.key)
            }
            add("properties", .properties(map))
        }
        var patterns: [SchemaRegex] = []
        if let value = object["patternProperties"] {
            var compiled: [PatternSchema] = []
            for member in try schemaMap(value, "patternProperties", context) {
                let expression = try regex(.string(member.key), "patternProperties", context)
                patterns.append(expression)
                compiled.append(
                    PatternSchema(
                        regex: expression, node: try subschema(member.value, context, "patternProperties", member.key)))
            }
            add("patternProperties", .patternProperties(compiled))
        }
        // `"additionalProperties": true` (most Open Badges classes) asserts nothing: leave it out.
        if let value = object["additionalProperties"], value != .bool(true) {
            let node = try subschema(value, context, "additionalProperties")
            add("additionalProperties", .additionalProperties(node: node, declared: declared, patterns: patterns))
        }
        if let value = object["propertyNames"] {
            add("propertyNames", .propertyNames(try subschema(value, context, "propertyNames")))
        }
        if let value = object["minProperties"] {
            add("minProperties", .minProperties(try count(value, "minProperties", context)))
        }
        if let value = object["maxProperties"] {
            add("maxProperties", .maxProperties(try count(value, "maxProperties", context)))
        }
        var requirements: [NamedRequirement] = []
        var dependents: [NamedSchema] = []
        if let value = object["dependentRequired"] {
            for member in try schemaMap(value, "dependentRequired", context) {
                requirements.append(
                    NamedRequirement(name: member.key, required: try names(member.value, "dependentRequired", context)))
            }
        }
        if let value = object["dependentSchemas"] {
            for member in try schemaMap(value, "dependentSchemas", context) {
                dependents.append(
                    NamedSchema(
                        name: member.key, node: try subschema(member.value, context, "dependentSchemas", member.key)))
            }
        }
        if dialect != .modern, let value = object["dependencies"] {
            for member in try schemaMap(value, "dependencies", context) {
                if case .array = member.value {
                    requirements.append(
                        NamedRequirement(name: member.key, required: try names(member.value, "dependencies", context)))
                } else {
                    dependents.append(
                        NamedSchema(
                            name: member.key, node: try subschema(member.value, context, "dependencies", member.key)))
                }
            }
        }
        if !requirements.isEmpty { add("dependentRequired", .dependentRequired(requirements)) }
        if !dependents.isEmpty { add("dependentSchemas", .dependentSchemas(dependents)) }

        // Arrays.
        if let value = object["minItems"] { add("minItems", .minItems(try count(value, "minItems", context))) }
        if let value = object["maxItems"] { add("maxItems", .maxItems(try count(value, "maxItems", context))) }
        if let value = object["uniqueItems"] {
            guard let flag = value.boolValue else {
                throw SchemaError(
                    code: .invalidKeyword, reason: "'uniqueItems' must be a boolean",
                    location: context.location("uniqueItems"))
            }
            if flag { add("uniqueItems", .uniqueItems) }
        }
        try compileItems(object, context, add)
        if let value = object["contains"] {
            let node = try subschema(value, context, "contains")
            var minimum = 1
            var maximum: Int? = nil
            if let bound = object["minContains"] { minimum = try count(bound, "minContains", context) }
            if let bound = object["maxContains"] { maximum = try count(bound, "maxContains", context) }
            add("contains", .contains(node: node, minimum: minimum, maximum: maximum))
        }

        // Combinations.
        let combinations = [
            ("allOf", SchemaKeyword.allOf), ("anyOf", SchemaKeyword.anyOf), ("oneOf", SchemaKeyword.oneOf),
        ]
        for (name, build) in combinations {
            guard let value = object[name] else { continue }
            guard case .array(let branches) = value, !branches.isEmpty else {
                throw SchemaError(
                    code: .invalidKeyword, reason: "'\(name)' must be a non-empty array of schemas",
                    location: context.location(name))
            }
            var nodes: [Int] = []
            for (offset, branch) in branches.enumerated() {
                nodes.append(try subschema(branch, context, name, String(offset)))
            }
            add(name, build(nodes))
        }
        if let value = object["not"] { add("not", .not(try subschema(value, context, "not"))) }
        if let condition = object["if"] {
            let conditionNode = try subschema(condition, context, "if")
            var thenNode: Int? = nil
            var elseNode: Int? = nil
            if let value = object["then"] { thenNode = try subschema(value, context, "then") }
            if let value = object["else"] { elseNode = try subschema(value, context, "else") }
            if thenNode != nil || elseNode != nil {
                add("if", .conditional(condition: conditionNode, then: thenNode, otherwise: elseNode))
            }
        }
        return entries
    }

    private mutating func compileItems(
        _ object: JSONObject, _ context: NodeContext, _ add: (String, SchemaKeyword) -> Void
    ) throws(SchemaError) {
        var prefixCount: Int? = nil
        if let value = object["prefixItems"] {
            guard case .array(let schemas) = value, !schemas.isEmpty else {
                throw SchemaError(
                    code: .invalidKeyword, reason: "'prefixItems' must be a non-empty array of schemas",
                    location: context.location("prefixItems"))
            }
            var nodes: [Int] = []
            for (offset, schema) in schemas.enumerated() {
                nodes.append(try subschema(schema, context, "prefixItems", String(offset)))
            }
            add("prefixItems", .prefixItems(nodes))
            prefixCount = nodes.count
        }
        if let value = object["items"] {
            if case .array(let schemas) = value {
                guard prefixCount == nil else {
                    throw SchemaError(
                        code: .invalidKeyword, reason: "'items' must be a schema when 'prefixItems' is present",
                        location: context.location("items"))
                }
                var nodes: [Int] = []
                for (offset, schema) in schemas.enumerated() {
                    nodes.append(try subschema(schema, context, "items", String(offset)))
                }
                add("items", .prefixItems(nodes))
                if let additional = object["additionalItems"] {
                    let node = try subschema(additional, context, "additionalItems")
                    add("additionalItems", .remainingItems(node: node, from: nodes.count))
                }
            } else {
                let node = try subschema(value, context, "items")
                add("items", .remainingItems(node: node, from: prefixCount ?? 0))
            }
        }
    }

    private func compileNumericBounds(
        _ object: JSONObject, _ context: NodeContext, _ add: (String, SchemaKeyword) -> Void
    ) throws(SchemaError) {
        func number(_ name: String) throws(SchemaError) -> JSONNumber? {
            guard let value = object[name] else { return nil }
            guard let number = value.numberValue else {
                throw SchemaError(
                    code: .invalidKeyword, reason: "'\(name)' must be a number", location: context.location(name))
            }
            return number
        }
        if dialect == .draft4 {
            func flag(_ name: String) throws(SchemaError) -> Bool {
                guard let value = object[name] else { return false }
                guard let flag = value.boolValue else {
                    throw SchemaError(
                        code: .invalidKeyword, reason: "'\(name)' must be a boolean in draft 4",
                        location: context.location(name))
                }
                return flag
            }
            let exclusiveMinimum = try flag("exclusiveMinimum")
            let exclusiveMaximum = try flag("exclusiveMaximum")
            if let bound = try number("minimum") {
                add(exclusiveMinimum ? "exclusiveMinimum" : "minimum", .minimum(bound, exclusive: exclusiveMinimum))
            }
            if let bound = try number("maximum") {
                add(exclusiveMaximum ? "exclusiveMaximum" : "maximum", .maximum(bound, exclusive: exclusiveMaximum))
            }
            return
        }
        if let bound = try number("minimum") { add("minimum", .minimum(bound, exclusive: false)) }
        if let bound = try number("exclusiveMinimum") { add("exclusiveMinimum", .minimum(bound, exclusive: true)) }
        if let bound = try number("maximum") { add("maximum", .maximum(bound, exclusive: false)) }
        if let bound = try number("exclusiveMaximum") { add("exclusiveMaximum", .maximum(bound, exclusive: true)) }
    }

    // MARK: Keyword values

    private func typeSet(_ value: JSONValue, _ context: NodeContext) throws(SchemaError) -> JSONTypeSet {
        func lookup(_ name: String) throws(SchemaError) -> JSONTypeSet {
            guard let type = JSONTypeSet.names.first(where: { $0.0 == name })?.1 else {
                throw SchemaError(
                    code: .invalidKeyword, reason: "'\(name)' is not a JSON Schema type",
                    location: context.location("type"))
            }
            return type
        }
        switch value {
        case .string(let name):
            return try lookup(name)
        case .array(let names) where !names.isEmpty:
            var set: JSONTypeSet = []
            for name in names {
                guard let text = name.stringValue else {
                    throw SchemaError(
                        code: .invalidKeyword, reason: "'type' must list type names",
                        location: context.location("type"))
                }
                set.insert(try lookup(text))
            }
            return set
        default:
            throw SchemaError(
                code: .invalidKeyword, reason: "'type' must be a type name or a non-empty array of them",
                location: context.location("type"))
        }
    }

    private func count(_ value: JSONValue, _ name: String, _ context: NodeContext) throws(SchemaError) -> Int {
        guard let number = value.numberValue, let decimal = DecimalValue(lexeme: number.lexeme), decimal.isInteger,
            !decimal.negative, let count = Int(exactly: number.doubleValue)
        else {
            throw SchemaError(
                code: .invalidKeyword, reason: "'\(name)' must be a non-negative integer",
                location: context.location(name))
        }
        return count
    }

    private func names(_ value: JSONValue, _ name: String, _ context: NodeContext) throws(SchemaError) -> [String] {
        guard case .array(let items) = value else {
            throw SchemaError(
                code: .invalidKeyword, reason: "'\(name)' must be an array of member names",
                location: context.location(name))
        }
        var result: [String] = []
        for item in items {
            guard let text = item.stringValue else {
                throw SchemaError(
                    code: .invalidKeyword, reason: "'\(name)' must list member names as strings",
                    location: context.location(name))
            }
            result.append(text)
        }
        return result
    }

    private func schemaMap(_ value: JSONValue, _ name: String, _ context: NodeContext) throws(SchemaError)
        -> JSONObject
    {
        guard case .object(let members) = value else {
            throw SchemaError(
                code: .invalidKeyword, reason: "'\(name)' must be an object", location: context.location(name))
        }
        return members
    }

    private func regex(_ value: JSONValue, _ name: String, _ context: NodeContext) throws(SchemaError) -> SchemaRegex {
        guard let pattern = value.stringValue else {
            throw SchemaError(
                code: .invalidKeyword, reason: "'\(name)' must be a regular expression string",
                location: context.location(name))
        }
        do {
            return try SchemaRegex(pattern)
        } catch {
            throw SchemaError(
                code: .invalidPattern, reason: "the pattern '\(pattern)' cannot be used: \(error.reason)",
                location: context.location(name))
        }
    }
}

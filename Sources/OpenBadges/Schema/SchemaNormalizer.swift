import LinkedData

/// Wraps single values in arrays wherever the schema expects an array, walking the instance and the schema
/// together (through `$ref`, `allOf`, the matching `oneOf`/`anyOf` alternative, `if`/`then`/`else`,
/// properties and items).
///
/// Open Badges 3.0 §A.2.1 lets a document compact `type`, `proof`, `credentialSchema` and the like to a single
/// value, and notes that such documents "MAY not pass canonical JSON Schema files"; a verifier normalises
/// before it validates so that only real problems are reported.
struct SchemaNormalizer {
    private var evaluator: SchemaEvaluator
    private let nodes: [SchemaNode]
    private var depth = 0

    init(schema: CompiledSchema, maxDepth: Int, maxSteps: Int, memo: SchemaMemo? = nil) {
        evaluator = SchemaEvaluator(
            schema: schema, assertFormats: true, maxDepth: maxDepth, maxSteps: maxSteps, memo: memo)
        nodes = schema.nodes
    }

    /// The value with single values wrapped where the node expects arrays, or `nil` when nothing changes.
    mutating func normalize(_ original: JSONValue, _ index: Int) -> JSONValue? {
        guard depth < evaluator.maxDepth, evaluator.exhausted == nil else { return nil }
        let node = nodes[index]
        if node.keywords.isEmpty { return nil }
        depth += 1
        defer { depth -= 1 }
        var value = original
        var changed = false
        func apply(_ result: JSONValue?) {
            if let result {
                value = result
                changed = true
            }
        }
        for entry in node.keywords {
            if case .type(let types) = entry.keyword, types.contains(.array), !value.isNull,
                !SchemaEvaluator.admits(types, value)
            {
                apply(.array([value]))
            }
        }
        for entry in node.keywords {
            switch entry.keyword {
            case .ref(let target):
                apply(normalize(value, target))
            case .allOf(let branches):
                for branch in branches { apply(normalize(value, branch)) }
            case .anyOf(let branches), .oneOf(let branches):
                apply(normalizeChoice(value, branches))
            case .conditional(let condition, let then, let otherwise):
                if evaluator.isValid(condition, value) {
                    if let then { apply(normalize(value, then)) }
                } else if let otherwise {
                    apply(normalize(value, otherwise))
                }
            case .dependentSchemas(let dependents):
                for dependent in dependents where value[dependent.name] != nil {
                    apply(normalize(value, dependent.node))
                }
            case .properties(let map):
                apply(mapMembers(value) { key in map[key] })
            case .patternProperties(let patterns):
                apply(mapMembers(value) { key in patterns.first { $0.regex.matches(key) }?.node })
            case .additionalProperties(let child, let declared, let patterns):
                apply(
                    mapMembers(value) { key in
                        declared.contains(key) || patterns.contains { $0.matches(key) } ? nil : child
                    })
            case .prefixItems(let schemas):
                apply(mapItems(value) { position in position < schemas.count ? schemas[position] : nil })
            case .remainingItems(let child, let start):
                apply(mapItems(value) { position in position >= start ? child : nil })
            default:
                continue
            }
        }
        // (not a ternary: `nil` there would become JSONValue.null through ExpressibleByNilLiteral)
        guard changed else { return Optional.none }
        return value
    }

    /// Picks the alternative the value was meant for: first those that admit its JSON type as it is, then the
    /// others (which may wrap it); the first whose normalised result validates wins.
    private mutating func normalizeChoice(_ value: JSONValue, _ branches: [Int]) -> JSONValue? {
        let direct = branches.filter { admitsKind($0, value, depth: 0) }
        for branch in direct + branches.filter({ !direct.contains($0) }) {
            let candidate = normalize(value, branch)
            if evaluator.isValid(branch, candidate ?? value) { return candidate }
        }
        if let first = direct.first { return normalize(value, first) }
        return nil
    }

    /// False when a `type` keyword on the node (or on what it refers to) rules out the value's JSON type.
    private func admitsKind(_ index: Int, _ value: JSONValue, depth: Int) -> Bool {
        guard depth < 8 else { return true }
        let node = nodes[index]
        if let constant = node.constant { return constant }
        for entry in node.keywords {
            switch entry.keyword {
            case .type(let types):
                if !SchemaEvaluator.admits(types, value) { return false }
            case .ref(let target):
                if !admitsKind(target, value, depth: depth + 1) { return false }
            case .allOf(let branches):
                for branch in branches where !admitsKind(branch, value, depth: depth + 1) { return false }
            default:
                continue
            }
        }
        return true
    }

    private mutating func mapMembers(_ value: JSONValue, _ schemaFor: (String) -> Int?) -> JSONValue? {
        guard case .object(let object) = value else { return nil }
        var result = object
        var changed = false
        for member in object {
            guard let child = schemaFor(member.key), let normalized = normalize(member.value, child) else { continue }
            result[member.key] = normalized
            changed = true
        }
        guard changed else { return Optional.none }
        return .object(result)
    }

    private mutating func mapItems(_ value: JSONValue, _ schemaFor: (Int) -> Int?) -> JSONValue? {
        guard case .array(let items) = value else { return nil }
        var result = items
        var changed = false
        for (position, item) in items.enumerated() {
            guard let child = schemaFor(position), let normalized = normalize(item, child) else { continue }
            result[position] = normalized
            changed = true
        }
        guard changed else { return Optional.none }
        return .array(result)
    }
}

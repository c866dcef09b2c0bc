import LinkedData

/// Outcomes of subschemas already applied, kept between validations of documents that share parts: the
/// credentials of one batch carry the same issuer, achievement and contexts, and each is then checked once.
///
/// Applying a compiled subschema to an instance gives the same outcome wherever and whenever it is done (the
/// keywords `unevaluatedProperties`, `$recursiveRef` and `$dynamicRef`, whose outcome would depend on the
/// surroundings, are refused when a schema is compiled), so a validation with a memo reports exactly what one
/// without it reports — the same violations, the same limits reached — and only does less work. Objects, arrays
/// and strings are remembered where the subschema does more than check a type or a length; an instance shared by
/// reference (the same issuer value put into every credential of a batch) is recognised without comparing it
/// member by member.
///
/// A memo belongs to one thread at a time (it is not `Sendable`): give each worker its own. It holds a few
/// instances per subschema, so its memory stays small; it may be used with any validator (it starts afresh when
/// the schema or the options change).
public final class SchemaMemo {
    private var current: Table?

    public init() {}

    func table(for schema: CompiledSchema, assertFormats: Bool) -> Table {
        if let current, current.schema === schema, current.assertFormats == assertFormats { return current }
        let table = Table(schema: schema, assertFormats: assertFormats)
        current = table
        return table
    }

    /// The remembered outcomes for one compiled schema, by node.
    final class Table {
        struct Outcome {
            var instance: JSONValue
            var valid: Bool
            /// Schema applications the evaluation took, and how many levels deeper than its start it went.
            var steps: Int
            var depth: Int
        }

        /// Two outcomes per node, the latest first.
        private struct Slot {
            var latest: Outcome?
            var earlier: Outcome?
        }

        let schema: CompiledSchema
        let assertFormats: Bool
        private let eligible: [Bool]
        private var slots: [Slot]

        init(schema: CompiledSchema, assertFormats: Bool) {
            self.schema = schema
            self.assertFormats = assertFormats
            eligible = schema.nodes.map(Self.worthRemembering)
            slots = Array(repeating: Slot(), count: schema.nodes.count)
        }

        /// Whether an outcome of `node` for `instance` is kept: containers and strings, at nodes that apply
        /// other subschemas or match patterns and formats (a type or length check costs less than a look-up).
        @inline(__always)
        func isEligible(_ node: Int, _ instance: JSONValue) -> Bool {
            guard eligible[node] else { return false }
            switch instance {
            case .object, .array, .string: return true
            case .null, .bool, .number: return false
            }
        }

        func lookup(_ node: Int, _ instance: JSONValue) -> Outcome? {
            let slot = slots[node]
            if let latest = slot.latest, Self.same(latest.instance, instance) { return latest }
            if let earlier = slot.earlier, Self.same(earlier.instance, instance) { return earlier }
            return nil
        }

        func store(_ node: Int, _ instance: JSONValue, valid: Bool, steps: Int, depth: Int) {
            let outcome = Outcome(instance: instance, valid: valid, steps: steps, depth: depth)
            slots[node].earlier = slots[node].latest
            slots[node].latest = outcome
        }

        /// Equal as JSON values (`==`: same kinds, members in the same order, strings code unit for code unit);
        /// arrays that share storage compare equal at once.
        @inline(__always)
        private static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
            switch (a, b) {
            case (.string(let x), .string(let y)): x.utf8.count == y.utf8.count && a == b
            case (.object(let x), .object(let y)): x.count == y.count && a == b
            case (.array(let x), .array(let y)): x.count == y.count && a == b
            default: false
            }
        }

        private static func worthRemembering(_ node: SchemaNode) -> Bool {
            if node.constant != nil { return false }
            return node.keywords.contains { entry in
                switch entry.keyword {
                case .properties, .patternProperties, .additionalProperties, .propertyNames, .dependentSchemas,
                    .prefixItems, .remainingItems, .contains, .allOf, .anyOf, .oneOf, .not, .conditional, .pattern,
                    .format, .enumeration, .uniqueItems:
                    return true
                case .ref, .type, .constant, .required, .dependentRequired, .minProperties, .maxProperties,
                    .minItems, .maxItems, .minLength, .maxLength, .minimum, .maximum, .multipleOf:
                    return false
                }
            }
        }
    }
}

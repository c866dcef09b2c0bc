public import LinkedData

/// A compiled JSON Schema that validates `JSONValue` instances and says what is wrong and where.
///
/// Supports the keywords of JSON Schema draft 2019-09 that the Open Badges 3.0, CLR 2.0 and VCDM 2.0 schemas
/// use, and the rest of the validation vocabulary besides:
///
/// - core: `$schema`, `$id`, `$anchor`, `$ref` (JSON Pointer fragments, anchors, embedded `$id`s — within the
///   one document; nothing is fetched), `$defs`, `$comment`;
/// - applicators: `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`, `properties`, `patternProperties`,
///   `additionalProperties`, `propertyNames`, `dependentSchemas`, `items` (schema or array),
///   `additionalItems`, `prefixItems` (2020-12), `contains` with `minContains`/`maxContains`;
/// - validation: `type`, `enum`, `const`, `minLength`, `maxLength`, `pattern`, `minimum`, `maximum`,
///   `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`, `required`, `dependentRequired`, `minProperties`,
///   `maxProperties`, `minItems`, `maxItems`, `uniqueItems`;
/// - `format`, asserted for `date-time`, `date`, `time`, `email`, `idn-email`, `hostname`, `ipv4`, `uri`,
///   `uri-reference`, `iri`, `iri-reference` and `uuid` (other formats are annotations);
/// - draft 4 to 7 documents: `id`, `definitions`, `dependencies`, boolean `exclusiveMinimum`/`exclusiveMaximum`
///   (draft 4), and `$ref` overriding its siblings.
///
/// `unevaluatedProperties`, `unevaluatedItems`, `$recursiveRef` and `$dynamicRef` are refused at compile time
/// rather than silently ignored. Patterns are ECMA-262 regular expressions without back-references or
/// look-around, matched in linear time.
///
/// Compile once and reuse: a validator is immutable and `Sendable`.
public struct JSONSchemaValidator: Sendable {
    /// Knobs for validation. The defaults suit credentials.
    public struct Options: Sendable, Hashable {
        /// Whether `format` fails values that are not of the named format (JSON Schema 2019-09 leaves this to
        /// the validator; Open Badges' `DateTimeZ` needs it).
        public var assertFormats: Bool
        /// Deepest nesting of subschema applications for one instance (instance depth times schema nesting).
        public var maxDepth: Int
        /// Most subschema applications for one validation; beyond it validation stops with a `limit` violation.
        public var maxSteps: Int

        public init(assertFormats: Bool = true, maxDepth: Int = 512, maxSteps: Int = 2_000_000) {
            self.assertFormats = assertFormats
            self.maxDepth = maxDepth
            self.maxSteps = maxSteps
        }
    }

    let compiled: CompiledSchema
    /// The options given at creation.
    public let options: Options

    /// Compiles a schema document.
    ///
    /// - Throws: `SchemaError` when the schema is malformed, uses an unsupported keyword or pattern, or has a
    ///   `$ref` that does not resolve within the document.
    public init(schema: JSONValue, options: Options = Options()) throws(SchemaError) {
        var compiler = SchemaCompiler(document: schema)
        compiled = try compiler.compile()
        self.options = options
    }

    /// Parses and compiles a schema document given as JSON text.
    public init(schemaText: String, options: Options = Options()) throws(SchemaError) {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: schemaText)
        } catch {
            throw SchemaError(code: .invalidJSON, reason: "the schema is not valid JSON: \(error)", location: "#")
        }
        try self.init(schema: document, options: options)
    }

    /// The `$id` of the schema (without fragment), if it declares one.
    public var schemaID: String? { compiled.identifier }

    /// Every violation of the schema by `instance`; empty when the instance is valid. A `memo` shared by
    /// validations of documents with common parts (one per thread) checks each common part once; the answer is
    /// the same with or without it.
    public func validate(_ instance: JSONValue, memo: SchemaMemo? = nil) -> [SchemaViolation] {
        var evaluator = makeEvaluator(memo: memo)
        var errors: [SchemaViolation]? = []
        let valid = evaluator.evaluate(CompiledSchema.root, instance, &errors)
        var result = errors ?? []
        if let limit = evaluator.limitViolation { result.append(limit) }
        if !valid && result.isEmpty {
            result.append(SchemaViolation(path: "", keyword: "schema", message: "does not match the schema"))
        }
        return result
    }

    /// True when `instance` is valid (stops at the first violation).
    public func isValid(_ instance: JSONValue, memo: SchemaMemo? = nil) -> Bool {
        var evaluator = makeEvaluator(memo: memo)
        return evaluator.isValid(CompiledSchema.root, instance)
    }

    /// A copy of `instance` with single values wrapped in one-element arrays wherever the schema expects an
    /// array: `"type": "Alignment"` becomes `"type": ["Alignment"]`, a lone `proof` object becomes a
    /// one-proof array, at every level the schema describes.
    ///
    /// Open Badges 3.0 allows these compacted forms (§A.2.1) while its JSON Schemas do not, so a verifier
    /// normalises before validating. Nothing else changes: member order, other values and number lexemes stay
    /// as they were. `null` is never wrapped.
    public func normalizingSingleValues(_ instance: JSONValue, memo: SchemaMemo? = nil) -> JSONValue {
        var normalizer = SchemaNormalizer(
            schema: compiled, maxDepth: options.maxDepth, maxSteps: options.maxSteps, memo: memo)
        return normalizer.normalize(instance, CompiledSchema.root) ?? instance
    }

    /// Validates the instance after `normalizingSingleValues(_:)`: what a verifier reports.
    public func validateNormalizingSingleValues(_ instance: JSONValue, memo: SchemaMemo? = nil) -> [SchemaViolation] {
        validate(normalizingSingleValues(instance, memo: memo), memo: memo)
    }

    private func makeEvaluator(memo: SchemaMemo?) -> SchemaEvaluator {
        SchemaEvaluator(
            schema: compiled, assertFormats: options.assertFormats, maxDepth: options.maxDepth,
            maxSteps: options.maxSteps, memo: memo)
    }
}

import Testing
import LinkedData
@testable import OpenBadges

/// Hostile schemas and instances end in a clear violation or error, never a crash or a hang.
@Suite struct SchemaLimitTests {
    @Test("a $ref loop that never moves into the instance stops at the depth limit with a violation")
    func referenceLoop() throws {
        for schema in [
            ##"{"$ref": "#"}"##,
            ##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}"##,
        ] {
            let validator = try SchemaFixtures.validator(schema)
            let violations = validator.validate(["a": 1])
            #expect(violations.count == 1, "\(schema)")
            #expect(violations.first?.keyword == "limit")
            #expect(violations.first?.message.contains("nest more than 512 levels") == true)
            #expect(!validator.isValid(1))
            #expect(validator.normalizingSingleValues(["a": 1]) == ["a": 1])
        }
    }

    @Test("a recursive schema follows a deep instance, and the step budget stops runaway work")
    func budgets() throws {
        let recursive = try SchemaFixtures.validator(##"{"items": {"$ref": "#"}, "type": "array"}"##)
        var deep: JSONValue = []
        for _ in 0..<100 { deep = [deep] }
        #expect(recursive.validate(deep).isEmpty)

        let wide = JSONValue.array(Array(repeating: ["a": 1], count: 1_000))
        let budgeted = try SchemaFixtures.validator(
            #"{"items": {"properties": {"a": {"type": "string"}}}}"#, options: .init(maxSteps: 500))
        let violations = budgeted.validate(wide)
        #expect(violations.last?.keyword == "limit")
        #expect(violations.last?.message.contains("after 500 schema checks") == true)
        // Within budget every item is reported.
        let full = try SchemaFixtures.validator(#"{"items": {"properties": {"a": {"type": "string"}}}}"#)
        #expect(full.validate(wide).count == 1_000)
    }

    @Test("nested anyOf alternatives over a deep instance stay within the step budget")
    func alternativesDoNotExplode() throws {
        // Each level tries two alternatives that both recurse: without a budget this is 2^depth work.
        let schema = ##"{"anyOf": [{"items": {"$ref": "#"}, "maxItems": 0}, {"items": {"$ref": "#"}}]}"##
        let validator = try SchemaFixtures.validator(schema, options: .init(maxSteps: 100_000))
        var deep: JSONValue = 1
        for _ in 0..<60 { deep = [deep, deep] }
        let violations = validator.validate(deep)
        #expect(violations.count <= 1)
        #expect(violations.allSatisfy { $0.keyword == "limit" })
    }

    @Test("a schema nested deeper than the compiler allows is refused")
    func deepSchema() {
        var schema = "true"
        for _ in 0..<300 { schema = #"{"items": "# + schema + "}" }
        #expect(throws: SchemaError.self) {
            _ = try JSONSchemaValidator(schema: try JSONParser(limits: .init(maxDepth: 1_000)).parse(schema))
        }
    }

    @Test("long strings are matched in linear time by the schema patterns")
    func longStrings() throws {
        let validator = try SchemaFixtures.validator(#"{"pattern": "^([a-z]+)*$"}"#)
        let text = String(repeating: "a", count: 200_000) + "1"
        #expect(validator.validate(.string(text)).first?.keyword == "pattern")
    }
}

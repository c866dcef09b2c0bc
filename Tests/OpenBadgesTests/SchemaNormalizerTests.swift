import Testing
import LinkedData
@testable import OpenBadges

/// Wrapping single values where the schema expects arrays, before validating.
@Suite struct SchemaNormalizerTests {
    func normalize(_ schema: String, _ instance: String) throws -> JSONValue {
        try SchemaFixtures.validator(schema).normalizingSingleValues(try JSONValue(parsing: instance))
    }

    @Test("single values become one-element arrays where the schema says array, and nowhere else")
    func wrapsWhereArraysAreExpected() throws {
        let schema = ##"""
            {"type": "object",
             "properties": {
               "type": {"type": "array", "items": {"type": "string"}},
               "name": {"type": "string"},
               "either": {"type": ["array", "string"]},
               "proof": {"type": "array", "items": {"$ref": "#/$defs/Proof"}}},
             "$defs": {"Proof": {"type": "object", "properties": {"type": {"type": "array"}}}}}
            """##
        let result = try normalize(
            schema, #"{"name": "n", "type": "T", "either": "s", "proof": {"type": "P", "x": 1}, "other": "o"}"#)
        let expected = #"""
            {"name": "n", "type": ["T"], "either": "s", "proof": [{"type": ["P"], "x": 1}], "other": "o"}
            """#
        #expect(result == (try JSONValue(parsing: expected)))
        // Member order is kept and arrays already present are left alone.
        #expect(result.objectValue?.keys == ["name", "type", "either", "proof", "other"])
        #expect(try normalize(schema, #"{"type": ["A", "B"]}"#) == (try JSONValue(parsing: #"{"type": ["A", "B"]}"#)))
    }

    @Test("null is never wrapped, and a document of the wrong shape is returned unchanged")
    func leavesNullAndMismatches() throws {
        let schema = #"{"properties": {"type": {"type": "array"}}}"#
        #expect(try normalize(schema, #"{"type": null}"#) == (try JSONValue(parsing: #"{"type": null}"#)))
        #expect(try normalize(schema, #"["type"]"#) == (try JSONValue(parsing: #"["type"]"#)))
    }

    @Test("through allOf, items, additionalProperties and the oneOf alternative that fits")
    func followsApplicators() throws {
        let schema = ##"""
            {"properties": {
               "type": {"allOf": [{"type": "array", "contains": {"const": "A"}}, {"type": "array"}]},
               "list": {"items": {"properties": {"type": {"type": "array"}}}},
               "ref": {"oneOf": [{"type": "string"}, {"$ref": "#/$defs/Obj"}]},
               "multi": {"oneOf": [{"type": "object"}, {"type": "array", "items": {"type": "object"}}]}},
             "additionalProperties": {"properties": {"tags": {"type": "array"}}},
             "$defs": {"Obj": {"type": "object", "properties": {"type": {"type": "array"}}}}}
            """##
        let result = try normalize(
            schema,
            #"""
            {"type": "A", "list": [{"type": "x"}, {"type": ["y"]}], "ref": {"type": "Obj"}, "multi": {"a": 1},
             "extra": {"tags": "t"}, "plain": "p"}
            """#)
        let expected = try JSONValue(
            parsing: #"""
                {"type": ["A"], "list": [{"type": ["x"]}, {"type": ["y"]}], "ref": {"type": ["Obj"]}, "multi": {"a": 1},
                 "extra": {"tags": ["t"]}, "plain": "p"}
                """#)
        #expect(result == expected)
        // A string where a oneOf allows a string stays a string.
        let plain = #"{"ref": "https://example.com"}"#
        #expect(try normalize(schema, plain) == (try JSONValue(parsing: plain)))
    }

    @Test("if/then/else and tuple items are followed")
    func conditionalAndTuples() throws {
        let schema = #"""
            {"if": {"required": ["kind"]}, "then": {"properties": {"values": {"type": "array"}}},
             "properties": {"pair": {"items": [{"type": "array"}, {"type": "string"}]}}}
            """#
        #expect(
            try normalize(schema, #"{"kind": 1, "values": 2, "pair": ["a", "b"]}"#)
                == (try JSONValue(parsing: #"{"kind": 1, "values": [2], "pair": [["a"], "b"]}"#)))
        #expect(try normalize(schema, #"{"values": 2}"#) == (try JSONValue(parsing: #"{"values": 2}"#)))
    }

    @Test("a compacted endorsement inside an achievement is normalised too")
    func nestedEndorsement() throws {
        let credential = try SchemaFixtures.load("spec-examples/fullOpenBadge.json")
        let endorsements = credential.schemaTestValue(at: "credentialSubject.achievement")?["endorsement"]
        let endorsement = try #require(endorsements?.arrayValue?.first)
        var compact = try #require(endorsement.objectValue)
        compact["proof"] = try #require(endorsement["proof"]?.arrayValue?.first)
        var subject = try #require(endorsement["credentialSubject"]?.objectValue)
        subject["type"] = "EndorsementSubject"
        compact["credentialSubject"] = .object(subject)

        var achievement = try #require(credential.schemaTestValue(at: "credentialSubject.achievement")?.objectValue)
        achievement["endorsement"] = [.object(compact)]
        var credentialSubject = try #require(credential["credentialSubject"]?.objectValue)
        credentialSubject["achievement"] = .object(achievement)
        var document = try #require(credential.objectValue)
        document["credentialSubject"] = .object(credentialSubject)

        let validator = OpenBadgesSchemas.achievementCredential
        #expect(
            Set(validator.validate(.object(document)).map(\.path)) == [
                "credentialSubject.achievement.endorsement[0].proof",
                "credentialSubject.achievement.endorsement[0].credentialSubject.type",
            ])
        #expect(validator.normalizingSingleValues(.object(document)) == credential)
    }
}

import Testing
import LinkedData
@testable import OpenBadges

/// Each keyword on a tiny schema: one instance that passes, and instances that fail with the exact violation.
@Suite struct SchemaKeywordTests {
    /// Validates `instance` against `schema` and returns `path|keyword|message` for each violation.
    func check(_ schema: String, _ instance: String, options: JSONSchemaValidator.Options = .init()) throws
        -> [String]
    {
        let validator = try SchemaFixtures.validator(schema, options: options)
        let violations = validator.validate(try JSONValue(parsing: instance))
        #expect(validator.isValid(try JSONValue(parsing: instance)) == violations.isEmpty)
        return violations.map { "\($0.path)|\($0.keyword)|\($0.message)" }
    }

    @Test("type: single names, lists, and integer as a whole number")
    func type() throws {
        #expect(try check(#"{"type": "string"}"#, #""x""#) == [])
        #expect(try check(#"{"type": "string"}"#, "3") == ["|type|must be a string, found a number (3)"])
        #expect(
            try check(#"{"type": ["array", "string"]}"#, "{}") == [
                "|type|must be an array or a string, found an object"
            ])
        #expect(try check(#"{"type": "integer"}"#, "1.0") == [])
        #expect(try check(#"{"type": "integer"}"#, "10e-1") == [])
        #expect(try check(#"{"type": "integer"}"#, "1.5") == ["|type|must be an integer, found a number (1.5)"])
        #expect(try check(#"{"type": "null"}"#, "null") == [])
        #expect(try check(#"{"type": "boolean"}"#, "null") == ["|type|must be a boolean, found a null (null)"])
    }

    @Test("enum and const compare by JSON value: numbers by value, objects regardless of member order")
    func enumAndConst() throws {
        #expect(try check(#"{"enum": ["a", 1, {"x": [1, 2]}]}"#, "1.0") == [])
        #expect(try check(#"{"enum": ["a", 1, {"x": [1, 2], "y": null}]}"#, #"{"y": null, "x": [1, 2.0]}"#) == [])
        #expect(try check(#"{"enum": ["a", "b"]}"#, #""c""#) == ["|enum|must be one of 'a', 'b', found 'c'"])
        #expect(try check(#"{"enum": ["a", "b"]}"#, #"["a"]"#) == ["|enum|must be one of 'a', 'b', found an array"])
        #expect(try check(#"{"const": "Image"}"#, #""Image""#) == [])
        #expect(try check(#"{"const": "Image"}"#, #""image""#) == ["|const|must be 'Image', found 'image'"])
        #expect(try check(#"{"const": false}"#, "0") == ["|const|must be false, found 0"])
        // Code points, not canonical equivalence: é precomposed is not e + combining acute.
        #expect(try check(#"{"const": "\u00e9"}"#, #""e\u0301""#).count == 1)
    }

    @Test("required, properties, additionalProperties and patternProperties report member paths")
    func objects() throws {
        let schema = #"""
            {"type": "object", "required": ["name", "id"],
             "properties": {"name": {"type": "string"}, "id": {"type": "string"}},
             "patternProperties": {"^x-": {"type": "number"}},
             "additionalProperties": false}
            """#
        #expect(try check(schema, #"{"name": "a", "id": "b", "x-n": 3}"#) == [])
        #expect(
            try check(schema, #"{"name": 1, "x-n": "3", "extra": true}"#) == [
                "|required|missing required member 'id'",
                "name|type|must be a string, found a number (1)",
                "x-n|type|must be a number, found a string ('3')",
                "extra|additionalProperties|member 'extra' is not allowed here (this object admits only the "
                    + "members its schema lists)",
            ])
        let typed = #"{"additionalProperties": {"type": "string"}, "properties": {"a": true}}"#
        #expect(try check(typed, #"{"a": 1, "b": 2}"#) == ["b|type|must be a string, found a number (2)"])
        #expect(try check(#"{"required": ["a"]}"#, "[]") == [])  // required applies to objects only
    }

    @Test("member names that are not plain words are quoted in paths")
    func pathRendering() throws {
        let schema = #"{"properties": {"a.b": {"items": {"properties": {"@context": {"type": "string"}}}}}}"#
        #expect(
            try check(schema, #"{"a.b": [{"@context": 1}]}"#) == [
                #"["a.b"][0].@context|type|must be a string, found a number (1)"#
            ])
    }

    @Test("propertyNames, minProperties, maxProperties, dependentRequired and dependentSchemas")
    func objectSizesAndDependencies() throws {
        #expect(
            try check(#"{"propertyNames": {"maxLength": 3}}"#, #"{"abcd": 1}"#) == [
                "abcd|maxLength|the member name is not allowed: must be at most 3 characters long, found 4"
            ])
        #expect(try check(#"{"minProperties": 1}"#, "{}") == ["|minProperties|must have at least 1 member, found 0"])
        #expect(
            try check(#"{"maxProperties": 1}"#, #"{"a": 1, "b": 2}"#) == [
                "|maxProperties|must have at most 1 member, found 2"
            ])
        let dependent = #"{"dependentRequired": {"hashed": ["salt"]}}"#
        #expect(try check(dependent, #"{"hashed": true, "salt": "s"}"#) == [])
        #expect(try check(dependent, #"{"salt": "s"}"#) == [])
        #expect(
            try check(dependent, #"{"hashed": true}"#) == [
                "|dependentRequired|missing member 'salt', which is required when 'hashed' is present"
            ])
        let schemas = #"{"dependentSchemas": {"a": {"required": ["b"]}}}"#
        #expect(try check(schemas, #"{"a": 1}"#) == ["|required|missing required member 'b'"])
        #expect(try check(schemas, #"{"c": 1}"#) == [])
    }

    @Test("items as a schema, items as an array with additionalItems, and prefixItems")
    func items() throws {
        #expect(
            try check(#"{"items": {"type": "string"}}"#, #"["a", 2, "c", null]"#) == [
                "[1]|type|must be a string, found a number (2)", "[3]|type|must be a string, found a null (null)",
            ])
        let tuple = #"{"items": [{"const": "first"}, {"type": "string"}], "additionalItems": {"type": "object"}}"#
        #expect(try check(tuple, #"["first", "x", {}, {}]"#) == [])
        #expect(
            try check(tuple, #"["second", 2, {}, 4]"#) == [
                "[0]|const|must be 'first', found 'second'", "[1]|type|must be a string, found a number (2)",
                "[3]|type|must be an object, found a number (4)",
            ])
        #expect(
            try check(#"{"items": [true], "additionalItems": false}"#, "[1, 2]") == [
                "|additionalItems|must have at most 1 item, found 2"
            ])
        let prefix = #"{"prefixItems": [{"const": "v2"}], "items": {"type": "object"}}"#
        #expect(try check(prefix, #"["v2", {}]"#) == [])
        #expect(try check(prefix, #"["v1", "x"]"#).count == 2)
    }

    @Test("minItems, maxItems, uniqueItems, contains with minContains and maxContains")
    func arrays() throws {
        #expect(try check(#"{"minItems": 2}"#, "[1]") == ["|minItems|must have at least 2 items, found 1"])
        #expect(try check(#"{"maxItems": 1}"#, "[1, 2]") == ["|maxItems|must have at most 1 item, found 2"])
        #expect(try check(#"{"uniqueItems": true}"#, #"[1, "1", {"a": 1}, {"a": 1.0}]"#) == [
            "|uniqueItems|items 2 and 3 are equal; items must be unique"
        ])
        let many = "[" + (0..<100).map(String.init).joined(separator: ",") + ",7.0]"
        #expect(
            try check(#"{"uniqueItems": true}"#, many) == ["|uniqueItems|items 7 and 100 are equal; items must be unique"])
        #expect(try check(#"{"contains": {"enum": ["Achievement"]}}"#, #"["Achievement", "X"]"#) == [])
        #expect(
            try check(#"{"contains": {"enum": ["Achievement"]}}"#, #"["X"]"#) == [
                "|contains|must contain 'Achievement'; found ['X']"
            ])
        #expect(try check(#"{"contains": {"type": "string"}}"#, "[]") == ["|contains|must contain a string; found []"])
        let bounded = #"{"contains": {"type": "integer"}, "minContains": 2, "maxContains": 3}"#
        #expect(try check(bounded, "[1, 2, 3]") == [])
        #expect(
            try check(bounded, #"[1, "a"]"#) == ["|contains|must contain at least 2 items that are an integer, found 1"])
        #expect(
            try check(bounded, "[1, 2, 3, 4]") == [
                "|maxContains|must contain at most 3 items that are an integer, found 4"
            ])
        #expect(try check(#"{"contains": false, "minContains": 0}"#, "[1]") == [])
    }

    @Test("minLength and maxLength count code points; pattern searches unless anchored")
    func strings() throws {
        #expect(try check(#"{"minLength": 2}"#, #""é""#) == ["|minLength|must be at least 2 characters long, found 1"])
        #expect(try check(#"{"maxLength": 2}"#, #""😀😀""#) == [])
        #expect(try check(#"{"pattern": "(ext:)[a-z|A-Z|0-9|.|-|_]+"}"#, #""see ext:Mine""#) == [])
        #expect(
            try check(#"{"pattern": "^[a-z]{2,4}$"}"#, #""english""#) == [
                "|pattern|'english' does not match the pattern ^[a-z]{2,4}$"
            ])
        #expect(try check(#"{"pattern": "^a"}"#, "12") == [])  // pattern applies to strings only
    }

    @Test("minimum, maximum, exclusive bounds and multipleOf")
    func numbers() throws {
        #expect(try check(#"{"minimum": 0, "maximum": 5}"#, "5") == [])
        #expect(try check(#"{"minimum": 0}"#, "-0.5") == ["|minimum|must be at least 0, found -0.5"])
        #expect(try check(#"{"exclusiveMinimum": 0}"#, "0") == ["|exclusiveMinimum|must be greater than 0, found 0"])
        #expect(try check(#"{"maximum": 5}"#, "5.01") == ["|maximum|must be at most 5, found 5.01"])
        #expect(try check(#"{"exclusiveMaximum": 5}"#, "5") == ["|exclusiveMaximum|must be less than 5, found 5"])
        #expect(try check(#"{"multipleOf": 0.1}"#, "0.3") == [])
        #expect(try check(#"{"multipleOf": 2}"#, "7") == ["|multipleOf|must be a multiple of 2, found 7"])
        let draft4 = #"{"$schema": "http://json-schema.org/draft-04/schema#", "maximum": 5, "exclusiveMaximum": true}"#
        #expect(try check(draft4, "5") == ["|exclusiveMaximum|must be less than 5, found 5"])
        #expect(try check(draft4, "4") == [])
    }

    @Test("allOf, anyOf, oneOf and not")
    func combinations() throws {
        let all = #"{"allOf": [{"type": "array", "contains": {"const": "A"}}, {"contains": {"const": "B"}}]}"#
        #expect(try check(all, #"["A", "B"]"#) == [])
        #expect(try check(all, #"["A"]"#) == ["|contains|must contain 'B'; found ['A']"])
        let any = #"{"anyOf": [{"type": "string", "enum": ["Badge"]}, {"type": "string", "pattern": "^ext:"}]}"#
        #expect(try check(any, #""ext:Mine""#) == [])
        #expect(
            try check(any, #""Mine""#) == ["|anyOf|must be one of: 'Badge'; a string matching ^ext: — found 'Mine'"])
        let one = #"{"oneOf": [{"type": "string"}, {"type": "string", "minLength": 3}]}"#
        #expect(try check(one, #""ab""#) == [])
        #expect(
            try check(one, #""abc""#) == [
                "|oneOf|must match exactly one of the alternatives, but matches 2 of them (a string; a string)"
            ])
        #expect(try check(#"{"not": {"type": "null"}}"#, "null") == ["|not|must not be a null"])
        #expect(try check(#"{"not": {"type": "null"}}"#, "0") == [])
    }

    @Test("a failed oneOf reports the one alternative of the right type in detail")
    func oneOfPicksTheAlternativeOfTheRightType() throws {
        let schema = ##"""
            {"properties": {"issuer": {"$ref": "#/$defs/ProfileRef"}},
             "$defs": {
               "ProfileRef": {"oneOf": [{"type": "string"}, {"$ref": "#/$defs/Profile"}]},
               "Profile": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}}}}
            """##
        #expect(try check(schema, #"{"issuer": "https://example.edu"}"#) == [])
        #expect(try check(schema, #"{"issuer": {"name": "x"}}"#) == ["issuer|required|missing required member 'id'"])
        #expect(
            try check(schema, #"{"issuer": 4}"#) == [
                "issuer|oneOf|must be exactly one of: a string; a Profile — found 4"
            ])
    }

    @Test("if, then and else")
    func conditional() throws {
        let schema = #"""
            {"if": {"properties": {"resultType": {"const": "Status"}}, "required": ["resultType"]},
             "then": {"required": ["status"]},
             "else": {"not": {"required": ["status"]}}}
            """#
        #expect(try check(schema, #"{"resultType": "Status", "status": "Completed"}"#) == [])
        #expect(try check(schema, #"{"resultType": "Status"}"#) == ["|required|missing required member 'status'"])
        #expect(try check(schema, #"{"resultType": "Percent"}"#) == [])
        #expect(
            try check(schema, #"{"status": "Completed"}"#) == [
                "|not|must not be valid against the schema at #/else/not"
            ])
    }

    @Test("boolean schemas, $comment and unknown annotation keywords")
    func booleansAndAnnotations() throws {
        #expect(try check("true", "[1]") == [])
        #expect(try check("false", "1") == ["|false|no value is allowed here"])
        #expect(try check(#"{"properties": {"a": false}}"#, #"{"a": 1}"#) == ["a|false|no value is allowed here"])
        let annotated = #"{"$comment": "x", "title": "t", "description": "d", "examples": [1], "x-custom": 3}"#
        #expect(try check(annotated, "{}") == [])
    }

    @Test("$ref to $defs, to definitions, to a JSON Pointer with escapes, to an $anchor and to an embedded $id")
    func references() throws {
        let schema = ##"""
            {"$id": "https://example.com/root.json",
             "properties": {
               "a": {"$ref": "#/$defs/A"},
               "b": {"$ref": "#/definitions/B"},
               "c": {"$ref": "#/$defs/with~1slash~0tilde"},
               "d": {"$ref": "#named"},
               "e": {"$ref": "https://example.com/other.json"},
               "f": {"$ref": "other.json#/$defs/inner"},
               "g": {"$ref": "https://example.com/root.json#/$defs/A"}},
             "$defs": {
               "A": {"type": "string"},
               "with/slash~tilde": {"type": "number"},
               "N": {"$anchor": "named", "type": "boolean"},
               "O": {"$id": "other.json", "type": "object", "$defs": {"inner": {"type": "null"}}}},
             "definitions": {"B": {"type": "array"}}}
            """##
        #expect(try check(schema, #"{"a": "", "b": [], "c": 1, "d": true, "e": {}, "f": null, "g": ""}"#) == [])
        let wrong = try check(schema, #"{"a": 1, "b": 1, "c": "", "d": 1, "e": 1, "f": 1, "g": 1}"#)
        #expect(wrong.map { String($0.split(separator: "|")[0]) } == ["a", "b", "c", "d", "e", "f", "g"])
    }

    @Test("draft 4 to 7: $ref replaces its siblings, and dependencies works as in those drafts")
    func legacyDrafts() throws {
        let draft7 = ##"""
            {"$schema": "http://json-schema.org/draft-07/schema#",
             "definitions": {"S": {"type": "string"}},
             "properties": {"a": {"$ref": "#/definitions/S", "minLength": 5}},
             "dependencies": {"x": ["y"], "z": {"required": ["w"]}}}
            """##
        #expect(try check(draft7, #"{"a": "ab"}"#) == [])
        #expect(
            try check(draft7, #"{"x": 1, "z": 2}"#) == [
                "|dependentRequired|missing member 'y', which is required when 'x' is present",
                "|required|missing required member 'w'",
            ])
        let draft4 = ##"""
            {"$schema": "http://json-schema.org/draft-04/schema#", "id": "http://example.com/root.json",
             "definitions": {"a": {"id": "#plain", "type": "string"}, "b": {"id": "b.json", "type": "number"}},
             "properties": {"p": {"$ref": "#plain"}, "q": {"$ref": "http://example.com/root.json#/definitions/a"},
                            "r": {"$ref": "b.json"}}}
            """##
        #expect(try check(draft4, #"{"p": "x", "q": "y", "r": 1}"#) == [])
        #expect(try check(draft4, #"{"p": 1, "q": 2, "r": "z"}"#).count == 3)
        let modern = ##"""
            {"$defs": {"S": {"type": "string"}}, "properties": {"a": {"$ref": "#/$defs/S", "minLength": 5}}}
            """##
        #expect(try check(modern, #"{"a": "ab"}"#) == ["a|minLength|must be at least 5 characters long, found 2"])
    }

    @Test("violations carry the location of the failing keyword in the schema")
    func schemaLocation() throws {
        let validator = try SchemaFixtures.validator(
            ##"{"properties": {"a": {"$ref": "#/$defs/A"}}, "$defs": {"A": {"required": ["id"]}}}"##)
        let violations = validator.validate(["a": [:]])
        #expect(violations.map(\.schemaLocation) == ["#/$defs/A/required"])
        #expect(violations.first?.description == "a: missing required member 'id' (required)")
    }

    @Test("malformed schemas are refused with a code, a reason and a location")
    func badSchemas() {
        let cases: [(String, SchemaError.Code, String)] = [
            ("3", .invalidSchema, "#"),
            (#"{"properties": {"a": 3}}"#, .invalidSchema, "#/properties/a"),
            (#"{"type": "text"}"#, .invalidKeyword, "#/type"),
            (#"{"minItems": -1}"#, .invalidKeyword, "#/minItems"),
            (#"{"minItems": 1.5}"#, .invalidKeyword, "#/minItems"),
            (#"{"required": "a"}"#, .invalidKeyword, "#/required"),
            (#"{"oneOf": []}"#, .invalidKeyword, "#/oneOf"),
            (#"{"multipleOf": 0}"#, .invalidKeyword, "#/multipleOf"),
            (##"{"$ref": "#/$defs/missing"}"##, .unresolvableReference, "#/$ref"),
            (#"{"$ref": "https://example.com/remote.json"}"#, .unresolvableReference, "#/$ref"),
            (##"{"$ref": "#nowhere"}"##, .unresolvableReference, "#/$ref"),
            (#"{"items": {"unevaluatedProperties": false}}"#, .unsupportedKeyword, "#/items/unevaluatedProperties"),
            (#"{"pattern": "(a"}"#, .invalidPattern, "#/pattern"),
            (#"{"pattern": "(a)\\1"}"#, .invalidPattern, "#/pattern"),
            (#"{"patternProperties": {"(?=x)": true}}"#, .invalidPattern, "#/patternProperties"),
            ("{", .invalidJSON, "#"),
        ]
        for (schema, code, location) in cases {
            do {
                _ = try SchemaFixtures.validator(schema)
                Issue.record("\(schema) compiled")
            } catch let error as SchemaError {
                #expect(error.code == code, "\(schema): \(error)")
                #expect(error.location == location, "\(schema): \(error)")
                #expect(!error.reason.isEmpty)
            } catch {
                Issue.record("\(schema): unexpected \(error)")
            }
        }
    }

    @Test("format asserts date-time, date and the other known formats, and can be turned off")
    func formats() throws {
        let dateTime = #"{"format": "date-time"}"#
        for good in [
            "2010-01-01T00:00:00Z", "2010-01-01T00:00:00.000+00:00", "2024-02-29t23:59:59.5-05:30",
            "1998-12-31T23:59:60Z", "1998-12-31T18:59:60-05:00",
        ] {
            #expect(try check(dateTime, "\"\(good)\"") == [], "\(good)")
        }
        for bad in [
            "2010-01-01", "2010-01-01T00:00:00", "2010-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
            "2010-01-01 00:00:00Z", "2010-01-01T24:00:00Z", "2010-01-01T00:00:00+0100", "1998-12-31T22:59:60Z",
            "2010-01-01T00:00:00.Z", "２０１０-01-01T00:00:00Z",
        ] {
            #expect(try check(dateTime, "\"\(bad)\"").count == 1, "\(bad)")
        }
        #expect(
            try check(dateTime, #""2010-01-01""#) == [
                "|format|'2010-01-01' is not a valid date-time: expected an RFC 3339 date-time with a time zone, "
                    + "such as 2024-05-01T12:00:00Z"
            ])
        #expect(try check(dateTime, #""yesterday""#, options: .init(assertFormats: false)) == [])
        let expectations: [(String, String, Bool)] = [
            ("date", "2024-05-01", true), ("date", "2024-5-01", false), ("date", "2024-05-01T00:00:00Z", false),
            ("time", "12:00:00+01:00", true), ("time", "12:00:00", false),
            ("email", "a@example.com", true), ("email", "a@@example.com", false), ("email", "a.@example.com", false),
            ("idn-email", "ü@exämple.de", true), ("email", "ü@example.de", false),
            ("hostname", "example.com", true), ("hostname", "-bad.example", false),
            ("ipv4", "192.168.0.1", true), ("ipv4", "256.1.1.1", false), ("ipv4", "01.1.1.1", false),
            ("uri", "https://example.com/a?b#c", true), ("uri", "urn:uuid:1234", true), ("uri", "/relative", false),
            ("uri", "https://exa mple.com", false), ("uri", "https://example.com/%zz", false),
            ("uri", "did:key:z6Mk#z6Mk", true), ("uri", "https://example.com/é", false),
            ("iri", "https://example.com/é", true), ("uri-reference", "../a#b", true), ("uri-reference", "a b", false),
            ("iri-reference", "é", true),
            ("uuid", "2f8cc7a4-2b5d-4fd0-9f3e-1d2b3c4d5e6f", true), ("uuid", "2f8cc7a4-2b5d-4fd0-9f3e", false),
            ("duration", "not checked", true),
        ]
        for (format, value, valid) in expectations {
            let result = try check("{\"format\": \"\(format)\"}", "\"\(value)\"")
            #expect(result.isEmpty == valid, "\(format) \(value): \(result)")
        }
    }
}

import Testing
@testable import LinkedData

@Suite struct JSONParserTests {
    @Test("keeps member order and number lexemes")
    func keepsOrderAndLexemes() throws {
        let value = try JSONValue(parsing: #"{"b": 1.0, "a": [1e3, -0, "x\u00e9\/"], "c": null}"#)
        let object = try #require(value.objectValue)
        #expect(object.keys == ["b", "a", "c"])
        #expect(object["b"]?.numberValue?.lexeme == "1.0")
        #expect(object["a"]?.arrayValue?[0].numberValue?.lexeme == "1e3")
        #expect(object["a"]?.arrayValue?[1].numberValue?.lexeme == "-0")
        #expect(object["a"]?.arrayValue?[2].stringValue == "xé/")
        #expect(object["c"] == .null)
    }

    @Test("rejects duplicate names, lone surrogates, invalid UTF-8 and trailing content with a position")
    func rejectsBadInput() {
        let cases: [([UInt8], JSONParseError.Code)] = [
            (Array(#"{"a":1,"a":2}"#.utf8), .duplicateKey),
            (Array(#"["\ud800"]"#.utf8), .loneSurrogate),
            (Array(#"["\udc00x"]"#.utf8), .loneSurrogate),
            ([0x22, 0xC3, 0x28, 0x22], .invalidUTF8),
            ([0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8),
            ([0x22, 0xC0, 0xAF, 0x22], .invalidUTF8),
            (Array("{} x".utf8), .trailingContent),
            (Array("[01]".utf8), .invalidNumber),
            (Array("[1.]".utf8), .invalidNumber),
            (Array("\"a\nb\"".utf8), .invalidString),
            (Array("[1,".utf8), .unexpectedEnd),
            (Array("[tru]".utf8), .unexpectedCharacter),
        ]
        for (input, code) in cases {
            #expect(throws: JSONParseError.self) { try JSONParser().parse(input) }
            do {
                _ = try JSONParser().parse(input)
            } catch {
                #expect(error.code == code, "\(String(decoding: input, as: UTF8.self)): \(error)")
            }
        }
    }

    @Test("reports line and column")
    func reportsPosition() {
        do {
            _ = try JSONValue(parsing: "{\n  \"a\": 1,\n  \"b\" 2\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 7)
        }
    }

    @Test("deep nesting ends in a clear error, not a crash")
    func deepNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
        do { _ = try JSONValue(parsing: deep) } catch { #expect(error.code == .tooDeep) }
    }
}

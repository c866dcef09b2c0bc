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

    /// Hostile documents must be refused quickly. The bound is a generous sanity check (debug build, shared
    /// machine), not a performance measurement: these cases take milliseconds.
    static let sanityBound: Duration = .seconds(10)

    @Test("100,000-deep nesting ends in a clear error, quickly, even when the caller raises the depth limit")
    func deepNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        for limits in [JSONLimits.default, JSONLimits(maxDepth: 1_000_000)] {
            var caught: JSONParseError?
            let elapsed = ContinuousClock().measure {
                do throws(JSONParseError) { _ = try JSONParser(limits: limits).parse(deep) } catch { caught = error }
            }
            #expect(caught?.code == .tooDeep)
            #expect(caught?.column == min(limits.maxDepth, JSONLimits.depthCeiling) + 1)
            #expect(caught?.reason.contains("nested more than") == true)
            #expect(elapsed < Self.sanityBound)
        }
        let objects = String(repeating: #"{"a":"#, count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: objects) }
    }

    @Test("a 20 MB document is refused at once for being over the default limit")
    func tooLarge() {
        let member = #"{"name":"Ada","n":12345678},"#
        let big = "[" + String(repeating: member, count: 20_000_000 / member.utf8.count) + "1]"
        #expect(big.utf8.count > 19_000_000 && big.utf8.count > JSONLimits.default.maxBytes)
        var caught: JSONParseError?
        let elapsed = ContinuousClock().measure {
            do throws(JSONParseError) { _ = try JSONValue(parsing: big) } catch { caught = error }
        }
        #expect(caught?.code == .tooLarge)
        #expect(caught?.reason.contains("more than the limit of \(JSONLimits.default.maxBytes) bytes") == true)
        #expect(elapsed < Self.sanityBound)
        let bytes = Array(big.utf8)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: bytes) }
    }

    @Test("invalid UTF-8 deep inside a large document is reported with its line and column")
    func invalidUTF8Late() {
        var bytes = Array(("[\n" + String(repeating: "  \"é and more text\",\n", count: 50_000)).utf8)
        bytes += [0x20, 0x20, 0x22, 0x61, 0xFF, 0x62, 0x22, 0x0A, 0x5D]  // "a\xFFb"
        var caught: JSONParseError?
        let elapsed = ContinuousClock().measure {
            do throws(JSONParseError) { _ = try JSONValue(parsing: bytes) } catch { caught = error }
        }
        #expect(caught?.code == .invalidUTF8)
        #expect(caught?.line == 50_002)
        #expect(caught?.column == 5)
        #expect(caught?.reason.contains("0xFF") == true)
        #expect(elapsed < Self.sanityBound)
    }

    @Test("more invalid UTF-8: truncated, overlong, surrogate, above U+10FFFF, stray continuation")
    func invalidUTF8Kinds() throws {
        let cases: [[UInt8]] = [
            [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF], [0xED, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0x80], [0xBF], [0xC1, 0xBF], [0xFE], [0xFF],
        ]
        for sequence in cases {
            let document = [0x5B, 0x22] + sequence + [0x22, 0x5D]
            do {
                _ = try JSONValue(parsing: document)
                Issue.record("accepted \(sequence)")
            } catch {
                #expect(error.code == .invalidUTF8 || error.code == .unexpectedEnd, "\(sequence): \(error)")
            }
            // The same bytes after an escape take the slow path; they must fail there too.
            let escaped = Array(#"["\n"#.utf8) + sequence + [0x22, 0x5D]
            #expect(throws: JSONParseError.self) { try JSONValue(parsing: escaped) }
        }
        #expect(try JSONValue(parsing: [0x5B, 0x22, 0xF4, 0x8F, 0xBF, 0xBF, 0x22, 0x5D]) == ["\u{10FFFF}"])
    }
}

import Foundation
import Testing
@testable import LinkedData

@Suite struct JSONSerializerTests {
    @Test("compact output keeps member order, number lexemes and every string")
    func compactKeepsEverything() throws {
        let text = #"{ "b" : 1.0, "a" : [1e3, -0, 1E+2, 0.10, "x/é\u00e9\/"], "c" : null, "d": true, "e": {} , "f": []}"#
        let value = try JSONValue(parsing: text)
        #expect(value.jsonString() == #"{"b":1.0,"a":[1e3,-0,1E+2,0.10,"x/éé/"],"c":null,"d":true,"e":{},"f":[]}"#)
        #expect(try JSONValue(parsing: value.jsonBytes()) == value)
        #expect(value.description == value.jsonString())
    }

    @Test("only the quote, the backslash and control characters are escaped")
    func minimalEscaping() throws {
        var controls = ""
        for scalar in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        let value = JSONValue.string(controls + "\"\\/\u{7F}\u{80}\u{2028}é€😂</script>")
        let expected =
            #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"#
            + "\\\"\\\\/\u{7F}\u{80}\u{2028}é€😂</script>\""
        #expect(value.jsonString() == expected)
        #expect(try JSONValue(parsing: value.jsonString()) == value)
    }

    @Test("a member name keeps its exact code units (no Unicode normalization)")
    func exactNames() throws {
        let value = try JSONValue(parsing: #"{"\u00e5": 1, "a\u030a": 2}"#)
        let object = try #require(value.objectValue)
        #expect(object.count == 2)
        #expect(object["\u{E5}"] == 1)
        #expect(object["a\u{30A}"] == 2)
        #expect(value.jsonString() == "{\"\u{E5}\":1,\"a\u{30A}\":2}")
        #expect(JSONValue.string("\u{E5}") != JSONValue.string("a\u{30A}"))
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: #"{"\u00e5": 1, "å": 2}"#) }
    }

    @Test("pretty output indents by two spaces, one member per line")
    func pretty() throws {
        let value = try JSONValue(parsing: #"{"a":[1,{"b":null,"c":[]}],"d":{},"e":"x","f":[[]]}"#)
        let expected = """
            {
              "a": [
                1,
                {
                  "b": null,
                  "c": []
                }
              ],
              "d": {},
              "e": "x",
              "f": [
                []
              ]
            }
            """
        #expect(value.jsonString(.pretty) == expected)
        #expect(try JSONValue(parsing: value.jsonString(.pretty)) == value)
        #expect(JSONValue.string("x").jsonString(.pretty) == #""x""#)
        #expect(JSONValue.array([]).jsonString(.pretty) == "[]")
    }

    @Test("canonical JCS outputs are written back byte for byte, and every input round-trips")
    func roundTripsFixtures() throws {
        let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("jcs")
        for name in JCSTests.conformanceNames {
            let canonical = Array(try Data(contentsOf: fixtures.appendingPathComponent("output/\(name).json")))
            #expect(try JSONValue(parsing: canonical).jsonBytes() == canonical, "\(name)")
            let input = Array(try Data(contentsOf: fixtures.appendingPathComponent("input/\(name).json")))
            let value = try JSONValue(parsing: input)
            #expect(try JSONValue(parsing: value.jsonBytes()) == value, "\(name) compact")
            #expect(try JSONValue(parsing: value.jsonBytes(.pretty)) == value, "\(name) pretty")
        }
    }

    @Test("values decoded through Codable get ECMAScript's shortest number lexemes")
    func codableNumbers() throws {
        let data = Data("[1, 3.5, 1e-7, 0.1, 1e21, -0.0, 12345678901234567890]".utf8)
        let value = try JSONDecoder().decode(JSONValue.self, from: data)
        let lexemes = value.arrayValue?.compactMap { $0.numberValue?.lexeme }
        #expect(lexemes == ["1", "3.5", "1e-7", "0.1", "1e+21", "0", "12345678901234567000"])
    }

    @Test("JSONObject assignment keeps positions; removal and appending work in place")
    func objectEditing() throws {
        var object = try #require(try JSONValue(parsing: #"{"a":1,"b":2,"c":3}"#).objectValue)
        object["b"] = "two"
        object["d"] = 4
        object["a"] = nil
        #expect(object.jsonString() == #"{"b":"two","c":3,"d":4}"#)
        #expect(object.removeValue(forKey: "c") == 3)
        #expect(object.keys == ["b", "d"])
    }
}

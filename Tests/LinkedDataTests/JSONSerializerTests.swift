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

    @Test("the eight-bytes-at-a-time scan finds exactly the bytes that need escaping")
    func wordScan() {
        let filler = UInt64(0x61) &* 0x0101_0101_0101_0101  // "aaaaaaaa"
        for byte in 0...255 {
            let expected = byte < 0x20 || byte == 0x22 || byte == 0x5C
            for position in 0..<8 {
                let word = filler & ~(UInt64(0xFF) << (8 * position)) | UInt64(byte) << (8 * position)
                #expect(JSONStringEscaper.needsEscape(word) == expected, "byte \(byte) at \(position)")
            }
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let word = UInt64.random(in: .min ... .max, using: &generator)
            let expected = (0..<8).contains { position in
                let byte = UInt8(truncatingIfNeeded: word >> (8 * position))
                return byte < 0x20 || byte == 0x22 || byte == 0x5C
            }
            #expect(JSONStringEscaper.needsEscape(word) == expected, "\(String(word, radix: 16))")
        }
    }

    @Test("escaping is right wherever the special character falls, in strings of every short length")
    func escapingPositions() {
        func reference(_ text: String) -> String {
            var out = "\""
            for byte in text.utf8 {
                switch byte {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x08: out += "\\b"
                case 0x09: out += "\\t"
                case 0x0A: out += "\\n"
                case 0x0C: out += "\\f"
                case 0x0D: out += "\\r"
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    out += "\\u00" + (hex.count == 1 ? "0" + hex : hex)
                default: out.unicodeScalars.append(Unicode.Scalar(byte))
                }
            }
            return out + "\""
        }
        for length in 0..<40 {
            for position in 0..<max(length, 1) {
                for special: Character in ["\"", "\\", "\n", "\u{1}", "\u{1F}", "é"] {
                    var characters = Array(repeating: Character("x"), count: length)
                    if position < length { characters[position] = special }
                    let text = String(characters)
                    if special == "é" {
                        #expect(JSONValue.string(text).jsonString() == "\"" + text + "\"")
                    } else {
                        #expect(JSONValue.string(text).jsonString() == reference(text), "\(length) \(position)")
                    }
                }
            }
        }
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

import BadgeCrypto
import Foundation
import Testing
@testable import LinkedData

@Suite struct JCSTests {
    static let fixtures = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("jcs")

    static func fixture(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: fixtures.appendingPathComponent(path)))
    }

    static let conformanceNames = ["arrays", "french", "structures", "unicode", "values", "weird"]

    @Test("every RFC 8785 reference vector canonicalizes byte for byte (output/ and outhex/)")
    func referenceVectors() throws {
        var passed = 0
        for name in Self.conformanceNames {
            let input = try Self.fixture("input/\(name).json")
            let expected = try Self.fixture("output/\(name).json")
            let hexText = String(decoding: try Self.fixture("outhex/\(name).txt"), as: UTF8.self)
            let expectedFromHex = try #require(Hex.decode(hexText.split(whereSeparator: \.isWhitespace).joined()))
            #expect(expected == expectedFromHex, "output/ and outhex/ disagree for \(name)")

            let canonical = try JCS.canonicalize(try JSONValue(parsing: input))
            #expect(canonical == expected, "\(name): got \(String(decoding: canonical, as: UTF8.self))")
            #expect(canonical == expectedFromHex, "\(name) differs from outhex")
            if canonical == expected && canonical == expectedFromHex { passed += 1 }
        }
        print("RFC 8785 reference vectors: \(passed)/\(Self.conformanceNames.count) passed")
        #expect(passed == Self.conformanceNames.count)
    }

    @Test("canonical output is a fixed point: canonicalizing it again changes nothing")
    func idempotent() throws {
        for name in Self.conformanceNames {
            let expected = try Self.fixture("output/\(name).json")
            #expect(try JCS.canonicalize(try JSONValue(parsing: expected)) == expected, "\(name)")
        }
    }

    /// Lexeme → what ECMAScript's JSON.stringify(JSON.parse(lexeme)) gives (checked with Node.js 20).
    static let numberTable: [(String, String)] = [
        ("0", "0"),
        ("-0", "0"),
        ("0.0", "0"),
        ("-0.0", "0"),
        ("1", "1"),
        ("-1", "-1"),
        ("1.0", "1"),
        ("1.5", "1.5"),
        ("-1.5", "-1.5"),
        ("0.1", "0.1"),
        ("0.2", "0.2"),
        ("0.3", "0.3"),
        ("0.30000000000000004", "0.30000000000000004"),
        ("1e21", "1e+21"),
        ("1e+21", "1e+21"),
        ("999999999999999999999", "1e+21"),
        ("999999999999999900000", "999999999999999900000"),
        ("1e20", "100000000000000000000"),
        ("123456789012345680000", "123456789012345680000"),
        ("1e-7", "1e-7"),
        ("1e-6", "0.000001"),
        ("0.000001", "0.000001"),
        ("0.0000001", "1e-7"),
        ("1.5e-7", "1.5e-7"),
        ("123e-20", "1.23e-18"),
        ("5e-324", "5e-324"),
        ("4.9e-324", "5e-324"),
        ("2.4703282292062328e-324", "5e-324"),
        ("2.4703282292062327e-324", "0"),
        ("2.2250738585072014e-308", "2.2250738585072014e-308"),
        ("2.225073858507201e-308", "2.225073858507201e-308"),
        ("1.7976931348623157e308", "1.7976931348623157e+308"),
        ("1.7976931348623158e308", "1.7976931348623157e+308"),
        ("9007199254740991", "9007199254740991"),
        ("9007199254740992", "9007199254740992"),
        ("9007199254740993", "9007199254740992"),
        ("-9007199254740993", "-9007199254740992"),
        ("9007199254740994", "9007199254740994"),
        ("18014398509481985", "18014398509481984"),
        ("295147905179352825856", "295147905179352830000"),
        ("4.35", "4.35"),
        ("0.000001234", "0.000001234"),
        ("1.234e-7", "1.234e-7"),
        ("333333333.33333329", "333333333.3333333"),
        ("1E30", "1e+30"),
        ("4.50", "4.5"),
        ("2e-3", "0.002"),
        ("1e-27", "1e-27"),
        ("100", "100"),
        ("1e2", "100"),
        ("1E2", "100"),
        ("12.34e1", "123.4"),
        ("1.0e0", "1"),
        ("0.5", "0.5"),
        ("1e308", "1e+308"),
        ("1e-308", "1e-308"),
        ("1.0000000000000002", "1.0000000000000002"),
        ("0.9999999999999999", "0.9999999999999999"),
        ("123456789", "123456789"),
        ("1234567890123456789", "1234567890123456800"),
        ("12345678901234567890123", "1.2345678901234568e+22"),
        ("1e22", "1e+22"),
        ("1.2e21", "1.2e+21"),
        ("1.2e20", "120000000000000000000"),
        ("0.00001", "0.00001"),
        ("-1e-7", "-1e-7"),
        ("5e-7", "5e-7"),
        ("3.141592653589793", "3.141592653589793"),
        ("2.718281828459045", "2.718281828459045"),
        ("6.02214076e23", "6.02214076e+23"),
        ("6.62607015e-34", "6.62607015e-34"),
        ("1e-323", "1e-323"),
        ("9.88131291682493e-324", "1e-323"),
        ("1.5e300", "1.5e+300"),
        ("144115188075855872", "144115188075855870"),
        ("0.1e1", "1"),
        ("10e-1", "1"),
        ("20e-1", "2"),
        ("-1.7976931348623157e308", "-1.7976931348623157e+308"),
        ("0.0000010", "0.000001"),
        ("123456789012345678e-30", "1.234567890123457e-13"),
        ("1e+0", "1"),
        ("1E-0", "1"),
        ("2.5e-5", "0.000025"),
        ("-0.000001", "-0.000001"),
        ("100e-8", "0.000001"),
        ("7.0e-10", "7e-10"),
        ("1.25e+3", "1250"),
        ("0.00000000000000000000000000000000001", "1e-35"),
        ("1.0e23", "1e+23"),
        ("8.41e21", "8.41e+21"),
        ("5.0e-324", "5e-324"),
        ("1e15", "1000000000000000"),
        ("1e16", "10000000000000000"),
        ("1e17", "100000000000000000"),
        ("123456789012345.6", "123456789012345.6"),
        ("0.1234567890123456789", "0.12345678901234568"),
        ("1e-400", "0"),
        ("-1e-400", "0"),
    ]

    @Test("numbers are written as ECMAScript Number::toString writes them (edge-case table)")
    func numberEdgeCases() throws {
        #expect(Self.numberTable.count >= 60)
        var passed = 0
        for (lexeme, expected) in Self.numberTable {
            let number = try #require(JSONNumber(validating: lexeme), "\(lexeme) should be valid JSON")
            let text = try JCS.canonicalNumber(number)
            #expect(text == expected, "\(lexeme) → \(text), expected \(expected)")
            // Inside a document too, where integer lexemes take a shortcut.
            let inArray = try JCS.canonicalString(try JSONValue(parsing: "[\(lexeme)]"))
            #expect(inArray == "[\(expected)]", "\(lexeme) in an array → \(inArray)")
            if text == expected && inArray == "[\(expected)]" { passed += 1 }
        }
        print("JCS number edge cases: \(passed)/\(Self.numberTable.count) passed")
    }

    @Test("doubles computed in code format like ECMAScript too")
    func computedDoubles() {
        let cases: [(Double, String)] = [
            (0.1 + 0.2, "0.30000000000000004"),
            (-0.0, "0"),
            (Double.leastNonzeroMagnitude, "5e-324"),
            (Double.leastNormalMagnitude, "2.2250738585072014e-308"),
            (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"),
            (Double.ulpOfOne, "2.220446049250313e-16"),
            (9_007_199_254_740_992 + 2, "9007199254740994"),
            (1e21, "1e+21"),
            (1e21.nextDown, "999999999999999900000"),
            (1e-7, "1e-7"),
            (1e-7.nextUp, "1.0000000000000001e-7"),
            (1.0 / 3.0, "0.3333333333333333"),
            (100, "100"),
            (-123.456, "-123.456"),
        ]
        for (value, expected) in cases {
            #expect(JSONNumber(value)?.lexeme == expected, "\(value)")
        }
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONNumber(Double.infinity) == nil)
        #expect(JSONNumber(-Double.infinity) == nil)
    }

    @Test("3,000 random doubles (normal and subnormal) match Node's Number::toString")
    func randomDoubles() throws {
        let text = String(decoding: try Self.fixture("es-numbers.txt"), as: UTF8.self)
        var total = 0
        var passed = 0
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ",")
            let bits = try #require(UInt64(parts[0], radix: 16))
            let expected = String(parts[1])
            let value = Double(bitPattern: bits)
            total += 1
            let formatted = JSONNumber(value)?.lexeme
            // The expected text read back is the same double, and canonicalizes to itself.
            let reparsed = try JCS.canonicalNumber(JSONNumber(lexeme: expected))
            if formatted == expected && reparsed == expected && Double(expected) == value {
                passed += 1
            } else {
                Issue.record("\(parts[0]): got \(formatted ?? "nil") / \(reparsed), expected \(expected)")
            }
        }
        print("JCS random doubles: \(passed)/\(total) match ECMAScript")
        #expect(total == 3000)
    }

    @Test("numbers beyond the double range are an error, with the path to them")
    func nonFinite() throws {
        let value = try JSONValue(parsing: #"{"a": [1, {"b c": 1e400}], "z": 2}"#)
        #expect(throws: JCSError.self) { try JCS.canonicalize(value) }
        do {
            _ = try JCS.canonicalize(value)
        } catch {
            #expect(error.code == .nonFiniteNumber)
            #expect(error.path == #"$.a[1]["b c"]"#)
            #expect(error.description.contains("1e400"))
        }
        let negative = try JSONValue(parsing: "[-1E+309]")
        do {
            _ = try JCS.canonicalize(negative)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .nonFiniteNumber)
            #expect(error.path == "$[0]")
        }
    }

    @Test("a number built in code with a lexeme that is not JSON is refused")
    func invalidLexemes() {
        for lexeme in ["0x10", "nan", "NaN", "inf", "Infinity", "01", "1.", ".5", "+1", "1e", "--1", "", "1_000", " 1"] {
            #expect(JSONNumber(validating: lexeme) == nil, "\(lexeme)")
            do {
                _ = try JCS.canonicalize(.array([.number(JSONNumber(lexeme: lexeme))]))
                Issue.record("\(lexeme) was accepted")
            } catch {
                #expect(error.code == .invalidNumber, "\(lexeme)")
                #expect(error.path == "$[0]")
            }
        }
    }

    @Test("member names sort by UTF-16 code units, not by code points or by Swift's String order")
    func utf16Order() throws {
        // U+1F600 is D83D DE00 in UTF-16, so it sorts before U+E000 and U+FFFF, though its code point is larger.
        let object = JSONObject([
            .init(key: "\u{FFFF}", value: 1), .init(key: "\u{1F600}", value: 2), .init(key: "\u{E000}", value: 3),
            .init(key: "b", value: 4), .init(key: "\u{10FFFF}", value: 5), .init(key: "\u{D7FF}", value: 6),
            .init(key: "a", value: 7), .init(key: "ab", value: 8), .init(key: "", value: 9),
            .init(key: "\u{80}", value: 10), .init(key: "A", value: 11),
        ])
        let text = try JCS.canonicalString(.object(object))
        #expect(
            text == "{\"\":9,\"A\":11,\"a\":7,\"ab\":8,\"b\":4,\"\u{80}\":10,\"\u{D7FF}\":6,\"\u{1F600}\":2,"
                + "\"\u{10FFFF}\":5,\"\u{E000}\":3,\"\u{FFFF}\":1}")

        // Precomposed and decomposed forms are different names (Swift's == would call them equal).
        let forms = JSONObject([.init(key: "\u{E5}", value: 1), .init(key: "a\u{30A}", value: 2)])
        #expect(forms.count == 2)
        #expect(try JCS.canonicalString(.object(forms)) == "{\"a\u{30A}\":2,\"\u{E5}\":1}")
    }

    @Test("the UTF-8 name comparison agrees with a plain UTF-16 comparison on many names")
    func namePrecedesAgreesWithUTF16() {
        let alphabet: [Unicode.Scalar] = [
            "a", "b", "Z", "0", "\u{7F}", "\u{80}", "\u{FF}", "\u{100}", "\u{7FF}", "\u{800}", "\u{D7FF}",
            "\u{E000}", "\u{EFFF}", "\u{F000}", "\u{FFFD}", "\u{FFFF}", "\u{10000}", "\u{1F600}", "\u{10FFFF}",
        ]
        var generator = SystemRandomNumberGenerator()
        var names: [String] = [""]
        for _ in 0..<300 {
            var name = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                name.append(alphabet.randomElement(using: &generator)!)
            }
            names.append(String(name))
        }
        for a in names {
            for b in names.prefix(60) {
                let expected = a.utf16.lexicographicallyPrecedes(b.utf16)
                #expect(JCS.namePrecedes(a, b) == expected, "\(Array(a.unicodeScalars)) vs \(Array(b.unicodeScalars))")
            }
        }
    }

    @Test("small and large objects (both sorting paths) come out in UTF-16 order")
    func sortingPaths() throws {
        let pool: [String] = ["a", "B", "\u{E000}", "\u{1F600}", "é", "z", "0", "_", "\u{FFFD}", "ab", "A"]
        var generator = SystemRandomNumberGenerator()
        for size in [0, 1, 2, 3, 10, 24, 25, 200, 2000] {
            var names = Set<String>()
            while names.count < size {
                var name = ""
                for _ in 0..<Int.random(in: 1...3, using: &generator) { name += pool.randomElement(using: &generator)! }
                names.insert(name + String(names.count % 7))
            }
            let shuffled = names.shuffled(using: &generator)
            let object = JSONObject(shuffled.enumerated().map { JSONObject.Member(key: $0.element, value: .number(JSONNumber($0.offset))) })
            let canonical = try JCS.canonicalize(.object(object))
            let reparsed = try #require(try JSONValue(parsing: canonical).objectValue)
            let expected = shuffled.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            #expect(reparsed.keys == expected, "size \(size)")
            #expect(reparsed.count == size)
        }
    }

    @Test("strings are escaped minimally: controls, quote and backslash only")
    func stringEscaping() throws {
        var controls = ""
        for scalar in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        let expectedControls =
            #"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"#
        #expect(try JCS.canonicalString(.string(controls)) == "\"" + expectedControls + "\"")
        let others = "/\u{7F}\u{80}é€\u{2028}\u{2029}\u{FEFF}😂<>&'"
        #expect(try JCS.canonicalString(.string(others)) == "\"" + others + "\"")
        #expect(try JCS.canonicalString(.string(#"a"b\c"#)) == #""a\"b\\c""#)
        // Escapes in the input that were not needed disappear.
        #expect(try JCS.canonicalString(try JSONValue(parsing: #"["\/\u0041\u00e9\ud83d\ude02"]"#)) == "[\"/Aé😂\"]")
    }

    @Test("no Unicode normalization and no change to array order")
    func noNormalization() throws {
        let value = try JSONValue(parsing: #"{"b": ["A\u030a", "\u00c5", 3, 1, 2], "a": null}"#)
        #expect(try JCS.canonicalString(value) == "{\"a\":null,\"b\":[\"A\u{30A}\",\"\u{C5}\",3,1,2]}")
    }

    @Test("literals and empty containers")
    func literals() throws {
        #expect(try JCS.canonicalString(try JSONValue(parsing: " [ true , false , null , { } , [ ] , \"\" ] ")) == #"[true,false,null,{},[],""]"#)
        #expect(try JCS.canonicalString(.string("")) == #""""#)
        #expect(try JCS.canonicalString(.null) == "null")
    }

    @Test("values nested deeper than the limit (built in code) end in an error, not a crash")
    func tooDeep() {
        var value: JSONValue = .null
        for level in 0..<(JCS.maxDepth + 5) {
            value = level % 2 == 0 ? .array([value]) : .object(JSONObject([.init(key: "k", value: value)]))
        }
        do {
            _ = try JCS.canonicalize(value)
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .tooDeep)
        }
        var shallow: JSONValue = 1
        for _ in 0..<(JCS.maxDepth - 1) { shallow = .array([shallow]) }
        #expect((try? JCS.canonicalize(shallow))?.count == 2 * (JCS.maxDepth - 1) + 1)
    }
}

import Testing
@testable import OpenBadges

/// The ECMAScript-subset regular expressions used by `pattern` and `patternProperties`.
@Suite struct SchemaRegexTests {
    func matches(_ pattern: String, _ text: String) throws -> Bool {
        try SchemaRegex(pattern).matches(text)
    }

    @Test("the patterns of the Open Badges schemas accept and reject what they should")
    func openBadgesPatterns() throws {
        let context = #"^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.\d\.\d)*\.json$"#
        #expect(try matches(context, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"))
        #expect(try matches(context, "https://purl.imsglobal.org/spec/ob/v3p0/context.json"))
        #expect(try !matches(context, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.jsonx"))
        #expect(try !matches(context, "https://purlXimsglobal.org/spec/ob/v3p0/context.json"))
        #expect(try !matches(context, "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.json"))

        let jws = #"^[a-zA-Z0-9_-]+\.[a-zA-Z0-9_-]*\.[a-zA-Z0-9_-]+$"#
        #expect(try matches(jws, "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln"))
        #expect(try matches(jws, "aGVhZA..c2ln"))
        #expect(try !matches(jws, "aGVhZA.cGF5.c2ln.extra"))
        #expect(try !matches(jws, "aGVh ZA.cGF5.c2ln"))

        let language = #"^[a-z]{2,4}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$"#
        for good in ["en", "en-US", "zh-Hant-TW", "es-419", "haw"] { #expect(try matches(language, good), "\(good)") }
        for bad in ["e", "english", "en-us", "EN", "en-Latn-usa"] { #expect(try !matches(language, bad), "\(bad)") }

        // Unanchored: ECMAScript `test` finds the pattern anywhere.
        let extensionValue = "(ext:)[a-z|A-Z|0-9|.|-|_]+"
        #expect(try matches(extensionValue, "ext:MyType"))
        #expect(try matches(extensionValue, "xx ext:a"))
        #expect(try !matches(extensionValue, "ext:"))
        #expect(try !matches(extensionValue, "MyType"))

        // The date-time pattern of the VCDM 2.0 schema.
        let vcDate =
            #"-?([1-9][0-9]{3,}|0[0-9]{3})-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"#
            + #"T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|(24:00:00(\.0+)?))"#
            + #"(Z|(\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))"#
        #expect(try matches(vcDate, "2010-01-01T19:23:24Z"))
        #expect(try !matches(vcDate, "2010-01-01"))
    }

    @Test("escapes, classes, dot, alternation, groups and quantifiers follow ECMAScript")
    func syntax() throws {
        let cases: [(String, String, Bool)] = [
            (#"^\d+$"#, "0123", true), (#"^\d+$"#, "١٢٣", false),  // \d is ASCII only
            (#"^\w+$"#, "a_Z9", true), (#"^\w$"#, "é", false), (#"^\W$"#, "é", true),
            (#"^\s$"#, "\u{00A0}", true), (#"^\S$"#, " ", false),
            (#"^a.c$"#, "a\u{1F600}c", true), (#"^a.c$"#, "a\nc", false),
            (#"^[^abc]$"#, "d", true), (#"^[^abc]$"#, "a", false), (#"^[\d-]+$"#, "1-2", true),
            (#"^[a\-z]$"#, "-", true), (#"^[a\-z]$"#, "m", false), (#"^[\]]$"#, "]", true),
            (#"^[\b]$"#, "\u{8}", true), (#"\bfoo\b"#, "a foo.", true), (#"\bfoo\b"#, "afoo", false),
            (#"\Boo"#, "foo", true), (#"^\x41\u0042\u{43}$"#, "ABC", true), (#"^\uD83D\uDE00$"#, "😀", true),
            (#"^\t\n\r\v\f\0$"#, "\t\n\r\u{B}\u{C}\0", true), (#"^\cJ$"#, "\n", true),
            ("^(?:ab|cd)+$", "abcdab", true), ("^(?:ab|cd)+$", "abc", false), ("^(?<y>\\d{4})$", "2024", true),
            ("^a{3}$", "aaa", true), ("^a{3}$", "aa", false), ("^a{2,}$", "aaaaa", true), ("^a{2,3}$", "aaaa", false),
            ("^a{,2}$", "a{,2}", true),  // not a quantifier: literal braces (Annex B)
            ("^x{$", "x{", true), ("^a}$", "a}", true),
            ("^a*?b+?c??$", "aabbc", true), ("^$", "", true), ("", "anything", true), ("a|", "zzz", true),
            ("^(a*)*b$", "aaab", true), ("colou?r", "my color", true), ("^[é-ü]$", "ö", true),
        ]
        for (pattern, text, expected) in cases {
            #expect(try matches(pattern, text) == expected, "/\(pattern)/ on \(text.debugDescription)")
        }
    }

    @Test("unsupported or malformed patterns are refused with a reason")
    func refused() {
        for pattern in [
            "(a", "a)", "[a", "*a", "a**", "^*", "\\", "(?=a)", "(?!a)", "(?<=a)", "(?<!a)", "(a)\\1", "\\k<n>",
            "\\p{L}", "[z-a]", "a{3,2}", "\\x4", "\\u{110000}", "\\cé", "(?x)", "\\01",
        ] {
            #expect(throws: SchemaRegexError.self, "\(pattern)") { try SchemaRegex(pattern) }
        }
        #expect(throws: SchemaRegexError.self) { try SchemaRegex("(a{1000}){1000}") }
    }

    @Test("matching takes linear time: patterns that make backtracking engines explode finish at once")
    func noCatastrophicBacktracking() throws {
        let attack = String(repeating: "a", count: 50_000) + "!"
        #expect(try !matches("^(a+)+$", attack))
        #expect(try !matches("^(a|aa)*$", attack))
        #expect(try !matches("^(a|a?)+b$", attack))
        #expect(try !matches("(x+x+)+y", String(repeating: "x", count: 20_000)))
    }
}

import Testing
@testable import LinkedData

/// IRI resolution, canonical lexical forms, JSON literals, limits and errors.
@Suite struct JSONLDUnitTests {
    // MARK: - RFC 3986 §5.4

    static let rfcBase = "http://a/b/c/d;p?q"

    /// RFC 3986 §5.4.1 normal and §5.4.2 abnormal examples.
    static let resolutionExamples: [(String, String)] = [
        ("g:h", "g:h"), ("g", "http://a/b/c/g"), ("./g", "http://a/b/c/g"), ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"), ("//g", "http://g"), ("?y", "http://a/b/c/d;p?y"), ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"), ("g#s", "http://a/b/c/g#s"), ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"), ("g;x", "http://a/b/c/g;x"), ("g;x?y#s", "http://a/b/c/g;x?y#s"),
        ("", "http://a/b/c/d;p?q"), (".", "http://a/b/c/"), ("./", "http://a/b/c/"), ("..", "http://a/b/"),
        ("../", "http://a/b/"), ("../g", "http://a/b/g"), ("../..", "http://a/"), ("../../", "http://a/"),
        ("../../g", "http://a/g"),
        ("../../../g", "http://a/g"), ("../../../../g", "http://a/g"), ("/./g", "http://a/g"),
        ("/../g", "http://a/g"), ("g.", "http://a/b/c/g."), (".g", "http://a/b/c/.g"), ("g..", "http://a/b/c/g.."),
        ("..g", "http://a/b/c/..g"), ("./../g", "http://a/b/g"), ("./g/.", "http://a/b/c/g/"),
        ("g/./h", "http://a/b/c/g/h"), ("g/../h", "http://a/b/c/h"), ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
        ("g;x=1/../y", "http://a/b/c/y"), ("g?y/./x", "http://a/b/c/g?y/./x"), ("g?y/../x", "http://a/b/c/g?y/../x"),
        ("g#s/./x", "http://a/b/c/g#s/./x"), ("g#s/../x", "http://a/b/c/g#s/../x"), ("http:g", "http:g"),
    ]

    @Test("IRI resolution reproduces every example of RFC 3986 §5.4")
    func rfc3986Examples() {
        for (reference, expected) in Self.resolutionExamples {
            #expect(IRI.resolve(reference, against: Self.rfcBase) == expected, "\(reference)")
        }
    }

    @Test("IRI resolution against bases without a path, with an authority only, or with a fragment")
    func resolutionEdgeCases() {
        #expect(IRI.resolve("g", against: "http://example.com") == "http://example.com/g")
        #expect(IRI.resolve("?q", against: "http://example.com") == "http://example.com?q")
        #expect(IRI.resolve("", against: "http://example.com/a#frag") == "http://example.com/a")
        #expect(IRI.resolve("b", against: "urn:example:a") == "urn:b")
        #expect(IRI.resolve("../x", against: "tag:example.com,2024:a/b") == "tag:/x")
        #expect(IRI.removeDotSegments(Array("/a/b/c/./../../g".utf8)) == Array("/a/g".utf8))
        #expect(IRI.removeDotSegments(Array("mid/content=5/../6".utf8)) == Array("mid/6".utf8))
    }

    @Test("absolute IRIs, blank nodes, well-formed IRIs and language tags are told apart")
    func syntaxChecks() {
        #expect(IRI.isAbsolute("https://example.com"))
        #expect(IRI.isAbsolute("did:key:z6Mk"))
        #expect(!IRI.isAbsolute("_:b0"))
        #expect(!IRI.isAbsolute("relative/path"))
        #expect(!IRI.isAbsolute("1a:b"))
        #expect(IRI.isBlankNode("_:b0"))
        #expect(IRI.isWellFormed("https://example.com/a#b"))
        #expect(!IRI.isWellFormed("https://example.com/a b"))
        #expect(!IRI.isWellFormed("https://example.com/a#b#c"))
        #expect(!IRI.isWellFormed("https://example.com/<a>"))
        #expect(IRI.isWellFormed("https://example.com/caf\u{E9}?q=1&r=~x#frag-1"))
        #expect(IRI.isWellFormed("urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c"))
        for bad in ["\\", "^", "`", "{", "|", "}", "\u{7F}", "\"", "\t"] {
            #expect(!IRI.isWellFormed("https://example.com/a" + bad), "\(bad)")
        }
        #expect(IRI.isWellFormedLanguageTag("en"))
        #expect(IRI.isWellFormedLanguageTag("en-US"))
        #expect(IRI.isWellFormedLanguageTag("zh-Hant-TW"))
        #expect(!IRI.isWellFormedLanguageTag("en_US"))
        #expect(!IRI.isWellFormedLanguageTag("123"))
        #expect(!IRI.isWellFormedLanguageTag("toolongtag"))
        #expect(!IRI.isWellFormedLanguageTag(""))
    }

    // MARK: - Canonical lexical forms

    @Test("doubles get the canonical xsd:double form: mantissa rounded to 15 fraction digits, then E and exponent")
    func canonicalDoubles() {
        let cases: [(String, String)] = [
            ("3.5", "3.5E0"), ("5.3", "5.3E0"), ("0.1", "1.0E-1"), ("123.45", "1.2345E2"), ("-2.5", "-2.5E0"),
            ("1e21", "1.0E21"), ("1.0e-7", "1.0E-7"), ("0.3", "3.0E-1"), ("9.9", "9.9E0"), ("1", "1.0E0"),
            ("2.2", "2.2E0"), ("123456789.123456789", "1.234567891234568E8"), ("5e-324", "4.940656458412465E-324"),
            ("1.7976931348623157e308", "1.797693134862316E308"), ("0", "0.0E0"),
            ("0.30000000000000004", "3.0E-1"),
        ]
        for (lexeme, expected) in cases {
            #expect(XSDCanonical.double(JSONNumber(lexeme: lexeme)) == expected, "\(lexeme)")
        }
    }

    @Test("integers get the canonical xsd:integer form")
    func canonicalIntegers() {
        let cases: [(String, String)] = [
            ("3", "3"), ("-0", "0"), ("3.0", "3"), ("1e3", "1000"), ("-42", "-42"),
            ("123456789012345678", "123456789012345678"), ("12345678901234567890", "12345678901234567168"),
            ("1.5e2", "150"),
        ]
        for (lexeme, expected) in cases {
            #expect(XSDCanonical.integer(JSONNumber(lexeme: lexeme)) == expected, "\(lexeme)")
        }
    }

    @Test("native values become xsd:integer, xsd:double and xsd:boolean literals, or the coerced datatype")
    func nativeValuesToRDF() throws {
        let document = try JSONValue(
            parsing: """
                {"@context": {"@vocab": "http://example.org/",
                              "f": {"@type": "https://www.w3.org/2001/XMLSchema#float"},
                              "g": {"@type": "https://www.w3.org/2001/XMLSchema#float"}},
                 "@id": "http://example.org/s", "i": 3, "d": 3.5, "t": true, "z": 3.0, "f": 3.5, "g": 3,
                 "big": 1e21}
                """)
        let processor = JSONLDProcessor(loader: StaticDocumentLoader(documents: [:]))
        let dataset = try processor.toRDF(document)
        func object(_ property: String) -> RDFLiteral? {
            for quad in dataset.quads where quad.predicate == .iri("http://example.org/" + property) {
                if case .literal(let literal) = quad.object { return literal }
            }
            return nil
        }
        #expect(object("i") == RDFLiteral("3", datatype: RDFVocabulary.xsdInteger))
        #expect(object("d") == RDFLiteral("3.5E0", datatype: RDFVocabulary.xsdDouble))
        #expect(object("t") == RDFLiteral("true", datatype: RDFVocabulary.xsdBoolean))
        #expect(object("z") == RDFLiteral("3", datatype: RDFVocabulary.xsdInteger))
        #expect(object("f") == RDFLiteral("3.5E0", datatype: "https://www.w3.org/2001/XMLSchema#float"))
        #expect(object("g") == RDFLiteral("3", datatype: "https://www.w3.org/2001/XMLSchema#float"))
        #expect(object("big") == RDFLiteral("1.0E21", datatype: RDFVocabulary.xsdDouble))
    }

    @Test("JSON literals are RFC 8785 canonical JSON (sorted members, ECMAScript numbers, minimal escapes)")
    func jsonLiterals() throws {
        let document = try JSONValue(
            parsing: #"""
                {"@context": {"j": {"@id": "http://example.org/j", "@type": "@json"}},
                 "j": {"b": [1.0, 1e21, 1e-7, -0], "a": "\u00e9\n\u001f\"", "\r": true}}
                """#)
        let dataset = try JSONLDProcessor(loader: StaticDocumentLoader(documents: [:])).toRDF(document)
        let literal = RDFLiteral(#"{"\r":true,"a":"é\n\u001f\"","b":[1,1e+21,1e-7,0]}"#, datatype: RDFVocabulary.rdfJSON)
        #expect(dataset.quads.map(\.object) == [.literal(literal)])

        let huge = try JSONValue(parsing: #"{"@context": {"j": {"@id": "http://example.org/j", "@type": "@json"}}, "j": [1e400]}"#)
        let error = try #require(throws: JSONLDError.self) {
            try JSONLDProcessor(loader: StaticDocumentLoader(documents: [:])).toRDF(huge)
        }
        #expect(error.code == .dataLossDetection)
    }

    @Test("the dataset is a set: repeated subjects, nested repeats and repeated values give each quad once")
    func datasetHasNoDuplicates() throws {
        let document = try JSONValue(
            parsing: """
                {"@context": {"@vocab": "http://ex.org/"},
                 "@id": "http://ex.org/a", "@type": ["T", "T"],
                 "p": [1, 1, {"@id": "http://ex.org/a", "p": 1, "q": {"@id": "http://ex.org/a", "p": 2}}],
                 "r": {"@id": "http://ex.org/a", "@type": "T", "p": [2, 1]}}
                """)
        let dataset = try JSONLDProcessor(loader: StaticDocumentLoader(documents: [:])).toRDF(document)
        let a = RDFTerm.iri("http://ex.org/a")
        func integer(_ value: String) -> RDFTerm { .literal(RDFLiteral(value, datatype: RDFVocabulary.xsdInteger)) }
        let expected: Set<RDFQuad> = [
            RDFQuad(subject: a, predicate: .iri(RDFVocabulary.rdfType), object: .iri("http://ex.org/T")),
            RDFQuad(subject: a, predicate: .iri("http://ex.org/p"), object: integer("1")),
            RDFQuad(subject: a, predicate: .iri("http://ex.org/p"), object: integer("2")),
            RDFQuad(subject: a, predicate: .iri("http://ex.org/p"), object: a),
            RDFQuad(subject: a, predicate: .iri("http://ex.org/q"), object: a),
            RDFQuad(subject: a, predicate: .iri("http://ex.org/r"), object: a),
        ]
        #expect(dataset.quads.count == expected.count)
        #expect(Set(dataset.quads) == expected)
    }

    // MARK: - Limits and errors

    @Test("nesting deeper than the limit is an error, not a crash")
    func depthLimit() throws {
        var value: JSONValue = ["http://example.org/p": "x"]
        for _ in 0..<40 {
            value = ["http://example.org/p": value]
        }
        var options = JSONLDOptions(safeMode: false)
        options.limits.maxDepth = 20
        let error = try #require(throws: JSONLDError.self) {
            try JSONLDProcessor(loader: StaticDocumentLoader(documents: [:]), options: options).expand(value)
        }
        #expect(error.code == .nestingTooDeep)
        #expect(error.path?.hasPrefix("http://example.org/p.http://example.org/p") == true)
    }

    @Test("contexts nested deeper than the limit are an error")
    func contextDepthLimit() throws {
        var context: JSONValue = ["@vocab": "http://example.org/"]
        for index in 0..<40 {
            context = ["@vocab": "http://example.org/", "t\(index)": ["@id": "http://example.org/t", "@context": context]]
        }
        var options = JSONLDOptions(safeMode: false)
        options.limits.maxDepth = 30
        let document: JSONValue = ["@context": context]
        let error = try #require(throws: JSONLDError.self) {
            try JSONLDProcessor(loader: StaticDocumentLoader(documents: [:]), options: options).expand(document)
        }
        #expect(error.code == .nestingTooDeep || error.code == .invalidScopedContext)
        #expect(error.description.contains("deeper than 30"))
    }

    @Test("one processor converts many credentials concurrently with the same results")
    func concurrentUse() async throws {
        let processor = JSONLDProcessor()
        let document = try JSONValue(
            parsing: """
                {"@context": ["https://www.w3.org/ns/credentials/v2",
                              "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
                 "type": ["VerifiableCredential", "OpenBadgeCredential"], "issuer": "https://example.com/i",
                 "validFrom": "2024-01-01T00:00:00Z",
                 "credentialSubject": {"type": ["AchievementSubject"],
                     "achievement": {"id": "https://example.com/a", "type": ["Achievement"], "name": "A",
                                     "criteria": {"narrative": "Do it."}}}}
                """)
        let reference = try processor.toRDF(document)
        try await withThrowingTaskGroup(of: RDFDataset.self) { group in
            for _ in 0..<16 {
                group.addTask { try JSONLDProcessor().toRDF(document) }
            }
            for try await dataset in group {
                #expect(dataset == reference)
            }
        }
    }

    @Test("large objects, long arrays and many repeated subjects take linear time, not quadratic")
    func noQuadraticBlowUp() throws {
        let count = 20_000
        let clock = ContinuousClock()
        let processor = JSONLDProcessor(loader: StaticDocumentLoader(documents: [:]))
        let context: JSONValue = ["@vocab": "http://example.org/"]

        var members: [JSONObject.Member] = [.init(key: "@context", value: context)]
        for index in 0..<count { members.append(.init(key: "p\(index)", value: .number(JSONNumber(index)))) }
        let manyKeys = JSONValue.object(JSONObject(uniqueMembers: members))
        let sameValues: JSONValue = ["@context": context, "p": .array(Array(repeating: "same", count: count))]
        var nodes: [JSONValue] = []
        for index in 0..<2_000 {
            nodes.append(["@id": .string("http://example.org/n\(index % 1_000)"), "p": .number(JSONNumber(index % 3))])
        }
        let repeatedSubjects: JSONValue = ["@context": context, "@graph": .array(nodes)]

        let start = clock.now
        #expect(try processor.toRDF(manyKeys).quads.count == count)
        #expect(try processor.toRDF(sameValues).quads.count == 1)
        #expect(try processor.toRDF(repeatedSubjects).quads.count == 2_000)
        let elapsed = clock.now - start
        #expect(elapsed < .seconds(5), "took \(elapsed)")
    }

    @Test("the work budget stops documents that need too many steps")
    func workBudget() throws {
        let items = JSONValue.array((0..<2000).map { .number(JSONNumber($0)) })
        let document: JSONValue = ["http://example.org/p": items]
        var options = JSONLDOptions()
        options.limits.maxWorkSteps = 500
        let error = try #require(throws: JSONLDError.self) {
            try JSONLDProcessor(options: options).toRDF(document)
        }
        #expect(error.code == .workBudgetExceeded)
        #expect(try JSONLDProcessor().toRDF(document).quads.count == 2000)
    }

    @Test("input text larger than the limit is refused before parsing")
    func inputSizeLimit() throws {
        var options = JSONLDOptions()
        options.limits.maxInputBytes = 100
        let text = #"{"http://example.org/p": ""# + String(repeating: "x", count: 200) + #""}"#
        let error = try #require(throws: JSONLDError.self) {
            try JSONLDProcessor(options: options).expand(json: text)
        }
        #expect(error.code == .inputTooLarge)
        let bad = try #require(throws: JSONLDError.self) { try JSONLDProcessor().expand(json: "{") }
        #expect(bad.code == .invalidJSON)
    }

    @Test("too many context documents and self-including contexts are errors")
    func contextLoadLimits() throws {
        var documents: [String: String] = [:]
        for index in 0..<10 {
            documents["https://example.org/c\(index)"] = #"{"@context": {"t\#(index)": "http://example.org/t\#(index)"}}"#
        }
        documents["https://example.org/loop"] = #"{"@context": "https://example.org/loop"}"#
        let loader = StaticDocumentLoader(documents: documents)
        var options = JSONLDOptions()
        options.limits.maxContextLoads = 5
        let many = JSONValue.object(
            JSONObject(["@context": .array((0..<10).map { .string("https://example.org/c\($0)") })]))
        let error = try #require(throws: JSONLDError.self) {
            try JSONLDProcessor(loader: loader, options: options).expand(many)
        }
        #expect(error.code == .tooManyContextLoads)
        // (An object with only a context expands to nothing, which safe mode reports as a loss.)
        let lenient = JSONLDProcessor(loader: loader, options: JSONLDOptions(safeMode: false))
        #expect(try lenient.expand(many) == [])

        let loop: JSONValue = ["@context": "https://example.org/loop"]
        let loopError = try #require(throws: JSONLDError.self) { try JSONLDProcessor(loader: loader).expand(loop) }
        #expect(loopError.code == .recursiveContextInclusion)
    }

    @Test("errors carry the spec's code, a plain reason and the JSON path")
    func errorShape() throws {
        let document = try JSONValue(
            parsing: #"{"@context": {"@version": 1.1, "p": {"@id": "http://example.org/p", "@container": "@bogus"}}}"#)
        let error = try #require(throws: JSONLDError.self) {
            try JSONLDProcessor(loader: StaticDocumentLoader(documents: [:])).expand(document)
        }
        #expect(error.code == .invalidContainerMapping)
        #expect(error.code.rawValue == "invalid container mapping")
        #expect(error.path == "@context")
        #expect(error.description.contains("\"p\""))

        let protected = try JSONValue(
            parsing: #"{"@context": ["https://www.w3.org/ns/credentials/v2", {"name": "http://example.org/name"}]}"#)
        let redefinition = try #require(throws: JSONLDError.self) { try JSONLDProcessor().expand(protected) }
        #expect(redefinition.code == .protectedTermRedefinition)
    }

    @Test("base directions become i18n datatypes or compound literals, and are a data loss without rdfDirection")
    func rdfDirection() throws {
        let document = try JSONValue(
            parsing: #"{"http://example.org/label": {"@value": "x", "@language": "AR", "@direction": "rtl"}}"#)
        let loader = StaticDocumentLoader(documents: [:])
        let i18n = try JSONLDProcessor(loader: loader, options: JSONLDOptions(rdfDirection: .i18nDatatype)).toRDF(document)
        #expect(i18n.quads.first?.object == .literal(RDFLiteral("x", datatype: "https://www.w3.org/ns/i18n#ar_rtl")))
        let compound = try JSONLDProcessor(loader: loader, options: JSONLDOptions(rdfDirection: .compoundLiteral))
            .toRDF(document)
        #expect(compound.quads.count == 4)
        #expect(compound.quads.contains { $0.predicate == .iri(RDFVocabulary.rdfDirection) && $0.object == .literal(RDFLiteral("rtl")) })
        let error = try #require(throws: JSONLDError.self) { try JSONLDProcessor(loader: loader).toRDF(document) }
        #expect(error.code == .dataLossDetection)
        #expect(error.paths == ["http://example.org/label.@direction"])
    }
}

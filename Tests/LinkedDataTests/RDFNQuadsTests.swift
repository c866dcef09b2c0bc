import Testing
@testable import LinkedData

@Suite struct RDFNQuadsTests {
    @Test("parses IRIs, blank nodes, typed and language literals, named graphs, comments and blank lines")
    func parsesTheGrammar() throws {
        let text = """
            # a comment line
            <http://example.com/s> <http://example.com/p> <http://example.com/o> .
            _:b0 <http://example.com/p> "plain" <http://example.com/g> . # trailing comment

            _:b0 <http://example.com/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> _:g1 .
            \t<http://example.com/s>\t<http://example.com/p>  "chat"@fr-BE   .\r
            <http://a.example/s><http://a.example/p>_:o.
            _:s.x-1 <http://example.com/p> "x"@en.
            """
        let dataset = try NQuads.parse(text)
        let p = RDFTerm.iri("http://example.com/p")
        #expect(dataset.quads == [
            RDFQuad(subject: .iri("http://example.com/s"), predicate: p, object: .iri("http://example.com/o")),
            RDFQuad(
                subject: .blank("b0"), predicate: p, object: .literal(RDFLiteral("plain")),
                graph: .iri("http://example.com/g")),
            RDFQuad(
                subject: .blank("b0"), predicate: p,
                object: .literal(RDFLiteral("1", datatype: "http://www.w3.org/2001/XMLSchema#integer")),
                graph: .blank("g1")),
            RDFQuad(
                subject: .iri("http://example.com/s"), predicate: p,
                object: .literal(RDFLiteral("chat", language: "fr-BE"))),
            RDFQuad(subject: .iri("http://a.example/s"), predicate: .iri("http://a.example/p"), object: .blank("o")),
            RDFQuad(subject: .blank("s.x-1"), predicate: p, object: .literal(RDFLiteral("x", language: "en"))),
        ])
        let french = RDFLiteral("chat", datatype: RDFVocabulary.rdfLangString, language: "fr-BE")
        #expect(dataset.quads[3].object == .literal(french))
    }

    @Test("decodes every ECHAR and UCHAR escape, in literals and IRIs")
    func decodesEscapes() throws {
        let text = #"<http://ex/\u00E9\U0001F600> <http://ex/p> "\t\b\n\r\f\"\'\\ \u00e9\U0001F600\u0000" ."#
        let quad = try #require(NQuads.parse(text).quads.first)
        #expect(quad.subject == .iri("http://ex/é😀"))
        #expect(quad.object == .literal(RDFLiteral("\t\u{8}\n\r\u{C}\"'\\ é😀\u{0}")))
    }

    @Test("writes the canonical form: minimal escapes, upper-case \\u for other controls, no xsd:string")
    func writesCanonicalForm() {
        var controls = ""
        for value in 0..<0x20 { controls.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        controls += "\u{7F}\u{FFFE}\u{FFFF}\u{FFFD}\"\\'é😀"
        let quad = RDFQuad(
            subject: .blank("b0"), predicate: .iri("http://ex/p"), object: .literal(RDFLiteral(controls)),
            graph: .iri("http://ex/g"))
        let expected = #"_:b0 <http://ex/p> ""#
            + #"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F"#
            + #"\u007F\uFFFE\uFFFF"# + "\u{FFFD}" + #"\"\\'"# + "é😀" + #"" <http://ex/g> ."# + "\n"
        #expect(NQuads.serialize(quad) == expected)
        #expect(
            NQuads.serialize(RDFTerm.literal(RDFLiteral("a", datatype: RDFVocabulary.xsdString))) == #""a""#)
        #expect(NQuads.serialize(RDFTerm.literal(RDFLiteral("a", language: "en-US"))) == #""a"@en-US"#)
        #expect(
            NQuads.serialize(RDFTerm.literal(RDFLiteral("1", datatype: RDFVocabulary.xsdInteger)))
                == #""1"^^<http://www.w3.org/2001/XMLSchema#integer>"#)
    }

    @Test("serialize then parse gives the dataset back, for every code point class")
    func roundTrips() throws {
        var samples: [String] = ["", "simple", "\"quoted\" \\ back\\slash", "line\nbreak\r\n", "tab\tform\u{C}"]
        var allControls = ""
        for value in 0..<0x20 { allControls.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        samples += [allControls, "\u{7F}\u{80}\u{9F}\u{A0}", "\u{FFFE}\u{FFFF}\u{FFFD}\u{E000}", "😀𝄞\u{10FFFF}"]
        var quads: [RDFQuad] = []
        for (index, sample) in samples.enumerated() {
            quads.append(RDFQuad(
                subject: .blank("b\(index)"), predicate: .iri("http://ex/p\(index)"),
                object: .literal(RDFLiteral(sample)), graph: index % 2 == 0 ? nil : .blank("g")))
            quads.append(RDFQuad(
                subject: .iri("http://ex/é\(index)"), predicate: .iri("http://ex/p"),
                object: .literal(RDFLiteral(sample, language: "de-CH")), graph: .iri("http://ex/g")))
            quads.append(RDFQuad(
                subject: .iri("urn:x:\(index)"), predicate: .iri("http://ex/p"),
                object: .literal(RDFLiteral(sample, datatype: "http://ex/dt"))))
        }
        let dataset = RDFDataset(quads: quads)
        let text = NQuads.serialize(dataset)
        #expect(try NQuads.parse(text) == dataset)
        #expect(NQuads.serialize(try NQuads.parse(text)) == text)
    }

    struct BadInput: CustomTestStringConvertible, Sendable {
        var text: String
        var code: NQuadsError.Code
        var line: Int
        var column: Int
        var testDescription: String { text.debugDescription }
    }

    static let badInputs: [BadInput] = [
        BadInput(text: "<http://s> <http://p> <http://o>", code: .unexpectedEndOfLine, line: 1, column: 33),
        BadInput(text: "<http://s> <http://p> <http://o> .\n<http://s> <http://p> .",
            code: .unexpectedCharacter, line: 2, column: 23),
        BadInput(text: "# c\n\n<http://s> <http://p> <http://o", code: .invalidIRI, line: 3, column: 23),
        BadInput(text: "<s> <http://p> <http://o> .", code: .invalidIRI, line: 1, column: 1),
        BadInput(text: "<http://s> <http://p q> <http://o> .", code: .invalidIRI, line: 1, column: 21),
        BadInput(text: "<http://s> <http://p> <http://o\\u0020> .", code: .invalidIRI, line: 1, column: 32),
        BadInput(text: "<http://s> <http://p> <http://o{x}> .", code: .invalidIRI, line: 1, column: 32),
        BadInput(text: "<http://s> <http://p> <http://o\\n> .", code: .invalidEscape, line: 1, column: 32),
        BadInput(text: "<http://s> <http://p> \"a\\qb\" .", code: .invalidEscape, line: 1, column: 25),
        BadInput(text: "<http://s> <http://p> \"\\u00ZZ\" .", code: .invalidEscape, line: 1, column: 24),
        BadInput(text: "<http://s> <http://p> \"\\uD800\" .", code: .invalidEscape, line: 1, column: 24),
        BadInput(text: "<http://s> <http://p> \"\\U00110000\" .", code: .invalidEscape, line: 1, column: 24),
        BadInput(text: "<http://s> <http://p> \"open .\n", code: .invalidLiteral, line: 1, column: 23),
        BadInput(text: "<http://s> <http://p> \"x\"@ .", code: .invalidLanguageTag, line: 1, column: 26),
        BadInput(text: "<http://s> <http://p> \"x\"@en- .", code: .invalidLanguageTag, line: 1, column: 30),
        BadInput(text: "<http://s> <http://p> \"x\"^<http://d> .", code: .unexpectedCharacter, line: 1, column: 26),
        BadInput(text: "_:-a <http://p> <http://o> .", code: .invalidBlankNode, line: 1, column: 3),
        BadInput(text: "_: <http://p> <http://o> .", code: .invalidBlankNode, line: 1, column: 3),
        BadInput(text: "_a <http://p> <http://o> .", code: .invalidBlankNode, line: 1, column: 1),
        BadInput(text: "\"s\" <http://p> <http://o> .", code: .unexpectedCharacter, line: 1, column: 1),
        BadInput(text: "<http://s> _:p <http://o> .", code: .unexpectedCharacter, line: 1, column: 12),
        BadInput(text: "<http://s> <http://p> <http://o> \"g\" .", code: .unexpectedCharacter, line: 1, column: 34),
        BadInput(text: "<http://s> <http://p> <http://o> . <http://x>",
            code: .unexpectedCharacter, line: 1, column: 36),
        BadInput(text: "<http://s> <http://p> # comment\n<http://o> .",
            code: .unexpectedCharacter, line: 1, column: 23),
        BadInput(text: "<http://s> <http://p> <http://o> .\r\n\r\n<http://s> <http://p> 1 .",
            code: .unexpectedCharacter, line: 3, column: 23),
    ]

    @Test("rejects malformed statements with the line and column of the problem", arguments: badInputs)
    func rejectsBadInput(_ input: BadInput) {
        do {
            let dataset = try NQuads.parse(input.text)
            Issue.record("accepted: \(dataset.quads)")
        } catch {
            #expect(error.code == input.code, "\(error)")
            #expect(error.line == input.line, "\(error)")
            #expect(error.column == input.column, "\(error)")
            #expect(error.description.hasPrefix("N-Quads line \(input.line), column \(input.column): "))
        }
    }

    @Test("the statement limit stops runaway input")
    func statementLimit() throws {
        let line = "<http://s> <http://p> <http://o> .\n"
        #expect(try NQuads.parse(String(repeating: line, count: 3), maxQuads: 3).quads.count == 3)
        #expect(throws: NQuadsError.self) { try NQuads.parse(String(repeating: line, count: 4), maxQuads: 3) }
    }
}

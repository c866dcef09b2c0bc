@testable import LinkedData
import Testing

/// The shortcuts the verify and sign paths take (packed keyword lookup, length-first comparisons, memchr scans,
/// checks decided once per term definition) answer exactly as the plain definitions they replace.
@Suite struct FastPathTests {
    @Test("the packed keyword lookup knows every keyword and nothing else")
    func keywords() {
        for keyword in Keyword.all {
            #expect(Keyword.isKeyword(keyword), "\(keyword)")
        }
        let nearMisses = [
            "", "@", "@i", "@ID", "@Type", "@types", "@typ", "@type ", " @type", "type", "@contexts", "@contex",
            "@propagated", "@directio", "@idx", "@vocab\u{0}", "@valué", "@\u{301}id", "@containerX", "@@id",
        ]
        for text in nearMisses {
            #expect(!Keyword.isKeyword(text), "\(text)")
        }
        let sorted = Keyword.all.sorted()
        for (index, keyword) in sorted.enumerated() {
            #expect(Keyword.position(of: keyword) == index)
        }
    }

    @Test("memchr scans find the first byte in small, large and non-ASCII strings")
    func byteScan() {
        let cases: [(String, UInt8, Int?)] = [
            ("", UInt8(ascii: ":"), nil),
            ("a:b", UInt8(ascii: ":"), 1),
            ("schema", UInt8(ascii: ":"), nil),
            ("https://example.com/a:b", UInt8(ascii: ":"), 5),
            ("é:x", UInt8(ascii: ":"), 2),
            (String(repeating: "x", count: 300) + ":", UInt8(ascii: ":"), 300),
        ]
        for (text, byte, expected) in cases {
            #expect(IRI.utf8Offset(of: byte, in: text) == expected, "\(text)")
            #expect(IRI.contains(byte, in: text) == (expected != nil))
        }
        let sliced = String("xprefix:term".dropFirst())
        #expect(IRI.utf8Offset(of: UInt8(ascii: ":"), in: sliced) == 6)
    }

    @Test("the table-driven IRI check accepts and refuses what RFC 3987 does")
    func wellFormed() {
        for good in ["https://a.example/x#y", "urn:uuid:1", "did:key:z6Mk", "https://é.example/ü", "a:b"] {
            #expect(IRI.isWellFormed(good), "\(good)")
        }
        let bad = [
            "https://a.example/x#y#z", "https://a.example/ x", "https://a.example/<x>", "no-scheme",
            "https://a.example/{x}", "https://a.example/a|b", "https://a.example/\u{7F}", "https://a\\b", ":x",
            "https://a.example/`", "https://a.example/\"", "https://a.example/^",
        ]
        for text in bad {
            #expect(!IRI.isWellFormed(text), "\(text)")
        }
    }

    @Test("RDF terms compare equal exactly when their kind and text are equal")
    func termEquality() {
        let a = RDFTerm.iri("https://example.com/a")
        #expect(a == .iri("https://example.com/a"))
        #expect(a != .iri("https://example.com/b"))
        #expect(a != .iri("https://example.com/ab"))
        #expect(a != .blank("https://example.com/a"))
        #expect(RDFTerm.literal(RDFLiteral("x")) == .literal(RDFLiteral("x")))
        #expect(RDFTerm.literal(RDFLiteral("x")) != .literal(RDFLiteral("x", language: "en")))
        #expect(RDFTerm.literal(RDFLiteral("x")) != .literal(RDFLiteral("xy")))
        #expect(Set([a, .iri("https://example.com/a"), .blank("b0")]).count == 2)
    }

    @Test("a dataset from toRdf skips RDFC's repeat removal and canonicalizes as the same quads read from N-Quads")
    func distinctDatasets() throws {
        let document = try JSONValue(parsing: #"""
            {"@context": {"@vocab": "https://example.com/v#"}, "@id": "https://example.com/a", "name": "A",
             "knows": [{"name": "B"}, {"name": "C"}], "seeAlso": {"@id": "https://example.com/a", "name": "A"}}
            """#)
        let dataset = try JSONLDProcessor().toRDF(document)
        #expect(dataset.isKnownDistinct)
        let reread = try NQuads.parse(dataset.quads.map { NQuads.serialize($0) }.joined())
        #expect(!reread.isKnownDistinct)
        let canonicalizer = RDFCanonicalizer()
        #expect(try canonicalizer.canonicalize(dataset).canonicalNQuads
            == (try canonicalizer.canonicalize(reread).canonicalNQuads))
        // Changing the quads clears the promise: a repeat added by hand is removed again.
        var edited = dataset
        edited.quads.append(edited.quads[0])
        #expect(!edited.isKnownDistinct)
        #expect(try canonicalizer.canonicalize(edited).canonicalNQuads
            == (try canonicalizer.canonicalize(dataset).canonicalNQuads))
    }
}

import LinkedData
import Testing

/// toRdf returns a set of quads: a node described in several places gives each statement once.
@Suite struct ToRDFDeduplicationTests {
    static func quads(_ json: String) throws -> [String] {
        try JSONLDProcessor().toRDF(json: json).quads.map { NQuads.serialize($0) }
    }

    @Test("a node repeated with the same and new values gives each statement once, in first-seen order")
    func repeatedNode() throws {
        let lines = try Self.quads(#"""
            {"@context": {"@vocab": "https://example.com/v#"},
             "@id": "https://example.com/a", "name": "A", "image": {"@id": "https://example.com/i", "caption": "x"},
             "logo": {"@id": "https://example.com/i", "caption": "x", "alt": "y"},
             "seeAlso": {"@id": "https://example.com/a", "name": "A", "note": "n"}}
            """#)
        #expect(lines == [
            "<https://example.com/a> <https://example.com/v#name> \"A\" .\n",
            "<https://example.com/i> <https://example.com/v#caption> \"x\" .\n",
            "<https://example.com/a> <https://example.com/v#image> <https://example.com/i> .\n",
            "<https://example.com/i> <https://example.com/v#alt> \"y\" .\n",
            "<https://example.com/a> <https://example.com/v#logo> <https://example.com/i> .\n",
            "<https://example.com/a> <https://example.com/v#note> \"n\" .\n",
            "<https://example.com/a> <https://example.com/v#seeAlso> <https://example.com/a> .\n",
        ])
    }

    @Test("many repetitions (past the recheck threshold) and the same node in two graphs")
    func manyRepetitions() throws {
        let copies = (0..<40).map { _ in #"{"@id": "https://example.com/n", "p": "v", "q": "w"}"# }
        let lines = try Self.quads(
            #"{"@context": {"@vocab": "https://example.com/v#"}, "@id": "https://example.com/r", "has": ["#
                + copies.joined(separator: ",") + "]}")
        #expect(lines.count == 3)
        let graphs = try Self.quads(#"""
            {"@context": {"@vocab": "https://example.com/v#"}, "@graph": [
              {"@id": "https://example.com/g1", "@graph": {"@id": "https://example.com/n", "p": "v"}},
              {"@id": "https://example.com/g2", "@graph": {"@id": "https://example.com/n", "p": "v"}},
              {"@id": "https://example.com/g1", "@graph": {"@id": "https://example.com/n", "p": "v"}}]}
            """#)
        #expect(graphs.sorted() == [
            "<https://example.com/n> <https://example.com/v#p> \"v\" <https://example.com/g1> .\n",
            "<https://example.com/n> <https://example.com/v#p> \"v\" <https://example.com/g2> .\n",
        ])
    }
}

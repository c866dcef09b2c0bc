import Testing
import OpenBadges

@Suite("Extracting Open Badges 2.0 baked assertions (Baking Specification 1.0)")
struct BakingOpenBadges2Tests {
    static let json = #"{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://example.org/a/1"}"#

    @Test("PNG: the iTXt 'openbadges' text, else the legacy tEXt URL; OB 3.0 extraction still reports the legacy badge")
    func png() throws {
        let international = TestPNG.tiny(extra: [TestPNG.iTXt(keyword: "openbadges", text: "  \(Self.json)\n")])
        #expect(try BadgeBaker.extractOpenBadges2(fromPNG: international) == Self.json)
        #expect(bakingError { try BadgeBaker.extract(fromPNG: international) }?.code == .legacyBadge)

        let legacy = TestPNG.tiny(extra: [TestPNG.chunk("tEXt", Array("openbadges\u{0}https://example.org/a/1".utf8))])
        #expect(try BadgeBaker.extractOpenBadges2(from: legacy).payload == "https://example.org/a/1")

        // iTXt wins over tEXt, wherever each is.
        let both = TestPNG.tiny(
            extra: [TestPNG.chunk("tEXt", Array("openbadges\u{0}https://example.org/old".utf8))],
            trailer: [TestPNG.iTXt(keyword: "openbadges", text: Self.json)])
        #expect(try BadgeBaker.extractOpenBadges2(fromPNG: both) == Self.json)
    }

    @Test("PNG: two iTXt chunks are ambiguous; compressed ones are refused; none is reported")
    func pngProblems() {
        let two = TestPNG.tiny(extra: [
            TestPNG.iTXt(keyword: "openbadges", text: Self.json), TestPNG.iTXt(keyword: "openbadges", text: "{}"),
        ])
        #expect(bakingError { try BadgeBaker.extractOpenBadges2(fromPNG: two) }?.code == .multipleCredentials)
        let compressed = TestPNG.tiny(extra: [TestPNG.iTXt(keyword: "openbadges", text: "x", compressed: true)])
        #expect(bakingError { try BadgeBaker.extractOpenBadges2(fromPNG: compressed) }?.code == .compressedCredential)
        let zTXt = TestPNG.tiny(extra: [TestPNG.chunk("zTXt", Array("openbadges\u{0}\u{0}x".utf8))])
        #expect(bakingError { try BadgeBaker.extractOpenBadges2(fromPNG: zTXt) }?.code == .compressedCredential)
        #expect(bakingError { try BadgeBaker.extractOpenBadges2(fromPNG: TestPNG.tiny()) }?.code == .noCredential)
    }

    @Test("SVG: a signed verify attribute, else the JSON body, else the verify URL; two assertions are ambiguous")
    func svg() throws {
        func svg(_ inner: String, prefix: String = "openbadges") -> String {
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:\(prefix)=\"http://openbadges.org\">\(inner)<rect/></svg>"
        }
        let jws = "eyJhbGciOiJSUzI1NiJ9.eyJpZCI6IjEifQ.c2ln"
        #expect(try BadgeBaker.extractOpenBadges2(fromSVG: svg("<openbadges:assertion verify=\"\(jws)\"/>")) == jws)
        let body = svg("<openbadges:assertion verify=\"https://example.org/a/1\"><![CDATA[\(Self.json)]]></openbadges:assertion>")
        #expect(try BadgeBaker.extractOpenBadges2(fromSVG: body) == Self.json)
        let url = svg("<ob:assertion verify=\" https://example.org/a/1 \"></ob:assertion>", prefix: "ob")
        #expect(try BadgeBaker.extractOpenBadges2(fromSVG: url) == "https://example.org/a/1")
        let two = svg("<openbadges:assertion verify=\"https://a\"/><openbadges:assertion verify=\"https://b\"/>")
        #expect(bakingError { try BadgeBaker.extractOpenBadges2(fromSVG: two) }?.code == .multipleCredentials)
        #expect(bakingError { try BadgeBaker.extractOpenBadges2(fromSVG: svg("<openbadges:assertion/>")) }?.code == .invalidPayload)
        #expect(bakingError { try BadgeBaker.extractOpenBadges2(fromSVG: svg("")) }?.code == .noCredential)
    }
}

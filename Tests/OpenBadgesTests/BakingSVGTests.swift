import Foundation
import LinkedData
import Testing
@testable import OpenBadges

@Suite struct BakingSVGTests {
    // MARK: 1EdTech fixtures

    @Test("extracts the JSON credential from 1EdTech's simple-json.svg (CDATA, standard SVG 1.1 DOCTYPE)")
    func extractJSONFixture() throws {
        let payload = try BadgeBaker.extract(fromSVG: try BakingFixtures.text("simple-json.svg"))
        let credential = try JSONValue(parsing: payload)
        #expect(credential.objectValue?["id"]?.stringValue == "http://example.com/credentials/3527")
        #expect(payload.hasPrefix("{") && payload.hasSuffix("}"))
        // The PNG and the SVG carry the same credential.
        let png = try BakingFixtures.bytes("simple-json.png")
        let fromPNG = try JSONValue(parsing: try BadgeBaker.extract(fromPNG: png))
        #expect(fromPNG == credential)
    }

    @Test("extracts the VC-JWT from the verify attribute of simple-jwt.svg and simple-jwt_v1.svg")
    func extractJWTFixtures() throws {
        for (file, id) in [
            ("simple-jwt.svg", "http://example.com/credentials/3527"),
            ("simple-jwt_v1.svg", "http://example.edu/credentials/3732"),
        ] {
            let result = try BadgeBaker.extract(from: try BakingFixtures.bytes(file))
            #expect(result.kind == .svg)
            let parts = result.payload.split(separator: ".", omittingEmptySubsequences: false)
            #expect(parts.count == 3, "\(file)")
            let claims = try JSONValue(parsing: try #require(base64URLDecode(parts[1])))
            #expect(claims.objectValue?["jti"]?.stringValue == id, "\(file)")
            #expect(BakedPayloadFormat.of(result.payload) == .compactJWS)
        }
    }

    @Test("re-baking a 1EdTech SVG replaces its credential, reuses its prefix and keeps the rest")
    func rebakeFixture() throws {
        let original = try BakingFixtures.text("simple-json.svg")
        let baked = try BadgeBaker.bake(BakingSamples.jws, intoSVG: original)
        #expect(try BadgeBaker.extract(fromSVG: baked) == BakingSamples.jws)
        #expect(occurrences(of: "<openbadges:credential", in: baked) == 1)
        #expect(occurrences(of: "xmlns:openbadges=", in: baked) == 1)
        // Exactly: the old element removed, the new one right after the <svg …> start tag, nothing else changed.
        let oldStart = try #require(original.range(of: "<openbadges:credential>"))
        let oldEnd = try #require(original.range(of: "</openbadges:credential>"))
        var expected = original
        expected.removeSubrange(oldStart.lowerBound..<oldEnd.upperBound)
        let rootEnd = try #require(expected.range(of: "xml:space=\"preserve\">"))
        expected.insert(
            contentsOf: "<openbadges:credential verify=\"\(BakingSamples.jws)\"></openbadges:credential>",
            at: rootEnd.upperBound)
        #expect(baked == expected)
    }

    // MARK: Round trips

    @Test("bakes JSON (in CDATA) and JWS (in verify) with non-ASCII text and ']]>' and extracts them")
    func roundTrips() throws {
        for svg in [BakingSamples.minimalSVG, DefaultBadgeImage.svg(achievementName: "Teamwork", issuerName: "Ex")] {
            for payload in [BakingSamples.json, BakingSamples.jws] {
                let baked = try BadgeBaker.bake(payload, intoSVG: svg)
                #expect(try BadgeBaker.extract(fromSVG: baked) == payload)
                let bytes = try BadgeBaker.bake(payload, into: Array(svg.utf8))
                #expect(bytes == Array(baked.utf8))
                #expect(try BadgeBaker.extract(from: bytes).payload == payload)
            }
        }
        let baked = try BadgeBaker.bake(BakingSamples.json, intoSVG: BakingSamples.minimalSVG)
        let value = try JSONValue(parsing: try BadgeBaker.extract(fromSVG: baked))
        #expect(value.objectValue?["id"]?.stringValue == BakingSamples.jsonID)
        #expect(value.objectValue?["name"]?.stringValue == "Café <tag> & \"quotes\" ]]> and ]]]]> too")
    }

    @Test("places the element directly after the <svg> start tag and declares the namespace there")
    func placement() throws {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\"><g/></svg>"
        let baked = try BadgeBaker.bake(BakingSamples.jws, intoSVG: svg)
        #expect(
            baked == "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" "
                + "xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">"
                + "<openbadges:credential verify=\"\(BakingSamples.jws)\"></openbadges:credential><g/></svg>")
        let json = try BadgeBaker.bake("{\"a\":\"]]>\"}", intoSVG: "<svg/>")
        #expect(
            json == "<svg xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\">"
                + "<openbadges:credential><![CDATA[{\"a\":\"]]]]><![CDATA[>\"}]]></openbadges:credential></svg>")
        #expect(try BadgeBaker.extract(fromSVG: json) == "{\"a\":\"]]>\"}")
    }

    @Test("re-baking replaces: exactly one credential element, whatever was there")
    func rebakeReplaces() throws {
        var svg = BakingSamples.minimalSVG
        for payload in [BakingSamples.json, BakingSamples.jws, BakingSamples.json, BakingSamples.jws] {
            svg = try BadgeBaker.bake(payload, intoSVG: svg)
            #expect(occurrences(of: ":credential", in: svg) == 2)  // start and end tag
            #expect(occurrences(of: "xmlns:openbadges", in: svg) == 1)
            #expect(try BadgeBaker.extract(fromSVG: svg) == payload)
        }
        // Baking twice gives the same document as baking once.
        let once = try BadgeBaker.bake(BakingSamples.jws, intoSVG: BakingSamples.minimalSVG)
        #expect(try BadgeBaker.bake(BakingSamples.jws, intoSVG: once) == once)
        // Two credential elements (an invalid image) are both replaced by one.
        let two = """
            <svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential verify="a.b.c"/>\
            <g><openbadges:credential><![CDATA[{}]]></openbadges:credential></g></svg>
            """
        let fixed = try BadgeBaker.bake(BakingSamples.jws, intoSVG: two)
        #expect(try BadgeBaker.extract(fromSVG: fixed) == BakingSamples.jws)
        #expect(fixed.contains("<g></g>"))
    }

    // MARK: Namespaces

    @Test("finds the element by namespace, not by prefix")
    func namespacePrefixes() throws {
        let other = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="https://purl.imsglobal.org/ob/v3p0">
              <ob:credential verify="a.b.c"/>
            </svg>
            """
        #expect(try BadgeBaker.extract(fromSVG: other) == "a.b.c")
        // Re-baking keeps the existing prefix and adds no declaration.
        let rebaked = try BadgeBaker.bake(BakingSamples.jws, intoSVG: other)
        #expect(rebaked.contains("<ob:credential verify=\"\(BakingSamples.jws)\"></ob:credential>"))
        #expect(!rebaked.contains("xmlns:openbadges"))

        let local = """
            <svg xmlns="http://www.w3.org/2000/svg"><g><x:credential xmlns:x="https://purl.imsglobal.org/ob/v3p0">
            <![CDATA[ {"id": "1"} ]]></x:credential></g></svg>
            """
        #expect(try BadgeBaker.extract(fromSVG: local) == "{\"id\": \"1\"}")

        let defaultNamespace = """
            <svg xmlns="http://www.w3.org/2000/svg"><credential xmlns="https://purl.imsglobal.org/ob/v3p0">\
            {&quot;id&quot;: &#34;2&#x22;}</credential></svg>
            """
        #expect(try BadgeBaker.extract(fromSVG: defaultNamespace) == "{\"id\": \"2\"}")

        // Declarations are scoped: an inner rebinding of a prefix ends with its element.
        let scoped = """
            <svg xmlns:o="urn:other"><g xmlns:o="https://purl.imsglobal.org/ob/v3p0"><o:credential verify="a.b.c"/>\
            </g><o:credential verify="d.e.f"/></svg>
            """
        #expect(try BadgeBaker.extract(fromSVG: scoped) == "a.b.c")

        let wrongNamespace = """
            <svg xmlns:openbadges="https://example.com/not-ob"><openbadges:credential verify="a.b.c"/></svg>
            """
        #expect(bakingError { try BadgeBaker.extract(fromSVG: wrongNamespace) }?.code == .noCredential)
    }

    @Test("an Open Badges 2.0 SVG is reported as such, and re-baking it picks a free prefix")
    func legacySVG() throws {
        let legacy = """
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">
              <openbadges:assertion verify="https://example.org/assertions/123"></openbadges:assertion>
            </svg>
            """
        let error = bakingError { try BadgeBaker.extract(fromSVG: legacy) }
        #expect(error?.code == .legacyBadge)
        let baked = try BadgeBaker.bake(BakingSamples.jws, intoSVG: legacy)
        #expect(baked.contains("xmlns:openbadges3=\"https://purl.imsglobal.org/ob/v3p0\""))
        #expect(baked.contains("<openbadges3:credential verify="))
        #expect(try BadgeBaker.extract(fromSVG: baked) == BakingSamples.jws)
    }

    // MARK: Hostile and broken documents

    @Test("refuses internal DTD subsets and entity declarations; never expands entities")
    func doctypeAndEntities() {
        let cases: [(String, String, BakingError.Code)] = [
            (
                "billion laughs",
                """
                <?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>
                <svg xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">\
                <openbadges:credential verify="&lol2;"/></svg>
                """,
                .entityForbidden
            ),
            (
                "external entity",
                """
                <!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg>&xxe;</svg>
                """,
                .entityForbidden
            ),
            ("internal subset", "<!DOCTYPE svg [<!ELEMENT svg ANY>]><svg/>", .doctypeForbidden),
            ("ENTITY outside a DOCTYPE", "<svg><!ENTITY x \"y\"></svg>", .entityForbidden),
            ("undefined entity in text", "<svg>&nbsp;</svg>", .malformedXML),
            ("undefined entity in an attribute", "<svg a=\"&foo;\"/>", .malformedXML),
            ("two DOCTYPEs", "<!DOCTYPE svg><!DOCTYPE svg><svg/>", .malformedXML),
            ("DOCTYPE after the root", "<svg/><!DOCTYPE svg>", .malformedXML),
        ]
        for (name, svg, code) in cases {
            let error = bakingError { try BadgeBaker.extract(fromSVG: svg) }
            #expect(error?.code == code, "extract, \(name): \(String(describing: error))")
            let bakeError = bakingError { try BadgeBaker.bake(BakingSamples.jws, intoSVG: svg) }
            #expect(bakeError?.code == code, "bake, \(name): \(String(describing: bakeError))")
        }
        // The plain external-identifier form is accepted (the DTD is never read).
        let plain = "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
            + "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\"><svg/>"
        #expect(bakingError { try BadgeBaker.bake(BakingSamples.jws, intoSVG: plain) } == nil)
    }

    @Test("malformed XML, wrong roots and credential-element misuse give clear errors with a line and column")
    func malformed() throws {
        let ns = "xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\""
        let cases: [(String, String, BakingError.Code)] = [
            ("empty", "", .notSVG),
            ("only a comment", "<!-- hi -->", .notSVG),
            ("HTML root", "<html><svg/></html>", .notSVG),
            ("unclosed root", "<svg><g></g>", .malformedXML),
            ("mismatched end tag", "<svg><g></a></svg>", .malformedXML),
            ("stray end tag", "<svg/></svg>", .malformedXML),
            ("two roots", "<svg/><svg/>", .malformedXML),
            ("text after the root", "<svg/>text", .malformedXML),
            ("unquoted attribute", "<svg a=1/>", .malformedXML),
            ("duplicate attribute", "<svg a=\"1\" a=\"2\"/>", .malformedXML),
            (
                "duplicate among many attributes",
                "<svg" + (0..<12).map { " a\($0)=\"1\"" }.joined() + " a3=\"2\"/>", .malformedXML
            ),
            ("'<' in an attribute", "<svg a=\"<\"/>", .malformedXML),
            ("unclosed comment", "<svg><!-- </svg>", .malformedXML),
            ("unclosed CDATA", "<svg><![CDATA[ </svg>", .malformedXML),
            ("unclosed start tag", "<svg a=\"1\"", .malformedXML),
            ("undeclared prefix", "<svg><openbadges:credential verify=\"a.b.c\"/></svg>", .malformedXML),
            ("']]>' in text", "<svg>a ]]> b</svg>", .malformedXML),
            ("bad character reference", "<svg a=\"&#0;\"/>", .malformedXML),
            ("surrogate character reference", "<svg a=\"&#xD800;\"/>", .malformedXML),
            (
                "two credentials",
                "<svg \(ns)><openbadges:credential verify=\"a.b.c\"/><openbadges:credential verify=\"d.e.f\"/></svg>",
                .multipleCredentials
            ),
            (
                "nested credentials",
                "<svg \(ns)><openbadges:credential><openbadges:credential/></openbadges:credential></svg>",
                .multipleCredentials
            ),
            ("no credential", BakingSamples.minimalSVG, .noCredential),
            (
                "empty credential", "<svg \(ns)><openbadges:credential>  </openbadges:credential></svg>",
                .invalidPayload
            ),
            (
                "child element", "<svg \(ns)><openbadges:credential><g/>{}</openbadges:credential></svg>",
                .malformedCredentialElement
            ),
            (
                "verify and body",
                "<svg \(ns)><openbadges:credential verify=\"a.b.c\">{}</openbadges:credential></svg>",
                .malformedCredentialElement
            ),
        ]
        for (name, svg, code) in cases {
            let error = bakingError { try BadgeBaker.extract(fromSVG: svg) }
            #expect(error?.code == code, "\(name): \(String(describing: error))")
        }
        let broken = "<svg>\n  <g>\n    </h>\n</svg>"
        let located = try #require(bakingError { try BadgeBaker.extract(fromSVG: broken) })
        #expect(located.reason.contains("line 3, column 5"), "\(located)")
        #expect(located.reason.contains("<g> opened at line 2, column 3"), "\(located)")
    }

    @Test("deep nesting and many attributes stop at the limits")
    func limits() {
        let deep = "<svg>" + String(repeating: "<g>", count: 10_000) + String(repeating: "</g>", count: 10_000)
            + "</svg>"
        #expect(bakingError { try BadgeBaker.extract(fromSVG: deep) }?.code == .tooDeep)
        let attributes = (0..<2000).map { " a\($0)=\"1\"" }.joined()
        #expect(bakingError { try BadgeBaker.extract(fromSVG: "<svg\(attributes)/>") }?.code == .malformedXML)
        let big = BakingLimits(maxImageBytes: 10)
        let tooLarge = bakingError { try BadgeBaker.extract(fromSVG: BakingSamples.minimalSVG, limits: big) }
        #expect(tooLarge?.code == .imageTooLarge)
    }

    @Test("baking refuses payloads XML cannot carry and SVG bytes that are not UTF-8")
    func badInputs() {
        let error = bakingError { try BadgeBaker.bake("{\"a\": \"\u{FFFE}\"}", intoSVG: "<svg/>") }
        #expect(error?.code == .invalidPayload)
        let bytes: [UInt8] = Array("<svg>".utf8) + [0xC3, 0x28] + Array("</svg>".utf8)
        let extractError = bakingError { try BadgeBaker.extract(from: bytes) }
        #expect(extractError?.code == .invalidUTF8)
        #expect(extractError?.offset == 5)
    }

    @Test("attribute values are normalized and references decoded; CR LF line ends become LF")
    func decoding() throws {
        let root = "<svg xmlns:o=\"https://purl.imsglobal.org/ob/v3p0\">"
        let svg = root + "<o:credential verify=\"\n a&#46;b&#x2E;c&amp;\t\"/></svg>"
        #expect(try BadgeBaker.extract(fromSVG: svg) == "a.b.c&")
        let crlf = root + "<o:credential><![CDATA[{\r\n\"a\": 1\r}]]></o:credential></svg>"
        #expect(try BadgeBaker.extract(fromSVG: crlf) == "{\n\"a\": 1\n}")
        // A byte order mark, an XML declaration, processing instructions and comments are fine.
        let baked = try BadgeBaker.bake(BakingSamples.jws, intoSVG: BakingSamples.minimalSVG)
        let withBOM: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(baked.utf8)
        #expect(try BadgeBaker.extract(from: withBOM).payload == BakingSamples.jws)
    }
}

import BadgeVerifier
import Foundation
import LinkedData
import OpenBadges
import Testing

@Suite struct HostileInputTests {
    func check(_ bytes: [UInt8], expect ids: Set<CheckID>, _ label: String) {
        let start = Date()
        let report = SignedSamples.verify(bytes)
        let elapsed = Date().timeIntervalSince(start)
        #expect(report.verdict == .invalid, "\(label): \(report.describe)")
        let failed = Set(report.checks.filter { $0.outcome == .fail }.map(\.id))
        #expect(!failed.isDisjoint(with: ids), "\(label): expected one of \(ids) to fail\n\(report.describe)")
        // A generous bound (debug build, shared machine): hostile input must never take long.
        #expect(elapsed < 5, "\(label) took \(elapsed) s")
    }

    @Test("a 20 MB document is refused by the limits check")
    func huge() {
        var text = "{\"name\":\""
        text += String(repeating: "a", count: 20 * 1024 * 1024)
        text += "\"}"
        check(Array(text.utf8), expect: [.limits], "20 MB")
    }

    @Test("100,000-deep nesting is refused, not a stack overflow")
    func deep() {
        check(Array((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8), expect: [.limits], "deep arrays")
        check(Array((String(repeating: "{\"a\":", count: 100_000) + "1" + String(repeating: "}", count: 100_000)).utf8), expect: [.limits], "deep objects")
    }

    @Test("invalid UTF-8, garbage and truncated input fail the parse check")
    func garbage() {
        check([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D], expect: [.parse], "invalid UTF-8")
        check(Array("not a badge at all".utf8), expect: [.parse], "text")
        check(Array("[1,2,3]".utf8), expect: [.parse], "array")
        check(Array("{\"@context\": [".utf8), expect: [.parse], "truncated JSON")
        check(Array("eyJhbGciOiJub25lIn0.eyJ4IjoxfQ.".utf8), expect: [.parse, .proof, .keyResolution], "alg none")
    }

    @Test("a truncated PNG and an SVG with a DOCTYPE entity fail cleanly; entities are never expanded")
    func images() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48]
        check(png, expect: [.parse, .limits], "truncated PNG")
        let svg = """
            <?xml version="1.0"?>
            <!DOCTYPE svg [ <!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;"> ]>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">
            <openbadges:credential><![CDATA[&lol2;]]></openbadges:credential></svg>
            """
        check(Array(svg.utf8), expect: [.parse], "SVG entity")
        let external = """
            <!DOCTYPE svg [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>
            """
        check(Array(external.utf8), expect: [.parse], "SVG external entity")
    }

    @Test("a poison-graph credential (a 10-node blank-node clique) is refused by the limits check, quickly")
    func poison() throws {
        var credential = try SignedSamples.unsigned()
        let contexts = credential["@context"]!.arrayValue! + [
            .object(JSONObject(["knows": .object(JSONObject(["@id": "https://example.org/knows", "@type": "@id"]))]))
        ]
        credential["@context"] = .array(contexts)
        let nodes = (0..<10).map { "_:b\($0)" }
        credential["knows"] = .array(nodes.map { node in
            .object(JSONObject(["id": .string(node), "knows": .array(nodes.filter { $0 != node }.map(JSONValue.string))]))
        })
        // Signing refuses the poison graph too, so the proof is built over the credential without it and added after.
        let signed = try JSONValue(parsing: try SignedSamples.sign(try SignedSamples.unsigned())).objectValue!
        credential["proof"] = signed["proof"]
        check(JSONSerializer().serialize(.object(credential)), expect: [.limits], "poison graph")
    }
}

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
        #expect(elapsed < 30, "\(label) took \(elapsed) s")
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

@Suite struct HostileShapeTests {
    /// The signed sample with its single proof turned into `count` copies, each with an id and a `previousProof`
    /// naming every other copy.
    static func proofSet(_ count: Int) throws -> [UInt8] {
        var document = try #require(try JSONValue(parsing: try SignedSamples.sign(try SignedSamples.unsigned())).objectValue)
        let original = try #require(document["proof"]?.arrayValue?.first?.objectValue ?? document["proof"]?.objectValue)
        var proofs: [JSONValue] = []
        for index in 0..<count {
            var proof = original
            proof["id"] = .string("urn:uuid:proof-\(index)")
            proof["previousProof"] = .array((0..<count).filter { $0 != index }.map { .string("urn:uuid:proof-\($0)") })
            proofs.append(.object(proof))
        }
        document["proof"] = .array(proofs)
        return JSONValue.object(document).jsonBytes()
    }

    static func timed(_ bytes: [UInt8]) -> (VerificationReport, Double) {
        let start = Date()
        let report = SignedSamples.verify(bytes)
        return (report, Date().timeIntervalSince(start))
    }

    @Test("proof sets with previousProof webs: more than 32 proofs are refused at once; 32 finish quickly")
    func proofSets() throws {
        for count in [80, 150, 500] {
            let bytes = try Self.proofSet(count)
            let (report, seconds) = Self.timed(bytes)
            print("hostile: proof set of \(count) (\(bytes.count) bytes): \(report.verdict.rawValue) in \(seconds) s")
            #expect(report.verdict == .invalid)
            #expect(report.outcome(.limits) == .fail, "\(count): \(report.describe)")
            // A no-hang bound only (debug build, a shared and loaded machine); `laurel-bench hostile` measures growth.
            #expect(seconds < 60, "\(count) proofs took \(seconds) s")
        }
        let web = try Self.proofSet(32)
        let (report, seconds) = Self.timed(web)
        print("hostile: proof set of 32 (\(web.count) bytes): \(report.verdict.rawValue) in \(seconds) s")
        #expect(report.verdict == .invalid, "\(report.describe)")
        #expect(seconds < 60, "32 proofs took \(seconds) s")
    }

    @Test("a context repeated thousands of times is applied once; alternating contexts are refused by the limits")
    func repeatedContexts() throws {
        var document = try #require(try JSONValue(parsing: try SignedSamples.sign(try SignedSamples.unsigned())).objectValue)
        let contexts = try #require(document["@context"]?.arrayValue)
        document["@context"] = .array(Array(repeating: contexts[0], count: 5000) + contexts.dropFirst())
        let (repeated, seconds) = Self.timed(JSONValue.object(document).jsonBytes())
        #expect(repeated.outcome(.proof) == .pass, "\(repeated.describe)")
        #expect(seconds < 10, "5,000 repeated contexts took \(seconds) s")
        print("hostile: 5,000 repeated contexts: \(repeated.verdict.rawValue) in \(seconds) s")

        var alternating: [JSONValue] = []
        for _ in 0..<2500 { alternating += contexts }
        document["@context"] = .array(alternating)
        let (refused, refusedSeconds) = Self.timed(JSONValue.object(document).jsonBytes())
        #expect(refused.verdict == .invalid)
        #expect(refused.outcome(.limits) == .fail, "\(refused.describe)")
        #expect(refusedSeconds < 30, "alternating contexts took \(refusedSeconds) s")
        print("hostile: 5,000 alternating contexts: \(refused.verdict.rawValue) in \(refusedSeconds) s")
    }
}

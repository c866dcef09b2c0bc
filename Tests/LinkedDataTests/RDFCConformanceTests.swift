import Foundation
import Testing
@testable import LinkedData

/// The W3C RDF Dataset Canonicalization test suite (`w3c/rdf-canon` `tests/`), driven by its manifest.
@Suite struct RDFCConformanceTests {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("rdf-canon")

    struct Entry {
        var id: String
        var type: String
        var name: String
        var action: String
        var result: String?
        var hash: RDFCHashAlgorithm
    }

    static func entries() throws -> [Entry] {
        let text = try String(contentsOf: root.appendingPathComponent("manifest.jsonld"), encoding: .utf8)
        let manifest = try JSONValue(parsing: text)
        let list = try #require(manifest["entries"]?.arrayValue)
        return try list.map { entry in
            let hashName = entry["hashAlgorithm"]?.stringValue ?? "SHA256"
            return Entry(
                id: try #require(entry["id"]?.stringValue),
                type: try #require(entry["type"]?.stringValue),
                name: try #require(entry["name"]?.stringValue),
                action: try #require(entry["action"]?.stringValue),
                result: entry["result"]?.stringValue,
                hash: try #require(RDFCHashAlgorithm(rawValue: hashName), "unknown hash \(hashName)"))
        }
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    /// Runs one entry; `nil` when it passes, otherwise why it failed.
    static func run(_ entry: Entry) throws -> String? {
        let dataset = try NQuads.parse(read(entry.action))
        let canonicalizer = RDFCanonicalizer(hash: entry.hash)
        switch entry.type {
        case "rdfc:RDFC10EvalTest":
            let expected = try read(try #require(entry.result))
            let actual = try canonicalizer.canonicalize(dataset).canonicalNQuads
            return actual == expected ? nil : "output differs:\n\(actual)\nexpected:\n\(expected)"
        case "rdfc:RDFC10MapTest":
            let json = try JSONValue(parsing: read(try #require(entry.result)))
            var expected: [String: String] = [:]
            for member in try #require(json.objectValue) {
                guard let value = member.value.stringValue else { return "map value for \(member.key) is not a string" }
                expected[member.key] = value
            }
            let actual = try canonicalizer.canonicalize(dataset).issuedIdentifiers
            return actual == expected ? nil : "map \(actual) expected \(expected)"
        case "rdfc:RDFC10NegativeEvalTest":
            do {
                let result = try canonicalizer.canonicalize(dataset)
                return "expected a refusal, got \(result.canonicalNQuads.count) bytes"
            } catch {
                return error.code == .workLimitExceeded ? nil : "wrong error \(error)"
            }
        default:
            return "unknown test type \(entry.type)"
        }
    }

    @Test("every test of the W3C RDFC-1.0 suite passes: evaluation, identifier map, poison refusal")
    func suite() throws {
        let entries = try Self.entries()
        var passed = 0
        var failures: [String] = []
        for entry in entries {
            do {
                if let problem = try Self.run(entry) {
                    failures.append("\(entry.id) \(entry.name): \(problem)")
                } else {
                    passed += 1
                }
            } catch {
                failures.append("\(entry.id) \(entry.name): \(error)")
            }
        }
        print("rdf-canon: \(passed) passed, \(failures.count) failed")
        for failure in failures { print("  FAIL \(failure)") }
        #expect(failures.isEmpty)
        #expect(entries.count == 86)
        #expect(passed == 86)
        #expect(entries.contains { $0.hash == .sha384 }, "the suite's SHA-384 tests ran")
    }

    @Test("the suite's positive tests stay well inside the default work limits")
    func workStaysFarBelowLimits() throws {
        var most = (calls: 0, relatedHashes: 0, permutations: 0)
        for entry in try Self.entries() where entry.type == "rdfc:RDFC10EvalTest" {
            let dataset = try NQuads.parse(Self.read(entry.action))
            let work = try RDFCanonicalizer(hash: entry.hash).canonicalizeCountingWork(dataset)
            most.calls = max(most.calls, work.hashNDegreeQuadsCalls)
            most.relatedHashes = max(most.relatedHashes, work.relatedHashes)
            most.permutations = max(most.permutations, work.permutations)
        }
        print("rdf-canon: most work in one test: \(most.calls) Hash N-Degree Quads calls, "
            + "\(most.relatedHashes) related hashes, \(most.permutations) permutations")
        let limits = RDFCLimits.default
        #expect(most.calls * 10 <= limits.maxHashNDegreeQuadsCalls)
        #expect(most.relatedHashes * 10 <= limits.maxRelatedHashes)
        #expect(most.permutations * 10 <= limits.maxPermutations)
    }
}

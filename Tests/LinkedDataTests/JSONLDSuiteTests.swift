import Foundation
import Testing
@testable import LinkedData

/// The W3C JSON-LD 1.1 API test suite (expand and toRdf manifests), run from the local copy in
/// `Fixtures/json-ld-api`. Tests for JSON-LD 1.0 processing mode (`specVersion` or `processingMode`
/// `json-ld-1.0`) are outside JSON-LD 1.1 and are excluded; every other test must pass, except those listed in
/// `knownFailures` with the reason.
@Suite struct JSONLDSuiteTests {
    /// Tests that cannot pass, by manifest and test id, with the reason. Each one is checked to still fail.
    static let knownFailures: [String: String] = [:]

    struct SuiteCase {
        enum Kind { case positive, negative, syntax }
        var id: String
        var name: String
        var kind: Kind
        var input: String
        var expect: String?
        var errorCode: String?
        var options: JSONLDOptions
        var excluded: Bool
    }

    struct Summary {
        var passed = 0
        var total = 0
        var excluded = 0
        var excludedPassing = 0
        var failures: [(String, String)] = []
    }

    static func cases(_ manifest: String) throws -> [SuiteCase] {
        let folder = JSONLDTestSupport.suiteFolder
        let document = try JSONLDTestSupport.json(folder.appendingPathComponent(manifest))
        guard let sequence = document["sequence"]?.arrayValue else { return [] }
        let loader = JSONLDTestSupport.SuiteLoader(folder: folder)
        return try sequence.map { entry in
            let types = entry["@type"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let kind: SuiteCase.Kind =
                types.contains("jld:NegativeEvaluationTest")
                ? .negative : types.contains("jld:PositiveSyntaxTest") ? .syntax : .positive
            let option = entry["option"]
            var options = JSONLDOptions(safeMode: false)
            if let base = option?["base"]?.stringValue { options.base = base }
            if option?["processingMode"]?.stringValue == "json-ld-1.0" { options.processingMode = .jsonLD10 }
            if let direction = option?["rdfDirection"]?.stringValue {
                options.rdfDirection = JSONLDOptions.RDFDirection(rawValue: direction)
            }
            if option?["produceGeneralizedRdf"] == .bool(true) { options.produceGeneralizedRdf = true }
            if let context = option?["expandContext"]?.stringValue {
                options.expandContext = try loader.loadDocument(JSONLDTestSupport.suiteBase + context).document
            }
            let excluded =
                option?["specVersion"]?.stringValue == "json-ld-1.0"
                || option?["processingMode"]?.stringValue == "json-ld-1.0"
            return SuiteCase(
                id: entry["@id"]?.stringValue ?? "?", name: entry["name"]?.stringValue ?? "",
                kind: kind, input: entry["input"]?.stringValue ?? "", expect: entry["expect"]?.stringValue,
                errorCode: entry["expectErrorCode"]?.stringValue, options: options, excluded: excluded)
        }
    }

    /// Runs one case; returns nil when it passes, or why it failed.
    static func run(_ test: SuiteCase, toRDF: Bool) -> String? {
        let folder = JSONLDTestSupport.suiteFolder
        let loader = JSONLDTestSupport.SuiteLoader(folder: folder)
        let processor = JSONLDProcessor(loader: loader, options: test.options)
        let documentURL = JSONLDTestSupport.suiteBase + test.input
        do {
            let input = try loader.loadDocument(documentURL).document
            if toRDF {
                let dataset = try processor.toRDF(input, documentURL: documentURL)
                switch test.kind {
                case .negative:
                    return "expected error \"\(test.errorCode ?? "")\", got \(dataset.quads.count) quads"
                case .syntax:
                    return nil
                case .positive:
                    let expected = try JSONLDTestSupport.parseNQuads(
                        JSONLDTestSupport.text(folder.appendingPathComponent(test.expect ?? "")))
                    if Set(dataset.quads).count != dataset.quads.count {
                        return "duplicate quads in output:\n\(JSONLDTestSupport.render(dataset.quads))"
                    }
                    if JSONLDTestSupport.isomorphic(dataset.quads, expected) { return nil }
                    return "datasets differ.\n got:\n\(JSONLDTestSupport.render(dataset.quads))\n expected:\n"
                        + JSONLDTestSupport.render(expected)
                }
            } else {
                let expanded = try processor.expand(input, documentURL: documentURL)
                switch test.kind {
                case .negative:
                    return "expected error \"\(test.errorCode ?? "")\", got a result"
                case .syntax:
                    return nil
                case .positive:
                    let expected = try JSONLDTestSupport.json(folder.appendingPathComponent(test.expect ?? ""))
                    if JSONLDTestSupport.jsonldEqual(expanded, expected) { return nil }
                    return "expansion differs.\n got:      \(JSONLiteral.canonical(expanded) ?? "?")\n expected: "
                        + (JSONLiteral.canonical(expected) ?? "?")
                }
            }
        } catch let error as JSONLDError {
            if test.kind == .negative && error.code.rawValue == test.errorCode { return nil }
            return "unexpected error \(error)" + (test.kind == .negative ? " (expected \(test.errorCode ?? ""))" : "")
        } catch {
            return "test harness error: \(error)"
        }
    }

    static func runSuite(_ manifest: String, toRDF: Bool) throws -> Summary {
        var summary = Summary()
        for test in try cases(manifest) {
            if test.excluded {
                summary.excluded += 1
                if run(test, toRDF: toRDF) == nil { summary.excludedPassing += 1 }
                continue
            }
            summary.total += 1
            if let failure = run(test, toRDF: toRDF) {
                summary.failures.append((test.id, failure))
            } else {
                summary.passed += 1
            }
        }
        return summary
    }

    static func check(_ summary: Summary, label: String, prefix: String) {
        print(
            "\(label): \(summary.passed)/\(summary.total) passed "
                + "(\(summary.excluded) JSON-LD 1.0-only tests excluded; \(summary.excludedPassing) of those pass too)")
        var failed: Set<String> = []
        for (id, reason) in summary.failures {
            let key = prefix + id
            failed.insert(key)
            if let known = knownFailures[key] {
                print("  known failure \(key): \(known)")
            } else {
                Issue.record("\(key) failed: \(reason)")
            }
        }
        for key in knownFailures.keys where key.hasPrefix(prefix) && !failed.contains(key) {
            Issue.record("\(key) is listed as a known failure but passes; remove it from the list")
        }
        let rate = summary.total == 0 ? 0 : Double(summary.passed) / Double(summary.total)
        #expect(rate >= 0.98, "\(label) pass rate \(rate) is below 98%")
        #expect(summary.total > 300)
    }

    @Test("W3C JSON-LD 1.1 expand tests pass, positive and negative")
    func expandSuite() throws {
        let summary = try Self.runSuite("expand-manifest.jsonld", toRDF: false)
        Self.check(summary, label: "expand", prefix: "expand")
    }

    @Test("W3C JSON-LD 1.1 toRdf tests pass, compared as RDF datasets up to blank node renaming")
    func toRdfSuite() throws {
        let summary = try Self.runSuite("toRdf-manifest.jsonld", toRDF: true)
        Self.check(summary, label: "toRdf", prefix: "toRdf")
    }
}

import Foundation
import Testing
@testable import LinkedData

/// Helpers for the JSON-LD tests: fixture access, a loader that serves the W3C suite from the local copy,
/// a small N-Quads parser, RDF dataset isomorphism and JSON-LD object comparison.
enum JSONLDTestSupport {
    static let suiteBase = "https://w3c.github.io/json-ld-api/tests/"

    static var fixtures: URL {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
    }

    static var suiteFolder: URL {
        fixtures.appendingPathComponent("json-ld-api")
    }

    static func text(_ url: URL) throws -> String {
        String(decoding: try Data(contentsOf: url), as: UTF8.self)
    }

    static func json(_ url: URL) throws -> JSONValue {
        try JSONValue(parsing: Array(try Data(contentsOf: url)))
    }

    /// Serves `https://w3c.github.io/json-ld-api/tests/…` from the fixture copy; every other URL fails.
    struct SuiteLoader: DocumentLoader {
        let folder: URL

        func loadDocument(_ url: String) throws(JSONLDError) -> RemoteDocument {
            guard url.hasPrefix(JSONLDTestSupport.suiteBase) else {
                throw JSONLDError(.loadingDocumentFailed, "\(url) is outside the test suite")
            }
            var relative = String(url.dropFirst(JSONLDTestSupport.suiteBase.count))
            if let hash = relative.firstIndex(of: "#") { relative = String(relative[..<hash]) }
            let file = folder.appendingPathComponent(relative)
            guard let data = try? Data(contentsOf: file) else {
                throw JSONLDError(.loadingDocumentFailed, "\(url) does not exist in the suite")
            }
            do {
                return RemoteDocument(documentURL: url, document: try JSONValue(parsing: Array(data)))
            } catch {
                throw JSONLDError(.loadingDocumentFailed, "\(url) is not JSON: \(error)")
            }
        }
    }

    // MARK: - N-Quads

    struct NQuadsError: Error, CustomStringConvertible {
        var description: String
    }

    /// Parses N-Quads (enough of the grammar for the test suite's expected outputs).
    static func parseNQuads(_ text: String) throws -> [RDFQuad] {
        var quads: [RDFQuad] = []
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var scanner = Scanner(Array(rawLine.utf8))
            scanner.skipSpace()
            if scanner.atEnd || scanner.peek == UInt8(ascii: "#") { continue }
            let subject = try scanner.term()
            let predicate = try scanner.term()
            let object = try scanner.term()
            scanner.skipSpace()
            var graph: RDFTerm?
            if scanner.peek != UInt8(ascii: ".") {
                graph = try scanner.term()
            }
            scanner.skipSpace()
            guard scanner.peek == UInt8(ascii: ".") else {
                throw NQuadsError(description: "missing '.' in: \(rawLine)")
            }
            quads.append(RDFQuad(subject: subject, predicate: predicate, object: object, graph: graph))
        }
        return quads
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(_ bytes: [UInt8]) {
            self.bytes = bytes
        }

        var atEnd: Bool { index >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[index] }

        mutating func skipSpace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 { index += 1 }
        }

        mutating func term() throws -> RDFTerm {
            skipSpace()
            guard let byte = peek else { throw NQuadsError(description: "unexpected end of line") }
            switch byte {
            case UInt8(ascii: "<"):
                return .iri(try iri())
            case UInt8(ascii: "_"):
                index += 2
                let start = index
                while let c = peek, c != 0x20, c != 0x09 { index += 1 }
                while index > start && bytes[index - 1] == UInt8(ascii: ".") { index -= 1 }
                return .blank(String(decoding: bytes[start..<index], as: UTF8.self))
            case UInt8(ascii: "\""):
                index += 1
                var value: [UInt8] = []
                while let c = peek, c != UInt8(ascii: "\"") {
                    if c == UInt8(ascii: "\\") {
                        index += 1
                        guard let e = peek else { break }
                        index += 1
                        switch e {
                        case UInt8(ascii: "t"): value.append(0x09)
                        case UInt8(ascii: "b"): value.append(0x08)
                        case UInt8(ascii: "n"): value.append(0x0A)
                        case UInt8(ascii: "r"): value.append(0x0D)
                        case UInt8(ascii: "f"): value.append(0x0C)
                        case UInt8(ascii: "u"), UInt8(ascii: "U"):
                            let count = e == UInt8(ascii: "u") ? 4 : 8
                            let hex = String(decoding: bytes[index..<(index + count)], as: UTF8.self)
                            index += count
                            let scalar = Unicode.Scalar(UInt32(hex, radix: 16)!)!
                            value.append(contentsOf: Array(String(Character(scalar)).utf8))
                        default: value.append(e)
                        }
                    } else {
                        value.append(c)
                        index += 1
                    }
                }
                index += 1
                let lexical = String(decoding: value, as: UTF8.self)
                if peek == UInt8(ascii: "@") {
                    index += 1
                    let start = index
                    while let c = peek, c != 0x20, c != 0x09 { index += 1 }
                    let tag = String(decoding: bytes[start..<index], as: UTF8.self)
                    return .literal(RDFLiteral(lexical, language: tag.lowercased()))
                }
                if peek == UInt8(ascii: "^") {
                    index += 2
                    return .literal(RDFLiteral(lexical, datatype: try iri()))
                }
                return .literal(RDFLiteral(lexical))
            default:
                throw NQuadsError(description: "unexpected character \(Character(Unicode.Scalar(byte)))")
            }
        }

        mutating func iri() throws -> String {
            index += 1
            let start = index
            while let c = peek, c != UInt8(ascii: ">") { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            index += 1
            return text
        }
    }

    // MARK: - Dataset isomorphism

    /// True when the two datasets are equal as sets of quads up to a bijection between blank nodes.
    static func isomorphic(_ a: [RDFQuad], _ b: [RDFQuad]) -> Bool {
        let setA = Set(a.map(normalized))
        let setB = Set(b.map(normalized))
        guard setA.count == setB.count else { return false }
        let blanksA = blankNodes(setA)
        let blanksB = blankNodes(setB)
        guard blanksA.count == blanksB.count else { return false }
        if blanksA.isEmpty { return setA == setB }
        let colorsA = colors(setA, blanksA)
        let colorsB = colors(setB, blanksB)
        guard colorsA.values.sorted() == colorsB.values.sorted() else { return false }
        let order = blanksA.sorted { colorsA[$0]! < colorsA[$1]! }
        var mapping: [String: String] = [:]
        var used: Set<String> = []
        func search(_ position: Int) -> Bool {
            if position == order.count {
                let mapped = Set(setA.map { relabel($0, mapping) })
                return mapped == setB
            }
            let node = order[position]
            for candidate in blanksB where !used.contains(candidate) && colorsB[candidate] == colorsA[node] {
                mapping[node] = candidate
                used.insert(candidate)
                if search(position + 1) { return true }
                used.remove(candidate)
                mapping[node] = nil
            }
            return false
        }
        return search(0)
    }

    static func normalized(_ quad: RDFQuad) -> RDFQuad {
        func fix(_ term: RDFTerm) -> RDFTerm {
            if case .literal(var literal) = term, let language = literal.language {
                literal.language = language.lowercased()
                return .literal(literal)
            }
            return term
        }
        return RDFQuad(subject: quad.subject, predicate: quad.predicate, object: fix(quad.object), graph: quad.graph)
    }

    private static func blankNodes(_ quads: Set<RDFQuad>) -> Set<String> {
        var result: Set<String> = []
        for quad in quads {
            for term in [quad.subject, quad.predicate, quad.object, quad.graph].compactMap({ $0 }) {
                if case .blank(let label) = term { result.insert(label) }
            }
        }
        return result
    }

    private static func describe(_ term: RDFTerm?, _ colors: [String: Int], self node: String) -> String {
        switch term {
        case nil: return "D"
        case .iri(let iri)?: return "<\(iri)>"
        case .blank(let label)?: return label == node ? "SELF" : "B\(colors[label] ?? 0)"
        case .literal(let literal)?: return "\"\(literal.lexicalForm)\"^\(literal.datatype)@\(literal.language ?? "")"
        }
    }

    /// Iterative colour refinement of blank nodes by the quads they occur in.
    private static func colors(_ quads: Set<RDFQuad>, _ blanks: Set<String>) -> [String: Int] {
        var colors = Dictionary(uniqueKeysWithValues: blanks.map { ($0, 0) })
        for _ in 0..<4 {
            var signatures: [String: String] = [:]
            for node in blanks {
                var parts: [String] = []
                for quad in quads {
                    let terms = [quad.subject, quad.predicate, quad.object, quad.graph]
                    guard terms.contains(where: { $0 == .blank(node) }) else { continue }
                    parts.append(terms.map { describe($0, colors, self: node) }.joined(separator: " "))
                }
                signatures[node] = parts.sorted().joined(separator: "\n")
            }
            let distinct = Array(Set(signatures.values)).sorted()
            let index = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
            colors = signatures.mapValues { index[$0]! }
        }
        return colors
    }

    private static func relabel(_ quad: RDFQuad, _ mapping: [String: String]) -> RDFQuad {
        func map(_ term: RDFTerm) -> RDFTerm {
            if case .blank(let label) = term { return .blank(mapping[label] ?? label) }
            return term
        }
        return RDFQuad(
            subject: map(quad.subject), predicate: map(quad.predicate), object: map(quad.object),
            graph: quad.graph.map(map))
    }

    /// N-Quads text for messages.
    static func render(_ quads: [RDFQuad]) -> String {
        func term(_ term: RDFTerm) -> String {
            switch term {
            case .iri(let iri): return "<\(iri)>"
            case .blank(let label): return "_:\(label)"
            case .literal(let literal):
                var text = "\"\(literal.lexicalForm)\""
                if let language = literal.language { text += "@\(language)" } else if literal.datatype
                    != RDFVocabulary.xsdString
                {
                    text += "^^<\(literal.datatype)>"
                }
                return text
            }
        }
        return quads.map { quad in
            [quad.subject, quad.predicate, quad.object].map(term).joined(separator: " ")
                + (quad.graph.map { " " + term($0) } ?? "") + " ."
        }.joined(separator: "\n")
    }

    // MARK: - JSON-LD object comparison

    /// The suite's JSON-LD object comparison: members unordered, arrays unordered except `@list` values,
    /// numbers by value, language tags case-insensitively.
    static func jsonldEqual(_ a: JSONValue, _ b: JSONValue, key: String? = nil) -> Bool {
        switch (a, b) {
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for member in x {
                guard let other = y[member.key], jsonldEqual(member.value, other, key: member.key) else {
                    return false
                }
            }
            return true
        case (.array(let x), .array(let y)):
            guard x.count == y.count else { return false }
            if key == "@list" {
                return zip(x, y).allSatisfy { jsonldEqual($0, $1) }
            }
            var unused = Array(y.indices)
            for item in x {
                guard let position = unused.firstIndex(where: { jsonldEqual(item, y[$0], key: key) }) else {
                    return false
                }
                unused.remove(at: position)
            }
            return true
        case (.number(let x), .number(let y)):
            return x.lexeme == y.lexeme || x.doubleValue == y.doubleValue
        case (.string(let x), .string(let y)):
            return key == "@language" ? x.lowercased() == y.lowercased() : x == y
        default:
            return a == b
        }
    }
}

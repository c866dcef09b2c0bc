import Foundation
import Testing
@testable import LinkedData

@Suite struct RDFCTests {
    static let p = RDFTerm.iri("http://example.com/p")

    /// A clique of `size` blank nodes: every node points at every node (itself too, as in the W3C poison test).
    static func clique(_ size: Int) -> RDFDataset {
        var quads: [RDFQuad] = []
        for from in 0..<size {
            for to in 0..<size {
                quads.append(RDFQuad(subject: .blank("e\(from)"), predicate: p, object: .blank("e\(to)")))
            }
        }
        return RDFDataset(quads: quads)
    }

    static func canonical(_ nquads: String, _ canonicalizer: RDFCanonicalizer = RDFCanonicalizer()) throws -> String {
        try canonicalizer.canonicalize(NQuads.parse(nquads)).canonicalNQuads
    }

    @Test("a 10-node blank node clique is refused with the work-limit error, naming the limit")
    func refusesTenClique() {
        do {
            let result = try RDFCanonicalizer().canonicalize(Self.clique(10))
            Issue.record("a 10-clique was canonicalized: \(result.canonicalNQuads.count) bytes")
        } catch {
            #expect(error.code == .workLimitExceeded)
            #expect(error.reason.contains("RDFCLimits.maxPermutations"))
        }
    }

    @Test("a 6-node clique fits the default limits; a 7-node clique does not")
    func cliqueSizes() throws {
        let six = try RDFCanonicalizer().canonicalizeCountingWork(Self.clique(6))
        #expect(six.result.issuedIdentifiers.count == 6)
        #expect(six.hashNDegreeQuadsCalls > 1000)
        #expect(throws: RDFCError.self) { try RDFCanonicalizer().canonicalize(Self.clique(7)) }
    }

    @Test("each limit is configurable and is named when it is reached")
    func eachLimitIsNamed() throws {
        let dataset = Self.clique(4)
        let work = try RDFCanonicalizer().canonicalizeCountingWork(dataset)
        let cases: [(RDFCLimits, String)] = [
            (RDFCLimits(maxHashNDegreeQuadsCalls: work.hashNDegreeQuadsCalls - 1), "maxHashNDegreeQuadsCalls"),
            (RDFCLimits(maxRelatedHashes: work.relatedHashes - 1), "maxRelatedHashes"),
            (RDFCLimits(maxPermutations: work.permutations - 1), "maxPermutations"),
        ]
        for (limits, name) in cases {
            do {
                _ = try RDFCanonicalizer(limits: limits).canonicalize(dataset)
                Issue.record("\(name) one below the work needed did not refuse")
            } catch {
                #expect(error.code == .workLimitExceeded)
                #expect(error.reason.contains(name), "\(error.reason)")
            }
        }
        // Exactly the work needed is enough.
        let exact = RDFCLimits(
            maxHashNDegreeQuadsCalls: work.hashNDegreeQuadsCalls, maxRelatedHashes: work.relatedHashes,
            maxPermutations: work.permutations)
        #expect(try RDFCanonicalizer(limits: exact).canonicalize(dataset) == work.result)
    }

    @Test("the 10-clique is refused before any permutation, and a long chain without a stack overflow")
    func refusalIsCheapAndIterative() throws {
        // With one Hash N-Degree Quads run allowed, the refusal still names the permutation limit: it comes
        // from the first run, before any permutation or recursion.
        do {
            _ = try RDFCanonicalizer(limits: RDFCLimits(maxHashNDegreeQuadsCalls: 1)).canonicalize(Self.clique(10))
            Issue.record("a 10-clique was canonicalized")
        } catch {
            #expect(error.reason.contains("RDFCLimits.maxPermutations"), "\(error.reason)")
        }
        // A chain of 3,000 blank nodes whose inner nodes share a first-degree hash: deep gossip paths.
        var quads: [RDFQuad] = []
        for index in 0..<3000 {
            quads.append(RDFQuad(subject: .blank("c\(index)"), predicate: Self.p, object: .blank("c\(index + 1)")))
        }
        do {
            _ = try RDFCanonicalizer().canonicalize(RDFDataset(quads: quads))
            Issue.record("a 3,000-node chain was canonicalized within the default limits")
        } catch {
            #expect(error.code == .workLimitExceeded)
        }
        // With the call limit lifted the depth is no problem either (the recursion is on the heap).
        let lifted = RDFCLimits(maxHashNDegreeQuadsCalls: 20_000, maxRelatedHashes: 50_000)
        let chain = RDFDataset(quads: Array(quads.prefix(100)))
        let result = try RDFCanonicalizer(limits: lifted).canonicalizeCountingWork(chain)
        #expect(result.result.issuedIdentifiers.count == 101)
    }

    @Test("a node related twice to the same node with the same hash (named graphs) canonicalizes consistently")
    func repeatedRelatedNodes() throws {
        // Two isomorphic components; in each, _:a relates to _:b in two graphs with one predicate, so the
        // related blank node lists of Hash N-Degree Quads hold _:b twice.
        var text = ""
        for copy in ["x", "y"] {
            text += "_:\(copy)a <http://ex/p> _:\(copy)b <http://ex/g1> .\n"
            text += "_:\(copy)a <http://ex/p> _:\(copy)b <http://ex/g2> .\n"
            text += "_:\(copy)b <http://ex/p> _:\(copy)a .\n"
            text += "_:\(copy)b <http://ex/q> _:\(copy)c .\n"
            text += "_:\(copy)c <http://ex/p> _:\(copy)a .\n"
        }
        let dataset = try NQuads.parse(text)
        let work = try RDFCanonicalizer().canonicalizeCountingWork(dataset)
        #expect(work.hashNDegreeQuadsCalls > 0)
        #expect(work.result.issuedIdentifiers.count == 6)
        var generator = SplitMix64(seed: 7)
        for _ in 0..<10 {
            let scrambled = RDFCTestSupport.scramble(dataset, using: &generator)
            #expect(try RDFCanonicalizer().canonicalize(scrambled).canonicalNQuads == work.result.canonicalNQuads)
        }
    }

    @Test("duplicate quads count once")
    func duplicatesCountOnce() throws {
        let once = "_:a <http://example.com/p> \"x\" .\n<http://example.com/s> <http://example.com/q> _:a .\n"
        let twice = once + "_:a <http://example.com/p> \"x\" .\n" + once
        #expect(try Self.canonical(twice) == Self.canonical(once))
        #expect(try Self.canonical(twice).split(separator: "\n").count == 2)
    }

    @Test("the output is sorted canonical N-Quads with c14n labels and the map names every input blank node")
    func outputShape() throws {
        let input = """
            _:x <http://example.com/name> "Bo" <http://example.com/g> .
            <http://example.com/s> <http://example.com/knows> _:x .
            _:y <http://example.com/name> "Al"^^<http://www.w3.org/2001/XMLSchema#string> _:y .

            """
        let result = try RDFCanonicalizer().canonicalize(NQuads.parse(input))
        let lines = result.canonicalNQuads.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "")
        #expect(Array(lines.dropLast()) == lines.dropLast().sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(Set(result.issuedIdentifiers.keys) == ["x", "y"])
        #expect(Set(result.issuedIdentifiers.values) == ["c14n0", "c14n1"])
        #expect(!result.canonicalNQuads.contains("XMLSchema#string"))
        #expect(!result.canonicalNQuads.contains("_:x") && !result.canonicalNQuads.contains("_:y"))
    }

    @Test("SHA-384 gives other labels than SHA-256 where the hash order decides")
    func sha384IsSelectable() throws {
        // Four blank nodes with different first-degree hashes: their order is the order of their hashes.
        var input = ""
        for index in 0..<4 { input += "_:b\(index) <http://example.com/p> \"\(index)\" .\n" }
        let dataset = try NQuads.parse(input)
        let sha256 = try RDFCanonicalizer(hash: .sha256).canonicalize(dataset)
        let sha384 = try RDFCanonicalizer(hash: .sha384).canonicalize(dataset)
        #expect(sha256.issuedIdentifiers != sha384.issuedIdentifiers)
        #expect(Set(sha384.issuedIdentifiers.values) == ["c14n0", "c14n1", "c14n2", "c14n3"])
    }

    @Test("an empty dataset and a dataset without blank nodes canonicalize to sorted lines")
    func groundDatasets() throws {
        #expect(try Self.canonical("") == "")
        #expect(try RDFCanonicalizer().canonicalize(RDFDataset()).issuedIdentifiers.isEmpty)
        let input = "<http://b> <http://p> <http://o> .\n<http://a> <http://p> \"z\"@en .\n"
        #expect(try Self.canonical(input) == "<http://a> <http://p> \"z\"@en .\n<http://b> <http://p> <http://o> .\n")
    }

    @Test("quads that are not RDF are refused with a reason naming the quad")
    func refusesNonRDF() {
        let literal = RDFTerm.literal(RDFLiteral("x"))
        let bad: [RDFQuad] = [
            RDFQuad(subject: literal, predicate: Self.p, object: literal),
            RDFQuad(subject: .blank("a"), predicate: .blank("p"), object: literal),
            RDFQuad(subject: .blank("a"), predicate: literal, object: literal),
            RDFQuad(subject: .blank("a"), predicate: Self.p, object: literal, graph: literal),
        ]
        for quad in bad {
            let good = RDFQuad(subject: .iri("http://s"), predicate: Self.p, object: literal)
            let dataset = RDFDataset(quads: [good, quad])
            do {
                _ = try RDFCanonicalizer().canonicalize(dataset)
                Issue.record("accepted \(quad)")
            } catch {
                #expect(error.code == .invalidQuad)
                #expect(error.reason.contains("quad 2"))
            }
        }
    }

    @Test("isomorphic inputs of the W3C suite give identical output after relabelling and shuffling")
    func isomorphismInvariance() throws {
        let root = RDFCConformanceTests.root.appendingPathComponent("rdfc10")
        var generator = SplitMix64(seed: 42)
        var checked = 0
        for number in [3, 5, 10, 17, 20, 21, 36, 44, 47, 56, 63, 70, 73] {
            let name = String(format: "test%03d-in.nq", number)
            let input = try NQuads.parse(String(contentsOf: root.appendingPathComponent(name), encoding: .utf8))
            let expected = try RDFCanonicalizer().canonicalize(input).canonicalNQuads
            for _ in 0..<3 {
                let scrambled = RDFCTestSupport.scramble(input, using: &generator)
                #expect(try RDFCanonicalizer().canonicalize(scrambled).canonicalNQuads == expected, "\(name)")
            }
            checked += 1
        }
        #expect(checked == 13)
    }
}

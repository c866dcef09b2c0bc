import BadgeCrypto
import Foundation
import Testing
@testable import LinkedData

/// Published eddsa-rdfc-2022 canonical N-Quads (W3C vc-di-eddsa, 1EdTech OB 3.0 and CLR 2.0 implementation
/// guide): canonicalizing them again reproduces them byte for byte, also after relabelling their blank nodes
/// and shuffling their lines, and their SHA-256 hashes are the published ones.
@Suite struct RDFCVectorTests {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!
        .appendingPathComponent("rdf-canon-vectors")

    struct Vector: CustomTestStringConvertible {
        var file: String
        var sha256Hex: String
        var testDescription: String { file }
    }

    static func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    static func vectors() throws -> [Vector] {
        var vectors: [Vector] = []
        for folder in ["vc-di-eddsa/eddsa-rdfc-2022", "vc-di-eddsa/eddsa-rdfc-2022/employ"] {
            vectors.append(Vector(
                file: "\(folder)/canonDocDataInt.txt",
                sha256Hex: try read("\(folder)/docHashDataInt.txt").trimmingCharacters(in: .whitespacesAndNewlines)))
            vectors.append(Vector(
                file: "\(folder)/proofCanonDataInt.txt",
                sha256Hex: try read("\(folder)/proofHashDataInt.txt").trimmingCharacters(in: .whitespacesAndNewlines)))
        }
        for folder in ["1edtech-ldp/obv3p0", "1edtech-ldp/clrv2p0"] {
            let vector = try JSONValue(parsing: read("\(folder)/vector.json"))
            vectors.append(Vector(
                file: "\(folder)/document-canon.txt", sha256Hex: try #require(vector["documentHashHex"]?.stringValue)))
            vectors.append(Vector(
                file: "\(folder)/proof-canon.txt", sha256Hex: try #require(vector["proofHashHex"]?.stringValue)))
        }
        return vectors
    }

    @Test("the published files are in canonical form and hash to the published SHA-256", arguments: try vectors())
    func reproducesPublishedCanonicalForm(_ vector: Vector) throws {
        let published = try Self.read(vector.file)
        let result = try RDFCanonicalizer().canonicalize(NQuads.parse(published))
        #expect(result.canonicalNQuads == published)
        #expect(Hex.encode(SHA256.hash(Array(result.canonicalNQuads.utf8))) == vector.sha256Hex)
    }

    @Test("relabelled and shuffled, each published file canonicalizes back to itself", arguments: try vectors())
    func relabelledInputGivesTheSameOutput(_ vector: Vector) throws {
        let published = try Self.read(vector.file)
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<5 {
            let scrambled = RDFCTestSupport.scramble(try NQuads.parse(published), using: &generator)
            let result = try RDFCanonicalizer().canonicalize(scrambled)
            #expect(result.canonicalNQuads == published)
        }
    }

    @Test("the combined hashes are proof hash then document hash")
    func combinedHashes() throws {
        for folder in ["vc-di-eddsa/eddsa-rdfc-2022", "vc-di-eddsa/eddsa-rdfc-2022/employ"] {
            let document = try RDFCanonicalizer().canonicalize(NQuads.parse(Self.read("\(folder)/canonDocDataInt.txt")))
            let proof = try RDFCanonicalizer().canonicalize(NQuads.parse(Self.read("\(folder)/proofCanonDataInt.txt")))
            let combined = Hex.encode(SHA256.hash(Array(proof.canonicalNQuads.utf8)))
                + Hex.encode(SHA256.hash(Array(document.canonicalNQuads.utf8)))
            let published = try Self.read("\(folder)/combinedHashDataInt.txt")
            #expect(combined == published.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let vector = try JSONValue(parsing: Self.read("1edtech-ldp/obv3p0/vector.json"))
        let folder = "1edtech-ldp/obv3p0"
        let document = try RDFCanonicalizer().canonicalize(NQuads.parse(Self.read("\(folder)/document-canon.txt")))
        let proof = try RDFCanonicalizer().canonicalize(NQuads.parse(Self.read("\(folder)/proof-canon.txt")))
        let combined = Hex.encode(SHA256.hash(Array(proof.canonicalNQuads.utf8)))
            + Hex.encode(SHA256.hash(Array(document.canonicalNQuads.utf8)))
        #expect(combined == vector["dataToSignHex(proofHash||documentHash)"]?.stringValue)
    }
}

/// A small deterministic random number generator for reproducible shuffles.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

enum RDFCTestSupport {
    /// The same dataset up to isomorphism: blank nodes renamed at random, quads in a random order.
    static func scramble(_ dataset: RDFDataset, using generator: inout SplitMix64) -> RDFDataset {
        var names: [String: String] = [:]
        func rename(_ term: RDFTerm) -> RDFTerm {
            guard case .blank(let label) = term else { return term }
            if let name = names[label] { return .blank(name) }
            let name = "n\(generator.next() % 1_000_000)x\(names.count)"
            names[label] = name
            return .blank(name)
        }
        var quads = dataset.quads.shuffled(using: &generator)
        for index in quads.indices {
            quads[index].subject = rename(quads[index].subject)
            quads[index].object = rename(quads[index].object)
            quads[index].graph = quads[index].graph.map(rename)
        }
        return RDFDataset(quads: quads)
    }
}

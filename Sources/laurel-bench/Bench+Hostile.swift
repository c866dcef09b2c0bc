import BadgeCrypto
import BadgeIssuer
import BadgeProofs
import BadgeVerifier
import LinkedData
import OpenBadges

extension BenchSuites {
    /// `hostile`: how the verifier's time grows with the size of hostile input shapes.
    static var hostile: BenchSuite {
        BenchSuite(
            name: "hostile",
            summary: "Verifier.verify(bytes:) (offline) on hostile input shapes at growing sizes; 'ratio' is CPU time "
                + "per byte against the shape's smallest size (about 1 or less: at most linear growth)",
            run: runHostile)
    }

    private static func runHostile(_ harness: BenchHarness) throws {
        let samples = try HostileShapes()
        let verifier = Verifier(options: VerificationOptions(at: HostileShapes.verifiedAt))
        let baseline = samples.signed.jsonBytes()
        let plain = HostileRow.verdict(verifier.verify(bytes: baseline, source: "bench"))
        print("the signed credential: \(baseline.count) B, \(plain)")
        print(HostileRow.header)
        var slow: [String] = []
        for shape in samples.shapes {
            var first: HostileRow?
            for size in shape.sizes {
                let input = try shape.build(size)
                var wall: [Double] = []
                var cpu: [Double] = []
                var report = verifier.verify(bytes: input, source: "bench")
                // A verification that takes long is timed three times, a quick one five.
                while wall.count < ((wall.first ?? 0) > 500 ? 3 : 5) {
                    let start = BenchHarness.now()
                    let cpuStart = BenchHarness.threadCPUTime()
                    report = verifier.verify(bytes: input, source: "bench")
                    cpu.append(Double(BenchHarness.threadCPUTime() - cpuStart) / 1_000_000)
                    wall.append(Double(BenchHarness.now() - start) / 1_000_000)
                }
                var row = HostileRow(
                    shape: shape.name, parameter: "\(shape.parameter) \(size)", bytes: input.count, wall: wall,
                    cpu: cpu, verdict: HostileRow.verdict(report))
                row.ratio = first.map { row.millisecondsPerByte / $0.millisecondsPerByte } ?? 1
                if first == nil { first = row }
                print(row.line)
                if row.overBudget { slow.append("\(row.shape) (\(row.parameter))") }
            }
        }
        print(slow.isEmpty
            ? "every verification took at most 2 s"
            : "over 2 s in one verification: " + slow.joined(separator: ", "))
    }
}

/// One line of the hostile-input table.
struct HostileRow {
    var shape: String
    var parameter: String
    var bytes: Int
    /// Wall-clock time of each verification, in milliseconds.
    var wall: [Double]
    /// CPU time of the verifying thread in each verification, in milliseconds: what a busy machine does not inflate.
    var cpu: [Double]
    var verdict: String
    /// CPU time per byte, divided by the same figure at the shape's smallest size.
    var ratio = 1.0

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    var millisecondsPerByte: Double { Self.median(cpu) / Double(max(bytes, 1)) }
    /// Whether one verification took more than 2 s, wall clock or CPU.
    var overBudget: Bool { (wall + cpu).contains { $0 > 2000 } }

    static let header = [
        pad("shape", 18), pad("size", 14), pad("bytes", 10, right: true), pad("median ms", 10, right: true),
        pad("max ms", 10, right: true), pad("cpu ms", 10, right: true), "  ", pad("verdict (failing checks)", 30),
        pad("ratio", 6, right: true),
    ].joined(separator: " ")

    var line: String {
        [
            Self.pad(shape, 18), Self.pad(parameter, 14), Self.pad(String(bytes), 10, right: true),
            Self.pad(Self.milliseconds(Self.median(wall)), 10, right: true),
            Self.pad(Self.milliseconds(wall.max() ?? 0), 10, right: true),
            Self.pad(Self.milliseconds(Self.median(cpu)), 10, right: true), overBudget ? "!!" : "  ",
            Self.pad(verdict, 30), Self.pad(BenchHarness.Result.format(ratio, 2), 6, right: true),
        ].joined(separator: " ")
    }

    private static func milliseconds(_ value: Double) -> String {
        BenchHarness.Result.format(value, value < 10 ? 2 : 1)
    }

    /// `valid`, or the verdict and the ids of the checks that failed: `invalid (limits)`.
    static func verdict(_ report: VerificationReport) -> String {
        let failed = report.checks.filter { $0.outcome == .fail }.map(\.id.rawValue)
        var unique: [String] = []
        for id in failed where !unique.contains(id) { unique.append(id) }
        guard !unique.isEmpty else { return report.verdict.rawValue }
        return "\(report.verdict.rawValue) (\(unique.joined(separator: ", ")))"
    }

    private static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.count))
        return right ? fill + text : text + fill
    }
}

/// Hostile inputs built from one credential signed with a fixed benchmark key (a `did:key` issuer, so it verifies
/// offline). Where the shape can still be signed, the bench key signs it, as an attacker with a key of their own
/// could: the verifier then does all its work. Where signing refuses the shape, it carries the proof of the plain
/// credential, which no longer matches.
struct HostileShapes {
    struct Shape {
        var name: String
        /// What the sizes count ("N", "copies", "bytes").
        var parameter: String
        var sizes: [Int]
        var build: (Int) throws -> [UInt8]
    }

    /// 2026-06-01, inside the credential's validity.
    static let verifiedAt = 1_780_272_000.0
    static let created = "2026-01-02T03:04:05Z"
    static let vcContext = "https://www.w3.org/ns/credentials/v2"

    let key: Ed25519PrivateKey
    let signer: CredentialSigner
    let unsigned: JSONObject
    let signed: JSONObject

    init() throws {
        // A fixed benchmark key (not a real issuer key).
        key = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x42, count: 32))
        signer = CredentialSigner(
            format: .eddsaRdfc2022, key: key, verificationMethod: DIDKey.verificationMethod(for: key.publicKey))
        var issuer = Profile(json: JSONObject())
        issuer.id = DIDKey.did(for: key.publicKey)
        issuer.types = ["Profile"]
        issuer.name = "Example College"
        issuer.url = "https://example.edu"
        let achievement = AchievementDefinition(
            id: "https://example.edu/achievements/data-literacy", name: "Data Literacy",
            description: "Reads and explains data.", criteriaNarrative: "Complete three tasks.")
        let draft = CredentialDraft(
            id: "urn:uuid:5b0f4c1e-8d2a-4f3b-9e61-2c7d8a9b0e14", recipient: .email("ada@example.org"),
            evidence: [.url("https://example.org/projects/1")], validFrom: Self.created, salt: "benchsalt")
        unsigned = try CredentialBuilder.credential(draft: draft, achievement: achievement, issuer: issuer).json
        signed = try JSONValue(parsing: signer.sign(unsigned, created: Self.created).bytes).objectValue ?? JSONObject()
    }

    /// `credential` signed with the bench key, or, when signing refuses it, with the plain credential's proof.
    func seal(_ credential: JSONObject) -> [UInt8] {
        if let bytes = try? signer.sign(credential, created: Self.created, compact: true).bytes { return bytes }
        var sealed = credential
        sealed["proof"] = signed["proof"]
        return JSONValue.object(sealed).jsonBytes()
    }

    /// The unsigned credential with `change` applied to its credentialSubject, sealed.
    func subject(_ change: (inout JSONObject) -> Void) -> [UInt8] {
        var credential = unsigned
        var subject = credential["credentialSubject"]?.objectValue ?? JSONObject()
        change(&subject)
        credential["credentialSubject"] = .object(subject)
        return seal(credential)
    }

    /// The signed credential's JSON with `member` (a key and its value, as JSON text) inserted as its first member.
    func spliced(_ member: String) -> [UInt8] {
        var bytes = signed.jsonBytes()
        bytes.insert(contentsOf: Array((member + ",").utf8), at: 1)
        return bytes
    }

    var shapes: [Shape] {
        [
            Shape(name: "proof set", parameter: "N", sizes: [8, 16, 32, 33, 150, 500]) { count in
                // Copies of the proof, each with an id and a previousProof naming every other copy.
                let proof = signed["proof"]?.arrayValue?.first?.objectValue ?? JSONObject()
                let ids = (0..<count).map { JSONValue.string("urn:uuid:proof-\($0)") }
                var document = signed
                document["proof"] = .array((0..<count).map { index in
                    var copy = proof
                    copy["id"] = ids[index]
                    copy["previousProof"] = .array(ids.enumerated().filter { $0.offset != index }.map(\.element))
                    return .object(copy)
                })
                return JSONValue.object(document).jsonBytes()
            },
            Shape(name: "@context repeats", parameter: "copies", sizes: [100, 500, 1000, 5000]) { count in
                var credential = unsigned
                let contexts = credential["@context"]?.arrayValue ?? []
                credential["@context"] = .array(
                    Array(repeating: .string(Self.vcContext), count: count) + contexts.dropFirst())
                return seal(credential)
            },
            Shape(name: "deep nesting", parameter: "depth", sizes: [32, 64, 128, 129, 1024, 100_000]) { depth in
                // The document's total depth: the root object and `depth - 1` objects nested in it.
                let levels = depth - 1
                return spliced("\"nested\":" + String(repeating: "{\"n\":", count: levels - 1) + "{}"
                    + String(repeating: "}", count: levels - 1))
            },
            Shape(name: "wide subject", parameter: "members", sizes: [1000, 2000, 4000, 8000]) { count in
                subject { subject in
                    for index in 0..<count { subject["p\(index)"] = .string("value \(index)") }
                }
            },
            Shape(name: "blank-node clique", parameter: "nodes", sizes: [4, 8, 16, 32]) { count in
                // Blank nodes that each name every other one: RDFC-1.0's worst case.
                var credential = unsigned
                let knows = JSONObject(["@id": "https://example.org/knows", "@type": "@id"])
                credential["@context"] = .array(
                    (credential["@context"]?.arrayValue ?? []) + [.object(JSONObject(["knows": .object(knows)]))])
                let nodes = (0..<count).map { "_:b\($0)" }
                var subject = credential["credentialSubject"]?.objectValue ?? JSONObject()
                subject["knows"] = .array(nodes.map { node in
                    let others = nodes.filter { $0 != node }.map(JSONValue.string)
                    return .object(JSONObject(["id": .string(node), "knows": .array(others)]))
                })
                credential["credentialSubject"] = .object(subject)
                return seal(credential)
            },
            Shape(name: "huge string", parameter: "bytes", sizes: [131_072, 262_144, 524_288, 1_048_576]) { count in
                var credential = unsigned
                credential["description"] = .string(String(repeating: "a", count: count))
                return seal(credential)
            },
            Shape(name: "array elements", parameter: "N", sizes: [10_000, 20_000, 40_000, 80_000]) { count in
                subject { subject in subject["items"] = .array((0..<count).map { .string("item \($0)") }) }
            },
            Shape(name: "png chunks", parameter: "chunks", sizes: [1000, 4000, 16_000, 64_000]) { count in
                let chunks = (0..<count).map { index in (type: "prVt", data: Array("chunk \(index)".utf8)) }
                let json = String(decoding: signed.jsonBytes(), as: UTF8.self)
                return try BadgeBaker.bake(json, intoPNG: BakingBench.png(chunks))
            },
            Shape(name: "png iTXt", parameter: "bytes", sizes: [65_536, 262_144, 1_048_576, 4_194_304]) { count in
                // White space inside the JSON leaves the proof valid: one large iTXt chunk.
                let json = signed.jsonBytes()
                let padded = "{" + String(repeating: " ", count: max(0, count - json.count))
                    + String(decoding: json.dropFirst(), as: UTF8.self)
                return try BadgeBaker.bake(padded, intoPNG: BakingBench.png([]))
            },
            Shape(name: "svg paths", parameter: "bytes", sizes: [262_144, 524_288, 1_048_576, 4_194_304]) { count in
                let baked = try BadgeBaker.bake(
                    String(decoding: signed.jsonBytes(), as: UTF8.self), intoSVG: BakingBench.largeSVG(bytes: count))
                return Array(baked.utf8)
            },
            Shape(name: "long JWS", parameter: "bytes", sizes: [65_536, 262_144, 1_048_576, 4_194_304]) { count in
                // A VC-JWT signed over a long description: valid, so every step runs.
                var credential = unsigned
                credential["description"] = .string(String(repeating: "a", count: count))
                let method = DIDKey.verificationMethod(for: key.publicKey)
                return Array(try VCJWT.issue(credential, privateKey: key, keyReference: .keyID(method)).utf8)
            },
        ]
    }
}

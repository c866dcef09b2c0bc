import BadgeCrypto
import BadgeProofs
import LinkedData

/// One operation run N times with nothing else around it, for instruction counts under
/// `valgrind --tool=callgrind`: the count for N₂ runs minus the count for N₁ runs, divided by N₂ − N₁, is the
/// cost of one operation without the set-up (see `Scripts/bench-instructions.sh`).
enum BenchRepeat {
    /// The operations, by name, each with what it measures.
    static let operations: [(name: String, about: String)] = [
        ("ed25519-verify", "bare Ed25519 verify of a 64-byte message"),
        ("ed25519-sign", "bare Ed25519 sign of a 64-byte message"),
        ("sha256", "SHA-256 of the typical credential's canonical N-Quads"),
        ("parse", "JSON parsing of the signed typical credential"),
        ("expand", "JSON-LD expansion of the typical credential"),
        ("to-rdf", "JSON-LD expansion and toRdf of the typical credential"),
        ("rdfc", "RDFC-1.0 of the typical credential's dataset"),
        ("canonicalize", "expansion, toRdf and RDFC-1.0 of the typical credential"),
        ("verify-rdfc", "eddsa-rdfc-2022 verify of the typical credential (parsed, key known)"),
        ("verify-rdfc-bytes", "eddsa-rdfc-2022 verify of the typical credential from its bytes"),
        ("sign-rdfc", "eddsa-rdfc-2022 add proof to the typical credential"),
        ("verify-jcs", "eddsa-jcs-2022 verify of the typical credential (parsed, key known)"),
        ("sign-jcs", "eddsa-jcs-2022 add proof to the typical credential"),
    ]

    /// Sets `name` up, then runs it `count` times; returns the number of runs that failed.
    static func run(_ name: String, count: Int) throws -> Int {
        let body = try prepare(name)
        var failures = 0
        for _ in 0..<count where !body() { failures += 1 }
        return failures
    }

    /// Sets `name` up, runs it once untimed (first-use work such as processing the pinned contexts is not
    /// counted), then times `rounds` rounds of `count` runs; returns the median time of one operation over the
    /// rounds, in nanoseconds, and the number of runs that failed.
    static func time(_ name: String, count: Int, rounds: Int) throws -> (nanoseconds: Double, failures: Int) {
        let body = try prepare(name)
        var failures = body() ? 0 : 1
        let clock = ContinuousClock()
        var perOperation: [Double] = []
        for _ in 0..<rounds {
            let start = clock.now
            for _ in 0..<count where !body() { failures += 1 }
            let elapsed = start.duration(to: clock.now)
            let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
            perOperation.append(nanoseconds / Double(count))
        }
        perOperation.sort()
        let middle = perOperation.count / 2
        let median =
            perOperation.count % 2 == 1 ? perOperation[middle] : (perOperation[middle - 1] + perOperation[middle]) / 2
        return (median, failures)
    }

    /// The operation's body, set up; each call performs one operation and says whether it succeeded.
    private static func prepare(_ name: String) throws -> () -> Bool {
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x42, count: 32))
        let publicKey = key.publicKey
        let typical = try JSONValue(parsing: BenchCredentials.typical).objectValue!
        let issuer = typical["issuer"]?["id"]?.stringValue ?? ""
        let method = issuer + "#" + Multikey.encode(publicKey)
        let rdfcOptions = try DataIntegrityProof(
            cryptosuite: EddsaRdfc2022.cryptosuite, verificationMethod: method, created: "2024-04-03T09:44:42Z")
        let jcsOptions = try DataIntegrityProof(
            cryptosuite: EddsaJcs2022.cryptosuite, verificationMethod: method, created: "2024-04-03T09:44:42Z")
        let fixed = FixedKeyResolver(publicKey)
        let processor = EddsaRdfc2022.defaultProcessor
        let document = JSONValue.object(typical)
        let message = [UInt8](repeating: 0xA5, count: 64)
        switch name {
        case "ed25519-verify":
            let signature = try key.signature(for: message)
            return { publicKey.isValidSignature(signature, for: message) }
        case "ed25519-sign":
            return { (try? key.signature(for: message))?.count == 64 }
        case "sha256":
            let canonical = try EddsaRdfc2022.canonicalNQuads(of: typical)
            return { SHA256.hash(canonical.utf8).count == 32 }
        case "parse":
            let bytes = Array(try EddsaRdfc2022.addProof(to: typical, options: rdfcOptions, privateKey: key).jsonBytes())
            return { (try? JSONValue(parsing: bytes)) != nil }
        case "expand":
            return { (try? processor.expand(document)) != nil }
        case "to-rdf":
            return { (try? processor.toRDF(document)) != nil }
        case "rdfc":
            let dataset = try processor.toRDF(document)
            let canonicalizer = RDFCanonicalizer()
            return { (try? canonicalizer.canonicalize(dataset)) != nil }
        case "canonicalize":
            return { (try? EddsaRdfc2022.canonicalNQuads(of: typical)) != nil }
        case "verify-rdfc":
            let secured = try EddsaRdfc2022.addProof(to: typical, options: rdfcOptions, privateKey: key)
            return { EddsaRdfc2022.verify(secured, resolver: fixed).verified }
        case "verify-rdfc-bytes":
            let bytes = Array(try EddsaRdfc2022.addProof(to: typical, options: rdfcOptions, privateKey: key).jsonBytes())
            return {
                guard let secured = (try? JSONValue(parsing: bytes))?.objectValue else { return false }
                return EddsaRdfc2022.verify(secured, resolver: fixed).verified
            }
        case "sign-rdfc":
            return { (try? EddsaRdfc2022.addProof(to: typical, options: rdfcOptions, privateKey: key)) != nil }
        case "verify-jcs":
            let secured = try EddsaJcs2022.addProof(to: typical, options: jcsOptions, privateKey: key)
            return { EddsaJcs2022.verify(secured, resolver: fixed).verified }
        case "sign-jcs":
            return { (try? EddsaJcs2022.addProof(to: typical, options: jcsOptions, privateKey: key)) != nil }
        default:
            throw BenchRepeatError.unknown(name)
        }
    }
}

enum BenchRepeatError: Error, CustomStringConvertible {
    case unknown(String)

    var description: String {
        "unknown operation '\(unknownName)'; known: " + BenchRepeat.operations.map(\.name).joined(separator: ", ")
    }

    private var unknownName: String {
        switch self { case .unknown(let name): name }
    }
}

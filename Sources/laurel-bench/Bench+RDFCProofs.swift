import BadgeCrypto
import BadgeProofs
import LinkedData

extension BenchSuites {
    /// `rdfcproofs`: eddsa-rdfc-2022 sign and verify beside the bare Ed25519 operations, and where the time goes.
    static var rdfcProofs: BenchSuite {
        BenchSuite(
            name: "rdfcproofs",
            summary: "eddsa-rdfc-2022 sign/verify vs bare Ed25519, and its stages (targets: verify <= 0.25 ms, "
                + "sign <= 0.2 ms on the typical credential)",
            run: runRDFCProofs)
    }

    private static func runRDFCProofs(_ harness: BenchHarness) throws {
        // A fixed benchmark key (not a real issuer key); the issuer#z6Mk… method 1EdTech's tools use.
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x42, count: 32))
        let publicKey = key.publicKey
        let typical = try JSONValue(parsing: BenchCredentials.typical).objectValue!
        let complete = try JSONValue(parsing: BenchCredentials.complete).objectValue!
        let issuer = typical["issuer"]?["id"]?.stringValue ?? ""
        let options = try DataIntegrityProof(
            cryptosuite: EddsaRdfc2022.cryptosuite, verificationMethod: issuer + "#" + Multikey.encode(publicKey),
            created: "2024-04-03T09:44:42Z")
        let securedTypical = try EddsaRdfc2022.addProof(to: typical, options: options, privateKey: key)
        let securedComplete = try EddsaRdfc2022.addProof(to: complete, options: options, privateKey: key)
        let size = typical.jsonBytes().count
        let securedSize = securedTypical.jsonBytes().count
        let completeSize = complete.jsonBytes().count
        let offline = OfflineVerificationMethodResolver()
        let fixed = FixedKeyResolver(publicKey)
        let message = [UInt8](repeating: 0xA5, count: 64)
        let signature = try key.signature(for: message)
        var failures = 0
        print("typical credential: \(size) B compact (\(securedSize) B signed); complete.json: \(completeSize) B")

        let bareVerify = harness.measure("Ed25519 verify (bare, 64-byte message)") {
            if !publicKey.isValidSignature(signature, for: message) { failures += 1 }
        }
        print(bareVerify.line)
        let bareSign = try harness.measure("Ed25519 sign (bare, 64-byte message)") {
            failures += try key.signature(for: message).count == 64 ? 0 : 1
        }
        print(bareSign.line)
        let verify = harness.measure("eddsa-rdfc-2022 verify (typical, issuer#z6Mk)") {
            if !EddsaRdfc2022.verify(securedTypical, resolver: offline).verified { failures += 1 }
        }
        print(verify.line)
        print(harness.measure("eddsa-rdfc-2022 verify (typical, key known)") {
            if !EddsaRdfc2022.verify(securedTypical, resolver: fixed).verified { failures += 1 }
        }.line)
        let sign = try harness.measure("eddsa-rdfc-2022 add proof (typical)") {
            failures += try EddsaRdfc2022.addProof(to: typical, options: options, privateKey: key).count > 0 ? 0 : 1
        }
        print(sign.line)
        print(harness.measure("eddsa-rdfc-2022 verify (complete.json)") {
            if !EddsaRdfc2022.verify(securedComplete, resolver: offline).verified { failures += 1 }
        }.line)
        print(try harness.measure("eddsa-rdfc-2022 add proof (complete.json)") {
            failures += try EddsaRdfc2022.addProof(to: complete, options: options, privateKey: key).count > 0 ? 0 : 1
        }.line)

        // Where the time goes: the stages of one verification of the typical credential.
        let processor = EddsaRdfc2022.defaultProcessor
        let document = JSONValue.object(typical)
        var config = options.object
        config["@context"] = typical["@context"]
        let proofConfig = JSONValue.object(config)
        let dataset = try processor.toRDF(document)
        let canonicalizer = RDFCanonicalizer()
        let canonical = try canonicalizer.canonicalize(dataset).canonicalNQuads
        let configDataset = try processor.toRDF(proofConfig)
        print("  stages (typical: \(dataset.quads.count) quads, \(canonical.utf8.count) B canonical N-Quads):")
        print(harness.measure("  JSON-LD expansion (document)") {
            if (try? processor.expand(document)) == nil { failures += 1 }
        }.line)
        print(harness.measure("  expansion + toRdf (document)") {
            if (try? processor.toRDF(document)) == nil { failures += 1 }
        }.line)
        print(harness.measure("  RDFC-1.0 (document dataset)") {
            if (try? canonicalizer.canonicalize(dataset)) == nil { failures += 1 }
        }.line)
        print(harness.measure("  SHA-256 (canonical document)") {
            failures += SHA256.hash(canonical.utf8).count == 32 ? 0 : 1
        }.line)
        print(harness.measure("  expansion + toRdf (proof configuration)") {
            if (try? processor.toRDF(proofConfig)) == nil { failures += 1 }
        }.line)
        print(harness.measure("  RDFC-1.0 (proof configuration)") {
            if (try? canonicalizer.canonicalize(configDataset)) == nil { failures += 1 }
        }.line)
        print(harness.measure("  resolve issuer#z6Mk key") {
            if (try? offline.resolve(options.verificationMethod ?? "", purpose: "assertionMethod")) == nil {
                failures += 1
            }
        }.line)

        func ms(_ nanoseconds: Double) -> String {
            BenchHarness.Result.format(nanoseconds / 1_000_000, 3) + " ms"
        }
        print("medians, wall clock: eddsa-rdfc-2022 verify \(ms(verify.medianNanoseconds)) (target <= 0.25 ms) vs "
            + "bare Ed25519 verify \(ms(bareVerify.medianNanoseconds)); sign \(ms(sign.medianNanoseconds)) "
            + "(target <= 0.2 ms) vs bare sign \(ms(bareSign.medianNanoseconds))")
        print("medians, thread CPU time (a busy machine inflates wall clock): verify \(ms(verify.medianCPUNanoseconds))"
            + " vs bare \(ms(bareVerify.medianCPUNanoseconds)); sign \(ms(sign.medianCPUNanoseconds)) vs bare "
            + "\(ms(bareSign.medianCPUNanoseconds))")
        if failures > 0 { print("warning: \(failures) operations failed during the benchmark") }
    }
}


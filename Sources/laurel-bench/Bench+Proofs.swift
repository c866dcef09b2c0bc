import BadgeCrypto
import BadgeProofs
import LinkedData

extension BenchSuites {
    /// `proofs`: eddsa-jcs-2022 and VC-JWT against the bare Ed25519 operation they wrap.
    static var proofs: BenchSuite {
        BenchSuite(
            name: "proofs",
            summary: "eddsa-jcs-2022 and VC-JWT sign/verify vs bare Ed25519 (target: JCS verify <= 1.3x bare verify)",
            run: runProofs)
    }

    private static func runProofs(_ harness: BenchHarness) throws {
        // A fixed benchmark key (not a real issuer key).
        let key = try Ed25519PrivateKey(seed: [UInt8](repeating: 0x42, count: 32))
        let publicKey = key.publicKey
        let verificationMethod = DIDKey.verificationMethod(for: publicKey)
        let options = try DataIntegrityProof(
            cryptosuite: EddsaJcs2022.cryptosuite, verificationMethod: verificationMethod,
            created: "2024-04-03T09:44:42Z")
        let typical = try JSONValue(parsing: BenchCredentials.typical).objectValue!
        let complete = try JSONValue(parsing: BenchCredentials.complete).objectValue!
        let securedTypical = try EddsaJcs2022.addProof(to: typical, options: options, privateKey: key)
        let securedComplete = try EddsaJcs2022.addProof(to: complete, options: options, privateKey: key)
        let fixed = FixedKeyResolver(publicKey)
        let offline = OfflineVerificationMethodResolver()
        let message = [UInt8](repeating: 0xA5, count: 64)
        let signature = try key.signature(for: message)
        let typicalSize = typical.jsonBytes().count
        let completeSize = complete.jsonBytes().count
        var failures = 0

        let bare = harness.measure("Ed25519 verify (bare, 64 B message)") {
            if !publicKey.isValidSignature(signature, for: message) { failures += 1 }
        }
        print(bare.line)
        let jcs = harness.measure("eddsa-jcs-2022 verify (\(typicalSize) B, key given)") {
            if !EddsaJcs2022.verify(securedTypical, resolver: fixed).verified { failures += 1 }
        }
        print(jcs.line)
        let jcsDIDKey = harness.measure("eddsa-jcs-2022 verify (\(typicalSize) B, did:key)") {
            if !EddsaJcs2022.verify(securedTypical, resolver: offline).verified { failures += 1 }
        }
        print(jcsDIDKey.line)
        print(harness.measure("eddsa-jcs-2022 verify (\(completeSize) B, key given)") {
            if !EddsaJcs2022.verify(securedComplete, resolver: fixed).verified { failures += 1 }
        }.line)
        print(try harness.measure("Ed25519 sign (bare, 64 B message)") {
            failures += try key.signature(for: message).count == 64 ? 0 : 1
        }.line)
        print(try harness.measure("eddsa-jcs-2022 add proof (\(typicalSize) B)") {
            failures += try EddsaJcs2022.addProof(to: typical, options: options, privateKey: key).count > 0 ? 0 : 1
        }.line)
        let token = try VCJWT.issue(typical, privateKey: key, keyReference: .keyID(verificationMethod))
        print(try harness.measure("VC-JWT issue EdDSA (\(typicalSize) B)") {
            let issued = try VCJWT.issue(typical, privateKey: key, keyReference: .keyID(verificationMethod))
            failures += issued.isEmpty ? 1 : 0
        }.line)
        print(harness.measure("VC-JWT verify EdDSA (\(typicalSize) B)") {
            if !VCJWT.verify(token, key: .ed25519(publicKey)).verified { failures += 1 }
        }.line)
        let ratio = jcs.medianNanoseconds / bare.medianNanoseconds
        let ratioDIDKey = jcsDIDKey.medianNanoseconds / bare.medianNanoseconds
        print("eddsa-jcs-2022 verify / bare Ed25519 verify: \(BenchHarness.Result.format(ratio, 2))x (key given), "
            + "\(BenchHarness.Result.format(ratioDIDKey, 2))x (did:key resolved each time); target <= 1.3x")
        if failures > 0 { print("warning: \(failures) operations failed during the benchmark") }
    }
}

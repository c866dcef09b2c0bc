@testable import BadgeCrypto
import Testing

@Suite("Ed25519 context pool (both OpenSSL behaviours)")
struct ContextPoolTests {
    @Test("re-initialising pooled contexts (OpenSSL 3.2+ behaviour) signs and verifies correctly, repeatedly",
          arguments: [true, false])
    func bothModes(reuseAsIs: Bool) throws {
        print("this libcrypto reuses one-shot contexts as they are: \(PureEdDSAContexts.contextsAreReusable)")
        let key = try Ed25519PrivateKey(seed: hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))
        let signer = PureEdDSAContexts(key: key.storage.key, operation: .sign, reuseAsIs: reuseAsIs)
        let verifier = PureEdDSAContexts(key: key.publicKey.storage.key, operation: .verify, reuseAsIs: reuseAsIs)
        let expected = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46b"
            + "d25bf5f0595bbe24655141438e7a100b"
        for round in 0..<5 {
            let signature = try signer.sign([UInt8]())
            #expect(Hex.encode(signature) == expected, "round \(round)")
            #expect(verifier.verify(signature, [UInt8]()), "round \(round)")
            #expect(!verifier.verify(signature, [0]), "round \(round)")
            #expect(verifier.verify(signature, [UInt8]()), "round \(round), after a failed verification")
        }
    }
}

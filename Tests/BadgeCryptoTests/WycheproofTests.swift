import BadgeCrypto
import Foundation
import Testing

@Suite("Wycheproof Ed25519 verification vectors")
struct WycheproofTests {
    @Test("every case of ed25519_test.json gets its expected result")
    func allCases() throws {
        let root = try #require(Fixture.json("wycheproof/ed25519_test.json") as? [String: Any])
        let declared = try #require(root["numberOfTests"] as? Int)
        let groups = try #require(root["testGroups"] as? [[String: Any]])
        var passed = 0
        var failed: [String] = []
        var valid = 0
        var invalid = 0
        for group in groups {
            let keyInfo = try #require(group["publicKey"] as? [String: Any])
            let raw = hex(try #require(keyInfo["pk"] as? String))
            let key = try Ed25519PublicKey(rawRepresentation: raw)

            // The same key in the group's PEM and JWK forms loads to the same key.
            let pem = try #require(group["publicKeyPem"] as? String)
            #expect(try Ed25519PublicKey(pem: pem) == key)
            let jwkObject = try #require(group["publicKeyJwk"] as? [String: Any])
            let jwk = try JWK(json: JSONSerialization.data(withJSONObject: jwkObject))
            #expect(try Ed25519PublicKey(jwk: jwk) == key)

            for test in try #require(group["tests"] as? [[String: Any]]) {
                let id = try #require(test["tcId"] as? Int)
                let result = try #require(test["result"] as? String)
                let message = hex(try #require(test["msg"] as? String))
                let signature = hex(try #require(test["sig"] as? String))
                let expected = result == "valid"
                if expected { valid += 1 } else { invalid += 1 }
                if key.isValidSignature(signature, for: message) == expected {
                    passed += 1
                } else {
                    failed.append("tcId \(id) (\(test["comment"] as? String ?? ""), expected \(result))")
                }
            }
        }
        let total = valid + invalid
        print("Wycheproof ed25519_test.json: \(passed)/\(total) cases agree (\(valid) valid, \(invalid) invalid)")
        #expect(total == declared)
        #expect(failed.isEmpty, "disagreements: \(failed.joined(separator: ", "))")
        #expect(passed == total)
    }
}

import BadgeCrypto
import BadgeIssuer
import BadgeVerifier
import Foundation
import LinkedData
import OpenBadges
import Testing

/// Keys, credentials and verification helpers for the learner-side tests (presentations, records, sharing).
enum LearnerSamples {
    static let issuerKey = try! Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))
    static let learnerKey = try! Ed25519PrivateKey(seed: [UInt8](repeating: 3, count: 32))
    static let otherKey = try! Ed25519PrivateKey(seed: [UInt8](repeating: 5, count: 32))
    static var learnerDID: String { DIDKey.did(for: learnerKey.publicKey) }
    static var otherDID: String { DIDKey.did(for: otherKey.publicKey) }
    static let created = "2026-01-02T03:04:05Z"
    /// 2026-06-01T00:00:00Z.
    static let at = 1_780_272_000.0

    static var issuer: Profile {
        var profile = Profile(json: JSONObject())
        profile.id = DIDKey.did(for: issuerKey.publicKey)
        profile.types = ["Profile"]
        profile.name = "Example College"
        profile.url = "https://example.edu"
        return profile
    }

    static func definition(_ slug: String = "data-literacy", name: String = "Data Literacy") -> AchievementDefinition {
        AchievementDefinition(
            id: "https://example.edu/achievements/\(slug)", name: name, description: "Reads and explains data.",
            criteriaNarrative: "Complete three tasks.")
    }

    /// A signed credential awarded to `recipient` (no status entry, so it verifies offline).
    static func credential(
        to recipient: Recipient, format: ProofFormat = .eddsaRdfc2022, achievement: AchievementDefinition = definition(),
        validUntil: String? = nil, id: String = "urn:uuid:0d9f2c66-3f0e-4c8a-9d53-9a1f3b7e5c21",
        edit: (inout JSONObject) -> Void = { _ in }
    ) throws -> CredentialFile {
        let draft = CredentialDraft(
            id: id, recipient: recipient, validFrom: created, validUntil: validUntil, salt: "fixedsalt")
        var json = try CredentialBuilder.credential(draft: draft, achievement: achievement, issuer: issuer).json
        edit(&json)
        let signer = CredentialSigner(
            format: format, key: issuerKey, verificationMethod: DIDKey.verificationMethod(for: issuerKey.publicKey))
        let signed = try signer.sign(json, created: created)
        return try CredentialFile(bytes: signed.bytes, source: "credential.\(signed.fileExtension)")
    }

    /// The same credential with one signed member changed after signing.
    static func tampered(_ file: CredentialFile) throws -> CredentialFile {
        var json = file.credential
        json["name"] = "Data Literacy (with honours)"
        return try CredentialFile(bytes: JSONSerializer().serialize(.object(json)), source: "tampered.json")
    }

    static func verify(
        _ bytes: [UInt8], resources: [String: [UInt8]] = [:], challenge: String? = nil, domain: String? = nil
    ) -> VerificationReport {
        Verifier(options: VerificationOptions(at: at, resources: resources, challenge: challenge, domain: domain))
            .verify(bytes: bytes, source: "test")
    }
}

extension VerificationReport {
    /// The outcome of a check (a failure wins when a check appears more than once).
    func outcome(_ id: CheckID) -> CheckOutcome? {
        let matching = checks.filter { $0.id == id }
        if matching.contains(where: { $0.outcome == .fail }) { return .fail }
        return matching.first?.outcome
    }

    func message(_ id: CheckID) -> String {
        checks.filter { $0.id == id }.map(\.message).joined(separator: " | ")
    }

    var describe: String {
        checks.map { "\($0.id.rawValue)=\($0.outcome.rawValue): \($0.message)" }.joined(separator: "\n")
    }
}

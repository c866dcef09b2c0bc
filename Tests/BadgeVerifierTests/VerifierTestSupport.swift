import BadgeCrypto
import BadgeIssuer
import BadgeProofs
import BadgeVerifier
import Foundation
import LinkedData
import OpenBadges

/// Credentials signed in the tests themselves, with a fixed key.
enum SignedSamples {
    static let key = try! Ed25519PrivateKey(seed: [UInt8](repeating: 7, count: 32))
    static let otherKey = try! Ed25519PrivateKey(seed: [UInt8](repeating: 9, count: 32))
    static let issuerID = DIDKey.did(for: key.publicKey)
    static let created = "2026-01-02T03:04:05Z"
    /// 2026-06-01.
    static let at = 1_780_272_000.0

    static var definition: AchievementDefinition {
        AchievementDefinition(
            id: "https://example.edu/achievements/data-literacy", name: "Data Literacy",
            description: "Reads and explains data.", criteriaNarrative: "Complete three tasks.",
            rubric: [
                .init(id: "analysis", name: "Analysis", levels: [
                    .init(id: "developing", name: "Developing"), .init(id: "proficient", name: "Proficient"),
                ], requiredLevel: "proficient")
            ])
    }

    static var issuer: Profile {
        var profile = Profile(json: JSONObject())
        profile.id = issuerID
        profile.types = ["Profile"]
        profile.name = "Example College"
        profile.url = "https://example.edu"
        return profile
    }

    /// An unsigned credential for `recipient`, with optional dates and status entry.
    static func unsigned(
        recipient: Recipient = .email("ada@example.org"), validUntil: String? = nil, validFrom: String = created,
        status: [CredentialDraft.StatusEntry] = [], issuer: Profile = SignedSamples.issuer
    ) throws -> JSONObject {
        let draft = CredentialDraft(
            id: "urn:uuid:0d9f2c66-3f0e-4c8a-9d53-9a1f3b7e5c21", recipient: recipient, recipientName: nil,
            results: [("analysis", "proficient")], evidence: [.url("https://example.org/projects/1")],
            validFrom: validFrom, validUntil: validUntil, status: status, salt: "fixedsalt")
        return try CredentialBuilder.credential(draft: draft, achievement: definition, issuer: issuer).json
    }

    static func sign(_ credential: JSONObject, suite: ProofFormat = .eddsaRdfc2022, key: Ed25519PrivateKey = SignedSamples.key) throws -> [UInt8] {
        let signer = CredentialSigner(format: suite, key: key, verificationMethod: DIDKey.verificationMethod(for: key.publicKey))
        return try signer.sign(credential, created: created).bytes
    }

    static func verify(_ bytes: [UInt8], resources: [String: [UInt8]] = [:], at: Double = SignedSamples.at,
                       email: String? = nil) -> VerificationReport {
        Verifier(options: VerificationOptions(at: at, resources: resources, recipientEmail: email)).verify(bytes: bytes, source: "test")
    }
}

extension VerificationReport {
    func outcome(_ id: CheckID) -> CheckOutcome? {
        let matching = checks.filter { $0.id == id }
        if matching.contains(where: { $0.outcome == .fail }) { return .fail }
        return matching.first?.outcome
    }

    var describe: String {
        checks.map { "\($0.id.rawValue)=\($0.outcome.rawValue): \($0.message)" }.joined(separator: "\n")
    }
}

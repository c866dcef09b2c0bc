import OpenBadges
internal import BadgeCrypto

/// The badge was awarded to the person the verifier expects: the subject `id` equals a known identifier, or an
/// `IdentityObject` matches a known email (for hashed identities: `sha256$hex` over email ‖ salt).
public struct RecipientPolicy: CredentialPolicy {
    public init() {}

    public func check(_ credential: CredentialUnderTest, options: VerificationOptions) -> [CheckResult] {
        guard credential.kind == .achievement else { return [] }
        let subject = credential.view.credentialSubject
        // OB 3.0 AchievementSubject: "an identifier MUST be supplied": `id`, or at least one `identifier`.
        if subject?.id == nil && (subject?.identifier.isEmpty ?? true) {
            return [.fail(.recipient,
                "The badge does not say who it was awarded to: its credentialSubject has neither an id nor an identifier.")]
        }
        for identity in subject?.identifier ?? [] where identity.hashed == true {
            guard let hash = identity.identityHash, Self.isWellFormedHash(hash) else {
                return [.fail(.recipient,
                    "The badge's hashed recipient (\(identity.identityType ?? "identifier")) is not a 'sha256$' + 64 hex "
                        + "or 'md5$' + 32 hex digest, so nobody can be matched to it: '\((identity.identityHash ?? "").prefix(80))'.")]
            }
        }
        guard options.recipientEmail != nil || options.recipientID != nil else {
            return [.skipped(.recipient, "No recipient was given to check the badge against.")]
        }
        if let expected = options.recipientID {
            if subject?.id == expected {
                return [.pass(.recipient, "The badge was awarded to \(expected).")]
            }
            let matches = subject?.identifier.contains { Self.matches($0, expected, allowedTypes: nil) } ?? false
            if matches {
                return [.pass(.recipient, "The badge was awarded to \(expected).")]
            }
            return [.fail(.recipient, "The badge was not awarded to \(expected).")]
        }
        let email = options.recipientEmail!
        let identities = subject?.identifier.filter { $0.identityType == "emailAddress" } ?? []
        if identities.isEmpty {
            return [.fail(.recipient, "The badge names no email recipient, so it cannot be matched to \(email).")]
        }
        if identities.contains(where: { Self.matches($0, email, allowedTypes: ["emailAddress"]) }) {
            return [.pass(.recipient, "The badge was awarded to \(email).")]
        }
        return [.fail(.recipient, "The badge was awarded to someone else, not \(email).")]
    }

    /// `sha256$<64 hex>` or `md5$<32 hex>` (IdentityHash, OB 3.0 §B.1.x).
    static func isWellFormedHash(_ hash: String) -> Bool {
        let parts = hash.split(separator: "$", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return false }
        let length: Int
        switch parts[0].lowercased() {
        case "sha256": length = 64
        case "md5": length = 32
        default: return false
        }
        return parts[1].utf8.count == length && parts[1].utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) || ($0 >= 0x41 && $0 <= 0x46)
        }
    }

    /// Whether `identity` names `value`: plaintext equality, or a `sha256$`/`md5$` hash over value ‖ salt.
    static func matches(_ identity: IdentityObject, _ value: String, allowedTypes: Set<String>?) -> Bool {
        if let allowedTypes, let type = identity.identityType, !allowedTypes.contains(type) { return false }
        guard let hash = identity.identityHash else { return false }
        let candidates = value == value.lowercased() ? [value] : [value, value.lowercased()]
        guard identity.hashed == true else {
            return candidates.contains(hash)
        }
        let salt = identity.salt ?? ""
        let parts = hash.split(separator: "$", maxSplits: 1)
        guard parts.count == 2 else { return false }
        let algorithm = parts[0].lowercased()
        let expected = parts[1].lowercased()
        for candidate in candidates {
            let input = Array((candidate + salt).utf8)
            let digest: [UInt8]
            switch algorithm {
            case "sha256": digest = SHA256.hash(input)
            case "md5": digest = MD5.hash(input)
            default: return false
            }
            if Hex.encode(digest) == expected { return true }
        }
        return false
    }
}

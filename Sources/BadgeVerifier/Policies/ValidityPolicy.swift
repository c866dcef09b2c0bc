import OpenBadges

/// `validFrom` (`issuanceDate` in VC 1.1) is a valid date with a zone and not in the future.
public struct ValidFromPolicy: CredentialPolicy {
    public init() {}

    /// A VC-JWT's `nbf` that disagrees with `validFrom` is this check's failure.
    public func evaluate(_ context: VerificationContext) -> PolicyOutcome {
        if let claim = context.proof.claimProblems.first(where: { $0.id == .validFrom }) { return PolicyOutcome([claim]) }
        return PolicyOutcome(check(context.credential, options: context.options))
    }

    public func check(_ credential: CredentialUnderTest, options: VerificationOptions) -> [CheckResult] {
        let view = credential.view
        guard let text = view.validFromString else {
            return [.fail(.validFrom, "The badge does not say when it was issued (validFrom is missing).")]
        }
        guard let date = DateTimeZ(lenient: text) else {
            return [.fail(.validFrom, "The issue date '\(text)' is not a valid date and time.")]
        }
        if date.secondsSince1970 > options.at + options.clockSkew {
            return [.fail(.validFrom, "This badge is not valid yet: it becomes valid on \(text).")]
        }
        if DateTimeZ(text) == nil {
            return [.warning(.validFrom, "The issue date '\(text)' has no time zone; it was read as UTC.")]
        }
        return [.pass(.validFrom, "The badge was issued on \(text).")]
    }
}

/// `validUntil` (`expirationDate` in VC 1.1), when present, is a valid date and not in the past.
public struct ValidUntilPolicy: CredentialPolicy {
    public init() {}

    /// A VC-JWT's `exp` that disagrees with `validUntil` is this check's failure.
    public func evaluate(_ context: VerificationContext) -> PolicyOutcome {
        if let claim = context.proof.claimProblems.first(where: { $0.id == .validUntil }) { return PolicyOutcome([claim]) }
        return PolicyOutcome(check(context.credential, options: context.options))
    }

    public func check(_ credential: CredentialUnderTest, options: VerificationOptions) -> [CheckResult] {
        guard let text = credential.view.validUntilString else {
            return [.pass(.validUntil, "The badge does not expire.")]
        }
        guard let date = DateTimeZ(lenient: text) else {
            return [.fail(.validUntil, "The expiry date '\(text)' is not a valid date and time.")]
        }
        if date.secondsSince1970 < options.at - options.clockSkew {
            return [.fail(.validUntil, "This badge expired on \(text).")]
        }
        return [.pass(.validUntil, "The badge is valid until \(text).")]
    }
}

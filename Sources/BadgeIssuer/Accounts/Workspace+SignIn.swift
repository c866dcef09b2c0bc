public import BadgeStore
internal import BadgeCrypto
internal import Foundation
internal import OpenBadges

/// A message to send someone: a sign-in link, an invitation or a notification.
public struct Notice: Sendable, Hashable {
    public var to: String
    public var subject: String
    public var text: String

    public init(to: String, subject: String, text: String) {
        self.to = to
        self.subject = subject
        self.text = text
    }
}

extension Workspace {
    /// Makes a one-time sign-in link for `account` at `baseURL` (the address people reach `laurel serve` at),
    /// working for `lifetime` seconds from `now` (seconds since 1970). Only the SHA-256 of its token is stored.
    public func makeSignInLink(
        for account: AccountRecord, baseURL: String, lifetime: Double, now: Double
    ) throws(IssuerError) -> String {
        let token = Self.randomToken()
        let hash = Self.digest(token)
        let time = Self.timestamp
        do {
            try ledger.addSignInLink(SignInLinkRecord(
                tokenHash: hash, accountId: account.id, createdAt: time(now), expiresAt: time(now + lifetime)))
        } catch {
            throw IssuerError(.ledger, error.reason)
        }
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/signin/link?token=" + token
    }

    /// How long an invitation's sign-in link works: a week.
    public static let invitationLifetime: Double = 7 * 24 * 3600

    /// The invitation for `account`, with a sign-in link that works for a week.
    public func invitation(for account: AccountRecord, baseURL: String, now: Double) throws(IssuerError) -> Notice {
        let link = try makeSignInLink(for: account, baseURL: baseURL, lifetime: Self.invitationLifetime, now: now)
        let issuer = config.issuer.name ?? "the issuer"
        let what: String
        switch account.role {
        case .learner: what = "to earn badges: read each achievement's rubric, submit your work and get feedback"
        case .assessor: what = "as an assessor: read learners' work against the rubric and give feedback"
        case .admin: what = "as staff: achievements, programs, people and awards"
        }
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return Notice(
            to: account.email, subject: "You are invited to \(issuer)'s badges",
            text: """
                Hello \(account.displayName),

                You are invited to \(issuer)'s badges \(what).

                Open this link to sign in (it works once, within 7 days):

                \(link)

                Later, sign in at \(base)/signin with this address.
                """)
    }
}

extension Workspace {
    /// The sender of the workspace's mail: the issuer's name and email, or `badges@` the host of its base URL.
    public var mailSender: String {
        let address: String
        if let email = config.issuer.email, !email.isEmpty {
            address = email
        } else {
            let afterScheme = config.baseURL.split(separator: "/", omittingEmptySubsequences: true).dropFirst().first
            let host = afterScheme.map { String($0.split(separator: ":").first ?? $0) } ?? "localhost.localdomain"
            address = "badges@" + (host.contains(".") ? host : host + ".localdomain")
        }
        guard let name = config.issuer.name, !name.isEmpty else { return address }
        return "\(name) <\(address)>"
    }
}

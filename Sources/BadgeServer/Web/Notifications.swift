import BadgeIssuer
import BadgeStore

/// What the web front end tells people by mail: a learner when feedback is ready and when a badge is earned; an
/// assessor when work waits, at most once a day.
enum Notifications {
    /// After a submission: every assessor (and admin) not sent a digest in the last 24 hours gets one.
    static func workWaits(_ web: WebState) {
        guard let waiting = try? web.ledger.waitingSubmissions(), !waiting.isEmpty else { return }
        let dayAgo = web.timeText(web.now() - 24 * 3600)
        let readers = ((try? web.ledger.accounts(role: .assessor)) ?? []) + ((try? web.ledger.accounts(role: .admin)) ?? [])
        for account in readers where account.disabledAt == nil && (account.lastDigestAt ?? "") < dayAgo {
            let oldest = waiting.first.map { String($0.submission.createdAt.prefix(10)) } ?? ""
            let sent = web.send(OutgoingMail(
                to: account.email, subject: "\(waiting.count) submission\(waiting.count == 1 ? "" : "s") wait for a read",
                text: """
                    Hello \(account.displayName),

                    \(waiting.count) submission\(waiting.count == 1 ? " waits" : "s wait") in the queue (the oldest from \(oldest)):

                    \(web.baseURL)/assess

                    You get this message at most once a day.
                    """))
            if sent { try? web.ledger.markAccount(account.id, lastDigestAt: web.nowText) }
        }
    }

    /// After a review that decided: the learner hears that the feedback is ready, or that the badge is earned.
    static func decided(
        _ web: WebState, submission: SubmissionRecord, achievement: AchievementDefinition, earned: Bool,
        credentialID: String? = nil
    ) {
        let claim = credentialID.flatMap { try? web.claimLink(credentialID: $0, learner: submission.learner) }
        let account = try? web.ledger.account(email: submission.learner)
        let greeting = account?.displayName ?? submission.learnerName ?? submission.learner
        let link = "\(web.baseURL)/learn/submissions/\(submission.id)"
        let mail = earned
            ? OutgoingMail(
                to: submission.learner, subject: "You earned \(achievement.name)",
                text: """
                    Hello \(greeting),

                    Your work for \(achievement.name) meets every criterion of its rubric: you have earned the badge.
                    Read the feedback here:

                    \(link)
                    \(claim.map { "\nTake your badge (image, credential, LinkedIn) here; the link works for 30 days:\n\n\($0)\n" } ?? "")
                    """)
            : OutgoingMail(
                to: submission.learner, subject: "Feedback on \(achievement.name) is ready",
                text: """
                    Hello \(greeting),

                    The assessors have read attempt \(submission.attempt) of your work for \(achievement.name). It is
                    "not yet": the feedback says what went well and the next step for each criterion. You can submit
                    again whenever you are ready; there is no deadline.

                    \(link)
                    """)
        web.send(mail)
    }

    /// An invitation: a sign-in link that works for a week.
    static func invite(_ web: WebState, _ account: AccountRecord) throws -> Bool {
        let notice = try web.workspace.invitation(for: account, baseURL: web.baseURL, now: web.now())
        let sent = web.send(OutgoingMail(to: notice.to, subject: notice.subject, text: notice.text))
        if sent { try web.ledger.markAccount(account.id, invitedAt: web.nowText) }
        return sent
    }
}

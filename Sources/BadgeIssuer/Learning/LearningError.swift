import BadgeStore

/// Why a learning step (submit, review, award, program) could not be done, in plain words naming the
/// submission, criterion, level or file concerned. A failed step changes nothing.
public struct LearningError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case unknownSubmission = "unknown_submission"
        case unknownAchievement = "unknown_achievement"
        case unknownProgram = "unknown_program"
        case unknownCriterion = "unknown_criterion"
        case unknownLevel = "unknown_level"
        case invalidInput = "invalid_input"
        /// The submission is not earned (not reviewed, "not yet", or waiting for a third read).
        case notEarned = "not_earned"
        case alreadyAwarded = "already_awarded"
        case alreadyEarned = "already_earned"
        case evidence
        case ledger
        case issuer
    }

    public var code: Code
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    init(_ error: IssuerError) {
        self.init(.issuer, error.description)
    }

    init(_ error: LedgerError) {
        self.init(.ledger, error.reason)
    }

    public var description: String { reason }
}

public import GRDB

/// Where a learner's submission stands after its reviews.
public enum SubmissionState: String, Codable, Hashable, Sendable, CaseIterable {
    /// Waiting for a review.
    case submitted
    /// Every criterion reaches its required level.
    case earned
    /// At least one criterion is below its required level: the learner may resubmit with the feedback.
    case notYet = "not-yet"
    /// Reviewers disagree across the required level of a criterion: another reviewer decides.
    case needsThirdRead = "needs-third-read"
}

/// What a piece of submitted evidence is.
public enum SubmissionEvidenceKind: String, Codable, Hashable, Sendable, CaseIterable {
    /// A file, stored content-addressed in the workspace and bound by its SHA-256 digest.
    case file
    /// A web address the reviewer opens.
    case url
    /// The learner's own words about a criterion.
    case narrative
    /// The learner's reflection on the whole submission (no criterion).
    case reflection
}

/// One attempt by a learner at an achievement: a row of `submissions`.
public struct SubmissionRecord: Codable, Hashable, Sendable {
    public var id: String
    /// The achievement's id (a URI).
    public var achievementId: String
    /// The learner, as an email address or DID.
    public var learner: String
    /// The learner's name as it should appear on the credential and certificate (optional).
    public var learnerName: String?
    /// 1 for the first attempt at this achievement by this learner, then 2, 3, …
    public var attempt: Int
    public var createdAt: String
    public var state: SubmissionState
    /// What the learner says about the setting of the work (who, where, when), shown to assessors.
    public var context: String?

    public init(
        id: String, achievementId: String, learner: String, learnerName: String? = nil, attempt: Int = 0,
        createdAt: String, state: SubmissionState = .submitted, context: String? = nil
    ) {
        self.context = context
        self.id = id
        self.achievementId = achievementId
        self.learner = learner
        self.learnerName = learnerName
        self.attempt = attempt
        self.createdAt = createdAt
        self.state = state
    }
}

/// One piece of evidence in a submission: a row of `submission_evidence`.
public struct SubmissionEvidenceRecord: Codable, Hashable, Sendable {
    public var id: Int64?
    public var submissionId: String
    /// The rubric criterion the evidence is for (nil for a reflection).
    public var criterionId: String?
    public var kind: SubmissionEvidenceKind
    /// A file's original name.
    public var name: String?
    /// A file's SHA-256 digest, 64 lowercase hexadecimal digits.
    public var sha256: String?
    public var mediaType: String?
    public var url: String?
    /// A narrative's or reflection's text.
    public var text: String?

    public init(
        id: Int64? = nil, submissionId: String = "", criterionId: String?, kind: SubmissionEvidenceKind,
        name: String? = nil, sha256: String? = nil, mediaType: String? = nil, url: String? = nil, text: String? = nil
    ) {
        self.id = id
        self.submissionId = submissionId
        self.criterionId = criterionId
        self.kind = kind
        self.name = name
        self.sha256 = sha256
        self.mediaType = mediaType
        self.url = url
        self.text = text
    }
}

/// One reviewer's reading of a submission: a row of `reviews`.
public struct ReviewRecord: Codable, Hashable, Sendable {
    public var id: Int64?
    public var submissionId: String
    public var reviewer: String
    /// Feedback on the whole submission, for the learner only.
    public var overallFeedback: String?
    /// A narrative the reviewer marked as public: it may go into the credential. Nil: nothing is public.
    public var publicNarrative: String?
    public var createdAt: String

    public init(
        id: Int64? = nil, submissionId: String, reviewer: String, overallFeedback: String? = nil,
        publicNarrative: String? = nil, createdAt: String
    ) {
        self.id = id
        self.submissionId = submissionId
        self.reviewer = reviewer
        self.overallFeedback = overallFeedback
        self.publicNarrative = publicNarrative
        self.createdAt = createdAt
    }
}

/// A reviewer's level and feedback for one criterion: a row of `review_scores`.
public struct ReviewScoreRecord: Codable, Hashable, Sendable {
    public var reviewId: Int64
    public var criterionId: String
    public var levelId: String
    /// What the learner did well (private feedback).
    public var strengths: String?
    /// What to do next to reach or pass the required level (private feedback).
    public var nextSteps: String?

    public init(
        reviewId: Int64 = 0, criterionId: String, levelId: String, strengths: String? = nil, nextSteps: String? = nil
    ) {
        self.reviewId = reviewId
        self.criterionId = criterionId
        self.levelId = levelId
        self.strengths = strengths
        self.nextSteps = nextSteps
    }
}

/// A review with its per-criterion scores.
public struct StoredReview: Hashable, Sendable {
    public var review: ReviewRecord
    public var scores: [ReviewScoreRecord]

    public init(review: ReviewRecord, scores: [ReviewScoreRecord]) {
        self.review = review
        self.scores = scores
    }

    /// The score for a criterion.
    public func score(_ criterionId: String) -> ReviewScoreRecord? {
        scores.first { $0.criterionId == criterionId }
    }
}

/// A program: a stack of achievements that together earn a larger credential (a row of `programs`).
public struct ProgramRecord: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var description: String
    /// How many of the program's achievements complete it ("N of M").
    public var requiredCount: Int
    /// The achievement issued when the program is complete (nil: one made from the program itself).
    public var capstoneAchievementId: String?
    /// An advisory target date (YYYY-MM-DD). It never closes a submission.
    public var targetDate: String?
    public var createdAt: String

    public init(
        id: String, name: String, description: String, requiredCount: Int, capstoneAchievementId: String? = nil,
        targetDate: String? = nil, createdAt: String
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.requiredCount = requiredCount
        self.capstoneAchievementId = capstoneAchievementId
        self.targetDate = targetDate
        self.createdAt = createdAt
    }
}

/// A competency or framework entry a program aligns to.
public struct ProgramAlignment: Codable, Hashable, Sendable {
    public var targetName: String
    public var targetUrl: String

    public init(targetName: String, targetUrl: String) {
        self.targetName = targetName
        self.targetUrl = targetUrl
    }
}

/// A program with its achievements (in order) and alignments.
public struct StoredProgram: Hashable, Sendable {
    public var program: ProgramRecord
    public var achievementIds: [String]
    public var alignments: [ProgramAlignment]

    public init(program: ProgramRecord, achievementIds: [String], alignments: [ProgramAlignment] = []) {
        self.program = program
        self.achievementIds = achievementIds
        self.alignments = alignments
    }
}

/// A credential issued for an earned submission, or for a completed program: a row of `awards`.
public struct AwardRecord: Codable, Hashable, Sendable {
    public var credentialId: String
    public var learner: String
    public var achievementId: String
    /// The earned submission (nil for a program's stacked credential).
    public var submissionId: String?
    /// The completed program (nil for a submission's credential).
    public var programId: String?
    public var awardedAt: String

    public init(
        credentialId: String, learner: String, achievementId: String, submissionId: String? = nil,
        programId: String? = nil, awardedAt: String
    ) {
        self.credentialId = credentialId
        self.learner = learner
        self.achievementId = achievementId
        self.submissionId = submissionId
        self.programId = programId
        self.awardedAt = awardedAt
    }
}

/// Columns are the snake_case forms of the property names.
protocol SnakeCaseRecord: FetchableRecord, MutablePersistableRecord {}

extension SnakeCaseRecord {
    public static var databaseColumnDecodingStrategy: DatabaseColumnDecodingStrategy { .convertFromSnakeCase }
    public static var databaseColumnEncodingStrategy: DatabaseColumnEncodingStrategy { .convertToSnakeCase }
}

extension SubmissionRecord: SnakeCaseRecord, PersistableRecord {
    public static let databaseTableName = "submissions"
}

extension SubmissionEvidenceRecord: SnakeCaseRecord {
    public static let databaseTableName = "submission_evidence"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ReviewRecord: SnakeCaseRecord {
    public static let databaseTableName = "reviews"
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ReviewScoreRecord: SnakeCaseRecord, PersistableRecord {
    public static let databaseTableName = "review_scores"
}

extension ProgramRecord: SnakeCaseRecord, PersistableRecord {
    public static let databaseTableName = "programs"
}

extension AwardRecord: SnakeCaseRecord, PersistableRecord {
    public static let databaseTableName = "awards"
}

public import BadgeStore

/// One reviewer's reading of a submission, before it is recorded.
public struct ReviewInput: Sendable {
    public var submissionId: String
    public var reviewer: String
    /// Level per criterion (criterion id, level id); every criterion of the rubric must be scored.
    public var levels: [(criterion: String, level: String)]
    /// What was done well, per criterion (private to the learner).
    public var feedback: [(criterion: String, text: String)]
    /// What to do next, per criterion (private to the learner).
    public var nextSteps: [(criterion: String, text: String)]
    public var overall: String?
    /// A narrative the reviewer allows into the credential.
    public var publicNarrative: String?

    public init(
        submissionId: String, reviewer: String, levels: [(criterion: String, level: String)],
        feedback: [(criterion: String, text: String)] = [], nextSteps: [(criterion: String, text: String)] = [],
        overall: String? = nil, publicNarrative: String? = nil
    ) {
        self.submissionId = submissionId
        self.reviewer = reviewer
        self.levels = levels
        self.feedback = feedback
        self.nextSteps = nextSteps
        self.overall = overall
        self.publicNarrative = publicNarrative
    }
}

/// A recorded review and the decision it led to.
public struct ReviewOutcome: Sendable {
    public var review: StoredReview
    public var submission: SubmissionRecord
    public var decision: RubricDecision
}

extension Workspace {
    /// Records a review. Every criterion of the rubric must get a level of that criterion; the decision follows
    /// the rubric (`RubricDecision`). Unknown submissions, criteria or levels are errors and change nothing.
    public func review(_ input: ReviewInput, now: String) throws(LearningError) -> ReviewOutcome {
        let submission = try submission(input.submissionId)
        let definition = try achievementDefinition(id: submission.achievementId)
        guard !input.reviewer.isEmpty else { throw LearningError(.invalidInput, "the reviewer's name is empty") }
        var scores: [String: ReviewScoreRecord] = [:]
        func criterion(_ id: String, _ what: String) throws(LearningError) -> AchievementDefinition.Criterion {
            guard let found = definition.criterion(id) else {
                throw LearningError(
                    .unknownCriterion,
                    "\(what): '\(id)' is not a criterion of '\(definition.name)' "
                        + "(criteria: \(definition.rubric.map(\.id).joined(separator: ", ")))")
            }
            return found
        }
        for item in input.levels {
            let found = try criterion(item.criterion, "--level")
            guard found.rank(of: item.level) != nil else {
                throw LearningError(
                    .unknownLevel,
                    "--level: '\(item.level)' is not a level of criterion '\(found.id)' "
                        + "(levels: \(found.levels.map(\.id).joined(separator: ", ")))")
            }
            guard scores[found.id] == nil else {
                throw LearningError(.invalidInput, "--level: criterion '\(found.id)' is scored twice")
            }
            scores[found.id] = ReviewScoreRecord(criterionId: found.id, levelId: item.level)
        }
        let missing = definition.rubric.filter { scores[$0.id] == nil }.map(\.id)
        guard missing.isEmpty else {
            throw LearningError(
                .invalidInput, "every criterion needs a level; missing: \(missing.joined(separator: ", "))")
        }
        for item in input.feedback {
            _ = try criterion(item.criterion, "--feedback")
            scores[item.criterion]?.strengths = item.text
        }
        for item in input.nextSteps {
            _ = try criterion(item.criterion, "--next-step")
            scores[item.criterion]?.nextSteps = item.text
        }
        let ordered = definition.rubric.compactMap { scores[$0.id] }
        let record = ReviewRecord(
            submissionId: submission.id, reviewer: input.reviewer, overallFeedback: input.overall,
            publicNarrative: input.publicNarrative, createdAt: now)
        let stored: (review: StoredReview, state: SubmissionState)
        do {
            stored = try ledger.addReview(record, scores: ordered) { reviews in
                RubricDecision(definition: definition, reviews: reviews).state
            }
        } catch {
            if error.reason.hasPrefix("no submission") { throw LearningError(.unknownSubmission, error.reason) }
            throw LearningError(error)
        }
        var updated = submission
        updated.state = stored.state
        let all: [StoredReview]
        do {
            all = try ledger.reviews(submissionId: submission.id)
        } catch {
            throw LearningError(error)
        }
        return ReviewOutcome(
            review: stored.review, submission: updated, decision: RubricDecision(definition: definition, reviews: all))
    }

    /// Everything about one submission: the achievement, evidence, reviews and the rubric's decision.
    public func submissionDetails(_ id: String) throws(LearningError) -> SubmissionDetails {
        let submission = try submission(id)
        let definition = try achievementDefinition(id: submission.achievementId)
        do {
            let reviews = try ledger.reviews(submissionId: id)
            return SubmissionDetails(
                submission: submission, achievement: definition, evidence: try ledger.evidence(submissionId: id),
                reviews: reviews, decision: RubricDecision(definition: definition, reviews: reviews),
                award: try ledger.award(submissionId: id))
        } catch {
            throw LearningError(error)
        }
    }

    /// Every attempt by the submission's learner at its achievement, oldest first, with their details.
    public func attemptHistory(of submission: SubmissionRecord) throws(LearningError) -> [SubmissionDetails] {
        let attempts: [SubmissionRecord]
        do {
            attempts = try ledger.submissions(learner: submission.learner, achievementId: submission.achievementId)
        } catch {
            throw LearningError(error)
        }
        var out: [SubmissionDetails] = []
        for attempt in attempts { out.append(try submissionDetails(attempt.id)) }
        return out
    }
}

/// A submission with its achievement, evidence, reviews, decision and award.
public struct SubmissionDetails: Sendable {
    public var submission: SubmissionRecord
    public var achievement: AchievementDefinition
    public var evidence: [SubmissionEvidenceRecord]
    public var reviews: [StoredReview]
    public var decision: RubricDecision
    public var award: AwardRecord?

    /// The public narrative to put in a credential: the latest one a reviewer marked public.
    public var publicNarrative: String? {
        reviews.reversed().compactMap(\.review.publicNarrative).first
    }
}

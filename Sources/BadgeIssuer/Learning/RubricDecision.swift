public import BadgeStore

/// The decision the rubric gives for a submission's reviews.
///
/// A criterion is met by a review when the level given is at or above the criterion's required level. Per
/// criterion, the reviews are counted, never averaged: when more reviews meet it than not, it is met; when fewer,
/// it is not; a tie (two reviewers on either side of the required level) needs a third read. The submission is
/// earned when every criterion is met, "not yet" when a criterion is not met and none is tied.
public struct RubricDecision: Sendable, Hashable {
    public struct CriterionOutcome: Sendable, Hashable {
        public var criterionId: String
        /// nil: reviewers disagree across the required level (a third read decides).
        public var met: Bool?
        /// The level to record: the lowest level among the reviews on the deciding side.
        public var levelId: String?
    }

    public var state: SubmissionState
    public var criteria: [CriterionOutcome]

    /// Decides from the reviews of a submission (with no reviews the state stays `submitted`).
    public init(definition: AchievementDefinition, reviews: [StoredReview]) {
        var outcomes: [CriterionOutcome] = []
        for criterion in definition.rubric {
            let required = criterion.rank(of: criterion.requiredLevel) ?? 0
            let ranks = reviews.compactMap { $0.score(criterion.id).flatMap { criterion.rank(of: $0.levelId) } }
            let meeting = ranks.filter { $0 >= required }
            let missing = ranks.filter { $0 < required }
            var outcome = CriterionOutcome(criterionId: criterion.id, met: nil, levelId: nil)
            if ranks.isEmpty {
                outcome.met = false
            } else if meeting.count > missing.count, let low = meeting.min() {
                outcome.met = true
                outcome.levelId = criterion.levels[low].id
            } else if missing.count > meeting.count, let low = missing.min() {
                outcome.met = false
                outcome.levelId = criterion.levels[low].id
            }
            outcomes.append(outcome)
        }
        criteria = outcomes
        if reviews.isEmpty {
            state = .submitted
        } else if outcomes.contains(where: { $0.met == nil }) {
            state = .needsThirdRead
        } else if outcomes.allSatisfy({ $0.met == true }) {
            state = .earned
        } else {
            state = .notYet
        }
    }

    /// The outcome for a criterion.
    public func outcome(_ criterionId: String) -> CriterionOutcome? {
        criteria.first { $0.criterionId == criterionId }
    }
}

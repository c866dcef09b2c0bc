public import BadgeStore

/// The decision the rubric gives for a submission's reviews.
///
/// A criterion is met by a review when the level given is at or above the criterion's required level. Per
/// criterion, the reviews are counted, never averaged: when more reviews meet it than not, it is met; when fewer,
/// it is not; a tie (two reviewers on either side of the required level) needs a third read. The submission is
/// earned when every criterion is met, "not yet" when a criterion is not met and none is tied.
///
/// An achievement may ask for more than one reader (`readers`, 1 to 3): until that many reviews are in, the
/// submission stays `submitted`, waiting for the next reader, and the rubric decides once they are.
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
    /// How many reviews the achievement asks for before the rubric decides.
    public var readers: Int
    /// How many reviews are in.
    public var reviewCount: Int

    /// While the submission waits for a reader: the number of the reader it waits for (1 for the first, 2 for
    /// the second, 3 for a third read); nil once the rubric has decided.
    public var awaitedReader: Int? {
        switch state {
        case .submitted, .needsThirdRead: reviewCount + 1
        case .earned, .notYet: nil
        }
    }

    /// What the submission waits for, in words ("waiting for review", "waiting for a second reader", "waiting
    /// for a third read"); nil once the rubric has decided.
    public var waitingWords: String? {
        switch state {
        case .submitted where reviewCount == 0: "waiting for review"
        case .submitted: "waiting for \(Self.reader(reviewCount + 1))"
        case .needsThirdRead: "waiting for a third read"
        case .earned, .notYet: nil
        }
    }

    /// "a first reader", "a second reader", "a third reader", or "reader N".
    public static func reader(_ number: Int) -> String {
        switch number {
        case 1: "a first reader"
        case 2: "a second reader"
        case 3: "a third reader"
        default: "reader \(number)"
        }
    }

    /// Decides from the reviews of a submission (with fewer reviews than the achievement's `readers`, none at
    /// least, the state stays `submitted`).
    public init(definition: AchievementDefinition, reviews: [StoredReview]) {
        readers = min(max(definition.readers, AchievementDefinition.readerRange.lowerBound),
            AchievementDefinition.readerRange.upperBound)
        reviewCount = reviews.count
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
        if reviews.isEmpty || reviews.count < readers {
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

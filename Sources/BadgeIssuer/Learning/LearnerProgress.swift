public import BadgeStore

/// Where a learner stands: achievements earned, in progress and "not yet" (with next steps), and programs.
public struct LearnerProgress: Sendable {
    public struct AchievementLine: Sendable {
        public var achievement: AchievementDefinition
        /// The latest attempt.
        public var latest: SubmissionRecord
        public var attempts: Int
        /// The credential, once awarded.
        public var credentialId: String?
        /// For "not yet": the reviewers' next steps per criterion below its required level (criterion name, text).
        public var nextSteps: [(criterion: String, text: String)]
        /// The rubric's decision on the attempt shown: how many reviews are in, what it waits for.
        public var decision: RubricDecision
    }

    public struct ProgramLine: Sendable {
        public var program: StoredProgram
        /// Component achievements earned (by id).
        public var earned: [String]
        /// The stacked credential, once awarded.
        public var credentialId: String?

        public var isComplete: Bool { earned.count >= program.program.requiredCount }
    }

    public var learner: String
    public var earned: [AchievementLine]
    /// Submitted and waiting for a review (a first, second or third reader), or for a third read.
    public var inProgress: [AchievementLine]
    public var notYet: [AchievementLine]
    public var programs: [ProgramLine]
}

extension Workspace {
    /// A learner's progress, from the ledger.
    public func progress(learner text: String) throws(LearningError) -> LearnerProgress {
        let learner = try Self.learnerKey(text)
        let submissions: [SubmissionRecord]
        let awards: [AwardRecord]
        let programs: [StoredProgram]
        do {
            submissions = try ledger.submissions(learner: learner)
            awards = try ledger.awards(learner: learner)
            programs = try ledger.programs()
        } catch {
            throw LearningError(error)
        }
        var progress = LearnerProgress(learner: learner, earned: [], inProgress: [], notYet: [], programs: [])
        var earnedIDs: Set<String> = []
        var byAchievement: [String: [SubmissionRecord]] = [:]
        var order: [String] = []
        for submission in submissions {
            if byAchievement[submission.achievementId] == nil { order.append(submission.achievementId) }
            byAchievement[submission.achievementId, default: []].append(submission)
        }
        for id in order {
            guard let attempts = byAchievement[id], let latest = attempts.max(by: { $0.attempt < $1.attempt }) else {
                continue
            }
            let earnedAttempt = attempts.first { $0.state == .earned }
            let shown = earnedAttempt ?? latest
            let details = try submissionDetails(shown.id)
            var line = LearnerProgress.AchievementLine(
                achievement: details.achievement, latest: shown, attempts: attempts.count,
                credentialId: details.award?.credentialId, nextSteps: [], decision: details.decision)
            switch shown.state {
            case .earned:
                earnedIDs.insert(id)
                progress.earned.append(line)
            case .notYet:
                for criterion in details.achievement.rubric where details.decision.outcome(criterion.id)?.met == false {
                    for review in details.reviews {
                        if let text = review.score(criterion.id)?.nextSteps {
                            line.nextSteps.append((criterion.name, text))
                        }
                    }
                }
                progress.notYet.append(line)
            case .submitted, .needsThirdRead:
                progress.inProgress.append(line)
            }
        }
        for program in programs {
            progress.programs.append(LearnerProgress.ProgramLine(
                program: program, earned: program.achievementIds.filter { earnedIDs.contains($0) },
                credentialId: awards.first { $0.programId == program.program.id }?.credentialId))
        }
        return progress
    }
}

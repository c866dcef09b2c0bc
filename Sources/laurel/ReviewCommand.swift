import ArgumentParser
import BadgeIssuer
import BadgeStore
import OpenBadges

/// `laurel review`: a reviewer scores a submission against the rubric.
struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Review a submission: a level and feedback for every criterion of the rubric.",
        discussion: """
            The decision follows the rubric: earned when every criterion reaches its
            required level, otherwise "not yet" (the learner may resubmit with the
            feedback). Two reviewers may score one submission; when they disagree across
            the required level of a criterion, it needs a third read instead of an
            average. An achievement file with "readers": 2 (or 3) asks for that many
            reviews before anything is decided: until then the submission waits for its
            next reader.

            Example:
              laurel review sub-1a2b3c4d5e6f --reviewer "Sam Reviewer" \\
                  --level analysis=proficient --feedback analysis="Clear method." \\
                  --next-step analysis="Explain the limits."
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The submission id (from laurel submit or laurel progress).")
    var submission: String

    @Option(help: "The reviewer's name.")
    var reviewer: String

    @Option(help: ArgumentHelp("The level reached for a criterion (repeatable; every criterion).",
        valueName: "criterion=level"))
    var level: [String] = []

    @Option(help: ArgumentHelp("What went well for a criterion (repeatable).", valueName: "criterion=text"))
    var feedback: [String] = []

    @Option(name: .customLong("next-step"), help: ArgumentHelp("What to do next for a criterion (repeatable).",
        valueName: "criterion=text"))
    var nextStep: [String] = []

    @Option(help: ArgumentHelp("Feedback on the whole submission (private to the learner).", valueName: "text"))
    var overall: String?

    @Option(name: .customLong("public-narrative"), help: ArgumentHelp(
        "A narrative the learner's credential may show publicly.", valueName: "text"))
    var publicNarrative: String?

    func run() throws {
        let workspace = try workspace.open()
        try LearningCLI.run {
            let input = ReviewInput(
                submissionId: submission, reviewer: reviewer,
                levels: try LearningCLI.pairs(level, option: "--level").map { ($0.key, $0.value) },
                feedback: try LearningCLI.pairs(feedback, option: "--feedback").map { ($0.key, $0.value) },
                nextSteps: try LearningCLI.pairs(nextStep, option: "--next-step").map { ($0.key, $0.value) },
                overall: overall, publicNarrative: publicNarrative)
            let outcome = try workspace.review(input, now: Console.now())
            let state = outcome.submission.state
            let words: String =
                switch state {
                case .earned: "earned: every criterion reaches its required level (next: laurel award \(submission))"
                case .notYet:
                    "not yet: the learner may resubmit with the feedback (laurel feedback \(submission) --html FILE)"
                case .needsThirdRead: "needs a third read: the reviewers disagree across a required level"
                case .submitted:
                    "\(outcome.decision.waitingWords ?? "submitted") (\(outcome.decision.reviewCount) of the "
                        + "\(outcome.decision.readers) readers the achievement asks for have read it)"
                }
            Console.write("Review by \(reviewer) recorded for \(submission): \(words)\n")
        }
    }
}

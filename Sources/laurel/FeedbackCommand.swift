import ArgumentParser
import BadgeIssuer
import BadgeStore
import OpenBadges

/// `laurel feedback SUBMISSION --html OUT`.
struct FeedbackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedback",
        abstract: "Write the learner's feedback page for a submission (levels, reviewers' words, next steps, history).")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The submission id.")
    var submission: String

    @Option(help: ArgumentHelp("Where to write the page.", valueName: "file"))
    var html: String

    func run() throws {
        let workspace = try workspace.open()
        try LearningCLI.run {
            let details = try workspace.submissionDetails(submission)
            let history = try workspace.attemptHistory(of: details.submission)
            let page = FeedbackPage.render(details, history: history, issuerName: workspace.config.issuer.name)
            try LearningCLI.writePage(page, to: html)
        }
    }
}

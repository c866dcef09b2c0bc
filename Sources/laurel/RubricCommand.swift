import ArgumentParser
import BadgeIssuer
import BadgeStore
import OpenBadges

/// `laurel rubric ACHIEVEMENT --html OUT`.
struct RubricCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rubric",
        abstract: "Write an achievement's rubric as an accessible, printable HTML page for learners.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The achievement (file name in achievements/, path or id).")
    var achievement: String

    @Option(help: ArgumentHelp("Where to write the page.", valueName: "file"))
    var html: String

    func run() throws {
        let workspace = try workspace.open()
        try LearningCLI.run {
            let definition = try workspace.achievementDefinition(reference: achievement)
            try LearningCLI.writePage(RubricPage.render(definition, issuerName: workspace.config.issuer.name), to: html)
        }
    }
}

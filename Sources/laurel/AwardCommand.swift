import ArgumentParser
import BadgeIssuer
import BadgeStore
import OpenBadges

/// `laurel award SUBMISSION`.
struct AwardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "award",
        abstract: "Issue the credential for an earned submission (and any program it completes).",
        discussion: """
            The credential records the achieved level for each criterion, the submission's
            evidence (files by SHA-256 digest), creditsEarned when the achievement offers
            credits, and the reviewer's public narrative when one was given. Private
            feedback never goes into a credential. When the award completes a program, the
            program's stacked credential is issued too, with the component badges as its
            evidence.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The submission id.")
    var submission: String

    @Option(help: ArgumentHelp("Write the credential here (default: the workspace's credentials folder).",
        valueName: "file"))
    var out: String?

    func run() throws {
        let workspace = try workspace.open()
        try LearningCLI.run {
            let outcome = try workspace.award(submission, outputPath: out, now: Console.now())
            Console.write("Awarded \(outcome.credential.credentialID)\n  \(outcome.credential.outputPath ?? "")\n")
            for item in outcome.stacked {
                Console.write("""
                    Program \(item.program.program.name) complete: stacked credential \(item.credential.credentialID)
                      \(item.credential.outputPath ?? "")

                    """)
            }
            Console.write("The status lists in status/ were republished; publish them at their URLs.\n")
        }
    }
}

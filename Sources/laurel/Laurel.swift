import ArgumentParser

@main
struct Laurel: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "laurel",
        abstract: "Issue, verify and carry Open Badges 3.0 credentials.",
        discussion: """
            Exit codes: 0 success (for verify: every credential is valid); 1 a credential is invalid or the \
            command failed; 2 a usage error, or a verification that cannot tell \
            (indeterminate).
            """,
        version: "0.1.0",
        subcommands: [
            DemoCommand.self,
            InitCommand.self,
            AchievementCommand.self,
            IssueCommand.self,
            ProgramCommand.self,
            RubricCommand.self,
            SubmitCommand.self,
            ReviewCommand.self,
            FeedbackCommand.self,
            AwardCommand.self,
            CertificateCommand.self,
            CredentialsCommand.self,
            LedgerCommand.self,
            ProgressCommand.self,
            VerifyCommand.self,
            RevokeCommand.self,
            SuspendCommand.self,
            UnsuspendCommand.self,
            StatusCommand.self,
            BakeCommand.self,
            ExtractCommand.self,
            PresentCommand.self,
            ClrCommand.self,
            ShareCommand.self,
            KeysCommand.self,
            CanonCommand.self,
            UsersCommand.self,
            ServeCommand.self,
        ]
    )
}

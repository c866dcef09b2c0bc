import ArgumentParser
import BadgeIssuer
import BadgeStore
import OpenBadges

/// `laurel submit`: a learner's attempt at an achievement.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Record a learner's submission (a new attempt) with evidence for the rubric's criteria.",
        discussion: """
            Each submission is a new attempt; earlier attempts and their feedback are
            kept. Evidence is an http(s) URL or a file; files are stored in the workspace
            under evidence/sha256/<digest>. There are no deadlines: a learner may submit
            again whenever they are ready.

            A new attempt keeps what the previous one had and this one does not replace:
            for each criterion given no --evidence or --narrative, the previous attempt's
            evidence and words; its reflection, context and name when none is given. The
            output marks what was kept. With --fresh, nothing is kept.

            Example:
              laurel submit --achievement data-literacy --learner ada@example.org \\
                  --evidence analysis=report.pdf \\
                  --evidence question=https://portfolio.example.org/q \\
                  --narrative analysis="I compared two methods." \\
                  --reflection "I learned to check my charts."
              laurel submit --achievement data-literacy --learner ada@example.org \\
                  --evidence question=question-v2.pdf
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("The achievement (file name in achievements/, path or id).", valueName: "achievement"))
    var achievement: String

    @Option(help: ArgumentHelp("The learner's email address or DID.", valueName: "email|did"))
    var learner: String

    @Option(help: ArgumentHelp("The learner's name, as the credential and certificate should show it.",
        valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Evidence for a criterion: CRITERION=FILE or CRITERION=URL (repeatable).",
        valueName: "criterion=file|url"))
    var evidence: [String] = []

    @Option(help: ArgumentHelp("The learner's own words for a criterion (repeatable).", valueName: "criterion=text"))
    var narrative: [String] = []

    @Option(help: ArgumentHelp("A reflection on the whole submission.", valueName: "text"))
    var reflection: String?

    @Option(help: ArgumentHelp("The setting of the work (who, where, when), shown to reviewers.", valueName: "text"))
    var context: String?

    @Flag(help: "Keep nothing from the previous attempt: submit only what is given here.")
    var fresh = false

    @Flag(help: "Print only the submission id (for scripts).")
    var quiet = false

    func run() throws {
        let workspace = try workspace.open()
        try LearningCLI.run {
            let definition = try workspace.achievementDefinition(reference: achievement)
            let input = SubmissionInput(
                achievement: definition, learner: learner, learnerName: name,
                evidence: try LearningCLI.pairs(evidence, option: "--evidence").map { ($0.key, $0.value) },
                narratives: try LearningCLI.pairs(narrative, option: "--narrative").map { ($0.key, $0.value) },
                reflection: reflection, context: context, carryForward: !fresh)
            let submission = try workspace.submit(input, now: Console.now())
            if quiet {
                Console.write(submission.id + "\n")
                return
            }
            var out = "Submission \(submission.id): attempt \(submission.attempt) at \(definition.name) by "
                + "\(submission.learner)\n"
            let stored: [SubmissionEvidenceRecord]
            do {
                stored = try workspace.ledger.evidence(submissionId: submission.id)
            } catch let error as LedgerError {
                throw LearningError(.ledger, error.reason)
            }
            // Carrying forward adds only what this input does not give: a criterion given nothing here, or the
            // reflection when none is given.
            let given = Set(input.evidence.map(\.criterion) + input.narratives.map(\.criterion))
            let keptNote = " (kept from attempt \(submission.attempt - 1))"
            func note(_ kept: Bool) -> String { (kept && submission.attempt > 1 ? keptNote : "") + "\n" }
            if let learnerName = submission.learnerName {
                out += "  Name: \(learnerName)" + note(name?.isEmpty ?? true)
            }
            if let setting = submission.context {
                out += "  Context: \(Self.excerpt(setting))" + note(context?.isEmpty ?? true)
            }
            for item in stored {
                let kept = item.criterionId.map { !given.contains($0) } ?? (reflection?.isEmpty ?? true)
                out += "  \(Self.describe(item, in: definition))" + note(kept)
            }
            out += "Next: laurel review \(submission.id) --reviewer NAME --level CRITERION=LEVEL … "
                + "--feedback CRITERION=TEXT …\n"
            Console.write(out)
        }
    }
}

extension SubmitCommand {
    /// One evidence item on a line: its criterion, kind and content.
    static func describe(_ item: SubmissionEvidenceRecord, in definition: AchievementDefinition) -> String {
        let criterion = item.criterionId.map { definition.criterion($0)?.name ?? $0 } ?? "Reflection"
        let content: String =
            switch item.kind {
            case .file: "file \(item.name ?? "") (sha256 \((item.sha256 ?? "").prefix(12))…)"
            case .url: item.url ?? ""
            case .narrative, .reflection: "words: \(Self.excerpt(item.text ?? ""))"
            }
        return "\(criterion): \(content)"
    }

    /// The first line of a text, up to 60 characters.
    static func excerpt(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        return line.count > 60 ? String(line.prefix(59)) + "…" : line
    }
}

/// Shared pieces of the learning commands.
enum LearningCLI {
    /// Runs a learning step, turning its errors into plain messages.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as LearningError {
            throw CLIError(error.reason)
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
    }

    /// `KEY=VALUE` options, in order.
    static func pairs(_ values: [String], option: String) throws -> [(key: String, value: String)] {
        try values.map { text in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw CLIError("\(option) '\(text)' is not CRITERION=VALUE")
            }
            return (String(text[..<equals]), String(text[text.index(after: equals)...]))
        }
    }

    /// Writes an HTML page.
    static func writePage(_ html: String, to path: String) throws {
        try FileIO.write(Array(html.utf8), to: path)
        Console.write("Wrote \(path)\n")
    }
}

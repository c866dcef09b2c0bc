import ArgumentParser
import BadgeIssuer
import BadgeStore
import OpenBadges

/// `laurel program new|show`.
struct ProgramCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "program",
        abstract: "Programs: stacks of achievements that together earn a larger credential.",
        subcommands: [ProgramNew.self, ProgramShow.self])
}

struct ProgramNew: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Define a program: N of M achievements, and an optional capstone achievement.",
        discussion: """
            A target date is advisory: it is shown to learners and never closes a
            submission.

            Example:
              laurel program new --name "Data Practitioner" \\
                  --achievement data-literacy --achievement teamwork \\
                  --require 2 --capstone data-practitioner --target 2027-06-30
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "The program's name.")
    var name: String

    @Option(help: "What the program is about.")
    var description: String = ""

    @Option(name: .customLong("achievement"), help: ArgumentHelp("An achievement in the program (repeatable).",
        valueName: "achievement"))
    var achievements: [String] = []

    @Option(help: ArgumentHelp("How many achievements complete the program (default: all).", valueName: "n"))
    var require: Int?

    @Option(help: ArgumentHelp("The achievement issued when the program is complete.", valueName: "achievement"))
    var capstone: String?

    @Option(help: ArgumentHelp("An advisory target date (YYYY-MM-DD); never a deadline.", valueName: "date"))
    var target: String?

    @Option(name: .customLong("alignment"), help: ArgumentHelp("A competency, as NAME=URL (repeatable).",
        valueName: "name=url"))
    var alignments: [String] = []

    func run() throws {
        let workspace = try workspace.open()
        try LearningCLI.run {
            let input = ProgramInput(
                name: name, description: description, achievements: achievements, requiredCount: require,
                capstone: capstone, targetDate: target,
                alignments: try LearningCLI.pairs(alignments, option: "--alignment").map {
                    ProgramAlignment(targetName: $0.key, targetUrl: $0.value)
                })
            let program = try workspace.createProgram(input, now: Console.now())
            Console.write("Program \(program.program.id) recorded.\n\n" + ProgramShow.text(program, workspace))
        }
    }
}

struct ProgramShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a program.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The program id.")
    var program: String

    func run() throws {
        let workspace = try workspace.open()
        try LearningCLI.run {
            Console.write(Self.text(try workspace.program(program), workspace))
        }
    }

    static func text(_ stored: StoredProgram, _ workspace: Workspace) -> String {
        let program = stored.program
        var out = Console.paint(program.name, .bold) + "  (\(program.id))\n"
        if !program.description.isEmpty { out += "  \(program.description)\n" }
        out += "\n  Complete \(program.requiredCount) of these \(stored.achievementIds.count) achievements:\n"
        for id in stored.achievementIds {
            let name = (try? workspace.achievementDefinition(id: id).name) ?? id
            out += "    - \(name) <\(id)>\n"
        }
        if let capstone = program.capstoneAchievementId {
            let name = (try? workspace.achievementDefinition(id: capstone).name) ?? capstone
            out += "  Completing it earns: \(name) <\(capstone)>\n"
        } else {
            out += "  Completing it earns: a \(program.name) certificate\n"
        }
        for alignment in stored.alignments { out += "  Aligned to: \(alignment.targetName) <\(alignment.targetUrl)>\n" }
        if let target = program.targetDate {
            out += "  Suggested target date: \(target) (advisory only; submissions stay open)\n"
        }
        out += "  No deadlines: learners may submit and resubmit at any time.\n"
        return out
    }
}

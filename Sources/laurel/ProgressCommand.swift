import ArgumentParser
import BadgeIssuer
import BadgeStore
import OpenBadges

/// `laurel progress LEARNER`.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show a learner's progress: earned, in progress, not yet (with next steps) and programs.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The learner's email address or DID.")
    var learner: String

    func run() throws {
        let workspace = try workspace.open()
        try LearningCLI.run {
            let progress = try workspace.progress(learner: learner)
            var out = Console.paint("Progress for \(progress.learner)", .bold) + "\n"
            out += "\nEarned (\(progress.earned.count))\n"
            for line in progress.earned {
                out += "  ✓ \(line.achievement.name) — attempt \(line.latest.attempt), submission \(line.latest.id)"
                out += line.credentialId.map { ", credential \($0)" }
                    ?? " (not awarded yet: laurel award \(line.latest.id))"
                out += "\n"
            }
            out += "\nIn progress (\(progress.inProgress.count))\n"
            for line in progress.inProgress {
                let state = line.latest.state == .needsThirdRead ? "waiting for a third read" : "waiting for review"
                out += "  … \(line.achievement.name) — attempt \(line.latest.attempt), \(state) (\(line.latest.id))\n"
            }
            out += "\nNot yet (\(progress.notYet.count))\n"
            for line in progress.notYet {
                out += "  → \(line.achievement.name) — attempt \(line.latest.attempt) (\(line.latest.id));"
                out += " resubmit any time\n"
                for step in line.nextSteps { out += "      next step, \(step.criterion): \(step.text)\n" }
            }
            if !progress.programs.isEmpty {
                out += "\nPrograms\n"
                for line in progress.programs {
                    let program = line.program.program
                    out += "  \(program.name): \(line.earned.count) of \(program.requiredCount) needed"
                    out += " (\(line.program.achievementIds.count) in the program)"
                    if let credential = line.credentialId {
                        out += " — complete, credential \(credential)"
                    } else if line.isComplete {
                        out += " — complete"
                    }
                    if let target = program.targetDate, line.credentialId == nil {
                        out += "; suggested target \(target) (advisory)"
                    }
                    out += "\n"
                }
            }
            Console.write(out)
        }
    }
}

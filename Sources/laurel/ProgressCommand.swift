import ArgumentParser
import BadgeIssuer
import BadgeStore
import LinkedData
import OpenBadges

/// `laurel progress LEARNER`.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show a learner's progress: earned, in progress, not yet (with next steps) and programs.")

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The learner's email address or DID.")
    var learner: String

    @Option(help: ArgumentHelp("text, or json (one object).", valueName: "format"))
    var format: ListFormat = .text

    func run() throws {
        let workspace = try workspace.open()
        try LearningCLI.run {
            let progress = try workspace.progress(learner: learner)
            // Badges issued directly (laurel issue, --batch) count as earned too, beside those awarded after review.
            let known = Set(progress.earned.compactMap(\.credentialId) + progress.programs.compactMap(\.credentialId))
            let direct: [IssuedCredentialSummary]
            do {
                direct = try workspace.issuedCredentials(recipient: try Recipient(learner))
                    .filter { !known.contains($0.record.id) && $0.status != "revoked" }
            } catch let error as IssuerError {
                throw CLIError(error.description)
            }
            if format == .json {
                Console.write(JSONSerializer().serializeToString(Self.json(progress, direct: direct)) + "\n")
                return
            }
            var out = Console.paint("Progress for \(progress.learner)", .bold) + "\n"
            out += "\nEarned (\(progress.earned.count + direct.count))\n"
            for line in progress.earned {
                out += "  ✓ \(line.achievement.name) — attempt \(line.latest.attempt), submission \(line.latest.id)"
                out += line.credentialId.map { ", credential \($0)" }
                    ?? " (not awarded yet: laurel award \(line.latest.id))"
                out += "\n"
            }
            for credential in direct {
                out += "  ✓ \(credential.achievementName ?? "(achievement unknown)") — issued directly, credential "
                    + "\(credential.record.id)\(credential.status == "suspended" ? " (suspended)" : "")\n"
            }
            out += "\nIn progress (\(progress.inProgress.count))\n"
            for line in progress.inProgress {
                let state = line.decision.waitingWords ?? "waiting for review"
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

    static func json(_ progress: LearnerProgress, direct: [IssuedCredentialSummary]) -> JSONValue {
        func line(_ line: LearnerProgress.AchievementLine) -> JSONValue {
            var object = JSONObject()
            object["achievementId"] = .string(line.achievement.id)
            object["achievementName"] = .string(line.achievement.name)
            object["submission"] = .string(line.latest.id)
            object["attempts"] = .number(JSONNumber(line.attempts))
            object["credentialId"] = line.credentialId.map(JSONValue.string) ?? .null
            object["state"] = .string(line.latest.state.rawValue)
            object["reviews"] = .number(JSONNumber(line.decision.reviewCount))
            object["readers"] = .number(JSONNumber(line.decision.readers))
            if let waiting = line.decision.waitingWords { object["waiting"] = .string(waiting) }
            if !line.nextSteps.isEmpty {
                object["nextSteps"] = .array(line.nextSteps.map { .object(JSONObject(["criterion": .string($0.criterion), "text": .string($0.text)])) })
            }
            return .object(object)
        }
        var earned = progress.earned.map(line)
        for credential in direct {
            var object = JSONObject()
            object["achievementId"] = credential.achievementID.map(JSONValue.string) ?? .null
            object["achievementName"] = credential.achievementName.map(JSONValue.string) ?? .null
            object["credentialId"] = .string(credential.record.id)
            object["issuedDirectly"] = true
            earned.append(.object(object))
        }
        var root = JSONObject()
        root["learner"] = .string(progress.learner)
        root["earned"] = .array(earned)
        root["inProgress"] = .array(progress.inProgress.map(line))
        root["notYet"] = .array(progress.notYet.map(line))
        root["programs"] = .array(progress.programs.map { program in
            var object = JSONObject()
            object["name"] = .string(program.program.program.name)
            object["earned"] = .number(JSONNumber(program.earned.count))
            object["required"] = .number(JSONNumber(program.program.program.requiredCount))
            object["credentialId"] = program.credentialId.map(JSONValue.string) ?? .null
            return .object(object)
        })
        return .object(root)
    }
}

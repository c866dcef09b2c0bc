import ArgumentParser
import BadgeIssuer
import BadgeStore
import LinkedData

/// `laurel credentials list`: what the workspace issued, from its ledger.
struct CredentialsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "credentials",
        abstract: "Find the badges the workspace issued (a learner's, or an achievement's).",
        subcommands: [CredentialsList.self])
}

/// The output format of listing commands.
enum ListFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

struct CredentialsList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List issued credentials from the ledger, newest last.",
        discussion: """
            Badges hold a learner's email only as a salted hash, so searching the files
            cannot find them; the ledger keeps the address. Examples:

              laurel credentials list --learner ada@example.org
              laurel credentials list --achievement data-literacy --format json
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("Only this learner's badges (an email address or a DID).", valueName: "email|did"))
    var learner: String?

    @Option(help: ArgumentHelp("Only badges of this achievement (a file, a name in achievements/, or an id).",
        valueName: "achievement"))
    var achievement: String?

    @Option(help: ArgumentHelp("text, or json (one object per line).", valueName: "format"))
    var format: ListFormat = .text

    func run() throws {
        do {
            let opened = try workspace.open()
            let recipient = try learner.map { text throws(IssuerError) in try Recipient(text) }
            let achievementID = try achievement.map { reference throws(IssuerError) in try opened.achievement(reference).definition.id }
            let found = try opened.issuedCredentials(recipient: recipient, achievementID: achievementID)
            for credential in found {
                let record = credential.record
                if format == .json {
                    var object = JSONObject()
                    object["id"] = .string(record.id)
                    object["recipient"] = .string(record.recipient)
                    object["achievementId"] = credential.achievementID.map(JSONValue.string) ?? .null
                    object["achievementName"] = credential.achievementName.map(JSONValue.string) ?? .null
                    object["issuedAt"] = record.issuedAt.map(JSONValue.string) ?? .null
                    object["status"] = .string(credential.status)
                    object["file"] = record.outputPath.map(JSONValue.string) ?? .null
                    Console.write(JSONSerializer().serializeToString(.object(object)) + "\n")
                } else {
                    let status = credential.status == "issued" ? "" : " [\(credential.status)]"
                    Console.write("\(record.id)\(status)\n  \(credential.achievementName ?? "(achievement unknown)") — "
                        + "\(record.recipient), issued \(record.issuedAt ?? "?")\n  \(record.outputPath ?? "")\n")
                }
            }
            if format == .text && found.isEmpty {
                Console.write("No issued credentials match.\n")
            }
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
    }
}

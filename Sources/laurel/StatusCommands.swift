import ArgumentParser
import BadgeIssuer
import LinkedData

/// `laurel revoke|suspend|unsuspend ID`.
struct RevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a credential for good, and republish the status lists.",
        discussion: """
            Revocation is permanent (W3C Bitstring Status List): the credential's bit is
            set in its revocation list and stays set. The change is recorded in the ledger
            with its time and reason, and the lists in status/ are signed and written
            again; publish them at their URLs.

            The id is the badge's 'id' (urn:uuid:…), or just its UUID (the credential
            file's name).

            Example: laurel revoke urn:uuid:4f0c… --reason "issued to the wrong learner"
            """)

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: ArgumentHelp("The credential id (as in the badge's 'id').", valueName: "id"))
    var id: String
    @Option(help: "Why (kept in the ledger, not published).")
    var reason: String?

    func run() throws { try StatusChanger.run(.revoke, id: id, reason: reason, workspace: workspace) }
}

struct SuspendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "suspend",
        abstract: "Suspend a credential (it can be restored with unsuspend).",
        discussion: "Only credentials issued with --suspendable have a suspension entry.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: ArgumentHelp("The credential id.", valueName: "id"))
    var id: String
    @Option(help: "Why (kept in the ledger, not published).")
    var reason: String?

    func run() throws { try StatusChanger.run(.suspend, id: id, reason: reason, workspace: workspace) }
}

struct UnsuspendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unsuspend", abstract: "Restore a suspended credential.")

    @OptionGroup var workspace: WorkspaceOptions
    @Argument(help: ArgumentHelp("The credential id.", valueName: "id"))
    var id: String
    @Option(help: "Why (kept in the ledger, not published).")
    var reason: String?

    func run() throws { try StatusChanger.run(.unsuspend, id: id, reason: reason, workspace: workspace) }
}

enum StatusChanger {
    static func run(_ change: Workspace.StatusChange, id given: String, reason: String?, workspace: WorkspaceOptions) throws {
        let id = credentialID(given)
        do {
            let opened = try workspace.open()
            try opened.changeStatus(change, credentialID: id, reason: reason, now: Console.now())
            let verb = ["revoke": "Revoked", "suspend": "Suspended", "unsuspend": "Restored"][change.rawValue]!
            Console.write("\(verb) \(id); the status lists in \(opened.statusDirectory) were republished.\n")
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
    }
}

/// `laurel status publish`.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Publish the workspace's status lists.",
        subcommands: [StatusPublish.self])
}

struct StatusPublish: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Sign and write every status list as a BitstringStatusListCredential, ready to serve at its URL.")

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        do {
            let opened = try workspace.open()
            let written = try opened.publishStatusLists(now: Console.now())
            if written.isEmpty { Console.write("No status lists yet (they are created when badges are issued).\n") }
            for item in written { Console.write("\(item.url)\n  \(item.file)\n") }
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
    }
}

extension StatusChanger {
    /// The credential id for what the user typed: a bare UUID (the credential file's name, with or without
    /// `.json`) stands for `urn:uuid:<UUID>`, as Laurel writes ids.
    static func credentialID(_ text: String) -> String {
        // A credential file: its own id.
        if FileIO.exists(text), !FileIO.isDirectory(text), let bytes = try? FileIO.read(text, limit: 16 * 1024 * 1024),
            let object = try? CertificateCommand.credentialObject(bytes, source: text), let id = object["id"]?.stringValue
        {
            return id
        }
        var bare = text.hasSuffix(".json") ? String(text.dropLast(5)) : text
        if let slash = bare.lastIndex(of: "/") { bare = String(bare[bare.index(after: slash)...]) }
        let hex = bare.utf8.filter { $0 != UInt8(ascii: "-") }
        let isUUID = bare.utf8.count == 36 && hex.count == 32
            && hex.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) || ($0 >= 0x41 && $0 <= 0x46) }
        return isUUID ? "urn:uuid:" + bare.lowercased() : text
    }
}

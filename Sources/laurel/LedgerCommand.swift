import ArgumentParser
import BadgeIssuer
import BadgeStore

/// `laurel ledger check`: is the issuer's ledger sound, and private?
struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Check the workspace's ledger (the record of everything issued).",
        subcommands: [LedgerCheck.self])
}

struct LedgerCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Audit the ledger's consistency, and warn when private files are readable by others.",
        discussion: """
            The ledger keeps learners' email addresses in clear (the badges only hold
            their hashes), and the workspace holds the private key and learners'
            submissions: they should be readable by their owner only (files 0600,
            folders 0700). Consistency: SQLite's own check, foreign keys, and every
            status list entry given to exactly one credential.

            Exit codes: 0 sound (file mode warnings are printed, not failed); 1 a problem.
            """)

    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let folder = try workspace.resolve()
        for warning in Self.modeWarnings(folder) { Console.error("warning: " + warning) }
        let problems: [String]
        do {
            problems = try Workspace.open(at: folder).ledger.checkIntegrity()
        } catch let error as LedgerError {
            throw CLIError(error.reason)
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
        if problems.isEmpty {
            Console.write("The ledger is consistent.\n")
            return
        }
        for problem in problems { Console.error("problem: " + problem) }
        throw CLIError("the ledger has \(problems.count) problem(s) (above)")
    }

    /// Files and folders of the workspace that hold personal or secret data and are readable by group or others.
    static func modeWarnings(_ folder: String) -> [String] {
        var warnings: [String] = []
        func check(_ path: String, wanted: UInt32) {
            guard let mode = FileIO.mode(path), mode & 0o077 != 0 else { return }
            warnings.append("\(path) is readable by others (mode \(String(mode, radix: 8))); run: chmod \(String(wanted, radix: 8)) \(path)")
        }
        check(folder, wanted: 0o700)
        for file in [Workspace.ledgerFile, Workspace.ledgerFile + "-wal", Workspace.ledgerFile + "-shm", "issuer-key.pem"] {
            check(FileIO.join(folder, file), wanted: 0o600)
        }
        return warnings
    }
}

import ArgumentParser
import BadgeIssuer
import BadgeVerifier

/// `laurel clr --learner …`: a signed Comprehensive Learner Record (CLR 2.0).
struct ClrCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clr",
        abstract: "Issue a CLR 2.0 learner record bundling a learner's credentials, signed by the issuer.",
        discussion: """
            By default the record holds every credential this workspace issued to the
            learner (read from the files the ledger recorded, each checked against its
            recorded SHA-256); revoked and suspended ones are left out and listed. With
            --credential, exactly the given files go in (credentials of other issuers
            too); each must have been awarded to the learner, and each is verified first:
            one whose signature does not match is refused.

            --association links two achievements in the record, as SOURCE=TYPE=TARGET,
            where TYPE is one of exactMatchOf, isChildOf, isParentOf, isPartOf,
            isPeerOf, isRelatedTo, precedes, replacedBy, and SOURCE and TARGET are
            achievement ids, credential ids, or achievement names of this workspace.

            The record (contexts: VC 2.0, CLR 2.0.1, Open Badges 3.0.3) is signed with
            eddsa-rdfc-2022, recorded in the ledger with its own revocation entry, and
            written whole or not at all.

            Example:
              laurel clr --learner did:key:z6Mk… \\
                  --association data-literacy=isPartOf=data-science-certificate \\
                  --out ada-record.json
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("The learner: a DID or an email address.", valueName: "did|email"))
    var learner: String

    @Option(name: .customLong("credential"), help: ArgumentHelp(
        "A credential to include (repeatable; default: all the learner's credentials in the ledger).", valueName: "file"))
    var credentials: [String] = []

    @Option(name: .customLong("association"), help: ArgumentHelp(
        "A relation between two achievements (repeatable).", valueName: "source=type=target"))
    var associations: [String] = []

    @Option(help: ArgumentHelp("The record's name.", valueName: "text"))
    var name: String?

    @Option(help: ArgumentHelp("The record's description.", valueName: "text"))
    var description: String?

    @Option(help: ArgumentHelp("Where to write the record ('-' for standard output).", valueName: "file"))
    var out: String

    @Flag(help: "Replace --out if it exists.")
    var force = false

    func run() throws {
        do {
            try OutputFile.checkWritable(out, force: force)
            let recipient = try Recipient(learner)
            let parsed = try associations.map { text throws(IssuerError) in try AssociationInput(parsing: text) }
            var files: [CredentialFile]? = nil
            if !credentials.isEmpty {
                files = try credentials.map { path throws(IssuerError) in try CredentialFile(path: path) }
            }
            let opened = try workspace.open()
            let now = Console.now()
            let verifier = Verifier(options: VerificationOptions(at: Console.nowSeconds()))
            let issued = try opened.issueClr(
                ClrRequest(
                    learner: recipient, credentials: files, associations: parsed, name: name, description: description),
                outputPath: out, now: now, check: { file in ClrCommand.problem(with: file, verifier: verifier) })
            for skipped in issued.skipped {
                Console.error("left out \(skipped.credentialID): \(skipped.reason)")
            }
            let summary = "Issued learner record \(issued.credentialID) with \(issued.included.count) credential(s)"
            if out == "-" {
                Console.error(summary)
            } else {
                Console.write(summary + "\n  \(out)\n")
            }
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
    }

    /// Why a credential must not go into a record: it is unreadable, tampered with, signed by someone other than
    /// its issuer, or partly undefined. (Expiry, revocation lists that cannot be fetched offline, and keys that
    /// need the network do not keep it out: a record is a history.)
    static func problem(with file: CredentialFile, verifier: Verifier) -> String? {
        let report = verifier.verify(bytes: Array(file.text.utf8), source: file.source)
        let blocking: Set<CheckID> = [.parse, .limits, .proof, .keyBinding, .safeMode, .context]
        return report.checks.first { $0.outcome == .fail && blocking.contains($0.id) }?.message
    }
}

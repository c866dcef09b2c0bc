import ArgumentParser
import BadgeIssuer

/// `laurel issue`: sign one credential, or many from a roster.
struct IssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue a signed Open Badges 3.0 credential, or many from a CSV roster.",
        discussion: """
            One badge:
              laurel issue --achievement data-literacy --recipient learner@example.org --name "Ada Lovelace" \\
                  --result analysis=proficient --evidence https://example.org/projects/42 --evidence report.pdf
            Many badges (signed in parallel on every core; resumable: rerun after a crash or Ctrl-C and each row
            is issued exactly once):
              laurel issue --achievement data-literacy --batch roster.csv

            The roster is CSV with a header row; columns (only recipient is required):
              recipient     email address or DID
              name          the recipient's name
              results       criterion=level pairs separated by ';'
              evidence      URLs or file paths (relative to the roster) separated by ';'
              narrative     a public note about this learner's achievement (Markdown)
              valid_from, valid_until   dates with a time zone (default: now; no expiry)
            Bad rows are reported with their line numbers; the other rows are still issued.
            With --out FILE.jsonl, a batch writes one JSON Lines file (one signed credential per line) instead of
            one file per badge: faster for very large batches and handy for pipelines.

            Email recipients are stored as a salted SHA-256 hash in the badge. Evidence files are bound by
            their SHA-256 digest, so a verifier can check that a file a learner shows is the one assessed.
            Run inside a workspace (laurel init) or pass --workspace DIR.
            """
    )

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("The achievement: a file, a name in achievements/, or an id.", valueName: "achievement"))
    var achievement: String

    @Option(help: ArgumentHelp("The learner: an email address or a DID.", valueName: "email|did"))
    var recipient: String?

    @Option(help: ArgumentHelp("The learner's name (recorded in the badge).", valueName: "name"))
    var name: String?

    @Option(name: .customLong("result"), help: ArgumentHelp(
        "The level reached on a rubric criterion (repeatable).", valueName: "criterion=level"))
    var results: [String] = []

    @Option(name: .customLong("evidence"), help: ArgumentHelp("A URL or file (repeatable).", valueName: "url|file"))
    var evidence: [String] = []

    @Option(help: ArgumentHelp("A public note about this learner's achievement (Markdown).", valueName: "text"))
    var narrative: String?

    @Option(name: .customLong("valid-from"), help: ArgumentHelp("When the badge becomes valid (default: now).", valueName: "date"))
    var validFrom: String?

    @Option(name: .customLong("valid-until"), help: ArgumentHelp("When the badge expires (default: never).", valueName: "date"))
    var validUntil: String?

    @Option(help: ArgumentHelp("eddsa-rdfc-2022 (default), eddsa-jcs-2022 or vc-jwt.", valueName: "format"))
    var proof: String?

    @Flag(help: "Also allocate a suspension status entry, so the badge can be suspended and restored.")
    var suspendable = false

    @Option(help: ArgumentHelp("Issue one badge per row of this CSV roster.", valueName: "roster.csv"))
    var batch: String?

    @Option(help: ArgumentHelp(
        "Where to write: a file, '-' for standard output; with --batch a folder, or a .jsonl file.", valueName: "path"))
    var out: String?

    func validate() throws {
        if let proof, ProofFormat(rawValue: proof) == nil {
            throw ValidationError("unknown proof format '\(proof)'; use \(ProofFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if batch == nil && recipient == nil {
            throw ValidationError("give --recipient EMAIL|DID for one badge, or --batch roster.csv for many")
        }
        if batch != nil && (recipient != nil || name != nil || !results.isEmpty || !evidence.isEmpty || narrative != nil) {
            throw ValidationError("with --batch, the recipient, name, results, evidence and narrative come from the roster's columns")
        }
        if batch != nil && out == "-" {
            throw ValidationError("--batch writes one file per badge; give --out a folder, not '-'")
        }
    }

    func run() throws {
        do {
            let opened = try workspace.open()
            let definition = try opened.achievement(achievement).definition
            let format = proof.flatMap(ProofFormat.init(rawValue:))
            let now = Console.now()
            if let batch {
                try runBatch(opened, definition: definition, format: format, roster: batch, now: now)
                return
            }
            var parsedResults: [(criterion: String, level: String)] = []
            for text in results {
                parsedResults += try Workspace.parseResults(text)
            }
            let request = IssueRequest(
                achievement: definition, recipient: try Recipient(recipient!), recipientName: name,
                results: parsedResults, evidence: try evidence.map { item throws(IssuerError) in try Workspace.evidenceInput(item) },
                narrative: narrative, validFrom: validFrom, validUntil: validUntil, format: format,
                suspendable: suspendable)
            let issued = try opened.issue(request, outputPath: out, now: now)
            if out == "-" {
                Console.writeBytes(issued.signed.bytes)
                if issued.signed.format == .vcJWT { Console.write("\n") }
                Console.error("Issued \(issued.credentialID) (\(issued.signed.format.rawValue))")
            } else {
                Console.write("Issued \(issued.credentialID) (\(issued.signed.format.rawValue))\n  \(issued.outputPath ?? "")\n")
            }
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
    }

    func runBatch(
        _ workspace: Workspace, definition: AchievementDefinition, format: ProofFormat?, roster: String, now: String
    ) throws {
        var reporter = ProgressReporter(label: "issuing")
        let summary = try workspace.issueBatch(
            BatchOptions(
                rosterPath: roster, achievement: definition, format: format, suspendable: suspendable,
                outputDirectory: out?.hasSuffix(".jsonl") == true ? nil : out,
                jsonLinesPath: out?.hasSuffix(".jsonl") == true ? out : nil, now: now)
        ) { progress in
            reporter.update(
                done: progress.rowsRead, total: max(progress.rowsEstimated, progress.rowsRead),
                detail: "\(progress.issued) issued, \(progress.alreadyIssued) already issued, \(progress.badRows) bad")
        }
        reporter.finish()
        Console.write("""
            Batch \(summary.batchID): \(summary.rows) rows; \(summary.issued) issued now, \(summary.alreadyIssued) already issued, \(summary.badRows.count) bad
              credentials in \(out?.hasSuffix(".jsonl") == true ? out! : summary.outputDirectory)

            """)
        if !summary.badRows.isEmpty {
            Console.error("These rows were not issued (fix them and run the same command again; issued rows are skipped):")
            for row in summary.badRows.prefix(200) {
                Console.error("  \(roster):\(row.line): \(row.reason)")
            }
            if summary.badRows.count > 200 { Console.error("  … and \(summary.badRows.count - 200) more") }
            throw ExitCode(1)
        }
    }
}

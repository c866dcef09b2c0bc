import ArgumentParser
import BadgeIssuer
import OpenBadges
import LinkedData

/// `laurel issue`: sign one credential, or many from a roster.
struct IssueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "issue",
        abstract: "Issue a signed Open Badges 3.0 credential, or many from a CSV roster.",
        discussion: """
            One badge:
              laurel issue --achievement data-literacy --recipient ada@example.org \\
                  --name "Ada Lovelace" --result analysis=proficient \\
                  --evidence https://example.org/projects/42 --evidence report.pdf
            Many badges (signed in parallel on every core; resumable: rerun after a crash
            or Ctrl-C and each row is issued exactly once):
              laurel issue --achievement data-literacy --batch roster.csv

            The roster is CSV with a header row; columns (only recipient is required):
              recipient     email address or DID
              name          the recipient's name
              results       criterion=level pairs separated by ';'
              evidence      URLs or file paths (relative to the roster) separated by ';'
              narrative     a public note about this learner's achievement (Markdown)
              valid_from, valid_until   2027-06-30 (start of the day, UTC) or a date-time
                                        with a zone (default: now; no expiry)
            Bad rows are reported with their line numbers; the other rows are still
            issued. Results must meet the achievement's rubric (every criterion at its
            required level or above); to issue anyway, give --override-rubric "REASON":
            the reason is recorded in the ledger, never in the badge. The status lists in
            status/ are republished after issuing, ready to serve. With --out FILE.jsonl,
            a batch writes one JSON Lines file (one signed credential per line) instead of
            one file per badge: faster for very large batches and handy for pipelines.

            Email recipients are stored as a salted SHA-256 hash in the badge. Evidence
            files are bound by their SHA-256 digest, so a verifier can check that a file a
            learner shows is the one assessed. Run inside a workspace (laurel init) or
            pass --workspace DIR.
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

    @Option(name: .customLong("valid-from"), help: ArgumentHelp(
        "When the badge becomes valid: 2027-06-30 (start of the day, UTC) or a date-time with a zone (default: now).",
        valueName: "date"))
    var validFrom: String?

    @Option(name: .customLong("valid-until"), help: ArgumentHelp(
        "When the badge expires: a date (start of the day, UTC) or a date-time with a zone (default: never).",
        valueName: "date"))
    var validUntil: String?

    @Option(help: ArgumentHelp("eddsa-rdfc-2022 (default), eddsa-jcs-2022 or vc-jwt.", valueName: "format"))
    var proof: String?

    @Flag(help: "Also allocate a suspension status entry, so the badge can be suspended and restored.")
    var suspendable = false

    @Option(name: .customLong("override-rubric"), help: ArgumentHelp(
        "Issue even though the results do not meet the rubric, for this reason (kept in the ledger, not the badge).",
        valueName: "reason"))
    var overrideRubric: String?

    @Option(help: ArgumentHelp("Issue one badge per row of this CSV roster.", valueName: "roster.csv"))
    var batch: String?

    @Option(help: ArgumentHelp(
        "Where to write: a file, '-' for standard output; with --batch a folder, or a .jsonl file.", valueName: "path"))
    var out: String?

    @Option(help: ArgumentHelp("What to print: text, or json (one object).", valueName: "format"))
    var format: ListFormat = .text

    func validate() throws {
        if format == .json && out == "-" {
            throw ValidationError("--format json prints a summary; with --out - the credential itself goes to standard output")
        }
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
            var request = IssueRequest(
                achievement: definition, recipient: try Recipient(recipient!), recipientName: name,
                results: parsedResults, evidence: try evidence.map { item throws(IssuerError) in try Workspace.evidenceInput(item) },
                narrative: narrative, validFrom: validFrom.map(Self.dateTime), validUntil: validUntil.map(Self.dateTime),
                format: format,
                suspendable: suspendable)
            request.overrideRubric = overrideRubric
            let issued = try opened.issue(request, outputPath: out, now: now)
            if out == "-" {
                Console.writeBytes(issued.signed.bytes)
                if issued.signed.format == .vcJWT { Console.write("\n") }
                Console.error("Issued \(issued.credentialID) (\(issued.signed.format.rawValue))")
            } else if self.format == .json {
                let object = JSONObject([
                    "id": .string(issued.credentialID), "proof": .string(issued.signed.format.rawValue),
                    "file": issued.outputPath.map(JSONValue.string) ?? .null,
                ])
                Console.write(JSONSerializer().serializeToString(.object(object)) + "\n")
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
        var options = BatchOptions(
            rosterPath: roster, achievement: definition, format: format, suspendable: suspendable,
            outputDirectory: out?.hasSuffix(".jsonl") == true ? nil : out,
            jsonLinesPath: out?.hasSuffix(".jsonl") == true ? out : nil, now: now)
        options.overrideRubric = overrideRubric
        let summary = try workspace.issueBatch(options) { progress in
            reporter.update(
                done: progress.rowsRead, total: max(progress.rowsEstimated, progress.rowsRead),
                detail: "\(progress.issued) issued, \(progress.alreadyIssued) already issued, \(progress.badRows) bad")
        }
        reporter.finish()
        let jsonLines = out?.hasSuffix(".jsonl") == true ? out : nil
        let where_ = jsonLines ?? summary.outputDirectory
        // A rerun whose rows were all issued before (for example into files, before --out FILE.jsonl was used)
        // leaves them where that run wrote them: say so rather than point at a file without them.
        var missing = 0
        if jsonLines != nil, let lines = summary.outputLines {
            missing = max(0, summary.issued + summary.alreadyIssued - lines)
        }
        if self.format == .json {
            var object = JSONObject()
            object["batch"] = .string(summary.batchID)
            object["rows"] = .number(JSONNumber(summary.rows))
            object["issued"] = .number(JSONNumber(summary.issued))
            object["alreadyIssued"] = .number(JSONNumber(summary.alreadyIssued))
            object["bad"] = .array(summary.badRows.map { .object(JSONObject(["line": .number(JSONNumber($0.line)), "reason": .string($0.reason)])) })
            object["output"] = .string(where_)
            object["notInOutput"] = .number(JSONNumber(missing))
            Console.write(JSONSerializer().serializeToString(.object(object)) + "\n")
        } else {
            Console.write("""
                Batch \(summary.batchID): \(summary.rows) rows; \(summary.issued) issued now, \(summary.alreadyIssued) already issued, \(summary.badRows.count) bad
                  credentials in \(where_)

                """)
        }
        if missing > 0 {
            Console.error("laurel: \(missing) of this batch's credentials were issued by an earlier run and are not in \(where_); "
                + "they are where that run wrote them (laurel credentials list --achievement \(achievement) shows each file)")
        }
        if !summary.badRows.isEmpty {
            Console.error("These rows were not issued (fix them and run the same command again; issued rows are skipped):")
            for row in summary.badRows.prefix(200) {
                Console.error("  \(roster):\(row.line): \(row.reason)")
            }
            if summary.badRows.count > 200 { Console.error("  … and \(summary.badRows.count - 200) more") }
            throw ExitCode(1)
        }
    }

    /// A plain date (`2027-06-30`) as the start of that day in UTC; anything else as given (checked later).
    static func dateTime(_ text: String) -> String {
        DateTimeZ(dateOrDateTime: text)?.string ?? text
    }
}

import ArgumentParser
import Dispatch
import BadgeIssuer
import BadgeVerifier
import OpenBadges

/// `laurel verify FILE...`: can I trust this badge?
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check badges: signature, issuer key, dates, revocation, format and recipient.",
        discussion: """
            FILE may be a folder (every file in it is verified), a credential (JSON), a VC-JWT, a badge image (PNG or SVG with the credential baked in),
            a presentation or a learner record (CLR); the kind is recognised by content. '-' reads standard input.
            Everything is checked offline: give local copies of status lists and DID documents with --resource.

            Verdicts and exit codes:
              valid          every check passed (warnings allowed)               exit 0 when all files are valid
              invalid        a check failed: do not trust this badge              exit 1 when any file is invalid
              indeterminate  something could not be checked (e.g. status list)   exit 2 (also for usage errors)

            Examples:
              laurel verify badge.png
              laurel verify badge.json --recipient-email ada@example.org
              laurel verify badge.json --resource https://example.edu/status/revocation/1=status-1.json
              laurel verify credentials/*.json --format json > report.jsonl
              laurel verify badge.json --online      # fetch the status list and did:web keys over HTTPS
            """
    )

    @Argument(help: ArgumentHelp("Badge files or folders of badges to verify ('-' for standard input).", valueName: "file"))
    var inputs: [String]

    @Option(help: ArgumentHelp("text (for people) or json (one object per file per line).", valueName: "format"))
    var format: String = "text"

    @Option(help: ArgumentHelp("Verify as of this moment (ISO 8601 with a time zone; default: now).", valueName: "date"))
    var at: String?

    @Option(name: .customLong("resource"), help: ArgumentHelp(
        "A local copy of a network resource (status list, DID document, key), as URL=FILE (repeatable).", valueName: "url=file"))
    var resources: [String] = []

    @Option(name: .customLong("recipient-email"), help: ArgumentHelp("Check that the badge was awarded to this email.", valueName: "email"))
    var recipientEmail: String?

    @Option(name: .customLong("recipient-id"), help: ArgumentHelp("Check that the badge was awarded to this DID or URI.", valueName: "id"))
    var recipientID: String?

    @Option(help: ArgumentHelp("A file listing trusted issuer ids, one per line; others get a warning.", valueName: "file"))
    var trust: String?

    @Option(help: ArgumentHelp("For presentations: the challenge the holder's proof must carry.", valueName: "text"))
    var challenge: String?

    @Option(help: ArgumentHelp("For presentations: the domain the holder's proof must carry.", valueName: "text"))
    var domain: String?

    @Flag(help: "Fetch status lists and issuer keys over HTTPS (time and size limits; never private addresses).")
    var online = false

    @Option(name: .customLong("clock-skew"), help: ArgumentHelp("Tolerance for clock differences, in seconds.", valueName: "seconds"))
    var clockSkew: Double = 300

    func validate() throws {
        guard format == "text" || format == "json" else {
            throw ValidationError("--format must be text or json, not '\(format)'")
        }
        if let at, DateTimeZ(at) == nil {
            throw ValidationError("--at '\(at)' is not a date and time with a time zone (e.g. 2026-01-31T12:00:00Z)")
        }
        for resource in resources where !resource.contains("=") {
            throw ValidationError("--resource '\(resource)' is not URL=FILE")
        }
        if inputs.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input ('-') can be read only once")
        }
    }

    /// The files to verify: each argument, with a folder standing for the files in it (sorted, hidden ones skipped).
    var files: [String] {
        inputs.flatMap { input -> [String] in
            guard input != "-", FileIO.isDirectory(input), let names = try? FileIO.list(input) else { return [input] }
            return names.filter { !$0.hasPrefix(".") }.map { FileIO.join(input, $0) }.filter { !FileIO.isDirectory($0) }
        }
    }

    func run() throws {
        let files = self.files
        var loaded: [String: [UInt8]] = [:]
        for resource in resources {
            let equals = resource.lastIndex(of: "=")!
            let url = String(resource[..<equals])
            let path = String(resource[resource.index(after: equals)...])
            do {
                loaded[url] = try FileIO.read(path, limit: 32 * 1024 * 1024)
            } catch {
                throw ValidationError("--resource \(url): \(error.description)")
            }
        }
        var trusted: Set<String>? = nil
        if let trust {
            let text = String(decoding: try FileIO.read(trust), as: UTF8.self)
            trusted = Set(text.split(whereSeparator: \.isNewline).map { String($0).trimmed }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
        }
        let options = VerificationOptions(
            at: at.flatMap { DateTimeZ($0) }?.secondsSince1970 ?? Console.nowSeconds(), clockSkew: clockSkew,
            resources: loaded, recipientEmail: recipientEmail, recipientID: recipientID, trustedIssuers: trusted,
            challenge: challenge, domain: domain)
        var verifier = Verifier(options: options)
        if online {
            // Fetch what the files refer to, once, before verifying (offline checks then use these copies).
            var wanted: [String] = []
            for file in files where file != "-" {
                guard let bytes = try? FileIO.read(file, limit: options.maxInputBytes + 1) else { continue }
                for url in Verifier.referencedURLs(in: bytes) where loaded[url] == nil && !wanted.contains(url) {
                    wanted.append(url)
                }
            }
            let fetched = ResourceFetcher().fetch(wanted)
            for note in fetched.notes { Console.error("laurel: could not fetch \(note)") }
            verifier.options.resources.merge(fetched.resources) { local, _ in local }
            verifier.options.online = true
        }
        var worst = 0
        // Files are verified in parallel on every core, in rounds, and reported in the order given.
        let round = files.count > 1 ? 256 : 1
        var start = 0
        while start < files.count {
            let batch = Array(files[start..<min(start + round, files.count)])
            let reports = VerifyCommand.verifyAll(batch, verifier: verifier, limit: options.maxInputBytes + 1)
            for (offset, report) in reports.enumerated() {
                if format == "json" {
                    Console.write(report.jsonLine + "\n")
                } else {
                    if start + offset > 0 { Console.write("\n") }
                    Console.write(report.text(color: Console.useColor))
                }
                switch report.verdict {
                case .valid: break
                case .invalid: worst = max(worst, 2)
                case .indeterminate: worst = max(worst, 1)
                }
            }
            start += round
        }
        // 1 when any file is invalid, else 2 when any is indeterminate.
        if worst == 2 { throw ExitCode(1) }
        if worst == 1 { throw ExitCode(2) }
    }
}

extension VerifyCommand {
    static func verifyAll(_ files: [String], verifier: Verifier, limit: Int) -> [VerificationReport] {
        let slots = ReportSlots(count: files.count)
        let work: @Sendable (Int) -> Void = { index in
            let file = files[index]
            let report: VerificationReport
            do {
                report = verifier.verify(bytes: try Console.readInput(file, limit: limit), source: file)
            } catch {
                report = VerificationReport(
                    source: file, format: nil, checks: [.fail(.parse, "The file cannot be read: \(error)")], credential: nil)
            }
            slots.set(index, report)
        }
        if files.count == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: files.count, execute: work)
        }
        return (0..<files.count).map { slots.get($0)! }
    }
}

/// Reports written by parallel workers, one slot each, read after they all finish.
final class ReportSlots: @unchecked Sendable {
    // @unchecked: each slot is written by exactly one worker and read only after concurrentPerform returns.
    private var slots: [VerificationReport?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: VerificationReport) { slots.withUnsafeMutableBufferPointer { $0[index] = value } }
    func get(_ index: Int) -> VerificationReport? { slots[index] }
}

extension String {
    var trimmed: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return String(view)
    }
}

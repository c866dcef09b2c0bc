import ArgumentParser
import Dispatch
import Foundation
import Synchronization
import BadgeIssuer
import LinkedData
import BadgeVerifier
import OpenBadges

/// `laurel verify FILE...`: can I trust this badge?
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check badges: signature, issuer key, dates, revocation, format and recipient.",
        discussion: """
            FILE may be a folder (every file in it is verified; subfolders with
            --recursive), a credential (JSON), a VC-JWT, a badge image (PNG or SVG with
            the credential baked in), a presentation or a learner record (CLR); the kind
            is recognised by content. '-' reads standard input. Status lists, DID
            documents and issuer key documents the badge names are fetched over HTTPS
            (public addresses only, with time and size limits). --offline forbids every
            fetch; --resource gives local copies (used before any fetch).

            Open Badges 2.0 assertions (most Credly, Badgr and Open Badge Factory badges)
            are verified too: a hosted one against its issuer's copy fetched from its id,
            with its BadgeClass and Issuer; a signed one (a JWS) with the key its Issuer
            lists, and the Issuer's revocation list. Baked OB 2.0 PNG and SVG images are
            read, including those holding only the URL of a hosted assertion.

            VALID means the signature holds, the key provably belongs to the issuer named,
            and nothing is revoked or expired. The report says who vouches for the issuer:
            a trust list you gave (--trust), the issuer's own domain (a did:web or https
            document fetched from it), or nobody but the key's holder (a did:key, or a
            document you supplied as a file). Only an issuer on your trust list is "issued
            by" its name.

            Verdicts and exit codes:
              valid          every check passed (warnings allowed)   exit 0 (all files)
              invalid        a check failed: do not trust it         exit 1 (any file)
                             (shown as NO BADGE when the file holds no badge at all)
              indeterminate  something could not be checked          exit 2 (also usage)

            Examples:
              laurel verify badge.png
              laurel verify badge.json --recipient-email ada@example.org
              laurel verify badge.json \\
                  --resource https://example.edu/status/revocation/1=status-1.json
              laurel verify credentials/*.json --format json > report.jsonl
              laurel verify badge.json --offline \\
                  --resource https://example.edu/.well-known/did.json=did.json
              laurel verify badge.json --trust trusted-issuers.txt
            """
    )

    @Argument(help: ArgumentHelp("Badge files or folders of badges to verify ('-' for standard input).", valueName: "file"))
    var inputs: [String]

    @Option(help: ArgumentHelp("text (for people) or json (one object per file per line).", valueName: "format"))
    var format: String = "text"

    @Option(help: ArgumentHelp(
        "Verify as of this moment: a date (start of the day, UTC) or a date-time with a zone (default: now).", valueName: "date"))
    var at: String?

    @Option(name: .customLong("resource"), help: ArgumentHelp(
        "A local copy of a network resource (status list, DID document, key), as URL=FILE (repeatable).", valueName: "url=file"))
    var resources: [String] = []

    @Option(name: .customLong("recipient-email"), help: ArgumentHelp("Check that the badge was awarded to this email.", valueName: "email"))
    var recipientEmail: String?

    @Option(name: .customLong("recipient-id"), help: ArgumentHelp("Check that the badge was awarded to this DID or URI.", valueName: "id"))
    var recipientID: String?

    @Option(help: ArgumentHelp(
        "Trusted issuers: a file of issuer ids, one per line, or a DCC issuer registry (JSON); repeatable.", valueName: "file"))
    var trust: [String] = []

    @Option(help: ArgumentHelp("For presentations: the challenge the holder's proof must carry.", valueName: "text"))
    var challenge: String?

    @Option(help: ArgumentHelp("For presentations: the domain the holder's proof must carry.", valueName: "text"))
    var domain: String?

    @Flag(help: "Fetch nothing: use only the badge and --resource copies (what needs the network is 'cannot tell').")
    var offline = false

    @Flag(help: ArgumentHelp("Fetch over HTTPS what the badge names (the default).", visibility: .hidden))
    var online = false

    @Option(name: .customLong("clock-skew"), help: ArgumentHelp("Tolerance for clock differences, in seconds.", valueName: "seconds"))
    var clockSkew: Double = 300

    func validate() throws {
        guard format == "text" || format == "json" else {
            throw ValidationError("--format must be text or json, not '\(format)'")
        }
        if let at, DateTimeZ(dateOrDateTime: at) == nil {
            throw ValidationError("--at '\(at)' is not a date (2026-01-31) or a date and time with a time zone (2026-01-31T12:00:00Z)")
        }
        for resource in resources where !resource.contains("=") {
            throw ValidationError("--resource '\(resource)' is not URL=FILE")
        }
        if online && offline {
            throw ValidationError("--online and --offline cannot both be given")
        }
        if inputs.filter({ $0 == "-" }).count > 1 {
            throw ValidationError("standard input ('-') can be read only once")
        }
    }

    @Flag(help: "Verify the files in subfolders of a folder too.")
    var recursive = false

    /// The files to verify: each argument, with a folder standing for the files in it (sorted, hidden ones
    /// skipped; subfolders with --recursive). A folder that holds no badge file, or whose files are only in
    /// subfolders without --recursive, is a usage error: "nothing to verify" must never read as "all valid".
    func files() throws -> [String] {
        var out: [String] = []
        for input in inputs {
            guard input != "-", FileIO.isDirectory(input) else {
                out.append(input)
                continue
            }
            var found: [String] = []
            var skipped: [String] = []
            func walk(_ folder: String, depth: Int) throws {
                let names: [String]
                do {
                    names = try FileIO.list(folder)
                } catch {
                    throw ValidationError("\(folder): \(error.description)")
                }
                for name in names where !name.hasPrefix(".") {
                    let path = FileIO.join(folder, name)
                    if FileIO.isDirectory(path) {
                        if recursive && depth < 32 { try walk(path, depth: depth + 1) } else { skipped.append(path) }
                    } else {
                        found.append(path)
                    }
                }
            }
            try walk(input, depth: 0)
            if found.isEmpty {
                let sub = skipped.isEmpty ? "" : "; its subfolders (\(skipped.prefix(5).joined(separator: ", "))) are not read without --recursive"
                throw ValidationError("\(input) holds no file to verify\(sub)")
            }
            out += found
        }
        return out
    }

    func run() throws {
        let files = try self.files()
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
        let trusted = try TrustList.load(trust)
        var options = VerificationOptions(
            at: at.flatMap { DateTimeZ(dateOrDateTime: $0) }?.secondsSince1970 ?? Console.nowSeconds(), clockSkew: clockSkew,
            resources: loaded, online: !offline, recipientEmail: recipientEmail, recipientID: recipientID,
            trust: trusted, challenge: challenge, domain: domain)
        if offline {
            options.resolver = LocalResources(loaded, missingReason: "not fetched: --offline forbids it, and no --resource copy was given")
        }
        let verifier = Verifier(options: options)
        var worst = 0
        var counts: [Verdict: Int] = [:]
        var notValid: [(file: String, verdict: Verdict, noBadge: Bool)] = []
        // Files are read, verified and rendered on every core, and written in the order given.
        let json = format == "json"
        let color = Console.useColor
        VerifyCommand.verifyAll(files, verifier: verifier, limit: options.maxInputBytes + 1) { index, report in
            var text = json ? report.jsonLine + "\n" : report.text(color: color)
            if !json && index > 0 { text = "\n" + text }
            return text
        } output: { index, verified in
            counts[verified.verdict, default: 0] += 1
            if verified.verdict != .valid {
                notValid.append((verified.source ?? files[index], verified.verdict, verified.holdsNoBadge))
            }
            switch verified.verdict {
            case .valid: break
            case .invalid: worst = max(worst, 2)
            case .indeterminate: worst = max(worst, 1)
            }
        }
        if files.count > 1 { Self.summary(files.count, counts, notValid, json: format == "json") }
        // 1 when any file is invalid, else 2 when any is indeterminate.
        if worst == 2 { throw ExitCode(1) }
        if worst == 1 { throw ExitCode(2) }
    }
}

extension VerifyCommand {
    /// The closing summary of a run over several files: counts by verdict and the files that are not valid (text),
    /// or one last JSON line `{"reportVersion", "summary": {…}}`.
    static func summary(_ total: Int, _ counts: [Verdict: Int], _ notValid: [(file: String, verdict: Verdict, noBadge: Bool)], json: Bool) {
        let valid = counts[.valid] ?? 0
        let invalid = counts[.invalid] ?? 0
        let unknown = counts[.indeterminate] ?? 0
        if json {
            var summary = JSONObject()
            summary["files"] = .number(JSONNumber(total))
            summary["valid"] = .number(JSONNumber(valid))
            summary["invalid"] = .number(JSONNumber(invalid))
            summary["indeterminate"] = .number(JSONNumber(unknown))
            summary["notValid"] = .array(notValid.map { .object(JSONObject(["file": .string($0.file), "verdict": .string($0.verdict.rawValue)])) })
            let line = JSONObject(["reportVersion": .number(JSONNumber(VerificationReport.version)), "summary": .object(summary)])
            Console.write(JSONSerializer().serializeToString(.object(line)) + "\n")
            return
        }
        var text = "\nSummary: \(total) files — \(valid) valid, \(invalid) not valid, \(unknown) cannot tell\n"
        for item in notValid.prefix(500) {
            let label = item.verdict == .indeterminate ? "CANNOT TELL" : (item.noBadge ? "NO BADGE   " : "NOT VALID  ")
            text += "  \(label) \(item.file)\n"
        }
        if notValid.count > 500 { text += "  … and \(notValid.count - 500) more\n" }
        Console.write(text)
    }

    /// What the writer needs of one file's report besides its rendered text.
    struct Verified: Sendable {
        var text: String
        var verdict: Verdict
        var source: String?
        var holdsNoBadge: Bool
    }

    /// Reads, verifies and renders every file on all cores, and hands the results to `output` in the order of
    /// `files` while their text is written to standard output. The workers run at most `window` files ahead of
    /// the output, so memory stays bounded however many files there are; the output is written in large pieces.
    static func verifyAll(
        _ files: [String], verifier: Verifier, limit: Int, window: Int = 512,
        render: @escaping @Sendable (Int, VerificationReport) -> String,
        output: (Int, Verified) -> Void
    ) {
        guard !files.isEmpty else { return }
        let work: @Sendable (Int) -> Verified = { index in
            let report = verify(files[index], verifier: verifier, limit: limit)
            return Verified(
                text: render(index, report), verdict: report.verdict, source: report.source,
                holdsNoBadge: report.holdsNoBadge)
        }
        if files.count == 1 {
            let verified = work(0)
            Console.write(verified.text)
            output(0, verified)
            return
        }
        let ring = VerifiedRing(size: min(window, files.count))
        let workers = max(1, min(activeCores(), files.count))
        for _ in 0..<workers {
            DispatchQueue.global(qos: .userInitiated).async {
                while let index = ring.claim(below: files.count) {
                    ring.put(index, work(index))
                }
            }
        }
        var pending: [UInt8] = []
        pending.reserveCapacity(1 << 17)
        for index in files.indices {
            // What has gathered is written out when a good piece has, or when the next report is not ready yet.
            let verified = ring.take(index) {
                if !pending.isEmpty {
                    Console.writeBytes(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            pending.append(contentsOf: verified.text.utf8)
            output(index, verified)
            if pending.count >= 1 << 16 {
                Console.writeBytes(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
        if !pending.isEmpty { Console.writeBytes(pending) }
    }

    /// One file's report (a file that cannot be read gets a report saying so).
    static func verify(_ file: String, verifier: Verifier, limit: Int) -> VerificationReport {
        do {
            return verifier.verify(bytes: try Console.readInput(file, limit: limit), source: file)
        } catch {
            let missing = file != "-" && !FileManager.default.fileExists(atPath: file)
            let message = missing ? "There is no file at \(file)." : "The file cannot be read: \(error)"
            return VerificationReport(source: file, format: nil, checks: [.fail(.parse, message)], credential: nil)
        }
    }

    static func activeCores() -> Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}

/// The results of the files being verified, between the workers that make them and the thread that writes them
/// in order: a ring of `size` slots, slot `i % size` holding file `i`. A worker claims the next file only when
/// its slot is free (the file `size` places before it has been written), so the ring never holds more than `size`
/// reports.
final class VerifiedRing: @unchecked Sendable {
    // @unchecked: the slots are guarded by the semaphores — slot `i % size` is written by the worker that claimed
    // file `i` (after `free` let it), and read by the writer after that worker signalled `ready[i % size]`.
    private let size: Int
    private var slots: [VerifyCommand.Verified?]
    private let ready: [DispatchSemaphore]
    private let free: DispatchSemaphore
    private let next = Atomic<Int>(0)

    init(size: Int) {
        self.size = size
        slots = Array(repeating: nil, count: size)
        ready = (0..<size).map { _ in DispatchSemaphore(value: 0) }
        free = DispatchSemaphore(value: size)
    }

    /// The next file to verify, once its slot is free; nil when every file below `count` is claimed.
    func claim(below count: Int) -> Int? {
        free.wait()
        let index = next.add(1, ordering: .relaxed).oldValue
        if index >= count {
            free.signal()
            return nil
        }
        return index
    }

    func put(_ index: Int, _ value: VerifyCommand.Verified) {
        slots.withUnsafeMutableBufferPointer { $0[index % size] = value }
        ready[index % size].signal()
    }

    /// Takes the result of file `index`, first calling `beforeWaiting` when it is not ready yet, and frees its
    /// slot.
    func take(_ index: Int, beforeWaiting: () -> Void) -> VerifyCommand.Verified {
        if ready[index % size].wait(timeout: .now()) == .timedOut {
            beforeWaiting()
            ready[index % size].wait()
        }
        let value = slots.withUnsafeMutableBufferPointer { buffer -> VerifyCommand.Verified in
            defer { buffer[index % size] = nil }
            return buffer[index % size]!
        }
        free.signal()
        return value
    }
}

extension String {
    var trimmed: String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view = view.dropFirst() }
        while let last = view.last, last.isWhitespace { view = view.dropLast() }
        return String(view)
    }
}

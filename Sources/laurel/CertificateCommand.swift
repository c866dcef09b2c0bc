import ArgumentParser
import BadgeCrypto
import BadgeIssuer
import BadgeStore
import BadgeVerifier
import LinkedData

/// `laurel certificate CREDENTIAL --html OUT`.
struct CertificateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certificate",
        abstract: "Write a printable certificate page (A4 or Letter) for a credential.",
        discussion: """
            CREDENTIAL is a credential file (JSON, or a VC-JWT), or the id of a credential
            the workspace issued. The credential is verified first: a tampered, forged or
            revoked one gets no certificate (exit 1, with the reason); an expired one, or
            one whose status cannot be checked, is marked so on the page.

            When the issuer's verification page is known (--base-url, or the issuer's own
            workspace), the page links to it and shows its QR code, "Scan to check this
            badge", drawn into the page so that it works offline and in print.

            Examples:
              laurel certificate ada.json --html ada.html \\
                  --base-url https://badges.example.edu
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: "The credential file, or a credential id from the workspace's ledger.")
    var credential: String

    @Option(help: ArgumentHelp("Where to write the page.", valueName: "file"))
    var html: String

    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp("Where laurel serve hosts the issuer (its verification page).", valueName: "url"))
    var baseURL: String?

    @Flag(help: "Verify without fetching anything (the workspace's files and the credential only).")
    var offline = false

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url '\(baseURL)' is not a web address (like https://badges.example.edu)")
        }
    }

    func run() throws {
        var path = credential
        if !FileIO.exists(path) && credential != "-" {
            let record: CredentialRecord?
            do {
                record = try workspace.open().ledger.credential(id: credential)
            } catch let error as LedgerError {
                throw CLIError(error.reason)
            }
            guard let stored = record?.outputPath, FileIO.exists(stored) else {
                throw CLIError("'\(credential)' is neither a credential file nor a credential this workspace wrote")
            }
            path = stored
        }
        let bytes = try Console.readInput(path, limit: 16 * 1024 * 1024)
        let object = try Self.credentialObject(bytes, source: path)
        guard object["credentialSubject"]?.objectValue?["achievement"]?.objectValue != nil else {
            throw CLIError("\(path): credentialSubject.achievement is missing; is this an Open Badges credential?")
        }
        // A certificate is only as good as the credential: verify it first, with the workspace's own published
        // status lists and DID document when there is a workspace, then over HTTPS unless --offline.
        let hosting = try? workspace.open()
        var options = VerificationOptions(at: Console.nowSeconds(), online: !offline)
        options.resolver = ResourceChain(
            [WorkspaceResources { [published = hosting?.publishedResources() ?? [:]] url in published[url] }]
                + (offline ? [] : [OnlineResources()]))
        let report = Verifier(options: options).verify(bytes: bytes, source: path)
        let name = String(path.split(separator: "/").last ?? Substring(path))
        let issuer = object["issuer"]
        let issuerID = issuer?.stringValue ?? issuer?.objectValue?["id"]?.stringValue
        let base = try VerificationLink.baseURL(given: baseURL, workspacePath: workspace.path, issuerID: issuerID)
        let credentialID = object["id"]?.stringValue
        let verificationURL = base.flatMap { base in
            credentialID.map { Sharing.verificationURL(baseURL: base, credentialID: $0) }
        }
        let status: CertificatePage.Verification
        switch report.verdict {
        case .valid:
            status = .valid
        case .invalid:
            let failures = report.checks.filter { $0.outcome == .fail }
            guard failures.allSatisfy({ $0.id == .validUntil }) else {
                throw CLIError("no certificate written: \(path) is NOT VALID — \(report.headline)")
            }
            status = .expired(failures.first?.message ?? "This credential has expired.")
        case .indeterminate:
            status = .cannotTell(report.headline)
        }
        try LearningCLI.writePage(
            CertificatePage.render(credential: object, source: name, verification: status, verificationURL: verificationURL),
            to: html)
        if verificationURL == nil, credentialID != nil {
            let suggested = Sharing.suggestedBaseURL(
                issuerID: issuerID, issuerURL: issuer?.objectValue?["url"]?.stringValue)
            Console.error("laurel: note: no verification page or QR code on the certificate; "
                + VerificationLink.hint(suggesting: suggested))
        }
        if case .valid = status { return }
        Console.error("laurel: the certificate is marked: \(report.verdict == .invalid ? "expired" : "cannot tell") — \(report.headline)")
    }

    /// The credential in a JSON file, or in the payload of a VC-JWT (the payload itself, or its `vc` claim).
    static func credentialObject(_ bytes: [UInt8], source: String) throws -> JSONObject {
        var text = String(decoding: bytes, as: UTF8.self)
        text = String(text.trimmingCharacters(in: " \n\r\t"))
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var json = bytes
        if !text.hasPrefix("{"), parts.count == 3 {
            do {
                json = try Base64URL.decode(String(parts[1]))
            } catch {
                throw CLIError("\(source): the VC-JWT payload is not base64url: \(error)")
            }
        }
        let object: JSONObject?
        do {
            object = try JSONValue(parsing: json).objectValue
        } catch {
            throw CLIError("\(source): not a JSON credential or VC-JWT: \(error)")
        }
        guard let object else { throw CLIError("\(source): the credential is not a JSON object") }
        return object["vc"]?.objectValue ?? object
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        let characters = Set(set)
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return slice
    }
}

import ArgumentParser
import BadgeIssuer
import OpenBadges
import LinkedData

/// `laurel share CREDENTIAL`: the links a learner needs to show a badge elsewhere.
struct ShareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "share",
        abstract: "Print the links to show a badge elsewhere: its verification page and LinkedIn's 'Add to profile'.",
        discussion: """
            The LinkedIn link opens the "Add license or certification" form already filled
            in: the achievement's name, the issuer's name, the month it was awarded and
            the month it expires, the credential id and the credential URL. Everything is
            percent-encoded.

            The hosted verification page, <base URL>/verify?id=<credential id>, is found
            from --base-url when given, else from the issuer's workspace (the one this
            folder is in, or --workspace) when it issued the credential. Without either,
            no page is claimed: the links are printed without it, with a note naming the
            --base-url to pass. --qr FILE writes the page's QR code, as SVG or PNG.

            Examples:
              laurel share ada-badge.png
              laurel share credentials/ada.json \\
                  --base-url https://badges.example.edu --format json
              laurel share ada-badge.png --qr ada-qr.svg \\
                  --base-url https://badges.example.edu
            """)

    @Argument(help: ArgumentHelp("The credential (file or badge image).", valueName: "credential"))
    var credential: String

    @Option(
        name: .customLong("base-url"),
        help: ArgumentHelp("Where laurel serve hosts the issuer (its verification page).", valueName: "url"))
    var baseURL: String?

    @Option(name: .customLong("workspace"), help: ArgumentHelp(
        "The issuer's workspace (its base URL is used when the credential is its own).", valueName: "dir"))
    var workspacePath: String?

    @Option(help: ArgumentHelp("Also write the verification page's QR code (.svg or .png).", valueName: "file"))
    var qr: String?

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: String = "text"

    func validate() throws {
        guard format == "text" || format == "json" else {
            throw ValidationError("--format must be text or json, not '\(format)'")
        }
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url '\(baseURL)' is not a web address (like https://badges.example.edu)")
        }
        if let qr { try VerificationLink.validateQRPath(qr) }
    }

    func run() throws {
        let file: CredentialFile
        do {
            file = try CredentialFile(bytes: try Console.readInput(credential), source: credential)
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
        let base = try VerificationLink.baseURL(
            given: baseURL, workspacePath: workspacePath, issuerID: file.view.issuerID)
        let links = Sharing.links(for: file, baseURL: base)
        let hint = links.credentialID == nil
            ? "the credential has no id, so it has no verification page"
            : VerificationLink.hint(suggesting: Sharing.suggestedBaseURL(for: file))
        if let qr {
            guard let url = links.verificationURL else {
                throw CLIError("no QR code written: the verification page is not known; \(hint)")
            }
            try VerificationLink.writeQRCode(of: url, to: qr)
        }
        if format == "json" {
            var object = JSONObject()
            object["name"] = .string(links.name)
            object["organizationName"] = links.organizationName.map(JSONValue.string) ?? .null
            object["credentialId"] = links.credentialID.map(JSONValue.string) ?? .null
            object["awarded"] = links.issued.map { .string($0.description) } ?? .null
            object["expires"] = links.expires.map { .string($0.description) } ?? .null
            object["verificationUrl"] = links.verificationURL.map(JSONValue.string) ?? .null
            object["linkedInUrl"] = .string(links.linkedInURL)
            if let qr { object["qrCode"] = .string(qr) }
            Console.write(JSONSerializer(style: .pretty).serializeToString(.object(object)) + "\n")
            if links.verificationURL == nil { Console.error("note: \(hint)") }
            return
        }
        var text = "Badge:          \(links.name)\n"
        if let organization = links.organizationName { text += "Issued by:      \(organization)\n" }
        if let issued = links.issued { text += "Awarded:        \(issued)\n" }
        if let expires = links.expires { text += "Expires:        \(expires)\n" }
        if let id = links.credentialID { text += "Credential ID:  \(id)\n" }
        text += "Verify at:      \(links.verificationURL ?? "not known; \(hint)")\n"
        if let qr { text += "QR code:        \(qr)\n" }
        text += "LinkedIn:       \(links.linkedInURL)\n"
        text += "\nAnyone can also check the file itself: laurel verify \(credential)\n"
        Console.write(text)
    }
}

/// How `laurel share` and `laurel certificate` find a credential's hosted verification page,
/// `<base URL>/verify?id=<credential id>`, and write its QR code.
enum VerificationLink {
    /// The base URL of the issuer's verification page: `given` (--base-url) when there is one, else the base URL of
    /// the workspace (`workspacePath`, or the one this folder is in) when that workspace is the credential's issuer.
    /// A hosted page is never assumed from the credential alone. A workspace given by path that cannot be read is
    /// an error; one that is another issuer's is noted on standard error.
    static func baseURL(given: String?, workspacePath: String?, issuerID: String?) throws -> String? {
        if let given { return given }
        guard let directory = workspacePath ?? enclosingWorkspace() else { return nil }
        let config: WorkspaceConfig
        do {
            let path = FileIO.join(directory, Workspace.configFile)
            config = try WorkspaceConfig(fileBytes: try FileIO.read(path), file: path)
        } catch {
            if workspacePath != nil { throw CLIError(error.description) }
            return nil
        }
        if let issuerID, config.issuerID == issuerID { return config.baseURL }
        if workspacePath != nil {
            Console.error(
                "note: the credential's issuer (\(issuerID ?? "none")) is not this workspace's issuer, "
                    + "so its base URL is not used")
        }
        return nil
    }

    /// What to pass to include the verification page, with the issuer's likely address when the credential gives
    /// one.
    static func hint(suggesting baseURL: String?) -> String {
        "pass --base-url \(baseURL ?? "https://…") (where laurel serve hosts this issuer) to include the "
            + "verification page"
    }

    /// Checks that `path` ends in `.svg` or `.png`.
    static func validateQRPath(_ path: String) throws {
        let lower = path.lowercased()
        guard lower.hasSuffix(".svg") || lower.hasSuffix(".png") else {
            throw ValidationError("--qr '\(path)' must end in .svg or .png (the image format to write)")
        }
    }

    /// Writes the QR code of `url` to `path`, as SVG or PNG by its extension.
    static func writeQRCode(of url: String, to path: String) throws {
        let code: QRCode
        do {
            code = try QRCode(text: url)
        } catch {
            throw CLIError("no QR code written for \(url): \(error.reason)")
        }
        let bytes: [UInt8] = path.lowercased().hasSuffix(".png")
            ? code.png(moduleSize: 8, quietZone: 4)
            : Array(code.svg(moduleSize: 8, quietZone: 4, label: "QR code of the verification page, \(url)").utf8)
        do {
            try FileIO.write(bytes, to: path)
        } catch {
            throw CLIError(error.description)
        }
    }

    /// The workspace folder this process runs in (the current folder or the nearest parent with laurel.json).
    static func enclosingWorkspace() -> String? {
        var directory = FileManagerless.currentDirectory()
        while true {
            if FileIO.exists(FileIO.join(directory, Workspace.configFile)) { return directory }
            guard let slash = directory.lastIndex(of: "/"), directory != "/" else { return nil }
            directory = slash == directory.startIndex ? "/" : String(directory[..<slash])
        }
    }
}

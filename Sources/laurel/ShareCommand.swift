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
            the month it expires, the credential id and the credential URL. The hosted
            verification page, <base URL>/verify?id=<credential id>, is known when the
            issuer's base URL is: give --base-url, or run inside (or pass --workspace for)
            the issuer's workspace. Everything is percent-encoded.

            Examples:
              laurel share ada-badge.png
              laurel share credentials/ada.json \\
                  --base-url https://badges.example.edu --format json
            """)

    @Argument(help: ArgumentHelp("The credential (file or badge image).", valueName: "credential"))
    var credential: String

    @Option(name: .customLong("base-url"), help: ArgumentHelp("Where the issuer serves its files.", valueName: "url"))
    var baseURL: String?

    @Option(name: .customLong("workspace"), help: ArgumentHelp(
        "The issuer's workspace (its base URL is used when the credential is its own).", valueName: "dir"))
    var workspacePath: String?

    @Option(help: ArgumentHelp("text or json.", valueName: "format"))
    var format: String = "text"

    func validate() throws {
        guard format == "text" || format == "json" else {
            throw ValidationError("--format must be text or json, not '\(format)'")
        }
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url '\(baseURL)' is not a web address (like https://badges.example.edu)")
        }
    }

    func run() throws {
        let file: CredentialFile
        do {
            file = try CredentialFile(bytes: try Console.readInput(credential), source: credential)
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
        let links = Sharing.links(for: file, baseURL: try baseURL ?? workspaceBaseURL(for: file))
        if format == "json" {
            var object = JSONObject()
            object["name"] = .string(links.name)
            object["organizationName"] = links.organizationName.map(JSONValue.string) ?? .null
            object["credentialId"] = links.credentialID.map(JSONValue.string) ?? .null
            object["awarded"] = links.issued.map { .string($0.description) } ?? .null
            object["expires"] = links.expires.map { .string($0.description) } ?? .null
            object["verificationUrl"] = links.verificationURL.map(JSONValue.string) ?? .null
            object["linkedInUrl"] = .string(links.linkedInURL)
            Console.write(JSONSerializer(style: .pretty).serializeToString(.object(object)) + "\n")
            return
        }
        var text = "Badge:          \(links.name)\n"
        if let organization = links.organizationName { text += "Issued by:      \(organization)\n" }
        if let issued = links.issued { text += "Awarded:        \(issued)\n" }
        if let expires = links.expires { text += "Expires:        \(expires)\n" }
        if let id = links.credentialID { text += "Credential ID:  \(id)\n" }
        if let url = links.verificationURL {
            text += "Verify at:      \(url)\n"
        } else {
            text += "Verify at:      (unknown: the issuer's base URL was not given; use --base-url URL or --workspace DIR)\n"
        }
        text += "LinkedIn:       \(links.linkedInURL)\n"
        text += "\nAnyone can also check the file itself: laurel verify \(credential)\n"
        Console.write(text)
    }

    /// The base URL of the issuer's workspace (given, or the one this folder is in), when it issued the credential.
    func workspaceBaseURL(for file: CredentialFile) throws -> String? {
        guard let directory = workspacePath ?? Self.enclosingWorkspace() else { return nil }
        let config: WorkspaceConfig
        do {
            let path = FileIO.join(directory, Workspace.configFile)
            config = try WorkspaceConfig(fileBytes: try FileIO.read(path), file: path)
        } catch {
            if workspacePath != nil { throw CLIError(error.description) }
            return nil
        }
        if config.issuerID == file.view.issuerID { return config.baseURL }
        if workspacePath != nil {
            Console.error(
                "note: the credential's issuer (\(file.view.issuerID ?? "none")) is not this workspace's issuer, "
                    + "so its base URL is not used")
        }
        return nil
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

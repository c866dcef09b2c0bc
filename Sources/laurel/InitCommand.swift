import ArgumentParser
import BadgeCrypto
import BadgeIssuer
import OpenBadges

/// `laurel init DIR`: create an issuer workspace.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create an issuer workspace: profile, signing key, identifier and ledger.",
        discussion: """
            Creates DIR (if needed) with:
              laurel.json       the issuer profile and settings
              issuer-key.pem    a new Ed25519 signing key (mode 0600; keep it secret)
              achievements/     achievement files (laurel achievement new)
              credentials/      issued credentials
              status/           published status lists
              ledger.sqlite     the ledger of everything issued
              did.json          with --did-web: the DID document to publish

            The issuer is identified by a did:key made from the new key, or with --did-web
            by a did:web identifier (publish did.json at https://HOST/PATH/did.json, or
            /.well-known/did.json without a path).

            Examples:
              laurel init college --name "Example College" --url https://example.edu
              laurel init college --name "Example College" --url https://example.edu \\
                  --did-web example.edu/badges --email badges@example.edu
            """
    )

    @Argument(help: ArgumentHelp("The folder to create the workspace in.", valueName: "dir"))
    var directory: String

    @Option(help: "The issuer's name, as shown on every badge.")
    var name: String

    @Option(help: "The issuer's web site.")
    var url: String

    @Option(help: "A contact email for the issuer.")
    var email: String?

    @Option(help: "A short description of the issuer.")
    var description: String?

    @Option(help: ArgumentHelp("The issuer's logo: an image URL.", valueName: "url"))
    var image: String?

    @Option(name: .customLong("did-web"), help: ArgumentHelp("Use did:web at HOST[/PATH] instead of did:key.", valueName: "host[/path]"))
    var didWeb: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp(
        "Where the workspace's public files (status lists, achievements) will be served; default: the did:web location or --url.",
        valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Default proof format: eddsa-rdfc-2022, eddsa-jcs-2022 or vc-jwt.", valueName: "format"))
    var proof: String = ProofFormat.eddsaRdfc2022.rawValue

    @Option(help: ArgumentHelp("Use this existing Ed25519 private key (PKCS#8 PEM) instead of generating one.", valueName: "file"))
    var key: String?

    func validate() throws {
        guard ProofFormat(rawValue: proof) != nil else {
            throw ValidationError("unknown proof format '\(proof)'; use \(ProofFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        var existingKey: Ed25519PrivateKey? = nil
        if let key {
            do {
                existingKey = try Ed25519PrivateKey(pem: String(decoding: try FileIO.read(key), as: UTF8.self))
            } catch {
                throw CLIError("\(key): cannot use this key: \(error)")
            }
        }
        let workspace: Workspace
        do {
            workspace = try Workspace.create(
                at: directory,
                options: .init(
                    name: name, url: url, email: email, description: description, image: image, didWeb: didWeb,
                    baseURL: baseURL, proof: ProofFormat(rawValue: proof)!, key: existingKey))
        } catch {
            throw CLIError(error.description)
        }
        Console.write("""
            Created the issuer workspace \(directory)
              issuer      \(workspace.config.issuer.name ?? "") (\(workspace.config.issuerID))
              key         \(FileIO.join(directory, Workspace.keyFile)) (mode 0600: keep it secret)
              base URL    \(workspace.config.baseURL)
            \(workspace.config.didWeb != nil ? "  publish     \(FileIO.join(directory, Workspace.didDocumentFile)) at the did:web location\n" : "")
            Next: laurel achievement new --workspace \(directory) --name NAME --description TEXT --criteria TEXT

            """)
    }
}

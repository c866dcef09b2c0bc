import ArgumentParser
import BadgeCrypto
import BadgeIssuer

/// `laurel present CREDENTIAL... --holder-key KEY`: a learner presents their badges to a verifier.
struct PresentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "present",
        abstract: "Present your credentials in a Verifiable Presentation signed with your own key.",
        discussion: """
            The presentation names you as its holder (the did:key of --holder-key) and is
            signed with that key (eddsa-rdfc-2022, proof purpose 'authentication'). A
            verifier that gave you a challenge and a domain checks that the proof carries
            them, so a presentation made for one verifier cannot be replayed to another.
            Every credential must have been awarded to that did:key (its
            credentialSubject.id).

            CREDENTIAL may be a credential file (.json or .jwt) or a badge image with one
            baked in. JSON credentials are embedded as they are; a VC-JWT goes in as an
            EnvelopedVerifiableCredential (data:application/vc+jwt,…).

            Example (the demo learner key is public: use it only to try things out):
              laurel present ada.json ada-badge.png \\
                  --holder-key Keys/demo-learner.pem \\
                  --challenge 9f8c2e --domain https://jobs.example.com \\
                  --out presentation.json
              laurel verify presentation.json --challenge 9f8c2e \\
                  --domain https://jobs.example.com
            """)

    @Argument(help: ArgumentHelp("Credentials to present (files or badge images).", valueName: "credential"))
    var credentials: [String]

    @Option(
        name: .customLong("holder-key"),
        help: ArgumentHelp("Your Ed25519 private key (PEM, JWK or Multikey).", valueName: "key"))
    var holderKey: String

    @Option(help: ArgumentHelp("The challenge the verifier gave you.", valueName: "text"))
    var challenge: String?

    @Option(help: ArgumentHelp("The verifier's domain (e.g. https://jobs.example.com).", valueName: "text"))
    var domain: String?

    @Option(help: ArgumentHelp("Where to write the presentation (default: standard output).", valueName: "file"))
    var out: String?

    @Flag(help: "Replace --out if it exists.")
    var force = false

    func validate() throws {
        if credentials.isEmpty { throw ValidationError("give at least one credential to present") }
        if challenge?.isEmpty == true { throw ValidationError("--challenge is empty") }
        if domain?.isEmpty == true { throw ValidationError("--domain is empty") }
    }

    func run() throws {
        try OutputFile.checkWritable(out, force: force)
        guard case .privateKey(let key) = try KeyFiles.read(holderKey) else {
            throw CLIError("\(holderKey): holds only a public key; signing a presentation needs the holder's private key")
        }
        do {
            var files: [CredentialFile] = []
            for path in credentials {
                files.append(try CredentialFile(bytes: try Console.readInput(path), source: path))
            }
            let holder = PresentationBuilder.holder(for: key.publicKey)
            let others = PresentationBuilder.notAwardedTo(holder, among: files)
            if !others.isEmpty {
                let lines = others.map { file in
                    "  \(file.source): awarded to \(file.subjectID ?? "an email address or other identifier, not a DID")"
                }
                throw CLIError(
                    "the holder \(holder) (from \(holderKey)) is not the subject of every credential, so a verifier "
                        + "would refuse the presentation:\n" + lines.joined(separator: "\n"))
            }
            let presentation = try PresentationBuilder.present(
                files, holderKey: key,
                options: PresentationOptions(challenge: challenge, domain: domain, created: Console.now()))
            try OutputFile.write(presentation.bytes, to: out, force: force)
            var note = ""
            if let challenge { note += ", challenge \(challenge)" }
            if let domain { note += ", domain \(domain)" }
            if let out, out != "-" { note += " → \(out)" }
            Console.error("Presented \(files.count) credential(s) as \(holder)\(note)")
        } catch let error as IssuerError {
            throw CLIError(error.description)
        }
    }
}

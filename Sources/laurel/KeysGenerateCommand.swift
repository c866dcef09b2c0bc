import ArgumentParser
import BadgeCrypto

/// `laurel keys generate`: a new Ed25519 key pair, written safely to disk.
struct KeysGenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a new Ed25519 private key and write it as a PEM file (mode 0600).",
        discussion: """
            Writes the private key as unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----", the format of \
            `openssl genpkey -algorithm ed25519`). The file is created with mode 0600 from the start and written \
            to a temporary file that is renamed into place, so a half-written key never exists. An existing file \
            is never replaced unless you pass --force.

            Prints the new key's did:key and the paths written; never prints the private key. Keep the private \
            key out of version control and back it up: badges signed with it can only be \
            re-signed by it.

            Examples:
              laurel keys generate --out issuer.pem
              laurel keys generate --out issuer.pem --public-out issuer.public.pem
              laurel keys generate --out issuer.pem --force
                  (replaces an existing key: the old one is lost)

            Exit codes: 0 key written; 1 failure (file exists without --force, folder missing, not writable); \
            2 usage error.
            """
    )

    @Option(name: .long, help: ArgumentHelp("Where to write the private key PEM file.", valueName: "file"))
    var out: String

    @Option(name: .long, help: ArgumentHelp(
        "Also write the public key as SubjectPublicKeyInfo PEM to this file (mode 0644).", valueName: "file"))
    var publicOut: String?

    @Flag(name: .long, help: "Replace the output file(s) if they already exist.")
    var force = false

    @Option(name: .long, help: "Format of the private key file. Only 'pem' (PKCS#8) is supported.")
    var format: PrivateKeyFileFormat = .pem

    func validate() throws {
        if out.isEmpty { throw ValidationError("--out needs a file name") }
        if let publicOut, publicOut == out {
            throw ValidationError("--public-out must differ from --out: the private key would be overwritten")
        }
    }

    func run() async throws {
        let key: Ed25519PrivateKey
        do {
            key = try Ed25519PrivateKey()
        } catch {
            throw KeysCommandError("could not generate a key: \(error.reason)")
        }
        // Check every destination before writing anything, so a refusal leaves no partial result.
        if !force {
            for path in [out] + (publicOut.map { [$0] } ?? []) where KeyFiles.exists(path) {
                throw KeysCommandError(
                    "'\(path)' already exists; Laurel does not overwrite keys. Choose another file, or pass --force "
                        + "to replace it (the old key will be lost).")
            }
        }
        try KeyFiles.writeAtomically(Array(key.pemRepresentation.utf8), to: out, mode: 0o600, replace: force)
        if let publicOut {
            try KeyFiles.writeAtomically(
                Array(key.publicKey.pemRepresentation.utf8), to: publicOut, mode: 0o644, replace: force)
        }
        print(DIDKey.did(for: key.publicKey))
        print("private key: \(out) (mode 0600; keep it secret)")
        if let publicOut { print("public key: \(publicOut)") }
    }
}

/// File formats for a private key written by `laurel keys generate`.
enum PrivateKeyFileFormat: String, ExpressibleByArgument, CaseIterable {
    case pem
}

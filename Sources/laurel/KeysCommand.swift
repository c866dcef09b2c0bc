import ArgumentParser

/// `laurel keys`: make and inspect the Ed25519 keys an issuer signs with.
struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "Generate Ed25519 signing keys and show public keys in the formats verifiers use.",
        discussion: """
            An issuer signs badges with an Ed25519 private key kept in a PEM file readable only by its owner \
            (mode 0600). Verifiers find the matching public key as a did:key, a Multikey (publicKeyMultibase), \
            a JWK or a JWK Set.

            Examples:
              laurel keys generate --out issuer.pem --public-out issuer.public.pem
              laurel keys show issuer.pem --format did
              laurel keys show issuer.public.pem --format jwks > jwks.json

            Exit codes: 0 success; 1 failure (unreadable or invalid key, file exists); 2
            usage error.
            """,
        subcommands: [KeysGenerateCommand.self, KeysShowCommand.self]
    )
}

import ArgumentParser
import BadgeCrypto

/// `laurel keys show`: the public half of a key file, in a chosen format.
struct KeysShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the PUBLIC key of a key file as did:key, Multikey, PEM, JWK or a JWK Set.",
        discussion: """
            FILE may hold a private or public key as PEM (PKCS#8 "PRIVATE KEY" or "PUBLIC KEY"), an Ed25519 \
            JWK (OKP, RFC 8037), a Multikey string (publicKeyMultibase "z6Mk..." or secretKeyMultibase \
            "z3u2..."), or a did:key. Use - to read standard input. Only the public key is \
            ever shown.

            Formats:
              did        did:key:z6Mk...              the issuer id of a did:key issuer
              vm         did:key:z6Mk...#z6Mk...      the proof's verificationMethod
              multikey   z6Mk...                      publicKeyMultibase of a Multikey
              pem        -----BEGIN PUBLIC KEY-----   SubjectPublicKeyInfo (RFC 8410)
              jwk        {"kty":"OKP",...}            RFC 8037
              jwks       {"keys":[...]}               /.well-known/jwks.json (RFC 7638 kid)

            Examples:
              laurel keys show issuer.pem
              laurel keys show issuer.pem --format multikey
              laurel keys show issuer.public.pem --format jwks > jwks.json

            Exit codes: 0 shown; 1 failure (the file is missing, unreadable or not an
            Ed25519 key); 2 usage error.
            """
    )

    @Argument(help: ArgumentHelp("The key file (private or public), or - for standard input.", valueName: "file"))
    var file: String

    @Option(name: .long, help: "Output format: did, vm, multikey, pem, jwk or jwks.")
    var format: PublicKeyFormat = .did

    func run() async throws {
        let material = try KeyFiles.read(file)
        let publicKey = material.publicKey
        switch format {
        case .did: print(DIDKey.did(for: publicKey))
        case .vm: print(DIDKey.verificationMethod(for: publicKey))
        case .multikey: print(Multikey.encode(publicKey))
        case .pem: print(publicKey.pemRepresentation, terminator: "")
        case .jwk: print(publicKey.jwk().jsonString(prettyPrinted: true))
        case .jwks: print(JWKS(ed25519PublicKeys: [publicKey]).jsonString(prettyPrinted: true))
        }
    }
}

/// Output formats of `laurel keys show`.
enum PublicKeyFormat: String, ExpressibleByArgument, CaseIterable {
    case did, vm, multikey, pem, jwk, jwks
}

public import BadgeCrypto
public import BadgeStore
public import LinkedData
import OpenBadges

/// An issuer's workspace: a folder holding the issuer profile and settings (`laurel.json`), the signing key
/// (mode 0600), achievement files, issued credentials, published status lists and the ledger.
///
/// ```
/// DIR/laurel.json          issuer profile, base URL, default proof format
/// DIR/issuer-key.pem       the Ed25519 private key (PKCS#8 PEM, mode 0600)
/// DIR/did.json             the DID document to publish (did:web issuers only)
/// DIR/achievements/        achievement files
/// DIR/credentials/         issued credentials
/// DIR/status/              published status list credentials
/// DIR/ledger.sqlite        the ledger
/// ```
public struct Workspace: Sendable {
    public static let configFile = "laurel.json"
    public static let keyFile = "issuer-key.pem"
    public static let ledgerFile = "ledger.sqlite"
    public static let didDocumentFile = "did.json"

    public let directory: String
    public let config: WorkspaceConfig
    public let key: Ed25519PrivateKey
    public let ledger: Ledger

    /// What `laurel init` needs to create a workspace.
    public struct Options: Sendable {
        public var name: String
        public var url: String
        public var email: String?
        public var description: String?
        public var image: String?
        /// `HOST[/PATH]` for a did:web issuer; nil for did:key.
        public var didWeb: String?
        /// Where the workspace's public files will be served; defaults to the did:web location or `url`.
        public var baseURL: String?
        public var proof: ProofFormat
        /// An existing key to use instead of generating one.
        public var key: Ed25519PrivateKey?

        public init(
            name: String, url: String, email: String? = nil, description: String? = nil, image: String? = nil,
            didWeb: String? = nil, baseURL: String? = nil, proof: ProofFormat = .eddsaRdfc2022,
            key: Ed25519PrivateKey? = nil
        ) {
            self.name = name
            self.url = url
            self.email = email
            self.description = description
            self.image = image
            self.didWeb = didWeb
            self.baseURL = baseURL
            self.proof = proof
            self.key = key
        }
    }

    /// The verification method written into proofs: `did:key:X#X`, or for did:web `did:web:…#z6Mk…` (the
    /// 1EdTech `issuer#publicKeyMultibase` form, which verifiers can also check offline).
    public var verificationMethod: String {
        Self.verificationMethod(issuerID: config.issuerID, key: key.publicKey)
    }

    static func verificationMethod(issuerID: String, key: Ed25519PublicKey) -> String {
        issuerID.hasPrefix(DIDKey.prefix) ? DIDKey.verificationMethod(for: key) : issuerID + "#" + Multikey.encode(key)
    }

    public var achievementsDirectory: String { FileIO.join(directory, "achievements") }
    public var credentialsDirectory: String { FileIO.join(directory, "credentials") }
    public var statusDirectory: String { FileIO.join(directory, "status") }

    /// Creates a new workspace in `directory` (which must not already hold one). Nothing is left behind on
    /// failure except the empty folders.
    public static func create(at directory: String, options: Options) throws(IssuerError) -> Workspace {
        let configPath = FileIO.join(directory, configFile)
        if FileIO.exists(configPath) {
            throw IssuerError(.workspace, "a Laurel workspace already exists here", file: configPath)
        }
        guard !options.name.trimmingWhitespace.isEmpty else {
            throw IssuerError(.invalidField, "the issuer needs a name (--name)", field: "name")
        }
        guard URISyntax.isAbsolute(options.url), options.url.hasPrefix("http") else {
            throw IssuerError(.invalidField, "'\(options.url)' is not a web address (like https://example.org)", field: "url")
        }
        if let email = options.email, !Recipient.isEmail(email) {
            throw IssuerError(.invalidField, "'\(email)' is not an email address", field: "email")
        }
        let key: Ed25519PrivateKey
        do {
            key = try options.key ?? Ed25519PrivateKey()
        } catch {
            throw IssuerError(.signing, "could not generate a key: \(error)")
        }
        let issuerID: String
        var baseURL = options.baseURL ?? options.url
        var didWeb: String? = nil
        if let location = options.didWeb {
            let (did, httpsBase) = try Self.didWeb(location)
            issuerID = did
            didWeb = did
            if options.baseURL == nil { baseURL = httpsBase }
        } else {
            issuerID = DIDKey.did(for: key.publicKey)
        }
        guard URISyntax.isAbsolute(baseURL), baseURL.hasPrefix("http") else {
            throw IssuerError(.invalidField, "'\(baseURL)' is not a web address", field: "base-url")
        }
        while baseURL.hasSuffix("/") { baseURL.removeLast() }

        var profile = Profile(json: JSONObject())
        profile.id = issuerID
        profile.types = ["Profile"]
        profile.name = options.name
        profile.url = options.url
        if let email = options.email { profile.email = email }
        if let description = options.description { profile.description = description }
        if let image = options.image { profile.image = Image(id: image, caption: options.name) }
        let config = WorkspaceConfig(issuer: profile, keyPath: keyFile, baseURL: baseURL, proof: options.proof, didWeb: didWeb)

        // The workspace holds the private key, the ledger (learners' addresses) and submissions: owner only.
        try FileIO.makeDirectory(directory, mode: 0o700)
        for folder in ["achievements", "credentials", "status"] {
            try FileIO.makeDirectory(FileIO.join(directory, folder))
        }
        try FileIO.write(Array(key.pemRepresentation.utf8), to: FileIO.join(directory, keyFile), mode: 0o600, overwrite: false)
        if let didWeb {
            let document = didDocument(did: didWeb, key: key.publicKey)
            try FileIO.write(JSONSerializer(style: .pretty).serialize(document) + [0x0A], to: FileIO.join(directory, didDocumentFile))
        }
        try FileIO.write(
            Array("issuer-key.pem\nledger.sqlite*\n".utf8), to: FileIO.join(directory, ".gitignore"))
        let ledger: Ledger
        do {
            ledger = try Ledger.open(at: FileIO.join(directory, ledgerFile), settings: LedgerSettings(baseURL: baseURL))
        } catch {
            throw IssuerError(.ledger, error.reason)
        }
        // The configuration is written last: a folder without it is not a workspace, so a failed init can rerun.
        try FileIO.write(JSONSerializer(style: .pretty).serialize(config.fileJSON) + [0x0A], to: configPath, overwrite: false)
        return Workspace(directory: directory, config: config, key: key, ledger: ledger)
    }

    /// Opens the workspace in `directory`.
    public static func open(at directory: String) throws(IssuerError) -> Workspace {
        let configPath = FileIO.join(directory, configFile)
        guard FileIO.exists(configPath) else {
            throw IssuerError(
                .workspace, "no Laurel workspace here (run `laurel init DIR --name … --url …` first)",
                file: configPath)
        }
        let config = try WorkspaceConfig(fileBytes: try FileIO.read(configPath), file: configPath)
        let keyPath = FileIO.join(directory, config.keyPath)
        let key: Ed25519PrivateKey
        do {
            key = try Ed25519PrivateKey(pem: String(decoding: try FileIO.read(keyPath), as: UTF8.self))
        } catch let error as IssuerError {
            throw error
        } catch {
            throw IssuerError(.workspace, "the issuer key cannot be read: \(error)", file: keyPath)
        }
        if let mode = FileIO.mode(keyPath), mode & 0o077 != 0 {
            throw IssuerError(
                .workspace,
                "the private key is readable by others (mode \(String(mode, radix: 8))); run chmod 600 on it",
                file: keyPath)
        }
        let expectedMethod = verificationMethod(issuerID: config.issuerID, key: key.publicKey)
        if config.issuerID.hasPrefix(DIDKey.prefix), DIDKey.did(for: key.publicKey) != config.issuerID {
            throw IssuerError(
                .workspace, "the key does not belong to the issuer \(config.issuerID) (expected \(expectedMethod))",
                file: keyPath)
        }
        let ledger: Ledger
        do {
            ledger = try Ledger.open(at: FileIO.join(directory, ledgerFile), settings: LedgerSettings(baseURL: config.baseURL))
        } catch {
            throw IssuerError(.ledger, error.reason, file: FileIO.join(directory, ledgerFile))
        }
        return Workspace(directory: directory, config: config, key: key, ledger: ledger)
    }

    /// The did:web identifier and HTTPS base for `HOST[:PORT][/PATH]` (did:web method, §3.2: the port's colon is
    /// percent-encoded, path segments are joined with ':').
    public static func didWeb(_ location: String) throws(IssuerError) -> (did: String, httpsBase: String) {
        var text = location
        for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text.removeFirst(scheme.count) }
        while text.hasSuffix("/") { text.removeLast() }
        let segments = text.split(separator: "/").map(String.init)
        guard let host = segments.first, !host.isEmpty,
            host.unicodeScalars.allSatisfy({ c in
                (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "." || c == "-" || c == ":"
            }),
            segments.dropFirst().allSatisfy({ segment in
                !segment.isEmpty && segment.unicodeScalars.allSatisfy { c in
                    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || "._-~".unicodeScalars.contains(c)
                }
            })
        else {
            throw IssuerError(.invalidField, "'\(location)' is not HOST[:PORT][/PATH] for did:web", field: "did-web")
        }
        let did = "did:web:" + ([host.replacingColons()] + segments.dropFirst()).joined(separator: ":")
        return (did, "https://" + text)
    }

    /// A DID document for a did:web issuer with one Multikey verification method.
    public static func didDocument(did: String, key: Ed25519PublicKey) -> JSONValue {
        let method = did + "#" + Multikey.encode(key)
        return .object(JSONObject([
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
            "id": .string(did),
            "verificationMethod": [
                .object(JSONObject([
                    "id": .string(method), "type": "Multikey", "controller": .string(did),
                    "publicKeyMultibase": .string(Multikey.encode(key)),
                ]))
            ],
            "assertionMethod": [.string(method)],
            "authentication": [.string(method)],
        ]))
    }
}

extension String {
    fileprivate func replacingColons() -> String {
        split(separator: ":", omittingEmptySubsequences: false).joined(separator: "%3A")
    }
}

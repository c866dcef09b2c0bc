public import LinkedData
public import OpenBadges

/// The issuer workspace's configuration, kept in `laurel.json` at the workspace root.
///
/// ```json
/// {
///   "issuer": { "id": "did:key:z6Mk…", "type": ["Profile"], "name": "Example College", "url": "https://example.edu" },
///   "key": "issuer-key.pem",
///   "baseURL": "https://example.edu/badges",
///   "proof": "eddsa-rdfc-2022"
/// }
/// ```
public struct WorkspaceConfig: Sendable, Hashable {
    /// The issuer `Profile` placed in every credential (maximal form: an object with `id`, `type`, `name`, …).
    public var issuer: Profile
    /// Path of the issuer's PKCS#8 PEM private key, relative to the workspace.
    public var keyPath: String
    /// Where the workspace's public files are served (credential, achievement and status-list URLs start here).
    public var baseURL: String
    /// The default proof format for `laurel issue`.
    public var proof: ProofFormat
    /// The `did:web` identifier when the issuer uses one.
    public var didWeb: String?

    public init(issuer: Profile, keyPath: String, baseURL: String, proof: ProofFormat = .eddsaRdfc2022, didWeb: String? = nil) {
        self.issuer = issuer
        self.keyPath = keyPath
        self.baseURL = baseURL
        self.proof = proof
        self.didWeb = didWeb
    }

    /// The issuer's identifier.
    public var issuerID: String { issuer.id ?? "" }

    /// Reads `laurel.json`.
    public init(fileBytes bytes: [UInt8], file: String) throws(IssuerError) {
        let value: JSONValue
        do {
            value = try JSONParser().parse(bytes)
        } catch {
            throw IssuerError(.invalidFile, "not valid JSON: \(error.reason)", file: file, line: error.line)
        }
        let reader = FieldReader(bytes: bytes, file: file)
        guard case .object(let root) = value else {
            throw IssuerError(.invalidFile, "the workspace file must hold a JSON object", file: file, line: 1)
        }
        try reader.rejectUnknown(root, allowed: ["issuer", "key", "baseURL", "proof", "didWeb"], at: [])
        guard case .object(let issuer)? = root["issuer"] else {
            throw reader.error(.invalidField, "must be the issuer's Profile object", at: ["issuer"])
        }
        let issuerID = try reader.requiredString(issuer, "id", at: ["issuer"])
        try reader.requireURI(issuerID, at: ["issuer", "id"])
        _ = try reader.requiredString(issuer, "name", at: ["issuer"])
        let proofName = try reader.optionalString(root, "proof", at: []) ?? ProofFormat.eddsaRdfc2022.rawValue
        guard let proof = ProofFormat(rawValue: proofName) else {
            throw reader.error(
                .invalidField,
                "'\(proofName)' is not a proof format Laurel issues (\(ProofFormat.allCases.map(\.rawValue).joined(separator: ", ")))",
                at: ["proof"])
        }
        let baseURL = try reader.requiredString(root, "baseURL", at: [])
        try reader.requireURI(baseURL, at: ["baseURL"])
        self.init(
            issuer: Profile(json: issuer), keyPath: try reader.requiredString(root, "key", at: []),
            baseURL: baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL, proof: proof,
            didWeb: try reader.optionalString(root, "didWeb", at: []))
    }

    /// The file form.
    public var fileJSON: JSONValue {
        var root = JSONObject()
        root["issuer"] = .object(issuer.json)
        root["key"] = .string(keyPath)
        root["baseURL"] = .string(baseURL)
        root["proof"] = .string(proof.rawValue)
        if let didWeb { root["didWeb"] = .string(didWeb) }
        return .object(root)
    }
}

/// The proof formats Laurel issues.
public enum ProofFormat: String, Sendable, Hashable, CaseIterable {
    /// `DataIntegrityProof` with `eddsa-rdfc-2022`: the proof 1EdTech certifies (default).
    case eddsaRdfc2022 = "eddsa-rdfc-2022"
    /// `DataIntegrityProof` with `eddsa-jcs-2022`: JSON canonicalization, no JSON-LD processing.
    case eddsaJcs2022 = "eddsa-jcs-2022"
    /// A compact JWS (VC-JWT) signed with Ed25519.
    case vcJWT = "vc-jwt"
}

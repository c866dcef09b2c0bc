import BadgeCrypto
import LinkedData

/// Resolution from documents the caller supplied (Controlled Identifiers 1.0 §3.3 "Retrieve Verification Method",
/// done offline): a controller document such as a DID document (a did:web `did.json`), or a Multikey document
/// whose `id` is the verification method itself.
extension OfflineVerificationMethodResolver {
    /// The verification method found in a supplied document, `nil` when no supplied document is about it, or an
    /// error when the document that is about it does not describe a usable Ed25519 key for `purpose`.
    func resolveFromDocuments(_ verificationMethod: String, purpose: String?) throws(ProofError)
        -> ResolvedVerificationMethod?
    {
        guard !documents.isEmpty else { return nil }
        let base = Self.withoutFragment(verificationMethod)
        var candidates = [verificationMethod, base]
        if let url = DIDWeb.documentURL(for: base) { candidates.append(url) }
        for url in candidates {
            guard let document = documents[url] else { continue }
            var found = try Self.method(verificationMethod, base: base, in: document, url: url, purpose: purpose)
            found.documentURL = url
            found.origin = origins[url] ?? .local
            return found
        }
        return nil
    }

    private static func method(
        _ id: String, base: String, in document: JSONValue, url: String, purpose: String?
    ) throws(ProofError) -> ResolvedVerificationMethod {
        guard let object = document.objectValue else {
            throw problem(id, "the document supplied for \(url) is not a JSON object")
        }
        // A Multikey (or other verification method) document: the document is the method itself.
        if object["id"]?.stringValue == id, hasKeyMaterial(object) {
            guard let controller = object["controller"]?.stringValue else {
                throw problem(id, "the verification method document at \(url) has no 'controller'")
            }
            return ResolvedVerificationMethod(
                id: id, publicKey: try publicKey(of: object, id: id), controller: controller,
                source: .suppliedDocument(url))
        }
        // A controller document: its id must be the method's id without the fragment.
        guard let documentID = object["id"]?.stringValue else {
            throw problem(id, "the controller document supplied for \(url) has no 'id'")
        }
        guard documentID == base else {
            throw problem(
                id, "the controller document supplied for \(url) describes '\(documentID)', not '\(base)'")
        }
        var found: JSONObject? = nil
        for name in ["verificationMethod"] + relationships {
            for element in arrayOrSingle(object[name]) {
                if let candidate = element.objectValue, absolute(candidate["id"]?.stringValue, base: base) == id {
                    found = candidate
                    break
                }
            }
            if found != nil { break }
        }
        guard let method = found else {
            throw ProofError(
                .keyNotAuthorized,
                "the controller document for '\(base)' (\(url)) does not list the verification method '\(id)': "
                    + "the key is not one its controller published")
        }
        if let purpose {
            let listed = arrayOrSingle(object[purpose]).contains { element in
                switch element {
                case .string(let reference): absolute(reference, base: base) == id
                case .object(let embedded): absolute(embedded["id"]?.stringValue, base: base) == id
                default: false
                }
            }
            guard listed else {
                throw ProofError(
                    .keyNotAuthorized,
                    "the verification method '\(id)' is in the controller document for '\(base)', but not under "
                        + "'\(purpose)', so it may not be used for \(purpose) proofs")
            }
        }
        let controller = method["controller"]?.stringValue ?? documentID
        return ResolvedVerificationMethod(
            id: id, publicKey: try publicKey(of: method, id: id), controller: controller,
            source: .suppliedDocument(url))
    }

    /// The verification relationships of Controlled Identifiers 1.0 §2.3 (methods may be embedded in them).
    private static let relationships = [
        "assertionMethod", "authentication", "capabilityInvocation", "capabilityDelegation", "keyAgreement",
    ]

    private static func hasKeyMaterial(_ method: JSONObject) -> Bool {
        method["publicKeyMultibase"] != nil || method["publicKeyJwk"] != nil || method["publicKeyBase58"] != nil
    }

    /// The Ed25519 key of a verification method: `publicKeyMultibase` (Multikey, Ed25519VerificationKey2020),
    /// `publicKeyJwk` (JsonWebKey, JsonWebKey2020) or `publicKeyBase58` (Ed25519VerificationKey2018).
    private static func publicKey(of method: JSONObject, id: String) throws(ProofError) -> Ed25519PublicKey {
        for secret in ["secretKeyMultibase", "privateKeyMultibase", "privateKeyJwk", "privateKeyBase58"]
        where method[secret] != nil {
            throw problem(id, "it holds private key material ('\(secret)'); refusing to use it")
        }
        do throws(CryptoError) {
            if let multibase = method["publicKeyMultibase"] {
                guard let text = multibase.stringValue else {
                    throw CryptoError(.malformedMultibase, "'publicKeyMultibase' is not a string")
                }
                return try Multikey.publicKey(from: text)
            }
            if let jwkValue = method["publicKeyJwk"] {
                guard jwkValue.objectValue != nil else {
                    throw CryptoError(.malformedJWK, "'publicKeyJwk' is not a JSON object")
                }
                let jwk = try JWK(json: jwkValue.jsonBytes())
                guard !jwk.isPrivate else {
                    throw CryptoError(.malformedJWK, "'publicKeyJwk' holds a private key ('d')")
                }
                return try Ed25519PublicKey(jwk: jwk)
            }
            if let base58 = method["publicKeyBase58"] {
                guard let text = base58.stringValue else {
                    throw CryptoError(.malformedMultibase, "'publicKeyBase58' is not a string")
                }
                return try Ed25519PublicKey(rawRepresentation: try Base58BTC.decode(text))
            }
        } catch {
            throw problem(id, error.reason)
        }
        let type = method["type"]?.description ?? "none"
        throw problem(id, "it has no 'publicKeyMultibase', 'publicKeyJwk' or 'publicKeyBase58' (type \(type))")
    }

    private static func problem(_ id: String, _ text: String) -> ProofError {
        ProofError(.unresolvableVerificationMethod, "the verification method '\(id)' cannot be used: \(text)")
    }

    private static func arrayOrSingle(_ value: JSONValue?) -> [JSONValue] {
        switch value {
        case nil: []
        case .array(let elements)?: elements
        case let single?: [single]
        }
    }

    /// A verification method reference made absolute: `#key-1` is relative to the controller document's id.
    private static func absolute(_ reference: String?, base: String) -> String? {
        guard let reference else { return nil }
        return reference.hasPrefix("#") ? base + reference : reference
    }

    public static func withoutFragment(_ url: String) -> String {
        guard let hash = url.firstIndex(of: "#") else { return url }
        return String(url[..<hash])
    }
}

/// The did:web method (did:web Method Specification §3.2 "Read (Resolve)"): where a did:web DID's document lives.
public enum DIDWeb {
    public static let prefix = "did:web:"

    /// The HTTPS URL of the DID document of `did`: `did:web:example.com` →
    /// `https://example.com/.well-known/did.json`, `did:web:example.com%3A3000:user:alice` →
    /// `https://example.com:3000/user/alice/did.json`. `nil` when `did` is not a well-formed did:web DID (a fragment
    /// or query is not part of a DID).
    public static func documentURL(for did: String) -> String? {
        guard did.hasPrefix(prefix) else { return nil }
        let identifier = did.dropFirst(prefix.count)
        guard !identifier.contains("#"), !identifier.contains("?"), !identifier.contains("/") else { return nil }
        let parts = identifier.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let host = parts.first, !host.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        let decodedHost = decodePortColon(host)
        guard decodedHost.utf8.allSatisfy({ byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x2E || byte == 0x2D || byte == 0x3A
        }) else { return nil }
        let path = parts.dropFirst()
        return "https://" + decodedHost + (path.isEmpty ? "/.well-known" : "/" + path.joined(separator: "/"))
            + "/did.json"
    }

    /// `%3A` (the percent-encoded colon before a port) back to `:`.
    private static func decodePortColon(_ host: String) -> String {
        var bytes = Array(host.utf8)
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0x25, bytes[index + 1] == 0x33, bytes[index + 2] == 0x41 || bytes[index + 2] == 0x61 {
                bytes.replaceSubrange(index..<index + 3, with: [0x3A])
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

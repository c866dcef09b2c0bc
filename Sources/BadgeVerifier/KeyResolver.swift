import BadgeCrypto
import Foundation
import BadgeProofs
import LinkedData

/// Finds the Ed25519 key of a verification method without the network: `did:key`, the 1EdTech
/// `<issuer>#z6Mk…` form, and did:web or HTTPS controller documents supplied as resources (`--resource URL=FILE`).
struct KeyResolver: VerificationMethodResolver {
    let resources: [String: [UInt8]]

    func ed25519PublicKey(for verificationMethod: String) throws(ProofError) -> Ed25519PublicKey {
        if let url = Self.documentURL(for: verificationMethod), let bytes = resources[url] {
            return try key(in: bytes, url: url, method: verificationMethod)
        }
        return try OfflineVerificationMethodResolver().ed25519PublicKey(for: verificationMethod)
    }

    /// The URL that must be fetched to resolve `method`, when it cannot be resolved offline and was not supplied.
    func needsNetwork(_ method: String) -> String? {
        if method.hasPrefix("did:key:") { return nil }
        if let hash = method.lastIndex(of: "#"), method[method.index(after: hash)...].hasPrefix("z6Mk") { return nil }
        guard let url = Self.documentURL(for: method) else { return nil }
        return resources[url] == nil ? url : nil
    }

    /// did:web → `https://host[:port]/path/did.json` (or `/.well-known/did.json`); https URLs → without fragment.
    static func documentURL(for method: String) -> String? {
        let base = method.split(separator: "#", maxSplits: 1).first.map(String.init) ?? method
        if base.hasPrefix("did:web:") {
            let parts = base.dropFirst("did:web:".count).split(separator: ":").map(String.init)
            guard let host = parts.first, !host.isEmpty else { return nil }
            let decodedHost = host.replacingOccurrences(of: "%3A", with: ":").replacingOccurrences(of: "%3a", with: ":")
            let path = parts.dropFirst().joined(separator: "/")
            return "https://\(decodedHost)/" + (path.isEmpty ? ".well-known/did.json" : path + "/did.json")
        }
        if base.hasPrefix("https://") { return base }
        return nil
    }

    /// The key of `method` in a DID document or controller document (publicKeyMultibase or an OKP publicKeyJwk).
    func key(in bytes: [UInt8], url: String, method: String) throws(ProofError) -> Ed25519PublicKey {
        guard let document = try? JSONValue(parsing: bytes), case .object(let root) = document else {
            throw ProofError(.unresolvableVerificationMethod, "the document at \(url) is not JSON")
        }
        var candidates: [JSONObject] = []
        if root["id"]?.stringValue == method { candidates.append(root) }
        for member in ["verificationMethod", "assertionMethod", "authentication"] {
            for item in root[member]?.arrayValue ?? [] {
                if case .object(let object) = item { candidates.append(object) }
            }
        }
        let baseID = root["id"]?.stringValue ?? ""
        for candidate in candidates {
            let id = candidate["id"]?.stringValue ?? ""
            let absolute = id.hasPrefix("#") ? baseID + id : id
            guard absolute == method else { continue }
            do throws(CryptoError) {
                if let multibase = candidate["publicKeyMultibase"]?.stringValue {
                    return try Multikey.publicKey(from: multibase)
                }
                if case .object(let jwk)? = candidate["publicKeyJwk"], jwk["kty"]?.stringValue == "OKP",
                    jwk["crv"]?.stringValue == "Ed25519", let x = jwk["x"]?.stringValue
                {
                    return try Ed25519PublicKey(rawRepresentation: try Base64URL.decode(x))
                }
            } catch {
                throw ProofError(.unresolvableVerificationMethod, "the key of \(method) in \(url) is malformed: \(error.reason)")
            }
        }
        throw ProofError(.unresolvableVerificationMethod, "the document at \(url) does not list the key \(method)")
    }
}


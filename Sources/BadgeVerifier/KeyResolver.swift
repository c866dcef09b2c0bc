import BadgeCrypto
import BadgeProofs
import LinkedData

/// Finds the Ed25519 key of a verification method without the network: `did:key`, the 1EdTech
/// `<issuer>#z6Mk…` form, and did:web or HTTPS controller documents supplied as resources (`--resource URL=FILE`),
/// through BadgeProofs' offline resolver.
struct KeyResolver: VerificationMethodResolver {
    let resources: [String: [UInt8]]
    let offline: OfflineVerificationMethodResolver

    init(resources: [String: [UInt8]]) {
        self.resources = resources
        var documents: [String: JSONValue] = [:]
        for (url, bytes) in resources where bytes.first == UInt8(ascii: "{") {
            if let document = try? JSONValue(parsing: bytes) { documents[url] = document }
        }
        offline = OfflineVerificationMethodResolver(documents: documents)
    }

    func ed25519PublicKey(for verificationMethod: String) throws(ProofError) -> Ed25519PublicKey {
        try offline.ed25519PublicKey(for: verificationMethod)
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
        if base.hasPrefix(DIDWeb.prefix) { return DIDWeb.documentURL(for: base) }
        if base.hasPrefix("https://") { return base }
        return nil
    }
}

/// Multibase strings (draft-multiformats-multibase): one prefix character naming the base, then the encoded bytes.
public enum Multibase {
    /// The bases Laurel reads and writes.
    public enum Base: Sendable, Hashable {
        /// `z`: base58btc, used by Multikey, did:key and Data Integrity `proofValue`.
        case base58btc
        /// `u`: base64url without padding, used by Bitstring Status List `encodedList`.
        case base64url

        /// The multibase prefix character.
        public var prefix: Character {
            switch self {
            case .base58btc: return "z"
            case .base64url: return "u"
            }
        }
    }

    /// `bytes` encoded in `base`, with its prefix.
    public static func encode(_ bytes: some Collection<UInt8>, base: Base) -> String {
        switch base {
        case .base58btc: return "z" + Base58BTC.encode(bytes)
        case .base64url: return "u" + Base64URL.encode(bytes)
        }
    }

    /// The base a multibase string uses, from its prefix.
    public static func base(of text: String) throws(CryptoError) -> Base {
        switch text.utf8.first {
        case UInt8(ascii: "z"): return .base58btc
        case UInt8(ascii: "u"): return .base64url
        case nil: throw CryptoError(.malformedMultibase, "the multibase string is empty")
        case let other?:
            let shown = other < 0x80 ? "'\(Character(Unicode.Scalar(other)))'" : "a non-ASCII byte"
            throw CryptoError(
                .malformedMultibase,
                "the multibase string starts with \(shown), which is not a supported base "
                    + "(expected 'z' for base58btc or 'u' for base64url)")
        }
    }

    /// Decodes a multibase string in either supported base.
    public static func decode(_ text: String) throws(CryptoError) -> [UInt8] {
        let base = try base(of: text)
        let body = String(text.utf8.dropFirst())!
        do {
            switch base {
            case .base58btc: return try Base58BTC.decode(body)
            case .base64url: return try Base64URL.decode(body)
            }
        } catch {
            throw CryptoError(.malformedMultibase, "the multibase string is malformed: \(error.reason)")
        }
    }
}

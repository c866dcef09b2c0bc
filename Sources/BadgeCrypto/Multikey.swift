/// Multikey encodings of Ed25519 keys (Controlled Identifiers 1.0 §2.2.2, vc-di-eddsa §2.1.1).
///
/// `publicKeyMultibase` is base58btc multibase (`z`) of the multicodec header `0xed 0x01` followed by the 32-byte
/// public key, so it always starts `z6Mk`. `secretKeyMultibase` is `z` + base58btc of `0x80 0x26` followed by the
/// 32-byte seed, starting `z3u2`.
public enum Multikey {
    /// Multicodec header of an Ed25519 public key (`ed25519-pub`, 0xed, as an unsigned varint).
    public static let ed25519PublicKeyHeader: [UInt8] = [0xed, 0x01]
    /// Multicodec header of an Ed25519 private key (`ed25519-priv`, 0x1300, as an unsigned varint).
    public static let ed25519PrivateKeyHeader: [UInt8] = [0x80, 0x26]

    /// The `publicKeyMultibase` value of `key` ("z6Mk…").
    public static func encode(_ key: Ed25519PublicKey) -> String {
        Multibase.encode(ed25519PublicKeyHeader + key.rawRepresentation, base: .base58btc)
    }

    /// The `secretKeyMultibase` value of `key` ("z3u2…"). Treat it as secret.
    public static func encode(_ key: Ed25519PrivateKey) -> String {
        var bytes = ed25519PrivateKeyHeader + key.seed
        defer { Ed25519PrivateKey.wipe(&bytes) }
        return Multibase.encode(bytes, base: .base58btc)
    }

    /// Reads an Ed25519 public key from a `publicKeyMultibase` value.
    public static func publicKey(from multibase: String) throws(CryptoError) -> Ed25519PublicKey {
        let bytes = try decodeBase58Multibase(multibase, what: "publicKeyMultibase")
        try checkHeader(bytes, expected: ed25519PublicKeyHeader, what: "publicKeyMultibase", kind: "public")
        return try Ed25519PublicKey(rawRepresentation: bytes.dropFirst(2))
    }

    /// Reads an Ed25519 private key from a `secretKeyMultibase` value.
    public static func privateKey(from multibase: String) throws(CryptoError) -> Ed25519PrivateKey {
        var bytes = try decodeBase58Multibase(multibase, what: "secretKeyMultibase")
        defer { Ed25519PrivateKey.wipe(&bytes) }
        try checkHeader(bytes, expected: ed25519PrivateKeyHeader, what: "secretKeyMultibase", kind: "private")
        return try Ed25519PrivateKey(seed: bytes.dropFirst(2))
    }

    private static func decodeBase58Multibase(_ text: String, what: String) throws(CryptoError) -> [UInt8] {
        guard try Multibase.base(of: text) == .base58btc else {
            throw CryptoError(.malformedMultibase, "a \(what) must be base58btc multibase (start with 'z')")
        }
        return try Multibase.decode(text)
    }

    private static func checkHeader(
        _ bytes: [UInt8], expected: [UInt8], what: String, kind: String
    ) throws(CryptoError) {
        guard bytes.count >= 2 else {
            throw CryptoError(.invalidKeyLength, "the \(what) holds only \(bytes.count) byte(s), too few for a key")
        }
        if Array(bytes.prefix(2)) == expected {
            guard bytes.count == 34 else {
                throw CryptoError(
                    .invalidKeyLength,
                    "the \(what) holds an Ed25519 \(kind) key of \(bytes.count - 2) bytes; it must be 32 bytes")
            }
            return
        }
        let other = Array(bytes.prefix(2)) == ed25519PublicKeyHeader ? "an Ed25519 public key"
            : Array(bytes.prefix(2)) == ed25519PrivateKeyHeader ? "an Ed25519 private key"
            : knownCodec(bytes) ?? "a key with multicodec header 0x\(Hex.encode(bytes.prefix(2)))"
        if other.hasPrefix("an Ed25519") {
            throw CryptoError(.wrongKeyType, "the \(what) holds \(other), but an Ed25519 \(kind) key is required")
        }
        throw CryptoError(
            .unsupportedKeyType, "the \(what) holds \(other); only Ed25519 \(kind) keys are supported")
    }

    /// Names a few other multicodec key types, for clearer errors.
    private static func knownCodec(_ bytes: [UInt8]) -> String? {
        switch (bytes[0], bytes[1]) {
        case (0x80, 0x24): return "a P-256 public key"
        case (0x81, 0x24): return "a P-384 public key"
        case (0xe7, 0x01): return "a secp256k1 public key"
        case (0xec, 0x01): return "an X25519 public key"
        case (0x85, 0x24): return "an RSA public key"
        case (0xeb, 0x01): return "a BLS12-381 G2 public key"
        default: return nil
        }
    }
}

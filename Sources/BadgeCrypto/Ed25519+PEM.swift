extension Ed25519PrivateKey {
    /// Loads an Ed25519 private key from unencrypted PKCS#8 PEM (RFC 8410 §7, "-----BEGIN PRIVATE KEY-----"), as
    /// written by `openssl genpkey -algorithm ed25519`.
    public init(pem: String) throws(CryptoError) {
        try PEMText.requirePrivateKey(pem)
        if var seed = PEMText.canonicalKeyBytes(pem, label: "PRIVATE KEY", prefix: PEMText.ed25519PKCS8Prefix) {
            defer { Self.wipe(&seed) }
            try self.init(seed: seed)
            return
        }
        try self.init(evpKey: EVPKey.privateKey(pem: pem))
    }

    /// The key as unencrypted PKCS#8 PEM (RFC 8410 §7). Treat it as secret.
    public var pemRepresentation: String {
        do {
            return try storage.key.privatePEM()
        } catch {
            // Encoding a valid in-memory key only fails if OpenSSL cannot allocate memory.
            preconditionFailure("Ed25519 private key PEM encoding failed: \(error.reason)")
        }
    }
}

extension Ed25519PublicKey {
    /// Loads an Ed25519 public key from SubjectPublicKeyInfo PEM (RFC 8410 §4, "-----BEGIN PUBLIC KEY-----").
    public init(pem: String) throws(CryptoError) {
        try PEMText.requirePublicKey(pem)
        if let raw = PEMText.canonicalKeyBytes(pem, label: "PUBLIC KEY", prefix: PEMText.ed25519SPKIPrefix) {
            try self.init(rawRepresentation: raw)
            return
        }
        try self.init(evpKey: EVPKey.publicKey(pem: pem))
    }

    /// The key as SubjectPublicKeyInfo PEM (RFC 8410 §4).
    public var pemRepresentation: String {
        do {
            return try storage.key.publicPEM()
        } catch {
            // Encoding a valid in-memory key only fails if OpenSSL cannot allocate memory.
            preconditionFailure("Ed25519 public key PEM encoding failed: \(error.reason)")
        }
    }
}

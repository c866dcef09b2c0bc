internal import COpenSSL

/// Owns one OpenSSL `EVP_PKEY` and frees it when the last reference goes away.
///
/// `@unchecked Sendable`: the key is fully built in `init` and never mutated afterwards. OpenSSL 3 allows an
/// `EVP_PKEY` to be used by several threads at once for read-only operations (signing or verifying with a
/// separate `EVP_MD_CTX` per thread, exporting, encoding); its reference count and caches are internally locked
/// (openssl-threads(7)). Laurel never calls a mutating `EVP_PKEY_set*` function after construction.
final class EVPKey: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Takes ownership of `pointer` (one reference), which is freed in `deinit`.
    init(taking pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// OpenSSL's name for the key type, e.g. "ED25519", "RSA", "EC".
    var typeName: String {
        guard let name = EVP_PKEY_get0_type_name(pointer) else { return "unknown" }
        return String(cString: name)
    }

    /// A plain-language name for the key type, for error messages.
    var displayName: String {
        switch typeName.uppercased() {
        case "ED25519": return "Ed25519"
        case "ED448": return "Ed448"
        case "X25519": return "X25519"
        case "RSA", "RSA-PSS": return "RSA"
        case "EC": return "elliptic-curve (EC)"
        case "DSA": return "DSA"
        default: return typeName
        }
    }

    func isA(_ name: String) -> Bool {
        EVP_PKEY_is_a(pointer, name) == 1
    }

    /// Size in bits of the key (modulus size for RSA, field size for curves).
    var bits: Int { Int(EVP_PKEY_get_bits(pointer)) }

    // MARK: Raw keys (Ed25519)

    /// Builds a private key from its raw form (the 32-byte seed for Ed25519).
    static func rawPrivate(_ algorithm: String, _ bytes: some Collection<UInt8>) throws(CryptoError) -> EVPKey {
        OpenSSLError.clear()
        let made = ContiguousInput.with(bytes) { raw in
            EVP_PKEY_new_raw_private_key_ex(
                nil, algorithm, nil, raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count)
        }
        guard let made else { throw OpenSSLError.failure("build an \(algorithm) private key from raw bytes") }
        return EVPKey(taking: made)
    }

    /// Builds a public key from its raw form (the 32-byte encoded point for Ed25519).
    static func rawPublic(_ algorithm: String, _ bytes: some Collection<UInt8>) throws(CryptoError) -> EVPKey {
        OpenSSLError.clear()
        let made = ContiguousInput.with(bytes) { raw in
            EVP_PKEY_new_raw_public_key_ex(
                nil, algorithm, nil, raw.baseAddress?.assumingMemoryBound(to: UInt8.self), raw.count)
        }
        guard let made else { throw OpenSSLError.failure("build an \(algorithm) public key from raw bytes") }
        return EVPKey(taking: made)
    }

    /// The raw public key (32 bytes for Ed25519).
    func rawPublicKey() throws(CryptoError) -> [UInt8] {
        OpenSSLError.clear()
        var length = 0
        guard EVP_PKEY_get_raw_public_key(pointer, nil, &length) == 1 else {
            throw OpenSSLError.failure("read the raw public key")
        }
        var out = [UInt8](repeating: 0, count: length)
        let ok = out.withUnsafeMutableBufferPointer { EVP_PKEY_get_raw_public_key(pointer, $0.baseAddress, &length) }
        guard ok == 1 else { throw OpenSSLError.failure("read the raw public key") }
        return Array(out.prefix(length))
    }

    /// The raw private key (the 32-byte seed for Ed25519).
    func rawPrivateKey() throws(CryptoError) -> [UInt8] {
        OpenSSLError.clear()
        var length = 0
        guard EVP_PKEY_get_raw_private_key(pointer, nil, &length) == 1 else {
            throw OpenSSLError.failure("read the raw private key")
        }
        var out = [UInt8](repeating: 0, count: length)
        let ok = out.withUnsafeMutableBufferPointer { EVP_PKEY_get_raw_private_key(pointer, $0.baseAddress, &length) }
        guard ok == 1 else { throw OpenSSLError.failure("read the raw private key") }
        return Array(out.prefix(length))
    }

    // MARK: PEM

    /// Reads a private key from PEM text (PKCS#8 "PRIVATE KEY", or a traditional "RSA/EC PRIVATE KEY").
    /// Encrypted keys are refused rather than prompting for a pass phrase.
    static func privateKey(pem: String) throws(CryptoError) -> EVPKey {
        let bio = try MemoryBIO(reading: Array(pem.utf8))
        OpenSSLError.clear()
        guard let made = PEM_read_bio_PrivateKey(bio.pointer, nil, laurel_no_passphrase, nil) else {
            let detail = OpenSSLError.drain()
            throw CryptoError(
                .malformedPEM,
                "the PEM text does not hold a readable private key (OpenSSL: \(detail.joined(separator: "; ")))")
        }
        return EVPKey(taking: made)
    }

    /// Reads a public key from PEM text holding a SubjectPublicKeyInfo ("PUBLIC KEY").
    static func publicKey(pem: String) throws(CryptoError) -> EVPKey {
        let bio = try MemoryBIO(reading: Array(pem.utf8))
        OpenSSLError.clear()
        guard let made = PEM_read_bio_PUBKEY(bio.pointer, nil, laurel_no_passphrase, nil) else {
            let detail = OpenSSLError.drain()
            throw CryptoError(
                .malformedPEM,
                "the PEM text does not hold a readable public key (OpenSSL: \(detail.joined(separator: "; ")))")
        }
        return EVPKey(taking: made)
    }

    /// The private key as unencrypted PKCS#8 PEM ("-----BEGIN PRIVATE KEY-----").
    func privatePEM() throws(CryptoError) -> String {
        let bio = try MemoryBIO()
        OpenSSLError.clear()
        guard PEM_write_bio_PrivateKey(bio.pointer, pointer, nil, nil, 0, nil, nil) == 1 else {
            throw OpenSSLError.failure("write the private key as PEM")
        }
        return bio.contents()
    }

    /// The public key as SubjectPublicKeyInfo PEM ("-----BEGIN PUBLIC KEY-----").
    func publicPEM() throws(CryptoError) -> String {
        let bio = try MemoryBIO()
        OpenSSLError.clear()
        guard PEM_write_bio_PUBKEY(bio.pointer, pointer) == 1 else {
            throw OpenSSLError.failure("write the public key as PEM")
        }
        return bio.contents()
    }
}

/// Owns an OpenSSL memory `BIO`, used to pass PEM text in and out of libcrypto.
final class MemoryBIO {
    let pointer: OpaquePointer
    /// Keeps the bytes a read-only BIO points into alive as long as the BIO.
    private let storage: UnsafeMutableBufferPointer<UInt8>?

    /// An empty, writable memory BIO.
    init() throws(CryptoError) {
        OpenSSLError.clear()
        guard let made = BIO_new(BIO_s_mem()) else { throw OpenSSLError.failure("allocate a memory buffer") }
        pointer = made
        storage = nil
    }

    /// A read-only memory BIO over a private copy of `bytes`.
    init(reading bytes: [UInt8]) throws(CryptoError) {
        let copy = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        _ = copy.initialize(from: bytes)
        OpenSSLError.clear()
        guard let made = BIO_new_mem_buf(copy.baseAddress, Int32(clamping: bytes.count)) else {
            copy.deallocate()
            throw OpenSSLError.failure("allocate a memory buffer")
        }
        pointer = made
        storage = copy
    }

    deinit {
        BIO_free(pointer)
        storage?.deallocate()
    }

    /// Everything written to the BIO so far, as UTF-8 text.
    func contents() -> String {
        var data: UnsafeMutablePointer<CChar>? = nil
        let length = laurel_BIO_get_mem_data(pointer, &data)
        guard let data, length > 0 else { return "" }
        let bytes = UnsafeRawBufferPointer(start: data, count: length)
        return String(decoding: bytes, as: UTF8.self)
    }
}

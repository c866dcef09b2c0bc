internal import COpenSSL

/// The OpenSSL side of RS256 / ES256 verification: building public keys from JWK numbers and verifying
/// SHA-256 signatures through `EVP_DigestVerify`.
extension EVPKey {
    /// A C string that lives for the whole program. `OSSL_PARAM_BLD` keeps the pointers it is given (parameter
    /// names and string values) until `OSSL_PARAM_BLD_to_param`, so a temporary bridged Swift `String` would dangle.
    private static func cString(_ text: StaticString) -> UnsafePointer<CChar> {
        UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
    }

    /// An RSA public key from its big-endian modulus and public exponent.
    static func rsaPublic(modulus: [UInt8], exponent: [UInt8]) throws(CryptoError) -> EVPKey {
        OpenSSLError.clear()
        guard let n = modulus.withUnsafeBufferPointer({ BN_bin2bn($0.baseAddress, Int32($0.count), nil) }) else {
            throw OpenSSLError.failure("read an RSA modulus")
        }
        defer { BN_free(n) }
        guard let e = exponent.withUnsafeBufferPointer({ BN_bin2bn($0.baseAddress, Int32($0.count), nil) }) else {
            throw OpenSSLError.failure("read an RSA exponent")
        }
        defer { BN_free(e) }
        guard let builder = OSSL_PARAM_BLD_new() else { throw OpenSSLError.failure("allocate key parameters") }
        defer { OSSL_PARAM_BLD_free(builder) }
        guard OSSL_PARAM_BLD_push_BN(builder, cString("n"), n) == 1,
            OSSL_PARAM_BLD_push_BN(builder, cString("e"), e) == 1,
            let params = OSSL_PARAM_BLD_to_param(builder)
        else { throw OpenSSLError.failure("build RSA key parameters") }
        defer { OSSL_PARAM_free(params) }
        return try fromPublicParameters(algorithm: "RSA", params)
    }

    /// A P-256 public key from its uncompressed point `0x04 || x || y`; OpenSSL checks it is on the curve.
    static func p256Public(uncompressedPoint: [UInt8]) throws(CryptoError) -> EVPKey {
        OpenSSLError.clear()
        guard let builder = OSSL_PARAM_BLD_new() else { throw OpenSSLError.failure("allocate key parameters") }
        defer { OSSL_PARAM_BLD_free(builder) }
        // The builder keeps the point's address until OSSL_PARAM_BLD_to_param, so both happen in one scope.
        let built: UnsafeMutablePointer<OSSL_PARAM>? = uncompressedPoint.withUnsafeBytes { point in
            guard OSSL_PARAM_BLD_push_utf8_string(builder, cString("group"), cString("prime256v1"), 0) == 1,
                OSSL_PARAM_BLD_push_octet_string(builder, cString("pub"), point.baseAddress, point.count) == 1
            else { return nil }
            return OSSL_PARAM_BLD_to_param(builder)
        }
        guard let params = built else { throw OpenSSLError.failure("build P-256 key parameters") }
        defer { OSSL_PARAM_free(params) }
        return try fromPublicParameters(algorithm: "EC", params)
    }

    private static func fromPublicParameters(
        algorithm: StaticString, _ params: UnsafeMutablePointer<OSSL_PARAM>
    ) throws(CryptoError) -> EVPKey {
        // The context keeps the key-type name pointer for its lifetime: pass a static C string.
        guard let context = EVP_PKEY_CTX_new_from_name(nil, cString(algorithm), nil) else {
            throw OpenSSLError.failure("prepare to build an \(algorithm) key")
        }
        defer { EVP_PKEY_CTX_free(context) }
        var made: OpaquePointer? = nil
        guard EVP_PKEY_fromdata_init(context) == 1,
            EVP_PKEY_fromdata(context, &made, laurel_EVP_PKEY_PUBLIC_KEY(), params) == 1,
            let made
        else {
            throw OpenSSLError.failure("build an \(algorithm) public key (the key values may be invalid)")
        }
        return EVPKey(taking: made)
    }

    /// The name of an EC key's curve as OpenSSL spells it (e.g. "prime256v1"), or nil.
    var curveName: String? {
        var buffer = [CChar](repeating: 0, count: 64)
        var length = 0
        let ok = buffer.withUnsafeMutableBufferPointer {
            EVP_PKEY_get_utf8_string_param(pointer, OSSL_PKEY_PARAM_GROUP_NAME, $0.baseAddress, $0.count, &length)
        }
        OpenSSLError.clear()
        guard ok == 1 else { return nil }
        return buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    /// Whether `signature` verifies over SHA-256 of `message` (RSASSA-PKCS1-v1_5 for RSA keys, DER ECDSA for EC).
    func verifySHA256(signature: some Collection<UInt8>, message: some Collection<UInt8>) -> Bool {
        OpenSSLError.clear()
        guard let context = EVP_MD_CTX_new() else { return false }
        defer {
            EVP_MD_CTX_free(context)
            // A failed verification leaves entries on the error queue; they are not errors to report.
            OpenSSLError.clear()
        }
        guard EVP_DigestVerifyInit_ex(context, nil, "SHA256", nil, nil, pointer, nil) == 1 else { return false }
        let status = ContiguousInput.with(signature) { signatureBytes in
            ContiguousInput.with(message) { messageBytes in
                EVP_DigestVerify(
                    context,
                    signatureBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), signatureBytes.count,
                    messageBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), messageBytes.count)
            }
        }
        return status == 1
    }
}

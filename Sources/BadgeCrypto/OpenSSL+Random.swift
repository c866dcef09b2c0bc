internal import COpenSSL

/// Random bytes from OpenSSL's cryptographically secure generator.
enum OpenSSLRandom {
    /// `count` bytes from the generator OpenSSL keeps for private values (`RAND_priv_bytes`).
    static func privateBytes(count: Int) throws(CryptoError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        OpenSSLError.clear()
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_priv_bytes($0.baseAddress, Int32($0.count)) }
        guard ok == 1 else { throw OpenSSLError.failure("generate random bytes for a new key") }
        return bytes
    }
}

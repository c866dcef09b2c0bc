internal import COpenSSL

/// The OpenSSL side of `SHA256` / `SHA384`. Message-digest methods are fetched once and reused.
enum OpenSSLDigest {
    enum Algorithm { case sha256, sha384, md5 }

    // EVP_MD objects fetched from the default provider are immutable and safe to share between threads.
    nonisolated(unsafe) private static let sha256MD: OpaquePointer = EVP_MD_fetch(nil, "SHA256", nil)!
    nonisolated(unsafe) private static let sha384MD: OpaquePointer = EVP_MD_fetch(nil, "SHA384", nil)!
    nonisolated(unsafe) private static let md5MD: OpaquePointer = EVP_MD_fetch(nil, "MD5", nil)!

    static func digest(_ algorithm: Algorithm, _ bytes: some Collection<UInt8>) -> [UInt8] {
        let (md, size): (OpaquePointer, Int) =
            switch algorithm {
            case .sha256: (sha256MD, 32)
            case .sha384: (sha384MD, 48)
            case .md5: (md5MD, 16)
            }
        var out = [UInt8](repeating: 0, count: size)
        let run: (UnsafeRawBufferPointer) -> Void = { input in
            var length: UInt32 = 0
            let ok = out.withUnsafeMutableBytes { output in
                EVP_Digest(input.baseAddress, input.count, output.baseAddress, &length, md, nil)
            }
            precondition(ok == 1 && Int(length) == size, "OpenSSL EVP_Digest failed")
        }
        if bytes.withContiguousStorageIfAvailable({ run(UnsafeRawBufferPointer($0)) }) != nil {
            return out
        }
        Array(bytes).withUnsafeBytes(run)
        return out
    }
}

internal import COpenSSL
import Synchronization

/// The OpenSSL side of `SHA256` / `SHA384` / `MD5`.
///
/// Message-digest methods are fetched once. `EVP_Digest` allocates and sets up a fresh `EVP_MD_CTX` on every call,
/// which costs more than hashing the few hundred bytes RDFC-1.0 hashes at a time, so initialised contexts are kept
/// in a small pool and re-initialised with `EVP_DigestInit_ex2` (cheap for the same digest) for each use.
enum OpenSSLDigest {
    enum Algorithm { case sha256, sha384, md5 }

    // EVP_MD objects fetched from the default provider are immutable and safe to share between threads.
    nonisolated(unsafe) private static let sha256MD: OpaquePointer = EVP_MD_fetch(nil, "SHA256", nil)!
    nonisolated(unsafe) private static let sha384MD: OpaquePointer = EVP_MD_fetch(nil, "SHA384", nil)!
    nonisolated(unsafe) private static let md5MD: OpaquePointer = EVP_MD_fetch(nil, "MD5", nil)!

    /// Idle contexts; each is used by one thread at a time (taken out under the mutex, put back after).
    private static let idle = Mutex<[DigestContextHandle]>([])
    private static let maximumIdle = 16

    static func digest(_ algorithm: Algorithm, _ bytes: some Collection<UInt8>) -> [UInt8] {
        let (md, size): (OpaquePointer, Int) =
            switch algorithm {
            case .sha256: (sha256MD, 32)
            case .sha384: (sha384MD, 48)
            case .md5: (md5MD, 16)
            }
        var out = [UInt8](repeating: 0, count: size)
        let context = idle.withLock { $0.popLast() } ?? DigestContextHandle(pointer: EVP_MD_CTX_new()!)
        let run: (UnsafeRawBufferPointer) -> Void = { input in
            var length: UInt32 = 0
            let ok = out.withUnsafeMutableBytes { output in
                EVP_DigestInit_ex2(context.pointer, md, nil) == 1
                    && EVP_DigestUpdate(context.pointer, input.baseAddress, input.count) == 1
                    && EVP_DigestFinal_ex(context.pointer, output.baseAddress?.assumingMemoryBound(to: UInt8.self), &length) == 1
            }
            precondition(ok && Int(length) == size, "OpenSSL could not compute a message digest")
        }
        if bytes.withContiguousStorageIfAvailable({ run(UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes(run)
        }
        let kept = idle.withLock { list -> Bool in
            guard list.count < maximumIdle else { return false }
            list.append(context)
            return true
        }
        if !kept { EVP_MD_CTX_free(context.pointer) }
        return out
    }
}

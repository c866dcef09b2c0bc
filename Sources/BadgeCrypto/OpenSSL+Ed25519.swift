internal import COpenSSL
import Synchronization

/// One OpenSSL `EVP_MD_CTX` pointer, movable between threads.
///
/// `@unchecked Sendable`: a context is only ever used by the one thread that took it out of a
/// `PureEdDSAContexts` pool; the pool's mutex hands each context to one user at a time.
struct DigestContextHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// PureEdDSA (Ed25519, RFC 8032) signing or verification with one key, through one-shot `EVP_DigestSign` /
/// `EVP_DigestVerify` with a null digest (EVP_SIGNATURE-ED25519(7)).
///
/// Setting up an `EVP_MD_CTX` (allocating it, fetching the signature method from the provider, creating the
/// provider's context) costs a noticeable share of one Ed25519 signature, so initialised contexts are kept in a
/// small pool per key and reused. Each context is used by one thread at a time: a caller takes one out under the
/// mutex, signs without holding the lock, and puts it back. Threads signing with the same key in parallel each get
/// their own context; the pool grows to the number of concurrent signers (bounded by `maximumIdle`).
///
/// OpenSSL 3.0 and 3.1 allow a one-shot context to be used again as it is; later releases mark it finalised after
/// one use (and a finalised `EVP_DigestVerify` returns 0, which looks like "invalid signature"). Which behaviour
/// this libcrypto has is probed once per process, when a pooled context is first taken again (a command that signs
/// or verifies once never probes); where reuse is refused, a pooled context is re-initialised before each use,
/// which still avoids allocating a context and creating the provider's key context.
///
/// `@unchecked Sendable`: the key is immutable and the idle list is guarded by a `Mutex`.
final class PureEdDSAContexts: @unchecked Sendable {
    enum Operation { case sign, verify }

    private let key: EVPKey
    private let operation: Operation
    /// Whether pooled contexts are used again as they are or re-initialised first; nil: as `contextsAreReusable`
    /// says, asked when a pooled context is first taken again.
    private let reuseAsIs: Bool?
    private let idle = Mutex<[DigestContextHandle]>([])
    private static let maximumIdle = 64

    /// Whether this libcrypto lets an initialised context sign and verify more than once without re-initialising.
    static let contextsAreReusable: Bool = probeReuse()

    init(key: EVPKey, operation: Operation, reuseAsIs: Bool? = nil) {
        self.key = key
        self.operation = operation
        self.reuseAsIs = reuseAsIs
    }

    deinit {
        for context in idle.withLock({ $0 }) { EVP_MD_CTX_free(context.pointer) }
    }

    /// Signs `message` and returns the 64-byte signature.
    func sign(_ message: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
        let result: Result<[UInt8], CryptoError> = ContiguousInput.with(message) { bytes in
            do throws(CryptoError) {
                return .success(try sign(bytes))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` under this key.
    func verify(_ signature: some Collection<UInt8>, _ message: some Collection<UInt8>) -> Bool {
        guard signature.count == 64 else { return false }
        return ContiguousInput.with(signature) { signatureBytes in
            ContiguousInput.with(message) { messageBytes in
                verify(signatureBytes, messageBytes)
            }
        }
    }

    private func sign(_ message: UnsafeRawBufferPointer) throws(CryptoError) -> [UInt8] {
        let context = try take()
        var signature = [UInt8](repeating: 0, count: 64)
        var length = 64
        let status = signature.withUnsafeMutableBufferPointer { out in
            EVP_DigestSign(
                context.pointer, out.baseAddress, &length,
                message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count)
        }
        guard status == 1, length == 64 else {
            EVP_MD_CTX_free(context.pointer)
            throw OpenSSLError.failure("make an Ed25519 signature")
        }
        give(back: context)
        return signature
    }

    private func verify(_ signature: UnsafeRawBufferPointer, _ message: UnsafeRawBufferPointer) -> Bool {
        guard let context = try? take() else { return false }
        let status = EVP_DigestVerify(
            context.pointer,
            signature.baseAddress?.assumingMemoryBound(to: UInt8.self), signature.count,
            message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count)
        // A failed verification leaves entries on the error queue; they are not errors to report.
        OpenSSLError.clear()
        if status == 1 || status == 0 {
            give(back: context)
        } else {
            EVP_MD_CTX_free(context.pointer)
        }
        return status == 1
    }

    /// A context ready for one operation, from the pool when one is idle.
    private func take() throws(CryptoError) -> DigestContextHandle {
        if let pooled = idle.withLock({ $0.popLast() }) {
            if reuseAsIs ?? Self.contextsAreReusable { return pooled }
            OpenSSLError.clear()
            guard Self.initialise(pooled.pointer, key.pointer, operation) else {
                EVP_MD_CTX_free(pooled.pointer)
                throw OpenSSLError.failure("prepare an Ed25519 \(operation == .sign ? "signing" : "verifying") context")
            }
            return pooled
        }
        OpenSSLError.clear()
        guard let made = EVP_MD_CTX_new() else { throw OpenSSLError.failure("allocate a digest context") }
        guard Self.initialise(made, key.pointer, operation) else {
            EVP_MD_CTX_free(made)
            throw OpenSSLError.failure("prepare an Ed25519 \(operation == .sign ? "signing" : "verifying") context")
        }
        return DigestContextHandle(pointer: made)
    }

    private static func initialise(_ context: OpaquePointer, _ key: OpaquePointer, _ operation: Operation) -> Bool {
        switch operation {
        case .sign: return EVP_DigestSignInit_ex(context, nil, nil, nil, nil, key, nil) == 1
        case .verify: return EVP_DigestVerifyInit_ex(context, nil, nil, nil, nil, key, nil) == 1
        }
    }

    private func give(back context: DigestContextHandle) {
        let kept = idle.withLock { list -> Bool in
            guard list.count < Self.maximumIdle else { return false }
            list.append(context)
            return true
        }
        if !kept { EVP_MD_CTX_free(context.pointer) }
    }

    /// Signs twice and verifies twice on the same contexts with a throwaway key; reuse is allowed only if the
    /// second signature equals the first and the second verification succeeds.
    private static func probeReuse() -> Bool {
        defer { OpenSSLError.clear() }
        let seed = [UInt8](repeating: 0x5a, count: 32)
        guard let key = seed.withUnsafeBufferPointer({
            EVP_PKEY_new_raw_private_key_ex(nil, "ED25519", nil, $0.baseAddress, $0.count)
        }) else { return false }
        defer { EVP_PKEY_free(key) }
        guard let signer = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(signer) }
        guard let verifier = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(verifier) }
        guard initialise(signer, key, .sign), initialise(verifier, key, .verify) else { return false }
        let message: [UInt8] = [1, 2, 3]
        var signatures: [[UInt8]] = []
        for _ in 0..<2 {
            var signature = [UInt8](repeating: 0, count: 64)
            var length = 64
            guard EVP_DigestSign(signer, &signature, &length, message, message.count) == 1, length == 64 else {
                return false
            }
            signatures.append(signature)
        }
        guard signatures[0] == signatures[1] else { return false }
        for _ in 0..<2 {
            guard EVP_DigestVerify(verifier, signatures[0], 64, message, message.count) == 1 else { return false }
        }
        return true
    }
}

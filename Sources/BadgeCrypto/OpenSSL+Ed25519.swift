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
/// `@unchecked Sendable`: the key is immutable, the idle list is guarded by a `Mutex`, and the flag is atomic.
final class PureEdDSAContexts: @unchecked Sendable {
    enum Operation { case sign, verify }

    private let key: EVPKey
    private let operation: Operation
    private let idle = Mutex<[DigestContextHandle]>([])
    /// Set when this OpenSSL build refuses to reuse a context after a one-shot operation (newer releases mark
    /// the context finalised); from then on each use re-initialises the pooled context first.
    private let reinitialiseEachUse = Atomic<Bool>(false)
    private static let maximumIdle = 64

    init(key: EVPKey, operation: Operation) {
        self.key = key
        self.operation = operation
    }

    deinit {
        for context in idle.withLock({ $0 }) { EVP_MD_CTX_free(context.pointer) }
    }

    /// Signs `message` and returns the 64-byte signature.
    func sign(_ message: some Collection<UInt8>) throws(CryptoError) -> [UInt8] {
        let result: Result<[UInt8], CryptoError> = ContiguousBytes.with(message) { bytes in
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
        return ContiguousBytes.with(signature) { signatureBytes in
            ContiguousBytes.with(message) { messageBytes in
                verify(signatureBytes, messageBytes)
            }
        }
    }

    private func sign(_ message: UnsafeRawBufferPointer) throws(CryptoError) -> [UInt8] {
        let context = try take()
        var signature = [UInt8](repeating: 0, count: 64)
        var ok = attemptSign(context, message, &signature)
        if !ok && !reinitialiseEachUse.load(ordering: .relaxed) {
            // This OpenSSL may refuse to reuse a context: re-initialise it and try once more.
            OpenSSLError.clear()
            if initialise(context) {
                ok = attemptSign(context, message, &signature)
                if ok { reinitialiseEachUse.store(true, ordering: .relaxed) }
            }
        }
        guard ok else {
            EVP_MD_CTX_free(context.pointer)
            throw OpenSSLError.failure("make an Ed25519 signature")
        }
        give(back: context)
        return signature
    }

    private func attemptSign(
        _ context: DigestContextHandle, _ message: UnsafeRawBufferPointer, _ signature: inout [UInt8]
    ) -> Bool {
        var length = 64
        let status = signature.withUnsafeMutableBufferPointer { out in
            EVP_DigestSign(
                context.pointer, out.baseAddress, &length,
                message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count)
        }
        return status == 1 && length == 64
    }

    private func verify(_ signature: UnsafeRawBufferPointer, _ message: UnsafeRawBufferPointer) -> Bool {
        guard let context = try? take() else { return false }
        var status = attemptVerify(context, signature, message)
        if status != 1 && status != 0 && !reinitialiseEachUse.load(ordering: .relaxed) {
            // Not "bad signature" (0) but an error: perhaps this OpenSSL refuses to reuse a context.
            OpenSSLError.clear()
            if initialise(context) {
                status = attemptVerify(context, signature, message)
                if status == 1 || status == 0 { reinitialiseEachUse.store(true, ordering: .relaxed) }
            }
        }
        // A failed verification leaves entries on the error queue; they are not errors to report.
        OpenSSLError.clear()
        if status == 1 || status == 0 {
            give(back: context)
        } else {
            EVP_MD_CTX_free(context.pointer)
        }
        return status == 1
    }

    private func attemptVerify(
        _ context: DigestContextHandle, _ signature: UnsafeRawBufferPointer, _ message: UnsafeRawBufferPointer
    ) -> Int32 {
        EVP_DigestVerify(
            context.pointer,
            signature.baseAddress?.assumingMemoryBound(to: UInt8.self), signature.count,
            message.baseAddress?.assumingMemoryBound(to: UInt8.self), message.count)
    }

    /// An initialised context, from the pool when one is idle.
    private func take() throws(CryptoError) -> DigestContextHandle {
        if let pooled = idle.withLock({ $0.popLast() }) {
            if reinitialiseEachUse.load(ordering: .relaxed), !initialise(pooled) {
                EVP_MD_CTX_free(pooled.pointer)
                throw OpenSSLError.failure("prepare an Ed25519 \(operation == .sign ? "signing" : "verifying") context")
            }
            return pooled
        }
        OpenSSLError.clear()
        guard let made = EVP_MD_CTX_new() else { throw OpenSSLError.failure("allocate a digest context") }
        let context = DigestContextHandle(pointer: made)
        guard initialise(context) else {
            EVP_MD_CTX_free(made)
            throw OpenSSLError.failure("prepare an Ed25519 \(operation == .sign ? "signing" : "verifying") context")
        }
        return context
    }

    private func initialise(_ context: DigestContextHandle) -> Bool {
        switch operation {
        case .sign:
            return EVP_DigestSignInit_ex(context.pointer, nil, nil, nil, nil, key.pointer, nil) == 1
        case .verify:
            return EVP_DigestVerifyInit_ex(context.pointer, nil, nil, nil, nil, key.pointer, nil) == 1
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
}

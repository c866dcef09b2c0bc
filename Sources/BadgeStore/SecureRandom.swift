import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating system's cryptographically secure random source — the kernel generator behind
/// `SystemRandomNumberGenerator` — read through `getentropy` 256 bytes at a time instead of 8 bytes per
/// system call, so that drawing a status index or an identifier does not cost a system call each.
package struct SecureRandomGenerator: RandomNumberGenerator {
    private var buffer = [UInt64](repeating: 0, count: 32)
    private var position = 32

    package init() {}

    package mutating func next() -> UInt64 {
        if position == buffer.count {
            Self.fill(&buffer)
            position = 0
        }
        defer { position += 1 }
        return buffer[position]
    }

    private static func fill(_ words: inout [UInt64]) {
        let filled = words.withUnsafeMutableBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return false }
            return getentropy(base, raw.count) == 0  // at most 256 bytes per call
        }
        if !filled {
            // Not expected on a supported system: fall back to the standard library's generator.
            var system = SystemRandomNumberGenerator()
            for index in words.indices { words[index] = system.next() }
        }
    }
}

/// A `SecureRandomGenerator` shared by threads, for values drawn one at a time (identifiers).
final class SharedSecureRandom: @unchecked Sendable {
    // Safe to share: `generator` is only used while `lock` is held.
    private let lock = NSLock()
    private var generator = SecureRandomGenerator()

    static let shared = SharedSecureRandom()

    func next() -> UInt64 {
        lock.lock()
        defer { lock.unlock() }
        return generator.next()
    }
}

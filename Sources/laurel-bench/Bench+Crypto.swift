import BadgeCrypto
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension BenchSuites {
    /// `laurel-bench crypto`: Ed25519 signing and verification per core (and on all cores), SHA-256 of 1 KB, and,
    /// when the `openssl` tool is on PATH, `openssl speed ed25519` on one core for comparison.
    static var crypto: BenchSuite {
        BenchSuite(
            name: "crypto",
            summary: "Ed25519 sign/verify (64-byte message, as Data Integrity signs) and SHA-256, vs. openssl speed"
        ) { harness in
            let key = try Ed25519PrivateKey(seed: (0..<32).map { UInt8($0) })
            let publicKey = key.publicKey
            let message = (0..<64).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            let signature = try key.signature(for: message)
            let kilobyte = (0..<1024).map { UInt8(truncatingIfNeeded: $0) }

            let sign = try harness.measure("Ed25519 sign (1 core)") {
                _ = try key.signature(for: message)
            }
            print(sign.line)
            var allValid = true
            let verify = harness.measure("Ed25519 verify (1 core)") {
                allValid = publicKey.isValidSignature(signature, for: message) && allValid
            }
            print(verify.line)
            guard allValid else { throw BenchFailure(message: "Ed25519 verification failed during the benchmark") }
            let sha = harness.measure("SHA-256 of 1 KB (1 core)") {
                _ = SHA256.hash(kilobyte)
            }
            print(sha.line)
            let seed = key.seed
            let fromSeed = try harness.measure("Ed25519 private key from seed (1 core)") {
                _ = try Ed25519PrivateKey(seed: seed)
            }
            print(fromSeed.line)
            let pem = key.pemRepresentation
            let fromPEM = try harness.measure("Ed25519 private key from PEM (1 core)") {
                _ = try Ed25519PrivateKey(pem: pem)
            }
            print(fromPEM.line)
            let raw = publicKey.rawRepresentation
            let fromRaw = try harness.measure("Ed25519 public key from 32 bytes (1 core)") {
                _ = try Ed25519PublicKey(rawRepresentation: raw)
            }
            print(fromRaw.line)

            let cores = ProcessInfo.processInfo.activeProcessorCount
            if cores > 1 {
                let rate = try allCoresSigningRate(key: key, message: message, threads: cores)
                print("Ed25519 sign, \(cores) threads sharing one key: \(BenchHarness.Result.formatRate(rate)) in total")
            }

            // `openssl speed` counts operations per second of user CPU time, which a busy machine does not
            // dilute; Laurel is measured the same way (thread CPU time) for the comparison, and by wall time above.
            let signCPU = try cpuTimeRate { _ = try key.signature(for: message) }
            let verifyCPU = try cpuTimeRate { _ = publicKey.isValidSignature(signature, for: message) }
            print("Ed25519 per CPU-second (1 core, median of 9): sign \(Int(signCPU))/s, verify \(Int(verifyCPU))/s")

            guard let speed = OpenSSLSpeed.run() else {
                print("openssl speed: not run (the openssl tool is not on PATH, or its output was not understood)")
                return
            }
            print("openssl speed -seconds 2 ed25519 (1 core, per CPU-second, \(speed.version)): "
                + "sign \(Int(speed.sign))/s, verify \(Int(speed.verify))/s")
            print("Laurel / openssl (CPU time): sign \(percent(signCPU / speed.sign)), "
                + "verify \(percent(verifyCPU / speed.verify))")
            print("Laurel wall-clock median / openssl: sign \(percent(sign.opsPerSecond / speed.sign)), "
                + "verify \(percent(verify.opsPerSecond / speed.verify)) (lower when other work shares the cores)")
        }
    }

    /// Operations per second of this thread's CPU time: the median over 9 batches of about 100 ms each.
    private static func cpuTimeRate(_ body: () throws -> Void) throws -> Double {
        func threadCPUSeconds() -> Double {
            var spec = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
            return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
        }
        var iterations = 64
        while true {
            let start = threadCPUSeconds()
            for _ in 0..<iterations { try body() }
            let elapsed = threadCPUSeconds() - start
            if elapsed >= 0.02 {
                iterations = max(1, Int(Double(iterations) * 0.1 / elapsed))
                break
            }
            iterations *= 2
        }
        var rates: [Double] = []
        for _ in 0..<9 {
            let start = threadCPUSeconds()
            for _ in 0..<iterations { try body() }
            rates.append(Double(iterations) / (threadCPUSeconds() - start))
        }
        return rates.sorted()[rates.count / 2]
    }

    private static func percent(_ ratio: Double) -> String {
        BenchHarness.Result.format(ratio * 100, 1) + " %"
    }

    /// Signatures per second with `threads` threads signing with the same key for about half a second.
    private static func allCoresSigningRate(key: Ed25519PrivateKey, message: [UInt8], threads: Int) throws -> Double {
        let perThread = 4000
        let failures = Failures()
        let start = BenchHarness.now()
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<perThread where (try? key.signature(for: message)) == nil {
                failures.record()
            }
        }
        let elapsed = Double(BenchHarness.now() - start) / 1e9
        guard failures.count == 0 else { throw BenchFailure(message: "signing failed on some threads") }
        return Double(threads * perThread) / elapsed
    }

    /// Counts failures from several threads.
    private final class Failures: @unchecked Sendable {
        // @unchecked: `value` is only touched under `lock`.
        private let lock = NSLock()
        private var value = 0
        func record() { lock.withLock { value += 1 } }
        var count: Int { lock.withLock { value } }
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Runs `openssl speed -seconds 2 ed25519` and reads its sign/s and verify/s.
enum OpenSSLSpeed {
    struct Figures {
        var version: String
        var sign: Double
        var verify: Double
    }

    static func run() -> Figures? {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .map { "\($0)/openssl" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { return nil }
        guard let version = output(path, ["version"]), let text = output(path, ["speed", "-seconds", "2", "ed25519"])
        else { return nil }
        // The result line reads: " 253 bits EdDSA (Ed25519)   0.0000s   0.0001s  44830.2  16673.0"
        for line in text.split(separator: "\n") where line.contains("(Ed25519)") && line.contains("bits") {
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            if numbers.count >= 3 {
                return Figures(
                    version: version.trimmingCharacters(in: .whitespacesAndNewlines),
                    sign: numbers[numbers.count - 2], verify: numbers[numbers.count - 1])
            }
        }
        return nil
    }

    /// Runs a program and returns its standard output.
    ///
    /// Not Foundation's `Process`: `laurel` runs its commands on a Swift concurrency thread, whose signals are
    /// blocked, and a child started from it inherits that mask. `openssl speed -seconds N` stops each test with
    /// SIGALRM, so it would never stop. `posix_spawn` here resets the child's signal mask and handlers.
    private static func output(_ path: String, _ arguments: [String]) -> String? {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptySet = sigset_t()
        sigemptyset(&emptySet)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &emptySet)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { return nil }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        close(pipeEnds[1])
        guard spawned == 0 else {
            close(pipeEnds[0])
            return nil
        }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
            if count > 0 {
                data += buffer[0..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(pipeEnds[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // Exited normally with code 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

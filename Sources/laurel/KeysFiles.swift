import BadgeCrypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A failure of a `laurel keys` command, with a message that names the file and says what to do.
struct KeysCommandError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// A key read from a file: private (with its public half) or public only.
enum KeyMaterial {
    case privateKey(Ed25519PrivateKey)
    case publicKey(Ed25519PublicKey)

    var publicKey: Ed25519PublicKey {
        switch self {
        case .privateKey(let key): return key.publicKey
        case .publicKey(let key): return key
        }
    }
}

/// Reading and writing key files for `laurel keys`.
enum KeyFiles {
    /// Key files are small; anything larger is not a key file.
    static let maximumFileSize = 1 << 16

    static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// Reads an Ed25519 key from `path` ("-" for standard input), recognising PEM, JWK, Multikey and did:key.
    static func read(_ path: String) throws -> KeyMaterial {
        let bytes: [UInt8]
        if path == "-" {
            bytes = Array(FileHandle.standardInput.readDataToEndOfFile().prefix(maximumFileSize + 1))
        } else {
            var info = stat()
            guard stat(path, &info) == 0 else {
                throw KeysCommandError("cannot read key file '\(path)': \(String(cString: strerror(errno)))")
            }
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw KeysCommandError("cannot read key file '\(path)': it is not a regular file")
            }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw KeysCommandError("cannot read key file '\(path)': permission denied or unreadable")
            }
            defer { try? handle.close() }
            bytes = Array((try? handle.read(upToCount: maximumFileSize + 1)) ?? Data())
        }
        guard bytes.count <= maximumFileSize else {
            throw KeysCommandError("'\(path)' is larger than \(maximumFileSize / 1024) KiB, so it is not a key file")
        }
        let name = path == "-" ? "standard input" : "'\(path)'"
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let material: KeyMaterial
        do {
            material = try parse(text)
        } catch {
            throw KeysCommandError("\(name) is not a usable Ed25519 key: \(error.reason)")
        }
        if case .privateKey = material, path != "-" { warnIfShared(path) }
        return material
    }

    /// Recognises the key encodings `laurel keys show` accepts.
    static func parse(_ text: String) throws(CryptoError) -> KeyMaterial {
        if text.isEmpty {
            throw CryptoError(.malformedPEM, "the file is empty")
        }
        // PEM may carry explanatory text before its first "-----BEGIN" line (RFC 7468 §2), as the demo keys do.
        if let begin = text.range(of: "-----BEGIN ") {
            if text[begin.lowerBound...].hasPrefix("-----BEGIN PUBLIC KEY-----") {
                return .publicKey(try Ed25519PublicKey(pem: text))
            }
            return .privateKey(try Ed25519PrivateKey(pem: text))
        }
        if text.hasPrefix("{") {
            var jwk: JWK
            if text.contains("\"keys\"") {
                // A JWK Set: use its key when it has exactly one.
                let set = try JWKS(json: Array(text.utf8))
                guard set.keys.count == 1 else {
                    throw CryptoError(
                        .malformedJWK, "it is a JWK Set with \(set.keys.count) keys; save the one you mean as a JWK")
                }
                jwk = set.keys[0]
            } else {
                jwk = try JWK(json: Array(text.utf8))
            }
            return jwk.isPrivate ? .privateKey(try Ed25519PrivateKey(jwk: jwk)) : .publicKey(try Ed25519PublicKey(jwk: jwk))
        }
        if text.hasPrefix(DIDKey.prefix) {
            return .publicKey(try DIDKey.publicKey(from: text))
        }
        if text.hasPrefix("z3u2") {
            return .privateKey(try Multikey.privateKey(from: text))
        }
        if text.hasPrefix("z") {
            return .publicKey(try Multikey.publicKey(from: text))
        }
        throw CryptoError(
            .malformedPEM,
            "it is not PEM, a JWK, a Multikey (z6Mk.../z3u2...) or a did:key")
    }

    /// Warns on standard error when a private key file can be read by users other than its owner.
    static func warnIfShared(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o077 != 0 else { return }
        let mode = String(info.st_mode & 0o777, radix: 8)
        FileHandle.standardError.write(Data(
            "warning: the private key '\(path)' can be read by other users (mode 0\(mode)); run: chmod 600 \(path)\n"
                .utf8))
    }

    /// Writes `bytes` to `path` so that the file either keeps its old contents or has all the new ones: the data
    /// goes to a temporary file created with `mode` in the same folder, is flushed to disk, and is then renamed
    /// into place. Without `replace`, an existing file is never touched (the final step fails instead).
    static func writeAtomically(_ bytes: [UInt8], to path: String, mode: mode_t, replace: Bool) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var info = stat()
        guard stat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw KeysCommandError("cannot write '\(path)': the folder '\(folder)' does not exist")
        }
        if lstat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR {
                throw KeysCommandError("cannot write '\(path)': it is a folder")
            }
            if !replace {
                throw KeysCommandError("'\(path)' already exists; pass --force to replace it")
            }
        }
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            throw KeysCommandError("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        var finished = false
        defer {
            if !finished { unlink(temporary) }
        }
        // The umask may have removed bits; set exactly the mode asked for.
        var failure: String? = nil
        if fchmod(descriptor, mode) != 0 { failure = String(cString: strerror(errno)) }
        var written = 0
        while failure == nil && written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
            } else {
                written += count
            }
        }
        if failure == nil && fsync(descriptor) != 0 { failure = String(cString: strerror(errno)) }
        if close(descriptor) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        if let failure { throw KeysCommandError("cannot write '\(path)': \(failure)") }

        if replace {
            guard rename(temporary, path) == 0 else {
                throw KeysCommandError("cannot write '\(path)': \(String(cString: strerror(errno)))")
            }
        } else {
            // link() refuses to replace an existing file, so a file created meanwhile is not overwritten.
            guard link(temporary, path) == 0 else {
                let reason = errno == EEXIST ? "it already exists; pass --force to replace it"
                    : String(cString: strerror(errno))
                throw KeysCommandError("cannot write '\(path)': \(reason)")
            }
            unlink(temporary)
        }
        finished = true
        // Make the rename durable too.
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }
}

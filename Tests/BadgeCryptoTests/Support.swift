import BadgeCrypto
import Foundation
import Testing

/// Helpers shared by the BadgeCrypto tests.
enum Fixture {
    /// The bytes of a file under `Fixtures/`.
    static func data(_ relativePath: String) throws -> Data {
        guard let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            throw FixtureError(message: "the Fixtures folder is missing from the test bundle")
        }
        return try Data(contentsOf: root.appendingPathComponent(relativePath))
    }

    static func text(_ relativePath: String) throws -> String {
        String(decoding: try data(relativePath), as: UTF8.self)
    }

    static func json(_ relativePath: String) throws -> Any {
        try JSONSerialization.jsonObject(with: try data(relativePath))
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Hex that must decode (test data is written by hand).
func hex(_ text: String) -> [UInt8] {
    guard let bytes = Hex.decode(text) else { preconditionFailure("bad hex in test data: \(text)") }
    return bytes
}

/// Catches the `CryptoError` a throwing call produces (or `nil` when it does not throw). Any other error is
/// recorded as a test failure: BadgeCrypto throws only `CryptoError`.
func cryptoError(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) -> CryptoError? {
    do {
        try body()
        return nil
    } catch let error as CryptoError {
        return error
    } catch {
        Issue.record("expected a CryptoError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The `openssl` command-line tool, when this machine has one.
enum OpenSSLCLI {
    static let path: String? = {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            .split(separator: ":").map { "\($0)/openssl" }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether the tool is present; when it is not, says once that the interoperability tests did not run.
    static let isAvailable: Bool = {
        if path == nil {
            print("note: the openssl command-line tool is not on PATH; OpenSSL CLI interoperability tests did not run")
        }
        return path != nil
    }()

    /// Runs `openssl` with `arguments`; returns standard output, throwing with standard error on failure.
    @discardableResult
    static func run(_ arguments: [String], input: Data? = nil) throws -> Data {
        guard let path else { throw FixtureError(message: "openssl is not available") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let inputPipe = Pipe()
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(input) }
        try inputPipe.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw FixtureError(
                message: "openssl \(arguments.joined(separator: " ")) failed: \(String(decoding: err, as: UTF8.self))")
        }
        return out
    }
}

/// A temporary directory removed when the value is dropped by the test.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("laurel-crypto-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String {
        url.appendingPathComponent(name).path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}

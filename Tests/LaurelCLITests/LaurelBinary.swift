import Foundation
import Testing

/// Runs the built `laurel` executable, as a user would.
enum LaurelBinary {
    /// The `laurel` executable: `LAUREL_BINARY` if set, else the one SwiftPM built beside this test bundle.
    ///
    /// SwiftPM puts executables and the test bundle in the same products folder (e.g. `.build/debug/`). The
    /// bundle may be a folder (macOS `.xctest`) or a file (Linux), and the process may be the bundle itself or a
    /// helper, so several starting points are tried, each with its parent folders.
    static let url: URL? = {
        let fileManager = FileManager.default
        func isExecutable(_ url: URL) -> Bool {
            var isDirectory: ObjCBool = false
            return fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && fileManager.isExecutableFile(atPath: url.path)
        }
        if let override = ProcessInfo.processInfo.environment["LAUREL_BINARY"] {
            return URL(fileURLWithPath: override)
        }
        var starts: [URL] = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        starts += ProcessInfo.processInfo.arguments.filter { $0.contains("/") }.map { URL(fileURLWithPath: $0) }
        starts += Bundle.allBundles.map(\.bundleURL)
        for start in starts {
            var folder = start.resolvingSymlinksInPath()
            for _ in 0..<5 {
                folder = folder.deletingLastPathComponent()
                let candidate = folder.appendingPathComponent("laurel")
                if isExecutable(candidate) { return candidate }
            }
        }
        let here = URL(fileURLWithPath: fileManager.currentDirectoryPath)
        for configuration in ["debug", "release"] {
            let candidate = here.appendingPathComponent(".build/\(configuration)/laurel")
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }()

    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Runs `laurel` with `arguments` in `directory`, feeding `input` to its standard input; `environment` is added
    /// to this process's environment.
    static func run(
        _ arguments: [String], in directory: URL? = nil, input: String? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        let executable = try #require(url, "the laurel executable was not found beside the test bundle")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let output = Pipe()
        let errors = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = inputPipe
        try process.run()
        if let input { inputPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try inputPipe.fileHandleForWriting.close()
        // Read both pipes before waiting, so a full pipe cannot block the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self))
    }
}

/// A temporary folder, removed when dropped.
final class ScratchFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("laurel-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func read(_ name: String) throws -> String {
        try String(contentsOfFile: path(name), encoding: .utf8)
    }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }

    /// Permission bits of a file.
    func mode(_ name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path(name))
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

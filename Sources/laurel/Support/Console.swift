#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import BadgeIssuer
import OpenBadges

/// Terminal output helpers: standard error, colour only on a terminal (honouring NO_COLOR), the clock.
enum Console {
    static var isErrorTerminal: Bool { isatty(2) == 1 }
    static var isOutputTerminal: Bool { isatty(1) == 1 }

    /// Colour is used only on a terminal and never when NO_COLOR is set (https://no-color.org).
    static var useColor: Bool {
        guard isOutputTerminal, getenv("NO_COLOR") == nil else { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }

    static func error(_ message: String) {
        writeAll(2, Array((message + "\n").utf8))
    }

    static func errorText(_ text: String) {
        writeAll(2, Array(text.utf8))
    }

    static func write(_ text: String) {
        writeAll(1, Array(text.utf8))
    }

    /// Writes bytes to standard output exactly.
    static func writeBytes(_ bytes: [UInt8]) {
        writeAll(1, bytes)
    }

    /// Unbuffered writes to a file descriptor (no shared C stdio state).
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if count < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += count
        }
    }

    enum Color: String {
        case red = "31", green = "32", yellow = "33", dim = "2", bold = "1"
    }

    static func paint(_ text: String, _ color: Color) -> String {
        useColor ? "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// The current time as a `YYYY-MM-DDTHH:MM:SSZ` dateTimeStamp.
    static func now() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return DateTimeZ(secondsSince1970: Double(spec.tv_sec)).string
    }

    static func nowSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Reads a file, or standard input for "-".
    static func readInput(_ path: String, limit: Int = 64 * 1024 * 1024) throws -> [UInt8] {
        if path == "-" {
            var out: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                out.append(contentsOf: buffer[0..<count])
                if out.count > limit { throw CLIError("standard input is larger than \(limit) bytes") }
            }
            return out
        }
        return try FileIO.read(path, limit: limit)
    }
}

/// A command failure whose message is shown as it is (no stack, no type names), exit code 1.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Draws a progress bar on a terminal, or prints a progress line every few seconds otherwise.
struct ProgressReporter {
    let label: String
    let interactive = Console.isErrorTerminal
    var lastLine = 0.0
    let start = Console.nowSeconds()

    init(label: String) {
        self.label = label
    }

    mutating func update(done: Int, total: Int, detail: String) {
        let now = Console.nowSeconds()
        let elapsed = now - start
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        if interactive {
            let width = 30
            let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            Console.errorText("\r\(label) \(bar) \(done)/\(total) (\(Int(rate))/s) \(detail)\u{1B}[K")
        } else if now - lastLine >= 2 || done == total {
            lastLine = now
            Console.errorText("\(label): \(done)/\(total) rows, \(Int(rate))/s, \(detail)\n")
        }
    }

    func finish() {
        if interactive { Console.errorText("\n") }
    }
}

/// `--workspace DIR`: the issuer workspace (default: the current folder, or the nearest parent holding laurel.json).
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .customLong("workspace"), help: ArgumentHelp("The issuer workspace folder.", valueName: "dir"))
    var path: String?

    func resolve() throws -> String {
        if let path { return path }
        var directory = FileManagerless.currentDirectory()
        while true {
            if FileIO.exists(FileIO.join(directory, Workspace.configFile)) { return directory }
            guard let slash = directory.lastIndex(of: "/"), directory != "/" else { break }
            directory = slash == directory.startIndex ? "/" : String(directory[..<slash])
        }
        throw CLIError(
            "no Laurel workspace here or in a parent folder; create one with `laurel init DIR --name NAME --url URL` or pass --workspace DIR")
    }

    func open() throws -> Workspace {
        try Workspace.open(at: try resolve())
    }
}

enum FileManagerless {
    static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        let length = buffer.firstIndex(of: 0) ?? buffer.count
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

import ArgumentParser
import Foundation

extension Laurel {
    /// Runs the command line with Laurel's documented exit codes: 0 success, 1 failure, 2 usage error.
    ///
    /// swift-argument-parser exits with `EX_USAGE` (64) for usage errors; Laurel documents 2, as most Unix tools
    /// do, so the usage case is mapped here. Everything else (help, version, errors, `ExitCode`s thrown by
    /// commands) is left to the parser.
    static func main() async {
        do {
            var command = try parseAsRoot(nil)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}

import ArgumentParser
import BadgeIssuer
import BadgeVerifier

extension TrustList {
    /// The trust lists named by `--trust` (repeatable), merged; nil when none was given. A file that cannot be
    /// read is a usage error naming the file, and the line and column for a JSON syntax error.
    static func load(_ files: [String]) throws -> TrustList? {
        var trusted: TrustList? = nil
        for file in files {
            do {
                trusted = (trusted ?? TrustList()).merging(try TrustList.parse(try FileIO.read(file), source: file))
            } catch let error as TrustList.ParseError {
                throw ValidationError("--trust: \(error.reason)")
            }
        }
        return trusted
    }
}

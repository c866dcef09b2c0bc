#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileIO {
    /// Removes a file (used to take back files written by a step that then failed).
    static func remove(_ path: String) {
        unlink(path)
    }
}

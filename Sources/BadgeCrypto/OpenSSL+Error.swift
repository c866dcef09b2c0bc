internal import COpenSSL

/// Turns OpenSSL's per-thread error queue into `CryptoError`s.
enum OpenSSLError {
    /// Empties this thread's OpenSSL error queue and returns its entries as readable text, oldest first.
    static func drain() -> [String] {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            buffer.withUnsafeMutableBufferPointer { ERR_error_string_n(code, $0.baseAddress, $0.count) }
            let text = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            if messages.count < 8 { messages.append(text) }
        }
        return messages
    }

    /// Discards anything left on this thread's error queue (before an operation whose failure we report).
    static func clear() {
        ERR_clear_error()
    }

    /// A `CryptoError` for a failed OpenSSL call: `what` says, in plain words, what Laurel was doing.
    static func failure(_ what: String) -> CryptoError {
        let messages = drain()
        let detail = messages.isEmpty ? "no further detail from OpenSSL" : messages.joined(separator: "; ")
        return CryptoError(.openSSL(detail), "OpenSSL could not \(what) (\(detail))")
    }
}

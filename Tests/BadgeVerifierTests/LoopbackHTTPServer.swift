@testable import BadgeVerifier
import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain HTTP/1.1 server on one loopback address, for the fetcher's tests. It uses blocking sockets on a thread
/// of its own, answers one connection at a time, closes each after one answer, and counts what reached it.
final class LoopbackHTTPServer: Sendable {
    struct Response: Sendable {
        var status = 200
        var headers: [String] = []
        var body: [UInt8] = []
        /// Whether a Content-Length header is sent; without one the body ends when the connection closes.
        var sendsLength = true
    }

    /// One request as the server saw it.
    struct Request: Sendable, Equatable {
        var path: String
        var host: String
    }

    let address: String
    let port: Int
    private let listener: Int32
    private let handler: @Sendable (String) -> Response
    private let seen = Mutex<(connections: Int, requests: [Request])>((0, []))

    /// Listens on `address`:`port` (0: any free port); `handler` answers each request's path.
    init(address: String = "127.0.0.1", port: Int = 0, handler: @escaping @Sendable (String) -> Response) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError(text: "socket: errno \(errno)") }
        var socketAddress = sockaddr_in()
        socketAddress.sin_family = sa_family_t(AF_INET)
        socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
        socketAddress.sin_addr.s_addr = inet_addr(address)
        let bound = withUnsafePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            close(fd)
            throw ServerError(text: "bind/listen on \(address):\(port): errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &socketAddress) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.address = address
        self.port = Int(UInt16(bigEndian: socketAddress.sin_port))
        listener = fd
        self.handler = handler
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    /// Two servers on one port: `first` on 127.0.0.1 and `second` on 127.0.0.2, as a host whose DNS answer
    /// changes would see them.
    static func pair(
        first: @escaping @Sendable (String) -> Response, second: @escaping @Sendable (String) -> Response
    ) throws -> (LoopbackHTTPServer, LoopbackHTTPServer) {
        for _ in 0..<8 {
            let one = try LoopbackHTTPServer(handler: first)
            if let two = try? LoopbackHTTPServer(address: "127.0.0.2", port: one.port, handler: second) {
                return (one, two)
            }
            one.stop()
        }
        throw ServerError(text: "no port free on both 127.0.0.1 and 127.0.0.2")
    }

    var connections: Int { seen.withLock { $0.connections } }
    var requests: [Request] { seen.withLock { $0.requests } }

    /// Stops listening; a blocked accept returns and the server's thread ends.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    deinit { close(listener) }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            seen.withLock { $0.connections += 1 }
            answer(connection)
            close(connection)
        }
    }

    private func answer(_ connection: Int32) {
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !head.ends(with: Array("\r\n\r\n".utf8)) && head.count < 64 * 1024 {
            let n = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { return }
            head += buffer[..<n]
        }
        let lines = String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n")
        let path = lines.first?.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        let host = lines.first { $0.lowercased().hasPrefix("host:") }.map {
            $0.dropFirst(5).trimmingCharacters(in: .whitespaces)
        } ?? ""
        seen.withLock { $0.requests.append(Request(path: path, host: host)) }
        let response = handler(path)
        var text = "HTTP/1.1 \(response.status) Test\r\nConnection: close\r\n"
        if response.sendsLength { text += "Content-Length: \(response.body.count)\r\n" }
        for header in response.headers { text += header + "\r\n" }
        write(connection, Array((text + "\r\n").utf8) + response.body)
    }

    private func write(_ connection: Int32, _ bytes: [UInt8]) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes {
                send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard n > 0 else { return }  // the client may stop reading (a body past its limit)
            sent += n
        }
    }
}

struct ServerError: Error {
    var text: String
}

/// Answers host names from a table the test gives, numbered by call, and counts the calls.
final class StubResolver: HostResolver {
    private let answer: @Sendable (_ host: String, _ call: Int) -> [String]
    private let calls = Mutex(0)

    /// `answer` gives the text addresses for a host at the nth call (1, 2, ...); none is a lookup failure.
    init(_ answer: @escaping @Sendable (_ host: String, _ call: Int) -> [String]) {
        self.answer = answer
    }

    var callCount: Int { calls.withLock { $0 } }

    func addresses(of host: String) -> Result<[IPAddress], ResolutionFailure> {
        let call = calls.withLock { count in
            count += 1
            return count
        }
        let found = answer(host, call).compactMap { IPAddress($0) }
        return found.isEmpty ? .failure(ResolutionFailure(reason: "no such host")) : .success(found)
    }
}

/// Runs blocking work (sockets, a fetch) on a Dispatch thread, off the cooperative threads async tests run on.
func offCooperativeThreads<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && Array(self[(count - suffix.count)...]) == suffix
    }
}

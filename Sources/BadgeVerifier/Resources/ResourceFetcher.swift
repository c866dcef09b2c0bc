import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Fetches what verification needs from the network — status lists, revocation lists, did:web documents, HTTPS
/// controller documents — for `OnlineResources`. HTTPS only, with time and size limits, and never to private,
/// loopback or link-local addresses.
public struct ResourceFetcher: Sendable {
    public var timeout: Double
    public var maxBytes: Int
    public var maxFetches: Int

    public init(timeout: Double = 10, maxBytes: Int = 4 * 1024 * 1024, maxFetches: Int = 16) {
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.maxFetches = maxFetches
    }

    /// Fetches each URL it may (HTTPS, public address); returns what arrived and a note per URL that did not.
    public func fetch(_ urls: [String]) -> (resources: [String: [UInt8]], notes: [String]) {
        var resources: [String: [UInt8]] = [:]
        var notes: [String] = []
        for url in urls.prefix(maxFetches) {
            switch fetchOne(url) {
            case .success(let bytes): resources[url] = bytes
            case .failure(let note): notes.append("\(url): \(note.text)")
            }
        }
        return (resources, notes)
    }

    struct Note: Error { var text: String }

    func fetchOne(_ text: String) -> Swift.Result<[UInt8], Note> {
        guard let url = URL(string: text), url.scheme == "https", let host = url.host else {
            return .failure(Note(text: "only https:// addresses are fetched"))
        }
        guard Self.isPublicHost(host) else {
            return .failure(Note(text: "\(host) is a private, loopback or unresolvable address; not fetched"))
        }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("application/vc+ld+json, application/ld+json, application/json, text/plain", forHTTPHeaderField: "Accept")
        let box = FetchBox()
        let semaphore = DispatchSemaphore(value: 0)
        let task = URLSession.shared.dataTask(with: request) { data, response, error in
            if let error {
                box.result = .failure(Note(text: error.localizedDescription))
            } else if let http = response as? HTTPURLResponse, !(200..<300).contains(http.statusCode) {
                box.result = .failure(Note(text: "the server answered HTTP \(http.statusCode)"))
            } else if let data, data.count <= maxBytes {
                box.result = .success([UInt8](data))
            } else {
                box.result = .failure(Note(text: "the answer is larger than \(maxBytes) bytes"))
            }
            semaphore.signal()
        }
        task.resume()
        if semaphore.wait(timeout: .now() + timeout + 1) == .timedOut {
            task.cancel()
            return .failure(Note(text: "no answer within \(Int(timeout)) s"))
        }
        return box.result ?? .failure(Note(text: "no answer"))
    }

    /// Whether every address `host` resolves to is public (not loopback, private, link-local or unspecified).
    static func isPublicHost(_ host: String) -> Bool {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>? = nil
        guard getaddrinfo(host, "443", &hints, &result) == 0, let first = result else { return false }
        defer { freeaddrinfo(first) }
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if info.pointee.ai_family == AF_INET, let address = info.pointee.ai_addr {
                let bytes = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin_addr.s_addr) { Array($0) }
                }
                let (a, b) = (bytes[0], bytes[1])
                if a == 0 || a == 10 || a == 127 || (a == 169 && b == 254) || (a == 172 && (16...31).contains(b))
                    || (a == 192 && b == 168) || (a == 100 && (64...127).contains(b)) || a >= 224
                {
                    return false
                }
            } else if info.pointee.ai_family == AF_INET6, let address = info.pointee.ai_addr {
                let bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
                }
                let loopback = bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] <= 1
                let linkLocal = bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80
                let uniqueLocal = bytes[0] & 0xFE == 0xFC
                let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
                if loopback || linkLocal || uniqueLocal || mapped || bytes[0] == 0xFF { return false }
            }
            cursor = info.pointee.ai_next
        }
        return true
    }
}

/// Carries a fetch result out of URLSession's completion handler.
final class FetchBox: @unchecked Sendable {
    // @unchecked: written once by the completion handler before the semaphore is signalled, read after the wait.
    var result: Swift.Result<[UInt8], ResourceFetcher.Note>?
}

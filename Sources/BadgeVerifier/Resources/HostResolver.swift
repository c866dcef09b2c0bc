#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a host name has no addresses: a sentence fragment ("Name or service not known").
struct ResolutionFailure: Error, Sendable {
    var reason: String
}

/// Turns a host name into its addresses. `ResourceFetcher` asks once per hop, checks every answer, and connects
/// only to the addresses it was given, so an answer that changes between lookups cannot reach a refused address.
protocol HostResolver: Sendable {
    func addresses(of host: String) -> Result<[IPAddress], ResolutionFailure>
}

/// The system's resolver, through `getaddrinfo`: IPv4 and IPv6 answers, in the order given, without repeats.
struct SystemResolver: HostResolver {
    func addresses(of host: String) -> Result<[IPAddress], ResolutionFailure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>? = nil
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0, let first = list else {
            return .failure(ResolutionFailure(reason: String(cString: gai_strerror(status))))
        }
        defer { freeaddrinfo(first) }
        var found: [IPAddress] = []
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            if let address = info.pointee.ai_addr, let ip = Self.address(address, family: info.pointee.ai_family),
                !found.contains(ip)
            {
                found.append(ip)
            }
            cursor = info.pointee.ai_next
        }
        return found.isEmpty ? .failure(ResolutionFailure(reason: "no IPv4 or IPv6 address")) : .success(found)
    }

    private static func address(_ address: UnsafeMutablePointer<sockaddr>, family: Int32) -> IPAddress? {
        switch family {
        case AF_INET:
            address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                IPAddress(bytes: withUnsafeBytes(of: pointer.pointee.sin_addr) { Array($0) })
            }
        case AF_INET6:
            address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                IPAddress(bytes: withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) })
            }
        default: nil
        }
    }
}

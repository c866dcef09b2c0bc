#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An IPv4 (4 bytes) or IPv6 (16 bytes) address, in network byte order.
struct IPAddress: Hashable, Sendable, CustomStringConvertible {
    let bytes: [UInt8]

    init?(bytes: [UInt8]) {
        guard bytes.count == 4 || bytes.count == 16 else { return nil }
        self.bytes = bytes
    }

    /// Parses the usual text forms: dotted IPv4 ("192.0.2.1") or IPv6 ("2001:db8::1"), without brackets.
    init?(_ text: String) {
        var ipv4 = in_addr()
        if inet_pton(AF_INET, text, &ipv4) == 1 {
            bytes = withUnsafeBytes(of: &ipv4) { Array($0) }
            return
        }
        var ipv6 = in6_addr()
        if inet_pton(AF_INET6, text, &ipv6) == 1 {
            bytes = withUnsafeBytes(of: &ipv6) { Array($0) }
            return
        }
        return nil
    }

    var isIPv6: Bool { bytes.count == 16 }

    /// The usual text form, as `inet_ntop` writes it.
    var description: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        let written = bytes.withUnsafeBytes { raw in
            inet_ntop(isIPv6 ? AF_INET6 : AF_INET, raw.baseAddress, &text, socklen_t(text.count))
        }
        guard written != nil else { return bytes.map { String($0) }.joined(separator: ".") }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// What kind of address an IP address is, as far as fetching is concerned: only `.public` addresses are fetched
/// from (outside tests). The others reach the verifying host itself, its local networks, or nothing routable.
enum AddressKind: Equatable, Sendable {
    case `public`
    /// 0.0.0.0/8 ("this network") and the IPv6 unspecified address `::`.
    case unspecified
    /// 127.0.0.0/8 and `::1`.
    case loopback
    /// RFC 1918: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16.
    case privateNetwork
    /// 100.64.0.0/10, the carrier-grade NAT range (RFC 6598).
    case sharedAddressSpace
    /// 169.254.0.0/16 (where cloud metadata services answer) and fe80::/10.
    case linkLocal
    /// 224.0.0.0/4 and ff00::/8.
    case multicast
    /// 240.0.0.0/4 with the broadcast address, 192.0.0.0/24 (protocol assignments), 198.18.0.0/15 (benchmarking).
    case reserved
    /// fc00::/7, IPv6's private networks.
    case uniqueLocal
    /// fec0::/10, deprecated but still routed locally by some networks.
    case siteLocal
    /// ::ffff:0:0/96, an IPv4 address written as IPv6, refused whatever the IPv4 address is.
    case ipv4Mapped
    /// ::/96 apart from `::` and `::1`: the deprecated IPv4-compatible form.
    case ipv4Compatible

    /// The kind, as a noun phrase for a note: "a loopback address".
    var phrase: String {
        switch self {
        case .public: "a public address"
        case .unspecified: "an unspecified (this-network) address"
        case .loopback: "a loopback address"
        case .privateNetwork: "a private-network address"
        case .sharedAddressSpace: "a shared (carrier-grade NAT) address"
        case .linkLocal: "a link-local address"
        case .multicast: "a multicast address"
        case .reserved: "a reserved address"
        case .uniqueLocal: "a unique-local (private) IPv6 address"
        case .siteLocal: "a site-local IPv6 address"
        case .ipv4Mapped: "an IPv4-mapped IPv6 address"
        case .ipv4Compatible: "an IPv4-compatible IPv6 address"
        }
    }
}

/// The rules that decide which addresses may be fetched from, over address bytes alone.
enum AddressRules {
    /// The kind of the address in `bytes` (4 bytes for IPv4, 16 for IPv6); any other length is `.reserved`.
    /// IPv6 forms that embed an IPv4 address for translation (NAT64 64:ff9b::/96, 6to4 2002::/16) take the
    /// embedded address's kind when that is not public.
    static func kind(of bytes: [UInt8]) -> AddressKind {
        switch bytes.count {
        case 4: return ipv4Kind(bytes[0], bytes[1], bytes[2])
        case 16: return ipv6Kind(bytes)
        default: return .reserved
        }
    }

    private static func ipv4Kind(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> AddressKind {
        switch (a, b) {
        case (0, _): return .unspecified
        case (10, _), (172, 16...31), (192, 168): return .privateNetwork
        case (127, _): return .loopback
        case (169, 254): return .linkLocal
        case (100, 64...127): return .sharedAddressSpace
        case (224...239, _): return .multicast
        case (240..., _), (198, 18...19): return .reserved
        case (192, 0) where c == 0: return .reserved
        default: return .public
        }
    }

    private static func ipv6Kind(_ bytes: [UInt8]) -> AddressKind {
        let zeroPrefix = bytes[0..<10].allSatisfy { $0 == 0 }
        if zeroPrefix && bytes[10] == 0xFF && bytes[11] == 0xFF { return .ipv4Mapped }
        if zeroPrefix && bytes[10] == 0 && bytes[11] == 0 {
            if bytes[12..<15].allSatisfy({ $0 == 0 }) && bytes[15] <= 1 {
                return bytes[15] == 0 ? .unspecified : .loopback
            }
            return .ipv4Compatible
        }
        if bytes[0] == 0xFF { return .multicast }
        if bytes[0] & 0xFE == 0xFC { return .uniqueLocal }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0x80 { return .linkLocal }
        if bytes[0] == 0xFE && bytes[1] & 0xC0 == 0xC0 { return .siteLocal }
        let nat64: [UInt8] = [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]
        if Array(bytes[0..<12]) == nat64 {
            let embedded = ipv4Kind(bytes[12], bytes[13], bytes[14])
            if embedded != .public { return embedded }
        }
        if bytes[0] == 0x20 && bytes[1] == 0x02 {
            let embedded = ipv4Kind(bytes[2], bytes[3], bytes[4])
            if embedded != .public { return embedded }
        }
        return .public
    }
}

/// Which URLs and addresses a `ResourceFetcher` may fetch from. Production code uses `.publicHTTPS` only; the
/// other values exist for tests that run real servers on loopback addresses.
struct AddressPolicy: Sendable, Equatable {
    /// Addresses fetched from even though the rules refuse them.
    var allowedAddresses: Set<IPAddress>
    /// Whether plain `http://` URLs are fetched too.
    var allowsHTTP: Bool

    /// HTTPS, public addresses only.
    static let publicHTTPS = AddressPolicy(allowedAddresses: [], allowsHTTP: false)

    /// For tests: the public rules, plus the `allow`ed addresses (text form) and, when `allowHTTP`, plain HTTP.
    static func testing(allow: [String], allowHTTP: Bool) -> AddressPolicy {
        AddressPolicy(allowedAddresses: Set(allow.compactMap { IPAddress($0) }), allowsHTTP: allowHTTP)
    }

    /// The URL schemes fetched, in libcurl's protocol-list form.
    var protocols: String { allowsHTTP ? "http,https" : "https" }

    func permits(scheme: String) -> Bool {
        scheme == "https" || (allowsHTTP && scheme == "http")
    }

    /// Why `address` may not be connected to, or nil when it may.
    func refusal(of address: IPAddress) -> AddressKind? {
        if allowedAddresses.contains(address) { return nil }
        let kind = AddressRules.kind(of: address.bytes)
        return kind == .public ? nil : kind
    }
}

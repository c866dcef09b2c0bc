import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A URL as libcurl parses it. The same parsed handle that the host, scheme and port are read from is the one
/// the transfer uses, so the checks and the connection cannot disagree about what the URL names.
///
/// `@unchecked Sendable`: nothing changes the parsed handle after `init`; libcurl only reads it.
final class ParsedURL: @unchecked Sendable {
    fileprivate let handle: OpaquePointer
    /// Lowercase scheme ("https").
    let scheme: String
    /// The host as written, without the brackets of an IPv6 literal.
    let host: String
    /// The port, the scheme's default when the URL names none.
    let port: Int
    /// The host's address when the host is an IP literal.
    let literal: IPAddress?

    init?(_ text: String) {
        guard ResourceTransport.unavailable == nil, let handle = laurel_curl_url() else { return nil }
        self.handle = handle
        guard laurel_curl_url_set(handle, CURLUPART_URL, text, 0) == CURLUE_OK,
            let scheme = Self.part(handle, CURLUPART_SCHEME),
            let host = Self.part(handle, CURLUPART_HOST), !host.isEmpty,
            let port = Self.part(handle, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT)).flatMap({ Int($0) })
        else {
            laurel_curl_url_cleanup(handle)
            return nil
        }
        self.scheme = scheme.lowercased()
        self.port = port
        if host.hasPrefix("[") && host.hasSuffix("]") {
            self.host = String(host.dropFirst().dropLast())
        } else {
            self.host = host
        }
        literal = IPAddress(self.host)
    }

    deinit { laurel_curl_url_cleanup(handle) }

    private static func part(_ handle: OpaquePointer, _ what: CURLUPart, flags: UInt32 = 0) -> String? {
        var text: UnsafeMutablePointer<CChar>? = nil
        guard laurel_curl_url_get(handle, what, &text, flags) == CURLUE_OK, let text else { return nil }
        defer { laurel_curl_free(text) }
        return String(cString: text)
    }
}

/// Where one request goes: the parsed URL and the checked addresses that its host was resolved to. libcurl is
/// told these addresses (so it does not resolve the host again) and may open sockets to no others.
struct PinnedTarget: Sendable {
    let url: ParsedURL
    let addresses: [IPAddress]
}

/// What one request came to.
enum HopOutcome {
    case body([UInt8])
    /// A 3xx answer naming where to go next (an absolute URL); not followed here.
    case redirect(String)
    /// No complete answer within the time given.
    case timedOut
    /// The request failed; the reason is a sentence fragment.
    case failure(String)
}

/// The per-request state libcurl's callbacks reach through their user-data pointer. Used on the one thread that
/// runs the transfer.
private final class TransferState {
    let maxBytes: Int
    let pinned: Set<IPAddress>
    let policy: AddressPolicy
    var body: [UInt8] = []
    var tooLarge = false
    /// Set when the socket guard refused an address; the transfer then fails with this reason.
    var refusal: String?

    init(maxBytes: Int, pinned: Set<IPAddress>, policy: AddressPolicy) {
        self.maxBytes = maxBytes
        self.pinned = pinned
        self.policy = policy
    }

    func permits(_ address: IPAddress) -> Bool {
        if !pinned.contains(address) {
            refusal = "the connection to \(address) was refused: it is not the address that was checked"
            return false
        }
        if let kind = policy.refusal(of: address) {
            refusal = "the connection to \(address) was refused: it is \(kind.phrase)"
            return false
        }
        return true
    }
}

/// HTTP GET requests through libcurl, one at a time, to pinned addresses only.
enum ResourceTransport {
    /// Why requests cannot be made, or nil when they can: libcurl is loaded (on first use) and its one-time
    /// global set-up is done, before the first handle is made.
    static let unavailable: String? = {
        if let reason = laurel_curl_unavailable_reason() { return String(cString: reason) }
        return laurel_curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK ? nil : "libcurl could not be set up"
    }()

    static let accept = "Accept: application/vc+ld+json, application/ld+json, application/json, text/plain"

    /// One GET of `target`, redirects not followed, within `seconds` (at most `connectSeconds` to connect).
    static func get(
        _ target: PinnedTarget, policy: AddressPolicy, maxBytes: Int, seconds: Double, connectSeconds: Double
    ) -> HopOutcome {
        if let unavailable { return .failure(unavailable) }
        guard let handle = laurel_curl_easy_init() else { return .failure("the HTTP client could not be started") }
        defer { laurel_curl_easy_cleanup(handle) }
        let state = TransferState(maxBytes: maxBytes, pinned: Set(target.addresses), policy: policy)
        let headers = laurel_curl_slist_append(nil, accept)
        defer { laurel_curl_slist_free_all(headers) }
        var resolve: UnsafeMutablePointer<curl_slist>? = nil
        defer { laurel_curl_slist_free_all(resolve) }
        if target.url.literal == nil {
            // "host:port:address,address": libcurl takes these as the host's addresses instead of resolving it.
            let addresses = target.addresses.map { $0.isIPv6 ? "[\($0)]" : "\($0)" }.joined(separator: ",")
            resolve = laurel_curl_slist_append(nil, "\(target.url.host):\(target.url.port):\(addresses)")
        }
        var errorText = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let code: CURLcode = withExtendedLifetime(state) {
            errorText.withUnsafeMutableBufferPointer { errorBuffer in
                let context = Unmanaged.passUnretained(state).toOpaque()
                let setUp = [
                    laurel_curl_set_pointer(handle, CURLOPT_CURLU, UnsafeMutableRawPointer(target.url.handle)),
                    laurel_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, policy.protocols),
                    laurel_curl_set_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, policy.protocols),
                    laurel_curl_set_long(handle, CURLOPT_FOLLOWLOCATION, 0),
                    laurel_curl_set_long(handle, CURLOPT_MAXREDIRS, 0),
                    // An empty proxy and "no proxy for any host": a proxy from the environment would connect on
                    // the fetcher's behalf, past the address checks.
                    laurel_curl_set_string(handle, CURLOPT_PROXY, ""),
                    laurel_curl_set_string(handle, CURLOPT_NOPROXY, "*"),
                    // The certificate is checked, against the URL's host name: pinning changes where libcurl
                    // connects, not the name it verifies.
                    laurel_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, 1),
                    laurel_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, 2),
                    laurel_curl_set_long(handle, CURLOPT_NOSIGNAL, 1),
                    laurel_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, milliseconds(connectSeconds)),
                    laurel_curl_set_long(handle, CURLOPT_TIMEOUT_MS, milliseconds(seconds)),
                    laurel_curl_set_long(handle, CURLOPT_MAXFILESIZE, maxBytes),
                    laurel_curl_set_list(handle, CURLOPT_HTTPHEADER, headers),
                    laurel_curl_set_list(handle, CURLOPT_RESOLVE, resolve),
                    laurel_curl_set_string(handle, CURLOPT_USERAGENT, "Laurel badge verifier"),
                    laurel_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer.baseAddress),
                    laurel_curl_set_write_function(handle, receive),
                    laurel_curl_set_pointer(handle, CURLOPT_WRITEDATA, context),
                    laurel_curl_set_open_socket_function(handle, openSocket),
                    laurel_curl_set_pointer(handle, CURLOPT_OPENSOCKETDATA, context),
                ]
                if let failed = setUp.first(where: { $0 != CURLE_OK }) { return failed }
                return laurel_curl_easy_perform(handle)
            }
        }
        if let refusal = state.refusal { return .failure(refusal) }
        if state.tooLarge || code == CURLE_FILESIZE_EXCEEDED {
            return .failure("the answer is larger than \(maxBytes) bytes")
        }
        if code == CURLE_OPERATION_TIMEDOUT { return .timedOut }
        guard code == CURLE_OK else {
            var detail = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if detail.isEmpty { detail = String(cString: laurel_curl_easy_strerror(code)) }
            return .failure("the request failed: \(detail)")
        }
        var status = 0
        laurel_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &status)
        if [301, 302, 303, 307, 308].contains(status) {
            var location: UnsafePointer<CChar>? = nil
            laurel_curl_get_string(handle, CURLINFO_REDIRECT_URL, &location)
            guard let location else { return .failure("the server answered HTTP \(status) without a Location") }
            return .redirect(String(cString: location))
        }
        guard (200..<300).contains(status) else { return .failure("the server answered HTTP \(status)") }
        return .body(state.body)
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        max(1, Int((seconds * 1000).rounded(.up)))
    }

    /// Receives body bytes; stops the transfer (by taking none) once more than `maxBytes` would have arrived.
    private static let receive: curl_write_callback = { bytes, size, count, context in
        guard let context else { return 0 }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        let length = size * count
        guard length <= state.maxBytes - state.body.count else {
            state.tooLarge = true
            return 0
        }
        if let bytes, length > 0 {
            bytes.withMemoryRebound(to: UInt8.self, capacity: length) { start in
                state.body.append(contentsOf: UnsafeBufferPointer(start: start, count: length))
            }
        }
        return length
    }

    /// Opens each socket libcurl connects through, after checking the address it is for: one of the pinned
    /// addresses, and one the policy allows. Anything else gets no socket, so nothing is sent to it.
    private static let openSocket: curl_opensocket_callback = { context, purpose, address in
        guard let context, let address, purpose == CURLSOCKTYPE_IPCXN else { return CURL_SOCKET_BAD }
        let state = Unmanaged<TransferState>.fromOpaque(context).takeUnretainedValue()
        var bytes = [UInt8](repeating: 0, count: 16)
        var port: UInt32 = 0
        let length = laurel_curl_socket_address(address, &bytes, &port)
        guard let ip = IPAddress(bytes: Array(bytes.prefix(length))) else {
            state.refusal = "the connection was refused: it is not to an IPv4 or IPv6 address"
            return CURL_SOCKET_BAD
        }
        guard state.permits(ip) else { return CURL_SOCKET_BAD }
        return socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
    }
}

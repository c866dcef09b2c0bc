@testable import BadgeVerifier
import BadgeProofs
import LinkedData
import Testing

@Suite struct ResourceFetcherTests {
    @Test("only public HTTPS addresses are fetched; loopback and private ranges are refused without a request")
    func addresses() async {
        let urls = [
            "http://example.org/list", "https://127.0.0.1/list", "https://localhost/list", "https://[::1]/list",
            "https://169.254.169.254/latest", "https://10.1.2.3/list", "https://no-such-host.invalid/list",
            "file:///etc/passwd", "ftp://example.org/list",
        ]
        let result = await offCooperativeThreads { ResourceFetcher(timeout: 1).fetch(urls) }
        #expect(result.resources.isEmpty)
        #expect(result.notes.count == urls.count)
        #expect(result.notes[0] == "http://example.org/list: only https:// addresses are fetched")
        #expect(result.notes[1] == "https://127.0.0.1/list: 127.0.0.1 is a loopback address; not fetched")
        #expect(result.notes[2].hasPrefix("https://localhost/list: localhost resolves to "))
        #expect(result.notes[2].hasSuffix("a loopback address; not fetched"))
        #expect(result.notes[3] == "https://[::1]/list: ::1 is a loopback address; not fetched")
        #expect(result.notes[4].contains("169.254.169.254 is a link-local address; not fetched"))
        #expect(result.notes[5].contains("10.1.2.3 is a private-network address; not fetched"))
        #expect(result.notes[6].contains("no-such-host.invalid could not be resolved"))
        #expect(result.notes[7].hasSuffix("only https:// addresses are fetched"))
        #expect(result.notes[8].hasSuffix("only https:// addresses are fetched"))
    }

    @Test("online resources go through the same address rules, are fetched once per URL, and say why not")
    func onlineResources() async {
        let online = OnlineResources(fetcher: ResourceFetcher(timeout: 1), maxDistinctURLs: 2)
        let first = await offCooperativeThreads { online.resource(at: "https://127.0.0.1/status/1") }
        guard case .unavailable(let reason) = first else {
            Issue.record("a loopback address was fetched")
            return
        }
        #expect(reason.contains("could not be fetched") && reason.contains("not fetched"))
        let third = await offCooperativeThreads {
            _ = online.resource(at: "http://example.org/list")
            return online.resource(at: "https://example.org/third")
        }
        guard case .unavailable(let capped) = third else {
            Issue.record("a third address was fetched past the limit")
            return
        }
        #expect(capped.contains("already fetched 2"))
    }

    @Test("a chain answers from the first source that has the URL, with the last source's reason otherwise")
    func chain() {
        let local = LocalResources(["https://example.edu/a": [1]])
        let workspace = WorkspaceResources { $0 == "https://example.edu/b" ? [2] : nil }
        let chain = ResourceChain([local, workspace])
        #expect(chain.resource(at: "https://example.edu/a#x").bytes == [1])
        guard case .found(let bytes, let origin) = chain.resource(at: "https://example.edu/b") else {
            Issue.record("not found")
            return
        }
        #expect(bytes == [2] && origin == .workspace)
        guard case .unavailable(let reason) = chain.resource(at: "https://example.edu/c") else {
            Issue.record("found a URL no source has")
            return
        }
        #expect(reason.contains("workspace"))
    }
}

/// The fetcher against real servers on loopback addresses, under a test policy that allows plain HTTP and
/// 127.0.0.1 only (127.0.0.2 stays refused as loopback), with host names answered by stub resolvers.
@Suite struct PinnedFetchTests {
    static let policy = AddressPolicy.testing(allow: ["127.0.0.1"], allowHTTP: true)

    static func fetcher(
        maxBytes: Int = 4 * 1024 * 1024, resolver: any HostResolver = SystemResolver(),
        policy: AddressPolicy = policy
    ) -> ResourceFetcher {
        ResourceFetcher(timeout: 10, maxBytes: maxBytes, policy: policy, resolver: resolver)
    }

    static func fetch(_ fetcher: ResourceFetcher, _ url: String) async -> (resources: [String: [UInt8]], notes: [String]) {
        await offCooperativeThreads { fetcher.fetch([url]) }
    }

    static let ok = LoopbackHTTPServer.Response(body: Array("the list".utf8))

    static func redirect(_ location: String) -> LoopbackHTTPServer.Response {
        LoopbackHTTPServer.Response(status: 302, headers: ["Location: \(location)"])
    }

    @Test("a host name is resolved once and the request goes to the checked address, with the name as Host")
    func pinnedFetch() async throws {
        let server = try LoopbackHTTPServer { _ in Self.ok }
        defer { server.stop() }
        let resolver = StubResolver { host, _ in host == "issuer.test" ? ["127.0.0.1"] : [] }
        let url = "http://issuer.test:\(server.port)/list"
        let result = await Self.fetch(Self.fetcher(resolver: resolver), url)
        #expect(result.notes.isEmpty, "\(result.notes)")
        #expect(result.resources[url] == Array("the list".utf8))
        #expect(resolver.callCount == 1)
        #expect(server.requests == [.init(path: "/list", host: "issuer.test:\(server.port)")])
    }

    @Test("a redirect to an address the policy refuses stops at that hop, which is never contacted")
    func redirectToRefusedAddress() async throws {
        let hidden = try LoopbackHTTPServer(address: "127.0.0.2") { _ in Self.ok }
        defer { hidden.stop() }
        let target = "http://127.0.0.2:\(hidden.port)/secret"
        let server = try LoopbackHTTPServer { path in
            path == "/start" ? Self.redirect(target) : LoopbackHTTPServer.Response(status: 404)
        }
        defer { server.stop() }
        let url = "http://127.0.0.1:\(server.port)/start"
        let result = await Self.fetch(Self.fetcher(), url)
        #expect(result.resources.isEmpty)
        #expect(result.notes == ["\(url): redirected to \(target) (hop 2), a loopback address; not fetched"])
        #expect(server.connections == 1)
        #expect(hidden.connections == 0)

        // The refused server does answer when the policy allows it: the count above means something.
        let open = Self.fetcher(policy: .testing(allow: ["127.0.0.2"], allowHTTP: true))
        let direct = await Self.fetch(open, target)
        #expect(direct.resources[target] == Array("the list".utf8), "\(direct.notes)")
        #expect(hidden.connections == 1)
    }

    @Test("a redirect is re-checked like a first URL: a refused scheme, an HTTP error at a later hop")
    func redirectChecks() async throws {
        let server = try LoopbackHTTPServer { path in
            switch path {
            case "/to-file": Self.redirect("file:///etc/passwd")
            case "/to-missing": Self.redirect("/missing")
            default: LoopbackHTTPServer.Response(status: 404)
            }
        }
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let file = await Self.fetch(Self.fetcher(), base + "/to-file")
        #expect(file.notes == [
            "\(base)/to-file: redirected to file:///etc/passwd (hop 2); only https:// addresses are fetched"
        ])
        let missing = await Self.fetch(Self.fetcher(), base + "/to-missing")
        #expect(missing.notes == [
            "\(base)/to-missing: redirected to \(base)/missing (hop 2): the server answered HTTP 404"
        ])
        let strict = await Self.fetch(ResourceFetcher(timeout: 10), base + "/to-file")
        #expect(strict.notes == ["\(base)/to-file: only https:// addresses are fetched"])
        #expect(server.connections == 3)
    }

    @Test("DNS rebinding: an answer that changes after the check is never asked for, so never used")
    func rebinding() async throws {
        let (allowed, rebound) = try LoopbackHTTPServer.pair(first: { _ in Self.ok }, second: { _ in Self.ok })
        defer {
            allowed.stop()
            rebound.stop()
        }
        let resolver = StubResolver { _, call in call == 1 ? ["127.0.0.1"] : ["127.0.0.2"] }
        let url = "http://rebind.test:\(allowed.port)/list"
        let result = await Self.fetch(Self.fetcher(resolver: resolver), url)
        #expect(result.resources[url] == Array("the list".utf8), "\(result.notes)")
        #expect(resolver.callCount == 1)
        #expect(allowed.requests == [.init(path: "/list", host: "rebind.test:\(allowed.port)")])
        #expect(rebound.connections == 0)
    }

    @Test("DNS rebinding across a redirect: the next hop is resolved and checked again, and refused")
    func rebindingAtRedirect() async throws {
        let (allowed, rebound) = try LoopbackHTTPServer.pair(
            first: { path in path == "/start" ? Self.redirect("/list") : Self.ok }, second: { _ in Self.ok })
        defer {
            allowed.stop()
            rebound.stop()
        }
        let resolver = StubResolver { _, call in call == 1 ? ["127.0.0.1"] : ["127.0.0.2"] }
        let base = "http://rebind.test:\(allowed.port)"
        let result = await Self.fetch(Self.fetcher(resolver: resolver), base + "/start")
        #expect(result.resources.isEmpty)
        #expect(result.notes == [
            "\(base)/start: redirected to \(base)/list (hop 2), where rebind.test resolves to 127.0.0.2, a loopback"
                + " address; not fetched"
        ])
        #expect(resolver.callCount == 2)
        #expect(allowed.requests.map(\.path) == ["/start"])
        #expect(rebound.connections == 0)
    }

    @Test("a host that resolves to a refused address is not connected to")
    func refusedAnswer() async throws {
        let hidden = try LoopbackHTTPServer(address: "127.0.0.2") { _ in Self.ok }
        defer { hidden.stop() }
        let resolver = StubResolver { _, _ in ["127.0.0.2"] }
        let url = "http://evil.test:\(hidden.port)/list"
        let result = await Self.fetch(Self.fetcher(resolver: resolver), url)
        #expect(result.notes == ["\(url): evil.test resolves to 127.0.0.2, a loopback address; not fetched"])
        #expect(hidden.connections == 0)
    }

    @Test("a host with one public and one private address is refused, whichever comes first")
    func mixedAnswers() async {
        let answers = [
            ["93.184.215.14", "10.0.0.1"], ["10.0.0.1", "93.184.215.14"], ["2606:4700::1111", "fd00::1"],
            ["93.184.215.14", "::ffff:127.0.0.1"],
        ]
        for addresses in answers {
            let resolver = StubResolver { _, _ in addresses }
            let url = "https://mixed.test/list"
            let result = await Self.fetch(ResourceFetcher(timeout: 2, policy: .publicHTTPS, resolver: resolver), url)
            #expect(result.resources.isEmpty)
            #expect(result.notes.count == 1)
            #expect(result.notes.first?.hasPrefix("\(url): mixed.test resolves to ") == true, "\(result.notes)")
            #expect(result.notes.first?.hasSuffix("; not fetched") == true, "\(result.notes)")
            #expect(resolver.callCount == 1)
        }
    }

    @Test("five redirects are followed; a sixth is refused")
    func redirectLimit() async throws {
        // /r/N redirects to /r/N-1, by a relative Location; /r/0 answers.
        let server = try LoopbackHTTPServer { path in
            guard path.hasPrefix("/r/"), let n = Int(path.dropFirst(3)) else { return LoopbackHTTPServer.Response(status: 404) }
            return n == 0 ? Self.ok : Self.redirect("/r/\(n - 1)")
        }
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let five = await Self.fetch(Self.fetcher(), base + "/r/5")
        #expect(five.resources[base + "/r/5"] == Array("the list".utf8), "\(five.notes)")
        #expect(server.connections == 6)
        let six = await Self.fetch(Self.fetcher(), base + "/r/6")
        #expect(six.resources.isEmpty)
        #expect(six.notes == ["\(base)/r/6: redirected more than 5 times (last to \(base)/r/0); not followed"])
        #expect(server.connections == 12)
    }

    @Test("an answer larger than maxBytes is refused, with or without a Content-Length")
    func sizeLimit() async throws {
        let server = try LoopbackHTTPServer { path in
            let size = path.hasSuffix("small") ? 1000 : 200_000
            return LoopbackHTTPServer.Response(
                body: [UInt8](repeating: 0x61, count: size), sendsLength: !path.hasPrefix("/unsized"))
        }
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let fetcher = Self.fetcher(maxBytes: 1000)
        let result = await offCooperativeThreads {
            fetcher.fetch([base + "/sized", base + "/unsized", base + "/sized-small", base + "/unsized-small"])
        }
        #expect(result.notes == [
            "\(base)/sized: the answer is larger than 1000 bytes",
            "\(base)/unsized: the answer is larger than 1000 bytes",
        ])
        #expect(result.resources[base + "/sized-small"]?.count == 1000)
        #expect(result.resources[base + "/unsized-small"]?.count == 1000)
    }

    @Test("the socket guard refuses an address that was not the checked one, and one the policy refuses")
    func socketGuard() async throws {
        let hidden = try LoopbackHTTPServer(address: "127.0.0.2") { _ in Self.ok }
        defer { hidden.stop() }
        let url = try #require(ParsedURL("http://127.0.0.2:\(hidden.port)/list"))
        let loopback = try #require(IPAddress("127.0.0.1"))
        let other = try #require(IPAddress("127.0.0.2"))
        let (unchecked, refused) = await offCooperativeThreads {
            let policy = Self.policy
            let unchecked = ResourceTransport.get(
                PinnedTarget(url: url, addresses: [loopback]), policy: policy, maxBytes: 1000, seconds: 5,
                connectSeconds: 5)
            let refused = ResourceTransport.get(
                PinnedTarget(url: url, addresses: [other]), policy: policy, maxBytes: 1000, seconds: 5,
                connectSeconds: 5)
            return (String(describing: unchecked), String(describing: refused))
        }
        #expect(unchecked.contains("127.0.0.2 was refused: it is not the address that was checked"), "\(unchecked)")
        #expect(refused.contains("127.0.0.2 was refused: it is a loopback address"), "\(refused)")
        #expect(hidden.connections == 0)
    }
}

@Suite struct AddressRuleTests {
    @Test("the address rules, over IPv4 and IPv6 bytes")
    func table() throws {
        let table: [(String, AddressKind)] = [
            ("93.184.215.14", .public), ("8.8.8.8", .public), ("1.1.1.1", .public), ("172.15.255.255", .public),
            ("172.32.0.1", .public), ("100.63.255.255", .public), ("100.128.0.1", .public), ("223.255.255.255", .public),
            ("192.0.1.1", .public), ("198.20.0.1", .public),
            ("0.0.0.0", .unspecified), ("0.1.2.3", .unspecified),
            ("127.0.0.1", .loopback), ("127.255.255.254", .loopback),
            ("10.0.0.1", .privateNetwork), ("172.16.0.1", .privateNetwork), ("172.31.255.255", .privateNetwork),
            ("192.168.1.1", .privateNetwork),
            ("169.254.169.254", .linkLocal), ("100.64.0.1", .sharedAddressSpace), ("100.127.255.255", .sharedAddressSpace),
            ("224.0.0.1", .multicast), ("239.255.255.250", .multicast),
            ("240.0.0.1", .reserved), ("255.255.255.255", .reserved), ("192.0.0.8", .reserved), ("198.18.0.1", .reserved),
            ("2606:4700::1111", .public), ("2001:4860:4860::8888", .public), ("64:ff9b::808:808", .public),
            ("2002:5db8:d70e::1", .public),
            ("::", .unspecified), ("::1", .loopback), ("fe80::1", .linkLocal), ("febf::1", .linkLocal),
            ("fec0::1", .siteLocal), ("fc00::1", .uniqueLocal), ("fd12:3456::1", .uniqueLocal),
            ("ff02::1", .multicast), ("::ffff:127.0.0.1", .ipv4Mapped), ("::ffff:8.8.8.8", .ipv4Mapped),
            ("::127.0.0.1", .ipv4Compatible), ("64:ff9b::7f00:1", .loopback), ("64:ff9b::a00:1", .privateNetwork),
            ("2002:a9fe:a9fe::1", .linkLocal), ("2002:c0a8:101::1", .privateNetwork),
        ]
        for (text, kind) in table {
            let address = try #require(IPAddress(text), "\(text)")
            #expect(AddressRules.kind(of: address.bytes) == kind, "\(text)")
            #expect(address.description == text, "\(text)")
        }
        #expect(AddressRules.kind(of: [1, 2, 3]) == .reserved)
        #expect(IPAddress("127.1") == nil && IPAddress("example.org") == nil)
    }

    @Test("the production policy allows public addresses and HTTPS only; a test policy adds only what it names")
    func policies() throws {
        let loopback = try #require(IPAddress("127.0.0.1"))
        let other = try #require(IPAddress("127.0.0.2"))
        let public4 = try #require(IPAddress("93.184.215.14"))
        #expect(AddressPolicy.publicHTTPS.refusal(of: loopback) == .loopback)
        #expect(AddressPolicy.publicHTTPS.refusal(of: public4) == nil)
        #expect(!AddressPolicy.publicHTTPS.permits(scheme: "http"))
        #expect(AddressPolicy.publicHTTPS.protocols == "https")
        let testing = AddressPolicy.testing(allow: ["127.0.0.1"], allowHTTP: true)
        #expect(testing.refusal(of: loopback) == nil)
        #expect(testing.refusal(of: other) == .loopback)
        #expect(testing.permits(scheme: "http") && !testing.permits(scheme: "ftp"))
    }
}

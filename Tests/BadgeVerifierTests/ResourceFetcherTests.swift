@testable import BadgeVerifier
import BadgeProofs
import LinkedData
import Testing

@Suite struct ResourceFetcherTests {
    @Test("only public HTTPS addresses are fetched; loopback and private ranges are refused without a request")
    func addresses() {
        for host in ["localhost", "127.0.0.1", "10.1.2.3", "192.168.0.10", "172.20.0.1", "169.254.169.254", "::1", "no-such-host.invalid"] {
            #expect(!ResourceFetcher.isPublicHost(host), "\(host)")
        }
        let result = ResourceFetcher(timeout: 1).fetch(["http://example.org/list", "https://127.0.0.1/list"])
        #expect(result.resources.isEmpty)
        #expect(result.notes.count == 2)
        #expect(result.notes[0].contains("only https://"))
        #expect(result.notes[1].contains("not fetched"))
    }

    @Test("online resources go through the same address rules, are fetched once per URL, and say why not")
    func onlineResources() {
        let online = OnlineResources(fetcher: ResourceFetcher(timeout: 1), maxDistinctURLs: 2)
        guard case .unavailable(let reason) = online.resource(at: "https://127.0.0.1/status/1") else {
            Issue.record("a loopback address was fetched")
            return
        }
        #expect(reason.contains("could not be fetched") && reason.contains("not fetched"))
        _ = online.resource(at: "http://example.org/list")
        guard case .unavailable(let capped) = online.resource(at: "https://example.org/third") else {
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

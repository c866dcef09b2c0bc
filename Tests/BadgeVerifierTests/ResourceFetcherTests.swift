@testable import BadgeVerifier
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

    @Test("the URLs a badge refers to: status lists, revocation lists and did:web / https keys, nested too")
    func referenced() throws {
        let badge = try JSONValue(parsing: """
            {"credentialStatus": {"type": "BitstringStatusListEntry", "statusListCredential": "https://example.edu/status/1"},
             "endorsement": [{"credentialStatus": {"id": "https://example.org/revocations", "type": "1EdTechRevocationList"},
                              "proof": {"verificationMethod": "did:web:example.org%3A8443:issuers:1#key-1"}}],
             "proof": [{"verificationMethod": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"}]}
            """)
        #expect(ResourceFetcher.referencedURLs(in: badge) == [
            "https://example.edu/status/1", "https://example.org/revocations", "https://example.org:8443/issuers/1/did.json",
        ])
    }
}

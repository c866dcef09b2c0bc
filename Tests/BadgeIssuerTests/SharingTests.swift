import BadgeIssuer
import LinkedData
import OpenBadges
import Testing

@Suite("Share links: LinkedIn 'Add to profile' and the hosted verification page")
struct SharingTests {
    @Test("the LinkedIn URL is exactly the certification form, percent-encoded")
    func linkedIn() throws {
        let credential = try LearnerSamples.credential(
            to: .did(LearnerSamples.learnerDID), achievement: LearnerSamples.definition("sql", name: "SQL & Data: Level 2 (Advanced) — für Profis"),
            validUntil: "2028-02-29T23:00:00Z")
        let links = Sharing.links(for: credential, baseURL: "https://badges.example.edu/")
        let id = "urn%3Auuid%3A0d9f2c66-3f0e-4c8a-9d53-9a1f3b7e5c21"
        #expect(links.verificationURL == "https://badges.example.edu/verify?id=\(id)")
        #expect(links.linkedInURL == "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"
            + "&name=SQL%20%26%20Data%3A%20Level%202%20%28Advanced%29%20%E2%80%94%20f%C3%BCr%20Profis"
            + "&organizationName=Example%20College&issueYear=2026&issueMonth=1&expirationYear=2028&expirationMonth=2"
            + "&certUrl=https%3A%2F%2Fbadges.example.edu%2Fverify%3Fid%3D\(id.replacingPercent)&certId=\(id)")
        #expect(links.issued?.year == 2026 && links.issued?.month == 1)
        #expect(links.expires?.year == 2028 && links.expires?.month == 2)
    }

    @Test("without a base URL there is no verification page; a web-address id is the credential URL")
    func withoutBaseURL() throws {
        let credential = try LearnerSamples.credential(to: .did(LearnerSamples.learnerDID), format: .vcJWT)
        let links = Sharing.links(for: credential, baseURL: nil)
        #expect(links.verificationURL == nil && links.credentialURL == nil)
        #expect(!links.linkedInURL.contains("certUrl=") && !links.linkedInURL.contains("expiration"))
        #expect(links.linkedInURL.hasSuffix("&certId=urn%3Auuid%3A0d9f2c66-3f0e-4c8a-9d53-9a1f3b7e5c21"))

        let hosted = try LearnerSamples.credential(
            to: .did(LearnerSamples.learnerDID), id: "https://example.edu/credentials/42?x=1")
        let hostedLinks = Sharing.links(for: hosted, baseURL: nil)
        #expect(hostedLinks.credentialURL == "https://example.edu/credentials/42?x=1")
        #expect(hostedLinks.linkedInURL.contains("&certUrl=https%3A%2F%2Fexample.edu%2Fcredentials%2F42%3Fx%3D1&"))
    }

    @Test("percent-encoding keeps only RFC 3986 unreserved characters", arguments: [
        ("AZaz09-._~", "AZaz09-._~"),
        ("a b+c", "a%20b%2Bc"),
        ("?&=#/:@!$'()*,;", "%3F%26%3D%23%2F%3A%40%21%24%27%28%29%2A%2C%3B"),
        ("é€😀", "%C3%A9%E2%82%AC%F0%9F%98%80"),
        ("%41", "%2541"),
    ])
    func percentEncoding(input: String, expected: String) {
        #expect(Sharing.percentEncode(input) == expected)
    }
}

extension String {
    /// `%` itself encoded again (a value that is already percent-encoded, placed inside another query value).
    var replacingPercent: String {
        var out = ""
        for character in self { out += character == "%" ? "%25" : String(character) }
        return out
    }
}

import BadgeServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct OpenBadges2PageTests {
    /// The verifier tests' Open Badges 2.0 fixtures (their SOURCES.md says where each comes from).
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BadgeVerifierTests/Fixtures/ob2/\(name)")
        return Array(try Data(contentsOf: url))
    }

    @Test("An Open Badges 2.0 assertion's page shows its BadgeClass, issuer and dates, like an Open Badges 3.0 badge")
    func hostedAssertionPage() async throws {
        let fixture = try ServerFixture.shared.get()
        var configuration = fixture.configuration()
        configuration.resources = [
            "https://example.org/beths-robotics-badge.json": try Self.fixture("basic-assertion.json"),
            "https://example.org/robotics-badge.json": try Self.fixture("basic-badgeclass.json"),
            "https://example.org/organization.json": try Self.fixture("basic-issuer.json"),
        ]
        let app = buildApplication(configuration)
        let assertion = try Self.fixture("basic-assertion.json")
        try await app.test(.router) { client in
            var form = MultipartBody()
            form.file("file", fileName: "assertion.json", type: "application/json", assertion)
            form.field("email", "nobody@example.org")
            let response = try await client.execute(uri: "/verify", method: .post, headers: headers(form.contentType), body: form.finished)
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("Valid: the badge is intact and in good standing."), "\(page)")
            #expect(page.contains("Open Badges 2.0, hosted by example.org"))
            #expect(page.contains("<h2 id=\"badge-name\">Awesome Robotics Badge</h2>"))
            #expect(!page.contains("Unnamed badge"))
            #expect(page.contains("<dt>Issued by</dt><dd>An Example Badge Issuer (https://example.org/organization.json)</dd>"))
            #expect(page.contains("<dt>Issued on</dt><dd>31 December 2016, 23:59 UTC</dd>"))
            #expect(page.contains("<dt>Criteria</dt><dd>https://example.org/robotics-badge.html</dd>"))

            var other = MultipartBody()
            other.file("file", fileName: "assertion.json", type: "application/json", assertion)
            other.field("email", "somebody@example.org")
            let wrong = try await client.execute(uri: "/verify", method: .post, headers: headers(other.contentType), body: other.finished)
            #expect(wrong.text.contains("Not valid: this badge was awarded to someone else."))
            #expect(!wrong.text.contains("do not trust"))
        }
    }
}

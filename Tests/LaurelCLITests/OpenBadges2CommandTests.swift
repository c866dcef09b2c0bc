import Foundation
import Testing

@Suite("laurel verify on Open Badges 2.0 assertions (end to end, running the built binary)")
struct OpenBadges2CommandTests {
    /// The Open Badges 2.0 fixtures of the verifier tests (their SOURCES.md says where each comes from).
    static func fixture(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("BadgeVerifierTests/Fixtures/ob2/\(name)").path
    }

    static let documents = [
        "https://example.org/beths-robotics-badge.json=\(fixture("basic-assertion.json"))",
        "https://example.org/robotics-badge.json=\(fixture("basic-badgeclass.json"))",
        "https://example.org/organization.json=\(fixture("basic-issuer.json"))",
    ]

    @Test("a hosted assertion with --resource copies of it, its BadgeClass and Issuer is valid; without them, cannot tell")
    func hosted() throws {
        let assertion = Self.fixture("basic-assertion.json")
        let resources = Self.documents.flatMap { ["--resource", $0] }
        let valid = try LaurelBinary.run(
            ["verify", assertion, "--offline", "--recipient-email", "nobody@example.org"] + resources)
        #expect(valid.status == 0, "\(valid.standardOutput)\(valid.standardError)")
        #expect(valid.standardOutput.contains("VALID — Open Badges 2.0, hosted by example.org"), "\(valid.standardOutput)")
        #expect(valid.standardOutput.contains("Badge:      Awesome Robotics Badge"))
        #expect(valid.standardOutput.contains("Issuer:     An Example Badge Issuer"))
        #expect(!valid.standardOutput.contains("schema") && !valid.standardOutput.contains("safe_mode"))

        let json = try LaurelBinary.run(["verify", assertion, "--offline", "--format", "json"] + resources)
        #expect(json.status == 0)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect((report["openBadges"] as? [String: Any])?["version"] as? String == "2.0")
        #expect((report["credential"] as? [String: Any])?["name"] as? String == "Awesome Robotics Badge")

        let wrong = try LaurelBinary.run(
            ["verify", assertion, "--offline", "--recipient-email", "somebody@example.org"] + resources)
        #expect(wrong.status == 1)
        #expect(wrong.standardOutput.contains("awarded to someone else"))

        let offline = try LaurelBinary.run(["verify", assertion, "--offline"])
        #expect(offline.status == 2, "\(offline.standardOutput)")
        #expect(offline.standardOutput.contains("CANNOT TELL"))
        #expect(offline.standardOutput.contains("--resource https://example.org/beths-robotics-badge.json=FILE"))
        #expect(!offline.standardOutput.contains("NOT VALID"))
    }
}

import Foundation
import Testing

/// libcurl is loaded when a command first fetches or mails, not when laurel starts. Where it cannot be loaded
/// (`LAUREL_LIBCURL` names a library that is not there), the commands that need it say so and how to install it,
/// and nothing else changes.
@Suite("Online fetching and SMTP mail without libcurl (built binary)")
struct OnlineWithoutLibcurlTests {
    let folder: ScratchFolder
    let ws: String
    let missing: [String: String]

    init() throws {
        folder = try ScratchFolder()
        ws = folder.path("ws")
        missing = ["LAUREL_LIBCURL": folder.path("no-such-libcurl.so.4")]
        let made = try LaurelBinary.run(["init", ws, "--name", "Example College", "--url", "https://example.edu"])
        #expect(made.status == 0, "\(made.standardError)")
    }

    func issue() throws -> String {
        let achievement = try LaurelBinary.run([
            "achievement", "new", "--workspace", ws, "--name", "Data Literacy", "--description", "Reads data.",
            "--criteria", "Complete three tasks.",
        ])
        #expect(achievement.status == 0, "\(achievement.standardError)")
        let badge = folder.path("badge.json")
        let issued = try LaurelBinary.run([
            "issue", "--workspace", ws, "--achievement", "data-literacy", "--recipient", "ada@example.org",
            "--out", badge,
        ])
        #expect(issued.status == 0, "\(issued.standardError)")
        return badge
    }

    @Test("--smtp says libcurl could not be loaded and how to install it")
    func smtp() throws {
        let cohort = try folder.write("cohort.csv", "email,name\nada@example.org,Ada Lovelace\n")
        let result = try LaurelBinary.run(
            [
                "users", "invite", "--workspace", ws, "--csv", cohort, "--public-url", "https://badges.example.edu/",
                "--smtp", "smtp://mail.example:587",
            ], environment: missing)
        #expect(result.status == 1, "\(result.standardError)")
        #expect(result.standardError.contains("--smtp: libcurl could not be loaded"), "\(result.standardError)")
        #expect(result.standardError.contains("no-such-libcurl.so.4"), "\(result.standardError)")
        #expect(result.standardError.contains("apt-get install libcurl4"), "\(result.standardError)")
    }

    @Test("Online verification cannot tell the status, says why and how to install libcurl; offline is unchanged")
    func verify() throws {
        let badge = try issue()
        let online = try LaurelBinary.run(["verify", badge], environment: missing)
        #expect(online.status == 2, "\(online.standardOutput)\(online.standardError)")
        #expect(online.standardOutput.contains("CANNOT TELL"), "\(online.standardOutput)")
        #expect(online.standardOutput.contains("libcurl could not be loaded"), "\(online.standardOutput)")
        #expect(online.standardOutput.contains("apt-get install libcurl4"), "\(online.standardOutput)")

        let published = try LaurelBinary.run(["status", "publish", "--workspace", ws])
        #expect(published.status == 0, "\(published.standardError)")
        let resource = "https://example.edu/status/revocation/1=" + ws + "/status/revocation/1.json"
        let offline = try LaurelBinary.run(["verify", badge, "--offline", "--resource", resource], environment: missing)
        #expect(offline.status == 0, "\(offline.standardOutput)\(offline.standardError)")
        #expect(offline.standardOutput.contains("VALID"), "\(offline.standardOutput)")
        #expect(!offline.standardOutput.contains("libcurl"), "\(offline.standardOutput)")
    }
}

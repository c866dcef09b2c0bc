import Foundation
import Testing

@Suite("laurel verify and laurel demo (end to end, running the built binary)")
struct VerifyCommandTests {
    /// A workspace with one issued badge and its published status list.
    static func issued(_ folder: ScratchFolder) throws -> (credential: String, listURL: String, listFile: String, ws: String) {
        let ws = try IssuerCommandTests.workspace(folder, proof: "eddsa-rdfc-2022")
        let issue = try LaurelBinary.run([
            "issue", "--workspace", ws, "--achievement", "data-literacy", "--recipient", "ada@example.org",
            "--result", "analysis=proficient", "--out", folder.path("badge.json"),
        ])
        #expect(issue.status == 0, "\(issue.standardError)")
        let publish = try LaurelBinary.run(["status", "publish", "--workspace", ws])
        #expect(publish.status == 0, "\(publish.standardError)")
        let lines = publish.standardOutput.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
        return (folder.path("badge.json"), lines[0], lines[1], ws)
    }

    @Test("exit codes: 0 valid, 1 invalid, 2 indeterminate or usage; JSON lines carry file, verdict, checks, credential")
    func contract() throws {
        let folder = try ScratchFolder()
        let badge = try Self.issued(folder)
        let resource = "\(badge.listURL)=\(badge.listFile)"

        let valid = try LaurelBinary.run(["verify", badge.credential, "--resource", resource, "--format", "json", "--recipient-email", "ada@example.org"])
        #expect(valid.status == 0, "\(valid.standardOutput)\(valid.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(valid.standardOutput.utf8)) as? [String: Any])
        #expect(report["file"] as? String == badge.credential)
        #expect(report["verdict"] as? String == "valid")
        let checks = try #require(report["checks"] as? [[String: Any]])
        let ids = checks.compactMap { $0["id"] as? String }
        for id in ["context", "type", "schema", "safe_mode", "proof", "key_resolution", "key_binding", "valid_from", "valid_until", "status", "recipient"] {
            #expect(ids.contains(id), "missing check \(id)")
        }
        #expect(checks.allSatisfy { ["pass", "fail", "warning", "skipped"].contains($0["outcome"] as? String ?? "") && ($0["message"] as? String)?.isEmpty == false })
        let summary = try #require(report["credential"] as? [String: Any])
        #expect(summary["name"] as? String == "Data Literacy")
        #expect(summary["issuerName"] as? String == "Example College")

        let indeterminate = try LaurelBinary.run(["verify", badge.credential])
        #expect(indeterminate.status == 2)
        #expect(indeterminate.standardOutput.contains("CANNOT TELL"))

        try folder.write("tampered.json", try folder.read("badge.json").replacingOccurrences(of: "Data Literacy", with: "Data Literacx"))
        let invalid = try LaurelBinary.run(["verify", folder.path("tampered.json"), "--resource", resource])
        #expect(invalid.status == 1)
        #expect(invalid.standardOutput.contains("NOT VALID"))
        #expect(!invalid.standardOutput.contains("\u{1B}["), "no colour when not on a terminal")

        // Several files: one JSON line each, in order; the worst verdict decides the exit code.
        let both = try LaurelBinary.run(["verify", badge.credential, folder.path("tampered.json"), "--resource", resource, "--format", "json"])
        #expect(both.status == 1)
        let lines = both.standardOutput.split(separator: "\n")
        #expect(lines.count == 3, "two reports and the summary line")
        #expect(lines[0].contains("\"verdict\":\"valid\"") && lines[1].contains("\"verdict\":\"invalid\""))
        #expect(lines[2].hasPrefix("{\"reportVersion\":2,\"summary\":{\"files\":2,\"valid\":1,\"invalid\":1,\"indeterminate\":0"))

        // Standard input.
        let stdin = try LaurelBinary.run(["verify", "-", "--resource", resource], input: try folder.read("badge.json"))
        #expect(stdin.status == 0, "\(stdin.standardOutput)")

        // Usage errors exit 2 with a message.
        let usage = try LaurelBinary.run(["verify", badge.credential, "--at", "tomorrow"])
        #expect(usage.status == 2)
        #expect(usage.standardError.contains("--at"))

        // Revoked, then verified against the republished list.
        let id = try #require((try JSONSerialization.jsonObject(with: Data(try folder.read("badge.json").utf8)) as? [String: Any])?["id"] as? String)
        let revoke = try LaurelBinary.run(["revoke", "--workspace", badge.ws, id, "--reason", "test"])
        #expect(revoke.status == 0, "\(revoke.standardError)")
        let revoked = try LaurelBinary.run(["verify", badge.credential, "--resource", resource])
        #expect(revoked.status == 1)
        #expect(revoked.standardOutput.contains("This badge was revoked by its issuer."))
        let unknown = try LaurelBinary.run(["revoke", "--workspace", badge.ws, "urn:uuid:00000000-0000-0000-0000-000000000000"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("urn:uuid:00000000-0000-0000-0000-000000000000"))
    }

    @Test("a PNG with no badge, a text file and a missing file: NO BADGE, exit 1, each with its own message, never 'do not trust'")
    func noBadge() throws {
        let folder = try ScratchFolder()
        let png = try #require(Data(base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg=="))
        try png.write(to: URL(fileURLWithPath: folder.path("photo.png")))
        try folder.write("notes.txt", "Dear employer, here is my badge.")
        let cases = [
            (folder.path("photo.png"), "This PNG holds no badge"),
            (folder.path("notes.txt"), "This file holds no badge"),
            (folder.path("missing.json"), "There is no file at \(folder.path("missing.json"))."),
        ]
        for (file, message) in cases {
            let run = try LaurelBinary.run(["verify", file, "--offline"])
            #expect(run.status == 1, "\(file): \(run.standardOutput)")
            #expect(run.standardOutput.contains("NO BADGE — \(message)"), "\(run.standardOutput)")
            #expect(!run.standardOutput.lowercased().contains("do not trust"))
        }
    }

    @Test("laurel demo runs the whole journey and ends with a valid badge")
    func demo() throws {
        let folder = try ScratchFolder()
        let result = try LaurelBinary.run(["demo", "--dir", folder.path("demo")])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("VALID — signed by the holder of did:key:"))
        #expect(result.standardOutput.contains("Identity:   self-asserted"))
        #expect(result.standardOutput.contains("Result:     Analysis: Proficient (required: Proficient)"))
        #expect(FileManager.default.fileExists(atPath: folder.path("demo/data-literacy-badge.svg")))
    }
}

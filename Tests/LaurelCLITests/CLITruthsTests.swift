import BadgeStore
import Foundation
import Testing

/// What issuers and employers expect of the CLI: each test is named after the item it covers, and fails on the
/// behaviour before it was fixed.
@Suite("CLI truths (issuer and employer expectations)")
struct CLITruthsTests {
    /// A workspace (eddsa-rdfc-2022) with `data-literacy` (rubric: analysis ≥ proficient) and `attendance` (no rubric).
    static func workspace(_ folder: ScratchFolder) throws -> String {
        let ws = try IssuerCommandTests.workspace(folder, proof: "eddsa-rdfc-2022")
        let plain = try LaurelBinary.run([
            "achievement", "new", "--workspace", ws, "--name", "Attendance", "--description", "Came to the course.",
            "--criteria", "Attend.",
        ])
        #expect(plain.status == 0, "\(plain.standardError)")
        return ws
    }

    static func issue(_ ws: String, _ extra: [String]) throws -> LaurelBinary.Result {
        try LaurelBinary.run(["issue", "--workspace", ws, "--achievement", "data-literacy"] + extra)
    }

    /// The credential file `laurel issue` reported writing.
    static func issuedFile(_ result: LaurelBinary.Result) throws -> String {
        let line = try #require(result.standardOutput.split(separator: "\n").dropFirst().first)
        return String(line.trimmingCharacters(in: .whitespaces))
    }

    @Test("1: certificate refuses a tampered or revoked credential, marks one it cannot check, and links the hosted page")
    func item1Certificate() throws {
        let folder = try ScratchFolder()
        let ws = try Self.workspace(folder)
        let issued = try Self.issue(ws, ["--recipient", "ada@example.org", "--result", "analysis=proficient"])
        #expect(issued.status == 0, "\(issued.standardError)")
        let file = try Self.issuedFile(issued)
        let good = try LaurelBinary.run(["certificate", "--workspace", ws, file, "--html", folder.path("good.html"), "--offline"])
        #expect(good.status == 0, "\(good.standardError)")
        let page = try folder.read("good.html")
        #expect(page.contains("https://example.edu/verify?id=urn%3Auuid%3A"), "no hosted verification URL")
        #expect(!page.contains("Not fully verified") && !page.contains("Expired."))

        let tampered = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: "Data Literacy", with: "Data Mastery")
        let forged = try folder.write("forged.json", tampered)
        let refused = try LaurelBinary.run(["certificate", "--workspace", ws, forged, "--html", folder.path("forged.html"), "--offline"])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("no certificate written") && refused.standardError.contains("NOT VALID"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("forged.html")))

        // Outside the workspace, the status list cannot be had offline: the page says so plainly.
        let outside = try LaurelBinary.run(["certificate", file, "--html", folder.path("unknown.html"), "--offline"], in: folder.url)
        #expect(outside.status == 0, "\(outside.standardError)")
        #expect(try folder.read("unknown.html").contains("Not fully verified"))

        let id = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])["id"] as? String
        #expect(try LaurelBinary.run(["revoke", "--workspace", ws, try #require(id)]).status == 0)
        let revoked = try LaurelBinary.run(["certificate", "--workspace", ws, file, "--html", folder.path("revoked.html"), "--offline"])
        #expect(revoked.status == 1)
        #expect(revoked.standardError.contains("revoked"))
    }

    @Test("2: results below the rubric are refused (single and batch) unless --override-rubric, kept in the ledger; programs need assessed achievements")
    func item2Rubric() throws {
        let folder = try ScratchFolder()
        let ws = try Self.workspace(folder)
        let below = try Self.issue(ws, ["--recipient", "ada@example.org", "--result", "analysis=developing"])
        #expect(below.status == 1)
        #expect(below.standardError.contains("below the required Proficient"))
        let missing = try Self.issue(ws, ["--recipient", "ada@example.org"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("'analysis' is not scored"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: ws + "/credentials").isEmpty)

        try folder.write("roster.csv", "recipient,results\na@example.org,analysis=proficient\nb@example.org,analysis=developing\n")
        let batch = try Self.issue(ws, ["--batch", folder.path("roster.csv")])
        #expect(batch.status == 1)
        #expect(batch.standardOutput.contains("1 issued now"))
        #expect(batch.standardError.contains("roster.csv:3:") && batch.standardError.contains("below the required"))

        let overridden = try Self.issue(ws, [
            "--recipient", "ada@example.org", "--result", "analysis=developing", "--override-rubric", "assessed on paper",
        ])
        #expect(overridden.status == 0, "\(overridden.standardError)")
        let credential = try String(contentsOfFile: try Self.issuedFile(overridden), encoding: .utf8)
        #expect(!credential.contains("assessed on paper"), "the override reason must not be in the credential")
        let events = try LaurelBinary.run(["credentials", "list", "--workspace", ws, "--learner", "ada@example.org"])
        #expect(events.status == 0)
        #expect(try LedgerEvents.kinds(ws + "/ledger.sqlite").contains("rubric-override:assessed on paper"))

        let program = try LaurelBinary.run([
            "program", "new", "--workspace", ws, "--name", "Path", "--achievement", "data-literacy", "--achievement", "attendance",
        ])
        #expect(program.status == 1)
        #expect(program.standardError.contains("has no rubric"))
        let marked = try LaurelBinary.run([
            "achievement", "new", "--workspace", ws, "--name", "Orientation", "--description", "Joined.", "--criteria",
            "Join.", "--without-assessment",
        ])
        #expect(marked.status == 0)
        let accepted = try LaurelBinary.run([
            "program", "new", "--workspace", ws, "--name", "Path", "--achievement", "data-literacy", "--achievement", "orientation",
        ])
        #expect(accepted.status == 0, "\(accepted.standardError)")
    }

    @Test("4: issue, batch and revoke leave the published status lists current (no status publish needed)")
    func item4StatusLists() throws {
        let folder = try ScratchFolder()
        let ws = try Self.workspace(folder)
        let issued = try Self.issue(ws, ["--recipient", "ada@example.org", "--result", "analysis=proficient"])
        let file = try Self.issuedFile(issued)
        let list = ws + "/status/revocation/1.json"
        #expect(FileManager.default.fileExists(atPath: list), "issuing did not publish the list")
        let resource = "https://example.edu/status/revocation/1=" + list
        #expect(try LaurelBinary.run(["verify", file, "--offline", "--resource", resource]).status == 0)
        let id = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file))) as? [String: Any])["id"] as? String
        _ = try LaurelBinary.run(["revoke", "--workspace", ws, try #require(id)])
        let after = try LaurelBinary.run(["verify", file, "--offline", "--resource", resource])
        #expect(after.status == 1 && after.standardOutput.contains("revoked"))
        // A batch into a fresh workspace publishes its list too.
        let other = try ScratchFolder()
        let ws2 = try Self.workspace(other)
        try other.write("roster.csv", "recipient,results\na@example.org,analysis=proficient\n")
        #expect(try Self.issue(ws2, ["--batch", other.path("roster.csv")]).status == 0)
        #expect(FileManager.default.fileExists(atPath: ws2 + "/status/revocation/1.json"))
    }

    @Test("5: a folder gets a summary (text, and a final JSON line with reportVersion); an empty folder is not 'all valid'")
    func item5FolderSummary() throws {
        let folder = try ScratchFolder()
        let ws = try Self.workspace(folder)
        let file = try Self.issuedFile(try Self.issue(ws, ["--recipient", "ada@example.org", "--result", "analysis=proficient"]))
        try FileManager.default.createDirectory(atPath: folder.path("inbox"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: file, toPath: folder.path("inbox/good.json"))
        try folder.write("inbox/bad.json", "{\"not\": \"a badge\"}")
        let resource = "https://example.edu/status/revocation/1=" + ws + "/status/revocation/1.json"
        let text = try LaurelBinary.run(["verify", folder.path("inbox"), "--offline", "--resource", resource])
        #expect(text.status == 1)
        #expect(text.standardOutput.contains("Summary: 2 files — 1 valid, 1 not valid, 0 cannot tell"))
        #expect(text.standardOutput.contains("NOT VALID   \(folder.path("inbox/bad.json"))"))
        let json = try LaurelBinary.run(["verify", folder.path("inbox"), "--offline", "--resource", resource, "--format", "json"])
        let lines = json.standardOutput.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasPrefix("{\"reportVersion\":2,") })
        #expect(lines[2].contains("\"summary\":{\"files\":2,\"valid\":1,\"invalid\":1"))

        try FileManager.default.createDirectory(atPath: folder.path("empty/sub"), withIntermediateDirectories: true)
        let empty = try LaurelBinary.run(["verify", folder.path("empty")])
        #expect(empty.status == 2)
        #expect(empty.standardError.contains("holds no file to verify") && empty.standardError.contains("--recursive"))
        try FileManager.default.copyItem(atPath: file, toPath: folder.path("empty/sub/good.json"))
        let recursive = try LaurelBinary.run(["verify", folder.path("empty"), "--recursive", "--offline", "--resource", resource])
        #expect(recursive.status == 0, "\(recursive.standardOutput)")
    }

    @Test("a folder of 700 files (more than the verifiers run ahead) is reported in file order, each once")
    func folderOrder() throws {
        let folder = try ScratchFolder()
        let ws = try Self.workspace(folder)
        let file = try Self.issuedFile(try Self.issue(ws, ["--recipient", "ada@example.org", "--result", "analysis=proficient"]))
        let good = try Data(contentsOf: URL(fileURLWithPath: file))
        try FileManager.default.createDirectory(atPath: folder.path("many"), withIntermediateDirectories: true)
        var expected: [(name: String, valid: Bool)] = []
        for index in 0..<700 {
            let name = "badge-" + String(String(index).reversed()) + ".json"  // listed order differs from index order
            let valid = index % 7 != 3
            if valid {
                try good.write(to: URL(fileURLWithPath: folder.path("many/" + name)))
            } else {
                try folder.write("many/" + name, "{\"not\": \"a badge \(index)\"}")
            }
            expected.append((name, valid))
        }
        expected.sort { $0.name < $1.name }
        let resource = "https://example.edu/status/revocation/1=" + ws + "/status/revocation/1.json"
        let json = try LaurelBinary.run(["verify", folder.path("many"), "--offline", "--resource", resource, "--format", "json"])
        #expect(json.status == 1)
        let lines = json.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 701)
        for (line, wanted) in zip(lines, expected) {
            #expect(line.contains("\"file\":\"" + folder.path("many/" + wanted.name) + "\""), "\(wanted.name): \(line.prefix(200))")
            #expect(line.contains("\"verdict\":\"valid\"") == wanted.valid, "\(wanted.name)")
        }
        let invalid = expected.filter { !$0.valid }.count
        #expect(lines.last?.contains("\"summary\":{\"files\":700,\"valid\":\(700 - invalid),\"invalid\":\(invalid)") == true, "\(lines.last ?? "")")
    }

    @Test("7: --force replaces an achievement; JSON errors give line and column; revoke takes a bare UUID; ';' rosters with capitalised headers; bad rows fail alone")
    func item7RoughEdges() throws {
        let folder = try ScratchFolder()
        let ws = try Self.workspace(folder)
        let again = try LaurelBinary.run([
            "achievement", "new", "--workspace", ws, "--name", "Attendance", "--description", "x", "--criteria", "y",
        ])
        #expect(again.status == 1 && !again.standardError.contains("--force to replace"))
        let forced = try LaurelBinary.run([
            "achievement", "new", "--workspace", ws, "--name", "Attendance", "--description", "x", "--criteria", "y", "--force",
        ])
        #expect(forced.status == 0, "\(forced.standardError)")

        try folder.write("broken-rubric.json", "[\n  {\"id\": \"a\",, }\n]\n")
        let broken = try LaurelBinary.run([
            "achievement", "new", "--workspace", ws, "--name", "B", "--description", "x", "--criteria", "y",
            "--rubric", folder.path("broken-rubric.json"),
        ])
        #expect(broken.status == 1)
        #expect(broken.standardError.contains("line 2, column"), "\(broken.standardError)")

        let file = try Self.issuedFile(try Self.issue(ws, ["--recipient", "ada@example.org", "--result", "analysis=proficient"]))
        let uuid = String(file.split(separator: "/").last!.dropLast(5))
        let revoke = try LaurelBinary.run(["revoke", "--workspace", ws, uuid])
        #expect(revoke.status == 0, "\(revoke.standardError)")

        var roster = Data("Recipient;Name;Results\nb@example.org;Bea;analysis=proficient\n".utf8)
        roster += Data([0x63, 0xFF, 0x40, 0x78, 0x3B, 0x58, 0x3B, 0x0A])  // a row with invalid UTF-8
        roster += Data("c@example.org;\(String(repeating: "x", count: 1_100_000));analysis=proficient\n".utf8)
        roster += Data("d@example.org;Dee;analysis=proficient\n".utf8)
        try roster.write(to: URL(fileURLWithPath: folder.path("semicolons.csv")))
        let batch = try Self.issue(ws, ["--batch", folder.path("semicolons.csv")])
        #expect(batch.standardOutput.contains("2 issued now"), "\(batch.standardOutput)\n\(batch.standardError)")
        #expect(batch.standardError.contains("semicolons.csv:3: the row is not valid UTF-8"))
        #expect(batch.standardError.contains("semicolons.csv:4: field 2 is longer than"))

        // A rerun into a JSON Lines file when every row was issued before, into files, says where they are.
        let jsonl = try Self.issue(ws, ["--batch", folder.path("semicolons.csv"), "--out", folder.path("all.jsonl")])
        #expect(jsonl.standardError.contains("issued by an earlier run and are not in"), "\(jsonl.standardError)")
    }

    @Test("8: laurel demo prints commands that work as shown")
    func item8Demo() throws {
        let folder = try ScratchFolder()
        let demo = try LaurelBinary.run(["demo", "--dir", folder.path("demo")])
        #expect(demo.status == 0)
        #expect(demo.standardOutput.contains("swift run laurel verify "))
        #expect(!demo.standardOutput.contains("Try: laurel verify"))
    }

    @Test("9: credentials list finds a learner's badges; progress counts batch-issued ones; issue, progress and achievement list speak JSON")
    func item9FindBadges() throws {
        let folder = try ScratchFolder()
        let ws = try Self.workspace(folder)
        try folder.write("roster.csv", "recipient,results\nada@example.org,analysis=proficient\nbob@example.org,analysis=proficient\n")
        #expect(try Self.issue(ws, ["--batch", folder.path("roster.csv")]).status == 0)
        let single = try Self.issue(ws, ["--recipient", "Ada@Example.org", "--result", "analysis=proficient", "--format", "json"])
        #expect(single.standardOutput.hasPrefix("{\"id\":\"urn:uuid:"), "\(single.standardOutput)")
        let list = try LaurelBinary.run(["credentials", "list", "--workspace", ws, "--learner", "ada@example.org", "--format", "json"])
        let lines = list.standardOutput.split(separator: "\n")
        #expect(lines.count == 2, "\(list.standardOutput)")
        #expect(lines.allSatisfy { $0.contains("\"achievementName\":\"Data Literacy\"") && $0.contains("\"recipient\":\"ada@example.org\"") })
        let byAchievement = try LaurelBinary.run(["credentials", "list", "--workspace", ws, "--achievement", "data-literacy"])
        #expect(byAchievement.standardOutput.components(separatedBy: "Data Literacy — ").count == 4)
        let progress = try LaurelBinary.run(["progress", "--workspace", ws, "bob@example.org"])
        #expect(progress.standardOutput.contains("Earned (1)") && progress.standardOutput.contains("issued directly"))
        let progressJSON = try LaurelBinary.run(["progress", "--workspace", ws, "bob@example.org", "--format", "json"])
        #expect(progressJSON.standardOutput.contains("\"issuedDirectly\":true"))
        let achievements = try LaurelBinary.run(["achievement", "list", "--workspace", ws, "--format", "json"])
        #expect(achievements.standardOutput.contains("\"name\":\"Data Literacy\"") && achievements.standardOutput.contains("\"rubricCriteria\":1"))
    }

    @Test("10: dates may be plain (start of the day, UTC); text reports show them readably, JSON keeps the signed strings")
    func item10Dates() throws {
        let folder = try ScratchFolder()
        let ws = try Self.workspace(folder)
        // Days relative to today: the status list published now must already be valid when verifying.
        func day(_ offset: Double) -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd"
            return formatter.string(from: Date().addingTimeInterval(offset * 86_400))
        }
        let until = day(400)
        let issued = try Self.issue(ws, [
            "--recipient", "ada@example.org", "--result", "analysis=proficient", "--valid-from", day(-10),
            "--valid-until", until,
        ])
        #expect(issued.status == 0, "\(issued.standardError)")
        let file = try Self.issuedFile(issued)
        #expect(try String(contentsOfFile: file, encoding: .utf8).contains("\"validUntil\": \"\(until)T00:00:00Z\""))
        let resource = "https://example.edu/status/revocation/1=" + ws + "/status/revocation/1.json"
        let text = try LaurelBinary.run(["verify", file, "--offline", "--resource", resource, "--at", day(2)])
        #expect(text.status == 0, "\(text.standardOutput)")
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                      "November", "December"]
        let parts = until.split(separator: "-").map { Int($0)! }
        #expect(text.standardOutput.contains("Expires:    \(parts[2]) \(months[parts[1] - 1]) \(parts[0]), 00:00 UTC"), "\(text.standardOutput)")
        let json = try LaurelBinary.run(["verify", file, "--offline", "--resource", resource, "--at", day(2), "--format", "json"])
        #expect(json.standardOutput.contains("\"validUntil\":\"\(until)T00:00:00Z\""))
        let late = try LaurelBinary.run(["verify", file, "--offline", "--resource", resource, "--at", day(401)])
        #expect(late.status == 1)
        // Roster dates may be plain too.
        try folder.write("dated.csv", "recipient,results,valid_until\nbea@example.org,analysis=proficient,\(until)\n")
        let batch = try Self.issue(ws, ["--batch", folder.path("dated.csv"), "--out", folder.path("dated.jsonl")])
        #expect(batch.status == 0, "\(batch.standardError)")
        #expect(try folder.read("dated.jsonl").contains("\"validUntil\":\"\(until)T00:00:00Z\""))
    }
}

/// The ledger's events, read through BadgeStore.
enum LedgerEvents {
    static func kinds(_ path: String) throws -> [String] {
        try Ledger.open(at: path).events().map { "\($0.kind):\($0.detail ?? "")" }
    }
}

@Suite("Private data at rest")
struct PrivateDataTests {
    @Test("the ledger is created 0600 and the workspace 0700; laurel ledger check warns on looser modes")
    func modes() throws {
        let folder = try ScratchFolder()
        let ws = try IssuerCommandTests.workspace(folder)
        #expect(try folder.mode("ws/ledger.sqlite") & 0o777 == 0o600)
        #expect(try folder.mode("ws") & 0o777 == 0o700)
        let sound = try LaurelBinary.run(["ledger", "check", "--workspace", ws])
        #expect(sound.status == 0 && sound.standardOutput.contains("consistent"), "\(sound.standardError)")
        #expect(!sound.standardError.contains("warning"))
        #expect(chmod(folder.path("ws/ledger.sqlite"), 0o644) == 0)
        let loose = try LaurelBinary.run(["ledger", "check", "--workspace", ws])
        #expect(loose.status == 0)
        #expect(loose.standardError.contains("ledger.sqlite is readable by others (mode 644); run: chmod 600"))
    }
}

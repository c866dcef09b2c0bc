import BadgeStore
import Foundation
import Testing

@Suite("laurel init / achievement / issue (end to end, running the built binary)")
struct IssuerCommandTests {
    static let rubric = """
        [ { "id": "analysis", "name": "Analysis", "requiredLevel": "proficient",
            "levels": [ { "id": "developing", "name": "Developing", "points": "1" },
                        { "id": "proficient", "name": "Proficient", "points": "2" } ] } ]
        """

    /// A workspace with one achievement, made through the CLI.
    static func workspace(_ folder: ScratchFolder, proof: String = "eddsa-jcs-2022") throws -> String {
        let init_ = try LaurelBinary.run(
            ["init", folder.path("ws"), "--name", "Example College", "--url", "https://example.edu", "--proof", proof])
        #expect(init_.status == 0, "\(init_.standardError)")
        try folder.write("rubric.json", rubric)
        let new = try LaurelBinary.run([
            "achievement", "new", "--workspace", folder.path("ws"), "--name", "Data Literacy", "--description",
            "Reads and explains data.", "--criteria", "Complete three tasks.", "--rubric", folder.path("rubric.json"),
        ])
        #expect(new.status == 0, "\(new.standardError)")
        return folder.path("ws")
    }

    @Test("init, achievement new/show and issue one badge, scriptable without prompts")
    func oneBadge() throws {
        let folder = try ScratchFolder()
        let ws = try Self.workspace(folder)
        let show = try LaurelBinary.run(["achievement", "show", "--workspace", ws, "data-literacy"])
        #expect(show.status == 0)
        #expect(show.standardOutput.contains("▶ Proficient"))
        let issue = try LaurelBinary.run([
            "issue", "--workspace", ws, "--achievement", "data-literacy", "--recipient", "ada@example.org",
            "--result", "analysis=proficient", "--out", "-",
        ])
        #expect(issue.status == 0, "\(issue.standardError)")
        #expect(issue.standardOutput.contains("\"OpenBadgeCredential\""))
        #expect(issue.standardError.contains("Issued urn:uuid:"))
    }

    @Test("bad input is named and changes nothing")
    func badInput() throws {
        let folder = try ScratchFolder()
        let ws = try Self.workspace(folder)
        let cases: [([String], String)] = [
            (["--recipient", "not-an-email", "--result", "analysis=proficient"], "not-an-email"),
            (["--recipient", "a@example.org", "--result", "analysis=expert"], "expert"),
            (["--recipient", "a@example.org", "--result", "creativity=proficient"], "creativity"),
            (["--recipient", "a@example.org", "--valid-from", "yesterday"], "yesterday"),
        ]
        for (arguments, named) in cases {
            let result = try LaurelBinary.run(["issue", "--workspace", ws, "--achievement", "data-literacy"] + arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.standardError.contains(named), "\(result.standardError)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: ws + "/credentials")
        #expect(files.isEmpty)
        try folder.write("broken.json", "{\n  \"name\": \"X\",\n  \"description\": 3\n}\n")
        let broken = try LaurelBinary.run(["achievement", "show", folder.path("broken.json")])
        #expect(broken.status == 1)
        #expect(broken.standardError.contains("broken.json:3: description: must be a non-empty string"), "\(broken.standardError)")
    }

    @Test("a batch lists bad rows by line and issues the rest; a rerun issues nothing twice")
    func batch() throws {
        let folder = try ScratchFolder()
        let ws = try Self.workspace(folder)
        var roster = "recipient,name,results\n"
        for i in 0..<40 { roster += "learner\(i)@example.org,Learner \(i),analysis=proficient\n" }
        roster += "nobody,Bad,analysis=proficient\n"  // line 42
        roster += "x@example.org,X\n"  // line 43: missing column
        roster += "y@example.org,Y,analysis=excellent\n"  // line 44
        try folder.write("roster.csv", roster)
        let first = try LaurelBinary.run(["issue", "--workspace", ws, "--achievement", "data-literacy", "--batch", folder.path("roster.csv")])
        #expect(first.status == 1)
        #expect(first.standardOutput.contains("43 rows; 40 issued now, 0 already issued, 3 bad"), "\(first.standardOutput)")
        #expect(first.standardError.contains("roster.csv:42: 'nobody' is neither an email address nor a DID"))
        #expect(first.standardError.contains("roster.csv:43: missing column 'results'"))
        #expect(first.standardError.contains("roster.csv:44: result: 'excellent' is not a level"))
        let second = try LaurelBinary.run(["issue", "--workspace", ws, "--achievement", "data-literacy", "--batch", folder.path("roster.csv")])
        #expect(second.standardOutput.contains("0 issued now, 40 already issued, 3 bad"), "\(second.standardOutput)")
        let files = try FileManager.default.contentsOfDirectory(atPath: ws + "/credentials/data-literacy")
        #expect(files.count == 40)
    }

    @Test("SIGKILL halfway through a batch, then rerun: every row issued exactly once; ledger and files agree")
    func crashAndResume() throws {
        let folder = try ScratchFolder()
        let ws = try Self.workspace(folder, proof: "vc-jwt")
        let rows = 3000
        var roster = "recipient,results\n"
        for i in 0..<rows { roster += "learner\(i)@example.org,analysis=proficient\n" }
        try folder.write("roster.csv", roster)
        let output = ws + "/credentials/data-literacy"

        let process = Process()
        process.executableURL = LaurelBinary.url!
        process.arguments = ["issue", "--workspace", ws, "--achievement", "data-literacy", "--batch", folder.path("roster.csv")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        var killedAt = 0
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            let count = (try? FileManager.default.contentsOfDirectory(atPath: output).count) ?? 0
            if count >= rows / 3 {
                kill(process.processIdentifier, SIGKILL)
                killedAt = count
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        #expect(killedAt > 0 && killedAt < rows, "the batch was not interrupted midway (files at kill: \(killedAt))")
        #expect(process.terminationReason == .uncaughtSignal)

        let rerun = try LaurelBinary.run(["issue", "--workspace", ws, "--achievement", "data-literacy", "--batch", folder.path("roster.csv")])
        #expect(rerun.status == 0, "\(rerun.standardError)")
        let files = try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.hasSuffix(".jwt") }
        #expect(files.count == rows)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty || leftovers.count < 4, "temporary files from the killed run: \(leftovers.count)")

        let ledger = try Ledger.open(at: ws + "/ledger.sqlite")
        let counts = try ledger.counts()
        #expect(counts.issued == rows)
        #expect(counts.pending == 0)
        let records = try ledger.credentials(state: .issued)
        #expect(Set(records.map(\.id)).count == rows)
        #expect(Set(records.map { $0.recipient }).count == rows)
        for record in records.prefix(200) {
            let path = try #require(record.outputPath)
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(Self.sha256Hex(data) == record.sha256)
        }
    }

    static func sha256Hex(_ data: Data) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sha256sum"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try? process.run()
        input.fileHandleForWriting.write(data)
        try? input.fileHandleForWriting.close()
        let result = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: result, as: UTF8.self).prefix(64))
    }
}

@Suite("laurel issue --batch --out FILE.jsonl (end to end)")
struct JSONLinesBatchTests {
    @Test("a JSON Lines batch holds each credential exactly once, also after SIGKILL and a rerun")
    func jsonLines() throws {
        let folder = try ScratchFolder()
        let ws = try IssuerCommandTests.workspace(folder, proof: "vc-jwt")
        let rows = 3000
        var roster = "recipient,results\n"
        for i in 0..<rows { roster += "learner\(i)@example.org,analysis=proficient\n" }
        try folder.write("roster.csv", roster)
        let output = folder.path("all.jsonl")
        let arguments = ["issue", "--workspace", ws, "--achievement", "data-literacy", "--batch", folder.path("roster.csv"), "--out", output]

        let process = Process()
        process.executableURL = LaurelBinary.url!
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            let parts = (try? FileManager.default.contentsOfDirectory(atPath: output + ".parts").count) ?? 0
            if parts >= 1 {
                kill(process.processIdentifier, SIGKILL)
                break
            }
            usleep(1_000)
        }
        process.waitUntilExit()

        let rerun = try LaurelBinary.run(arguments)
        #expect(rerun.status == 0, "\(rerun.standardError)")
        let lines = try folder.read("all.jsonl").split(separator: "\n")
        #expect(lines.count == rows)
        #expect(Set(lines).count == rows)
        #expect(lines.allSatisfy { $0.split(separator: ".").count == 3 })
        let again = try LaurelBinary.run(arguments)
        #expect(again.standardOutput.contains("0 issued now, \(rows) already issued"), "\(again.standardOutput)")
        #expect(try folder.read("all.jsonl").split(separator: "\n").count == rows)
    }
}

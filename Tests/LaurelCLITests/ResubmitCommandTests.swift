import Foundation
import Testing

@Suite("laurel submit again: what carries forward; achievements read by two reviewers (built binary)")
struct ResubmitCommandTests {
    @Test("a resubmission keeps the other criterion's file, the reflection and the name, and says so")
    func carryForward() throws {
        let w = try LearningWorkspace()
        let analysis1 = try w.folder.write("analysis-v1.txt", "analysis, first try\n")
        let communication1 = try w.folder.write("communication-v1.txt", "communication, first try\n")
        let analysis2 = try w.folder.write("analysis-v2.txt", "analysis, second try\n")
        let first = try w.laurel([
            "submit", "--achievement", "data-literacy", "--learner", "ada@example.org", "--name", "Ada Learner",
            "--evidence", "analysis=\(analysis1)", "--evidence", "communication=\(communication1)",
            "--reflection", "I learned to label charts.",
        ])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(!first.standardOutput.contains("kept from"), "a first attempt keeps nothing")
        let firstId = String(first.standardOutput.split(separator: " ")[1].dropLast())
        let notYet = try w.laurel([
            "review", firstId, "--reviewer", "Sam", "--level", "analysis=developing",
            "--level", "communication=proficient",
        ])
        #expect(notYet.standardOutput.contains("not yet"), "\(notYet.standardError)")

        let second = try w.laurel([
            "submit", "--achievement", "data-literacy", "--learner", "ada@example.org",
            "--evidence", "analysis=\(analysis2)",
        ])
        #expect(second.status == 0, "\(second.standardError)")
        let out = second.standardOutput
        #expect(out.contains("attempt 2 at Data Literacy"), "\(out)")
        let lines = out.split(separator: "\n").map(String.init)
        #expect(lines.contains("  Name: Ada Learner (kept from attempt 1)"), "\(out)")
        let analysisLine = try #require(lines.first { $0.contains("Analysis: file") }, "\(out)")
        #expect(analysisLine.contains("analysis-v2.txt") && !analysisLine.contains("kept"))
        let communicationLine = try #require(lines.first { $0.contains("Communication: file") }, "\(out)")
        #expect(communicationLine.contains("communication-v1.txt (sha256"))
        #expect(communicationLine.hasSuffix("(kept from attempt 1)"))
        #expect(
            lines.contains { $0.hasSuffix("Reflection: words: I learned to label charts. (kept from attempt 1)") },
            "\(out)")

        let secondId = String(out.split(separator: " ")[1].dropLast())
        let progress = try w.laurel(["progress", "ada@example.org"])
        let waiting = progress.standardOutput
        #expect(waiting.contains("attempt 2, waiting for review (\(secondId))"), "\(waiting)")
        _ = try w.laurel([
            "review", secondId, "--reviewer", "Sam", "--level", "analysis=proficient",
            "--level", "communication=proficient",
        ])
        let award = try w.laurel(["award", secondId, "--out", w.folder.path("ada.json")])
        #expect(award.status == 0, "\(award.standardError)")
        let credential = try w.folder.read("ada.json")
        #expect(credential.contains("Ada Learner"), "the name given in attempt 1 reaches the credential")
        for name in ["analysis-v2.txt", "communication-v1.txt"] {
            let digest = try Self.storedDigest(w.folder.path(name), workspace: w.ws)
            #expect(digest.count == 64)
            #expect(credential.contains(digest), "the credential lacks the digest of \(name)")
        }
        #expect(!credential.contains(try Self.storedDigest(analysis1, workspace: w.ws)))
    }

    @Test("--fresh keeps nothing from the previous attempt")
    func fresh() throws {
        let w = try LearningWorkspace()
        let first = try w.submit([
            "--achievement", "teamwork", "--learner", "bo@example.org", "--name", "Bo",
            "--evidence", "analysis=https://example.org/a", "--evidence", "communication=https://example.org/c",
            "--reflection", "It went well.",
        ])
        _ = try w.laurel([
            "review", first, "--reviewer", "Sam", "--level", "analysis=developing",
            "--level", "communication=proficient",
        ])
        let again = try w.laurel([
            "submit", "--achievement", "teamwork", "--learner", "bo@example.org", "--fresh",
            "--evidence", "analysis=https://example.org/a2",
        ])
        #expect(again.status == 0, "\(again.standardError)")
        #expect(again.standardOutput.contains("Analysis: https://example.org/a2"))
        #expect(!again.standardOutput.contains("Communication"), "\(again.standardOutput)")
        #expect(!again.standardOutput.contains("Reflection"))
        #expect(!again.standardOutput.contains("kept from"))
    }

    @Test("an achievement read by two: one review waits for a second reader, two agreeing decide")
    func twoReaders() throws {
        let w = try LearningWorkspace()
        let made = try LaurelBinary.run([
            "achievement", "new", "--workspace", w.ws, "--name", "Pair Read", "--description", "Read by two.",
            "--criteria", "Both criteria.",
            "--rubric", w.folder.path("rubric.json"), "--readers", "2",
        ])
        #expect(made.status == 0, "\(made.standardError)")
        #expect(try w.folder.read("ws/achievements/pair-read.json").contains("\"readers\": 2"))
        let show = try LaurelBinary.run(["achievement", "show", "--workspace", w.ws, "pair-read"])
        #expect(show.standardOutput.contains("read by 2 reviewers"), "\(show.standardOutput)")
        let tooMany = try LaurelBinary.run([
            "achievement", "new", "--workspace", w.ws, "--name", "Four", "--description", "x", "--criteria", "x",
            "--readers", "4",
        ])
        #expect(tooMany.status == 2)
        #expect(tooMany.standardError.contains("--readers must be 1, 2 or 3"))

        let submission = try w.submit([
            "--achievement", "pair-read", "--learner", "ada@example.org",
            "--evidence", "analysis=https://example.org/a", "--evidence", "communication=https://example.org/c",
        ])
        let one = try w.laurel([
            "review", submission, "--reviewer", "Sam", "--level", "analysis=proficient",
            "--level", "communication=proficient",
        ])
        #expect(one.status == 0, "\(one.standardError)")
        #expect(one.standardOutput.contains("waiting for a second reader (1 of the 2 readers"), "\(one.standardOutput)")
        let progress = try w.laurel(["progress", "ada@example.org"])
        #expect(
            progress.standardOutput.contains("attempt 1, waiting for a second reader"), "\(progress.standardOutput)")
        let early = try w.laurel(["award", submission])
        #expect(early.status == 1)
        #expect(early.standardError.contains("waiting for a second reader"), "\(early.standardError)")
        let two = try w.laurel([
            "review", submission, "--reviewer", "Kim", "--level", "analysis=proficient",
            "--level", "communication=proficient",
        ])
        #expect(two.standardOutput.contains("earned"), "\(two.standardOutput)")
    }

    /// The digest under which the workspace stored a copy of the file at `path` (evidence/sha256/<hex>).
    static func storedDigest(_ path: String, workspace: String) throws -> String {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let folder = workspace + "/evidence/sha256"
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        let match = try names.first { try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)) == bytes }
        return try #require(match, "no stored copy of \(path)")
    }
}

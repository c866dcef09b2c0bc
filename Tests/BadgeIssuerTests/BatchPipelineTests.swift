import BadgeIssuer
import BadgeStore
import BadgeVerifier
import Foundation
import LinkedData
import Testing

/// The batch pipeline (chunks read and reserved ahead, signed on several threads, written and recorded behind)
/// with chunks small enough that every stage holds several at once.
@Suite struct BatchPipelineTests {
    let now = "2026-05-01T10:00:00Z"

    /// 30 rows; line 4 and line 25 are the same row (in different chunks), lines 9 and 18 are bad.
    func roster(_ directory: TemporaryDirectory) throws -> String {
        var text = "recipient,name,results\n"
        for line in 2...31 {
            switch line {
            case 9: text += "not-an-address,Bad,analysis=proficient;communication=proficient\n"
            case 18: text += "z@example.org,Z,analysis=excellent\n"
            case 25: text += "learner4@example.org,Learner 4,analysis=proficient;communication=proficient\n"
            default: text += "learner\(line)@example.org,Learner \(line),analysis=proficient;communication=proficient\n"
            }
        }
        return try directory.write("roster.csv", text)
    }

    func verifyAll(_ workspace: Workspace, _ files: [[UInt8]]) throws -> [VerificationReport] {
        var resources: [String: [UInt8]] = [:]
        for item in try workspace.publishStatusLists(now: now) { resources[item.url] = try FileIO.read(item.file) }
        let verifier = Verifier(options: VerificationOptions(at: 1_780_272_000, resources: resources))
        return files.map { verifier.verify(bytes: $0, source: "batch") }
    }

    @Test("small chunks on two threads: a row repeated in a later chunk is issued once, bad rows are listed in order, every credential verifies, a rerun issues nothing")
    func smallChunks() throws {
        let directory = TemporaryDirectory()
        let workspace = try IssuerFixtures.workspace(directory, proof: .eddsaRdfc2022)
        let achievement = try IssuerFixtures.achievement(workspace)
        let options = BatchOptions(
            rosterPath: try roster(directory), achievement: achievement, outputDirectory: directory.file("out"),
            chunkSize: 3, workers: 2, now: now)
        var progress: [BatchProgress] = []
        let summary = try workspace.issueBatch(options) { progress.append($0) }
        #expect(summary.rows == 30)
        #expect(summary.issued == 27)
        #expect(summary.alreadyIssued == 1)
        #expect(summary.badRows.map(\.line) == [9, 18])
        #expect(progress.count >= 9, "progress after each chunk (\(progress.count))")
        #expect(progress.map(\.issued) == progress.map(\.issued).sorted())
        #expect(progress.last?.issued == 27)

        let names = try FileManager.default.contentsOfDirectory(atPath: directory.file("out")).sorted()
        #expect(names.count == 27)
        let files = try names.map { try FileIO.read(directory.file("out/" + $0)) }
        for report in try verifyAll(workspace, files) {
            #expect(report.verdict == .valid, "\(report.checks.filter { $0.outcome == .fail })")
        }
        // Every learner once; the shared members (issuer, achievement) are the same in every credential.
        let credentials = try files.map { bytes -> JSONObject in
            guard case .object(let object) = try JSONValue(parsing: bytes) else { throw CocoaError(.fileReadCorruptFile) }
            return object
        }
        #expect(Set(credentials.compactMap { $0["id"] }).count == 27)
        #expect(Set(credentials.compactMap { $0["issuer"] }).count == 1)
        let achievements = credentials.compactMap { credential -> JSONValue? in
            guard case .object(let subject)? = credential["credentialSubject"] else { return nil }
            return subject["achievement"]
        }
        #expect(achievements.count == 27 && Set(achievements).count == 1)
        let counts = try workspace.ledger.counts()
        #expect(counts.issued == 27 && counts.pending == 0)

        let again = try workspace.issueBatch(options)
        #expect(again.issued == 0)
        #expect(again.alreadyIssued == 28)
        #expect(again.badRows.map(\.line) == [9, 18])
    }

    @Test("small chunks into JSON Lines: each credential once, in roster order, and the file verifies line by line")
    func smallChunksJSONLines() throws {
        let directory = TemporaryDirectory()
        let workspace = try IssuerFixtures.workspace(directory, proof: .eddsaRdfc2022)
        let achievement = try IssuerFixtures.achievement(workspace)
        let output = directory.file("all.jsonl")
        let options = BatchOptions(
            rosterPath: try roster(directory), achievement: achievement, jsonLinesPath: output, chunkSize: 4,
            workers: 2, now: now)
        let summary = try workspace.issueBatch(options)
        #expect(summary.issued == 27)
        let lines = try FileIO.read(output).split(separator: 0x0A).map(Array.init)
        #expect(lines.count == 27)
        for report in try verifyAll(workspace, lines) {
            #expect(report.verdict == .valid, "\(report.checks.filter { $0.outcome == .fail })")
        }
        // Roster order: the recipients' names appear as the roster lists them.
        let names = lines.compactMap { line -> String? in
            let text = String(decoding: line, as: UTF8.self)
            guard let range = text.range(of: "\"identityHash\":\"Learner ") else { return nil }
            return String(text[range.upperBound...].prefix { $0.isNumber })
        }
        let expected = (2...31).filter { ![9, 18, 25].contains($0) }.map(String.init)
        #expect(names == expected)
    }
}

import BadgeCrypto
import BadgeIssuer
import BadgeStore
import BadgeVerifier
import Foundation
import LinkedData
import Testing

@Suite("Resubmissions carry the previous attempt forward")
struct CarryForwardTests {
    static func digest(_ text: String) -> String { Hex.encode(SHA256.hash(Array(text.utf8))) }

    /// Attempt 1 with a name, a file per criterion and a reflection, reviewed "not yet".
    static func firstAttempt(_ fixture: LearningFixture) throws -> SubmissionRecord {
        let analysis = try fixture.file("analysis-v1.txt", "analysis, first try\n")
        let communication = try fixture.file("communication-v1.txt", "communication, first try\n")
        let first = try fixture.workspace.submit(
            SubmissionInput(
                achievement: fixture.dataLiteracy, learner: "ada@example.org", learnerName: "Ada Learner",
                evidence: [("analysis", analysis), ("communication", communication)],
                reflection: "I learned to label charts.", context: "Evening class, spring term"),
            now: fixture.now)
        let review = try fixture.workspace.review(
            ReviewInput(
                submissionId: first.id, reviewer: "Sam",
                levels: [("analysis", "developing"), ("communication", "proficient")],
                nextSteps: [("analysis", "Compare two methods.")]),
            now: fixture.now)
        #expect(review.submission.state == .notYet)
        return first
    }

    @Test("new evidence for one criterion replaces only that criterion; the rest, the reflection and the name are kept")
    func carriesForward() throws {
        let fixture = try LearningFixture()
        let workspace = fixture.workspace
        let first = try Self.firstAttempt(fixture)
        let analysis2 = try fixture.file("analysis-v2.txt", "analysis, second try\n")
        let second = try workspace.submit(
            SubmissionInput(
                achievement: fixture.dataLiteracy, learner: "ada@example.org", evidence: [("analysis", analysis2)]),
            now: fixture.now)
        #expect(second.attempt == 2)
        #expect(second.learnerName == "Ada Learner", "the name comes from attempt 1")
        #expect(second.context == "Evening class, spring term")

        let evidence = try workspace.ledger.evidence(submissionId: second.id)
        let files = evidence.filter { $0.kind == .file }
        #expect(files.count == 2)
        let byCriterion = Dictionary(uniqueKeysWithValues: files.map { ($0.criterionId ?? "", $0) })
        #expect(byCriterion["analysis"]?.sha256 == Self.digest("analysis, second try\n"))
        #expect(byCriterion["analysis"]?.name == "analysis-v2.txt")
        #expect(byCriterion["communication"]?.sha256 == Self.digest("communication, first try\n"))
        #expect(byCriterion["communication"]?.name == "communication-v1.txt")
        #expect(evidence.filter { $0.kind == .reflection }.map(\.text) == ["I learned to label charts."])
        let replaced = Self.digest("analysis, first try\n")
        #expect(!evidence.contains { $0.sha256 == replaced }, "attempt 1's analysis is replaced")
        // Attempt 1 is unchanged.
        #expect(try workspace.ledger.evidence(submissionId: first.id).filter { $0.kind == .file }.map(\.name)
            == ["analysis-v1.txt", "communication-v1.txt"])

        let earned = try workspace.review(
            ReviewInput(submissionId: second.id, reviewer: "Sam", levels: IssuerFixtures.passing), now: fixture.now)
        #expect(earned.submission.state == .earned)
        let award = try workspace.award(second.id, outputPath: nil, now: fixture.now)
        let json = try #require(JSONValue(parsing: award.credential.signed.bytes).objectValue)
        let identifiers = json["credentialSubject"]?["identifier"]?.arrayValue ?? []
        #expect(identifiers.contains {
            $0["identityType"]?.stringValue == "name" && $0["identityHash"]?.stringValue == "Ada Learner"
        }, "the credential names the learner with the name given in attempt 1")
        let descriptions = (json["evidence"]?.arrayValue ?? []).compactMap { $0["description"]?.stringValue }
        #expect(descriptions.count == 2)
        for text in ["analysis, second try\n", "communication, first try\n"] {
            #expect(descriptions.contains { $0.contains(Self.digest(text)) }, "no digest of \(text) in the credential")
        }
        let report = try fixture.verify(award.credential.signed.bytes)
        #expect(report.verdict == .valid, "\(report.checks.filter { $0.outcome == .fail })")
    }

    @Test("with carryForward off, a resubmission keeps nothing of the previous attempt")
    func carryForwardOff() throws {
        let fixture = try LearningFixture()
        let workspace = fixture.workspace
        _ = try Self.firstAttempt(fixture)
        let analysis2 = try fixture.file("analysis-v2.txt", "analysis, second try\n")
        let second = try workspace.submit(
            SubmissionInput(
                achievement: fixture.dataLiteracy, learner: "ada@example.org", evidence: [("analysis", analysis2)],
                carryForward: false),
            now: fixture.now)
        #expect(second.attempt == 2)
        #expect(second.learnerName == nil)
        #expect(second.context == nil)
        let evidence = try workspace.ledger.evidence(submissionId: second.id)
        #expect(evidence.count == 1)
        #expect(evidence.first?.criterionId == "analysis")
        #expect(evidence.first?.sha256 == Self.digest("analysis, second try\n"))
    }

    @Test("kept evidence whose stored file is missing is refused, and nothing is recorded")
    func keptFileMissing() throws {
        let fixture = try LearningFixture()
        let workspace = fixture.workspace
        _ = try Self.firstAttempt(fixture)
        let before = try fixture.counts()
        let filesBefore = try FileManager.default.contentsOfDirectory(atPath: workspace.evidenceDirectory).sorted()
        let absent = Self.digest("never stored")
        let fresh = try fixture.file("analysis-v3.txt", "a file this refused call must not leave behind\n")
        for carry in [true, false] {
            do {
                _ = try workspace.submit(
                    SubmissionInput(
                        achievement: fixture.dataLiteracy, learner: "ada@example.org", evidence: [("analysis", fresh)],
                        kept: [SubmissionEvidenceRecord(
                            criterionId: "communication", kind: .file, name: "chart.png", sha256: absent,
                            mediaType: "image/png")],
                        carryForward: carry),
                    now: fixture.now)
                Issue.record("kept evidence with no stored file was accepted")
            } catch {
                #expect(error.code == .evidence)
                #expect(error.reason.contains("chart.png"), "\(error.reason)")
                #expect(error.reason.contains("not in the workspace"), "\(error.reason)")
            }
        }
        #expect(try fixture.counts() == before)
        let filesAfter = try FileManager.default.contentsOfDirectory(atPath: workspace.evidenceDirectory).sorted()
        #expect(filesAfter == filesBefore, "no file of the refused call is left behind")
    }
}

@Suite("The readers rule: an achievement may ask for two or three reviews before the rubric decides")
struct ReadersTests {
    /// The fixture's Data Literacy, saved again with `readers`.
    static func twoReaders(_ fixture: LearningFixture, readers: Int = 2) throws -> AchievementDefinition {
        var definition = fixture.dataLiteracy
        definition.readers = readers
        _ = try fixture.workspace.saveAchievement(definition, fileName: "data-literacy", replace: true)
        return try fixture.workspace.achievementDefinition(id: definition.id)
    }

    static func submit(_ fixture: LearningFixture, _ definition: AchievementDefinition) throws -> SubmissionRecord {
        try fixture.workspace.submit(
            SubmissionInput(
                achievement: definition, learner: "bo@example.org",
                evidence: [("analysis", "https://example.org/a"), ("communication", "https://example.org/c")]),
            now: fixture.now)
    }

    static func review(
        _ fixture: LearningFixture, _ submission: SubmissionRecord, _ reviewer: String, _ analysis: String,
        _ communication: String
    ) throws -> ReviewOutcome {
        try fixture.workspace.review(
            ReviewInput(
                submissionId: submission.id, reviewer: reviewer,
                levels: [("analysis", analysis), ("communication", communication)]),
            now: fixture.now)
    }

    @Test("the achievement file reads and writes readers, 1 to 3, and refuses anything else naming the field")
    func file() throws {
        let good = AchievementDefinitionTests.good
        let two = good.replacingFirst("\"tags\": [\"data\"],", with: "\"tags\": [\"data\"], \"readers\": 2,")
        let definition = try AchievementDefinition(fileBytes: Array(two.utf8), file: "a.json")
        #expect(definition.readers == 2)
        #expect(try AchievementDefinition(fileBytes: Array(good.utf8), file: "a.json").readers == 1)
        #expect(definition.fileJSON.objectValue?["readers"]?.numberValue?.lexeme == "2")
        let one = try AchievementDefinition(fileBytes: Array(good.utf8), file: "a.json")
        #expect(one.fileJSON.objectValue?["readers"] == nil, "the default is not written")
        let again = try AchievementDefinition(
            fileBytes: Array((try #require(JSONSerializerShim.compact(definition.fileJSON))).utf8), file: "b.json")
        #expect(again == definition)
        for bad in ["0", "4", "1.5", "\"two\"", "true"] {
            let text = good.replacingFirst("\"tags\": [\"data\"],", with: "\"tags\": [\"data\"], \"readers\": \(bad),")
            do {
                _ = try AchievementDefinition(fileBytes: Array(text.utf8), file: "bad.json")
                Issue.record("readers \(bad) was accepted")
            } catch {
                #expect(error.file == "bad.json")
                #expect(error.field == "readers")
                #expect(error.line == 6)
            }
        }
    }

    @Test("with two readers, one review keeps the submission waiting for a second reader")
    func oneOfTwo() throws {
        let fixture = try LearningFixture()
        let definition = try Self.twoReaders(fixture)
        #expect(definition.readers == 2)
        let submission = try Self.submit(fixture, definition)
        let one = try Self.review(fixture, submission, "Sam", "proficient", "proficient")
        #expect(one.submission.state == .submitted)
        #expect(one.decision.state == .submitted)
        #expect(one.decision.reviewCount == 1)
        #expect(one.decision.readers == 2)
        #expect(one.decision.awaitedReader == 2)
        #expect(one.decision.waitingWords == "waiting for a second reader")
        #expect(try fixture.workspace.submission(submission.id).state == .submitted)
        do {
            _ = try fixture.workspace.award(submission.id, outputPath: nil, now: fixture.now)
            Issue.record("a submission waiting for its second reader was awarded")
        } catch {
            #expect(error.code == .notEarned)
            #expect(error.reason.contains("waiting for a second reader"), "\(error.reason)")
        }
        let progress = try fixture.workspace.progress(learner: "bo@example.org")
        #expect(progress.inProgress.first?.decision.waitingWords == "waiting for a second reader")
        // The learner's page says what it waits for and shows no levels before the decision.
        let details = try fixture.workspace.submissionDetails(submission.id)
        let page = FeedbackPage.render(details, history: [details], issuerName: "Example College")
        #expect(page.contains("Waiting for a second reader."))
        #expect(!page.contains("Your levels"))
    }

    @Test("with two readers, two agreeing reviews decide: earned, or not yet")
    func twoAgree() throws {
        let fixture = try LearningFixture()
        let definition = try Self.twoReaders(fixture)
        let earned = try Self.submit(fixture, definition)
        _ = try Self.review(fixture, earned, "Sam", "proficient", "proficient")
        let both = try Self.review(fixture, earned, "Kim", "exemplary", "proficient")
        #expect(both.submission.state == .earned)
        #expect(both.decision.awaitedReader == nil)
        #expect(both.decision.outcome("analysis")?.levelId == "proficient", "the lowest level on the deciding side")
        _ = try fixture.workspace.award(earned.id, outputPath: nil, now: fixture.now)

        var other = definition
        other.id = "https://example.edu/achievements/data-literacy-two"
        other.name = "Data Literacy Two"
        _ = try fixture.workspace.saveAchievement(other, fileName: "data-literacy-two")
        let notYet = try Self.submit(fixture, other)
        _ = try Self.review(fixture, notYet, "Sam", "developing", "proficient")
        #expect(try fixture.workspace.submission(notYet.id).state == .submitted)
        let second = try Self.review(fixture, notYet, "Kim", "developing", "proficient")
        #expect(second.submission.state == .notYet)
        #expect(second.decision.outcome("analysis")?.met == false)
    }

    @Test("with two readers, two reviews across the required level need a third read, and the third decides")
    func twoDisagree() throws {
        let fixture = try LearningFixture()
        let definition = try Self.twoReaders(fixture)
        let submission = try Self.submit(fixture, definition)
        _ = try Self.review(fixture, submission, "Sam", "proficient", "proficient")
        let two = try Self.review(fixture, submission, "Kim", "proficient", "developing")
        #expect(two.submission.state == .needsThirdRead)
        #expect(two.decision.outcome("communication")?.met == nil)
        #expect(two.decision.waitingWords == "waiting for a third read")
        let three = try Self.review(fixture, submission, "Lee", "proficient", "proficient")
        #expect(three.submission.state == .earned)
        #expect(try fixture.workspace.submission(submission.id).state == .earned)
    }

    @Test("the decision waits for as many reviews as the achievement's readers")
    func decision() {
        var definition = AchievementDefinition(
            id: "https://example.edu/a", name: "A", description: "A", rubric: [IssuerFixtures.rubric[0]])
        func reviews(_ levels: [String]) -> [StoredReview] {
            levels.enumerated().map { index, level in
                StoredReview(
                    review: ReviewRecord(submissionId: "s", reviewer: "r\(index)", createdAt: "2026-05-01T10:00:00Z"),
                    scores: [ReviewScoreRecord(criterionId: "analysis", levelId: level)])
            }
        }
        definition.readers = 3
        #expect(RubricDecision(definition: definition, reviews: reviews(["proficient"])).state == .submitted)
        let two = RubricDecision(definition: definition, reviews: reviews(["proficient", "developing"]))
        #expect(two.state == .submitted, "a tie before the third reader is not yet a decision")
        #expect(two.waitingWords == "waiting for a third reader")
        let three = RubricDecision(definition: definition, reviews: reviews(["proficient", "developing", "developing"]))
        #expect(three.state == .notYet)
        definition.readers = 1
        #expect(RubricDecision(definition: definition, reviews: reviews(["proficient"])).state == .earned)
        #expect(RubricDecision(definition: definition, reviews: []).waitingWords == "waiting for review")
    }
}

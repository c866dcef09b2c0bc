import BadgeCrypto
import BadgeIssuer
import BadgeStore
import BadgeVerifier
import Foundation
import LinkedData
import OpenBadges
import Testing

/// A workspace with achievements for the learning journey.
struct LearningFixture {
    let directory = TemporaryDirectory()
    let workspace: Workspace
    let dataLiteracy: AchievementDefinition
    let teamwork: AchievementDefinition
    let capstone: AchievementDefinition
    let now = "2026-05-01T10:00:00Z"

    init(proof: ProofFormat = .eddsaRdfc2022) throws {
        workspace = try Workspace.create(
            at: directory.file("ws"),
            options: .init(name: "Example College", url: "https://example.edu", proof: proof))
        dataLiteracy = AchievementDefinition(
            id: "https://example.edu/achievements/data-literacy", name: "Data Literacy",
            description: "Reads and explains data.", criteriaNarrative: "Every criterion at Proficient.",
            rubric: IssuerFixtures.rubric, creditsAvailable: "2.5")
        teamwork = AchievementDefinition(
            id: "https://example.edu/achievements/teamwork", name: "Teamwork", description: "Works with others.",
            rubric: [IssuerFixtures.rubric[1]])
        capstone = AchievementDefinition(
            id: "https://example.edu/achievements/data-practitioner", name: "Data Practitioner",
            description: "Data Literacy and Teamwork together.", achievementType: "Certificate")
        _ = try workspace.saveAchievement(dataLiteracy, fileName: "data-literacy")
        _ = try workspace.saveAchievement(teamwork, fileName: "teamwork")
        _ = try workspace.saveAchievement(capstone, fileName: "data-practitioner")
    }

    func file(_ name: String, _ text: String) throws -> String { try directory.write(name, text) }

    /// Verifies credential bytes with the workspace's published status lists as resources.
    func verify(_ bytes: [UInt8]) throws -> VerificationReport {
        var resources: [String: [UInt8]] = [:]
        for item in try workspace.publishStatusLists(now: now) { resources[item.url] = try FileIO.read(item.file) }
        let verifier = Verifier(options: VerificationOptions(
            at: 1_780_272_000, resources: resources, recipientEmail: "ada@example.org"))
        return verifier.verify(bytes: bytes, source: "award")
    }

    func credentialFiles() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: workspace.credentialsDirectory)) ?? []
    }

    func counts() throws -> [Int] {
        let learners = ["ada@example.org", "bo@example.org"]
        var submissions = 0
        var reviews = 0
        for learner in learners {
            let mine = try workspace.ledger.submissions(learner: learner)
            submissions += mine.count
            for submission in mine { reviews += try workspace.ledger.reviews(submissionId: submission.id).count }
        }
        let awards = try learners.map { try workspace.ledger.awards(learner: $0).count }.reduce(0, +)
        return [submissions, reviews, awards, credentialFiles().count]
    }
}

@Suite("Learning: submissions, rubric reviews, not yet, awards and programs")
struct LearningJourneyTests {
    @Test("a learner gets \"not yet\", resubmits, earns and is awarded; the verifier shows each criterion's level")
    func journey() throws {
        let fixture = try LearningFixture()
        let workspace = fixture.workspace
        let report = try fixture.file("brief.txt", "Question: do evening classes help?\n")
        let first = try workspace.submit(
            SubmissionInput(
                achievement: fixture.dataLiteracy, learner: "Ada@Example.org", learnerName: "Ada Learner",
                evidence: [("analysis", report), ("communication", "https://portfolio.example.org/ada")],
                narratives: [("analysis", "I compared two methods.")], reflection: "I learned to label charts."),
            now: fixture.now)
        #expect(first.attempt == 1)
        #expect(first.state == .submitted)
        #expect(first.learner == "ada@example.org")

        let notYet = try workspace.review(
            ReviewInput(
                submissionId: first.id, reviewer: "Sam",
                levels: [("analysis", "exemplary"), ("communication", "developing")],
                feedback: [("communication", "PRIVATE-STRENGTHS clear summary")],
                nextSteps: [("communication", "Label the chart axes.")], overall: "PRIVATE-OVERALL good start"),
            now: fixture.now)
        #expect(notYet.submission.state == .notYet)
        #expect(notYet.decision.outcome("communication")?.met == false)
        #expect(notYet.decision.outcome("analysis")?.met == true)

        let progress = try workspace.progress(learner: "ada@example.org")
        #expect(progress.notYet.count == 1)
        #expect(progress.notYet.first?.nextSteps.first?.text == "Label the chart axes.")

        let details = try workspace.submissionDetails(first.id)
        let page = FeedbackPage.render(details, history: try workspace.attemptHistory(of: first), issuerName: "Example College")
        #expect(page.contains("Not yet."))
        #expect(page.contains("Label the chart axes."))

        let second = try workspace.submit(
            SubmissionInput(
                achievement: fixture.dataLiteracy, learner: "ada@example.org", learnerName: "Ada Learner",
                evidence: [("analysis", report), ("communication", "https://portfolio.example.org/ada/v2")]),
            now: fixture.now)
        #expect(second.attempt == 2)
        let earned = try workspace.review(
            ReviewInput(
                submissionId: second.id, reviewer: "Sam", levels: [("analysis", "exemplary"), ("communication", "proficient")],
                feedback: [("communication", "PRIVATE-STRENGTHS axes labelled")],
                publicNarrative: "Ada analysed evening-class completion data."),
            now: fixture.now)
        #expect(earned.submission.state == .earned)
        #expect(try workspace.attemptHistory(of: second).map(\.submission.state) == [.notYet, .earned])

        let outcome = try workspace.award(second.id, outputPath: nil, now: fixture.now)
        #expect(outcome.stacked.isEmpty)
        let text = String(decoding: outcome.credential.signed.bytes, as: UTF8.self)
        #expect(!text.contains("PRIVATE-"), "private feedback must never reach the credential")
        #expect(text.contains("Ada analysed evening-class completion data."))
        let json = try #require(JSONValue(parsing: outcome.credential.signed.bytes).objectValue)
        #expect(json["credentialSubject"]?["creditsEarned"]?.numberValue?.lexeme == "2.5")
        let digest = Hex.encode(SHA256.hash(Array("Question: do evening classes help?\n".utf8)))
        let evidence = json["evidence"]?.arrayValue ?? []
        #expect(evidence.contains { $0["description"]?.stringValue?.contains(digest) == true })
        #expect(evidence.contains { $0["id"]?.stringValue == "https://portfolio.example.org/ada/v2" })

        let verified = try fixture.verify(outcome.credential.signed.bytes)
        #expect(verified.verdict == .valid, "\(verified.checks.filter { $0.outcome == .fail })")
        let results = try #require(verified.credential?.results)
        #expect(results.map(\.criterion) == ["Analysis", "Communication"])
        #expect(results.map(\.achieved) == ["Exemplary", "Proficient"])
        #expect(results.map(\.required) == ["Proficient", "Proficient"])

        // The certificate page carries the name, achievement, issuer and results.
        let certificate = CertificatePage.render(credential: json, source: "ada.json")
        for expected in ["Ada Learner", "Data Literacy", "Example College", "Exemplary", "laurel verify ada.json"] {
            #expect(certificate.contains(expected), "certificate lacks \(expected)")
        }

        // Awarded once only.
        #expect(throws: LearningError.self) { try workspace.award(second.id, outputPath: nil, now: fixture.now) }
    }

    @Test("completing a program (N of M) issues the stacked credential, naming the component badges, and it verifies")
    func program() throws {
        let fixture = try LearningFixture()
        let workspace = fixture.workspace
        let program = try workspace.createProgram(
            ProgramInput(
                name: "Data Track", description: "Two badges, one certificate.",
                achievements: ["data-literacy", "teamwork"], requiredCount: 2, capstone: "data-practitioner",
                targetDate: "2027-06-30"),
            now: fixture.now)
        #expect(program.program.id == "data-track")
        #expect(program.achievementIds == [fixture.dataLiteracy.id, fixture.teamwork.id])
        #expect(try workspace.program("data-track") == program)

        func earn(_ definition: AchievementDefinition) throws -> AwardOutcome {
            let submission = try workspace.submit(
                SubmissionInput(
                    achievement: definition, learner: "ada@example.org",
                    evidence: definition.rubric.map { ($0.id, "https://portfolio.example.org/\($0.id)") }),
                now: fixture.now)
            _ = try workspace.review(
                ReviewInput(
                    submissionId: submission.id, reviewer: "Sam",
                    levels: definition.rubric.map { ($0.id, $0.requiredLevel) }),
                now: fixture.now)
            return try workspace.award(submission.id, outputPath: nil, now: fixture.now)
        }
        let first = try earn(fixture.dataLiteracy)
        #expect(first.stacked.isEmpty)
        #expect(try workspace.progress(learner: "ada@example.org").programs.first?.earned.count == 1)
        let second = try earn(fixture.teamwork)
        #expect(second.stacked.count == 1)
        let stacked = try #require(second.stacked.first)
        #expect(stacked.program.program.id == "data-track")

        let json = try #require(JSONValue(parsing: stacked.credential.signed.bytes).objectValue)
        #expect(json["credentialSubject"]?["achievement"]?["id"]?.stringValue == fixture.capstone.id)
        let evidenceIDs = (json["evidence"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        #expect(evidenceIDs == [first.credential.credentialID, second.credential.credentialID])

        let report = try fixture.verify(stacked.credential.signed.bytes)
        #expect(report.verdict == .valid, "\(report.checks.filter { $0.outcome == .fail })")
        #expect(report.credential?.achievementName == "Data Practitioner")

        let progress = try workspace.progress(learner: "ada@example.org")
        #expect(progress.programs.first?.credentialId == stacked.credential.credentialID)
        #expect(progress.earned.count == 2)
    }

    @Test("two reviewers who disagree across the required level flag a third read, which then decides")
    func thirdRead() throws {
        let fixture = try LearningFixture()
        let workspace = fixture.workspace
        let submission = try workspace.submit(
            SubmissionInput(
                achievement: fixture.dataLiteracy, learner: "bo@example.org",
                evidence: [("analysis", "https://example.org/a"), ("communication", "https://example.org/c")]),
            now: fixture.now)
        let one = try workspace.review(
            ReviewInput(submissionId: submission.id, reviewer: "Sam", levels: [("analysis", "proficient"), ("communication", "proficient")]),
            now: fixture.now)
        #expect(one.submission.state == .earned)
        let two = try workspace.review(
            ReviewInput(submissionId: submission.id, reviewer: "Kim", levels: [("analysis", "exemplary"), ("communication", "developing")]),
            now: fixture.now)
        #expect(two.submission.state == .needsThirdRead)
        #expect(two.decision.outcome("communication")?.met == nil)
        #expect(two.decision.outcome("analysis")?.met == true, "agreement above the required level is not a disagreement")
        do {
            _ = try workspace.award(submission.id, outputPath: nil, now: fixture.now)
            Issue.record("a submission waiting for a third read was awarded")
        } catch {
            #expect(error.code == .notEarned)
            #expect(error.reason.contains("third read"))
        }
        // The same reviewer cannot review twice.
        #expect(throws: LearningError.self) {
            try workspace.review(
                ReviewInput(submissionId: submission.id, reviewer: "Kim", levels: [("analysis", "proficient"), ("communication", "proficient")]),
                now: fixture.now)
        }
        let three = try workspace.review(
            ReviewInput(submissionId: submission.id, reviewer: "Lee", levels: [("analysis", "proficient"), ("communication", "developing")]),
            now: fixture.now)
        #expect(three.submission.state == .notYet)
        #expect(three.decision.outcome("communication")?.levelId == "developing")
        #expect(try workspace.submission(submission.id).state == .notYet)
    }

    @Test("bad input is named and changes nothing")
    func badInput() throws {
        let fixture = try LearningFixture()
        let workspace = fixture.workspace
        let file = try fixture.file("work.txt", "my work")
        let submission = try workspace.submit(
            SubmissionInput(achievement: fixture.dataLiteracy, learner: "ada@example.org", evidence: [("analysis", file)]),
            now: fixture.now)
        let before = try fixture.counts()
        let evidenceBefore = try FileManager.default.contentsOfDirectory(atPath: workspace.evidenceDirectory)

        func expectError(_ code: LearningError.Code, naming named: String, _ body: () throws -> Void) {
            do {
                try body()
                Issue.record("expected \(code) naming \(named)")
            } catch let error as LearningError {
                #expect(error.code == code, "\(error)")
                #expect(error.reason.contains(named), "\(error.reason)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        // A level that is not in the rubric.
        expectError(.unknownLevel, naming: "expert") {
            _ = try workspace.review(
                ReviewInput(submissionId: submission.id, reviewer: "Sam", levels: [("analysis", "expert"), ("communication", "proficient")]),
                now: fixture.now)
        }
        // A criterion the achievement lacks, in a review.
        expectError(.unknownCriterion, naming: "creativity") {
            _ = try workspace.review(
                ReviewInput(submissionId: submission.id, reviewer: "Sam", levels: [("analysis", "proficient"), ("creativity", "proficient")]),
                now: fixture.now)
        }
        // A criterion left unscored.
        expectError(.invalidInput, naming: "communication") {
            _ = try workspace.review(
                ReviewInput(submissionId: submission.id, reviewer: "Sam", levels: [("analysis", "proficient")]), now: fixture.now)
        }
        // A review of an unknown submission.
        expectError(.unknownSubmission, naming: "sub-missing") {
            _ = try workspace.review(
                ReviewInput(submissionId: "sub-missing", reviewer: "Sam", levels: [("analysis", "proficient")]), now: fixture.now)
        }
        // Evidence for a criterion the achievement lacks: nothing stored, not even the file.
        let other = try fixture.file("other.txt", "other work, never stored")
        expectError(.unknownCriterion, naming: "creativity") {
            _ = try workspace.submit(
                SubmissionInput(
                    achievement: fixture.dataLiteracy, learner: "ada@example.org",
                    evidence: [("analysis", other), ("creativity", "https://example.org/x")]),
                now: fixture.now)
        }
        expectError(.evidence, naming: "missing.pdf") {
            _ = try workspace.submit(
                SubmissionInput(achievement: fixture.dataLiteracy, learner: "ada@example.org", evidence: [("analysis", "missing.pdf")]),
                now: fixture.now)
        }
        expectError(.invalidInput, naming: "not-an-email") {
            _ = try workspace.submit(
                SubmissionInput(achievement: fixture.dataLiteracy, learner: "not-an-email", evidence: [("analysis", file)]),
                now: fixture.now)
        }
        // Awarding an unreviewed submission.
        expectError(.notEarned, naming: "not been reviewed") {
            _ = try workspace.award(submission.id, outputPath: nil, now: fixture.now)
        }
        #expect(try fixture.counts() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.evidenceDirectory) == evidenceBefore)

        // Awarding a "not yet" submission.
        _ = try workspace.review(
            ReviewInput(submissionId: submission.id, reviewer: "Sam", levels: [("analysis", "developing"), ("communication", "proficient")]),
            now: fixture.now)
        let afterReview = try fixture.counts()
        expectError(.notEarned, naming: "not yet") {
            _ = try workspace.award(submission.id, outputPath: nil, now: fixture.now)
        }
        #expect(try fixture.counts() == afterReview)
        #expect(fixture.credentialFiles().isEmpty)

        // Programs: a count beyond the achievements, a bad target date, an unknown achievement.
        expectError(.invalidInput, naming: "--require 3") {
            _ = try workspace.createProgram(
                ProgramInput(name: "P", achievements: ["data-literacy", "teamwork"], requiredCount: 3), now: fixture.now)
        }
        expectError(.invalidInput, naming: "next week") {
            _ = try workspace.createProgram(
                ProgramInput(name: "P", achievements: ["data-literacy"], targetDate: "next week"), now: fixture.now)
        }
        expectError(.unknownAchievement, naming: "basket-weaving") {
            _ = try workspace.createProgram(ProgramInput(name: "P", achievements: ["basket-weaving"]), now: fixture.now)
        }
        #expect(try workspace.ledger.programs().isEmpty)
    }

    @Test("evidence files are stored once by SHA-256 digest, read-only, and a resubmission adds an attempt")
    func contentAddressedEvidence() throws {
        let fixture = try LearningFixture()
        let workspace = fixture.workspace
        let text = "the same bytes"
        let a = try fixture.file("a.txt", text)
        let b = try fixture.file("b.txt", text)
        let first = try workspace.submit(
            SubmissionInput(achievement: fixture.dataLiteracy, learner: "ada@example.org", evidence: [("analysis", a)]),
            now: fixture.now)
        let second = try workspace.submit(
            SubmissionInput(achievement: fixture.dataLiteracy, learner: "ada@example.org", evidence: [("analysis", b)]),
            now: fixture.now)
        #expect([first.attempt, second.attempt] == [Int](arrayLiteral: 1, 2))
        let hex = Hex.encode(SHA256.hash(Array(text.utf8)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.evidenceDirectory) == [hex])
        #expect(try String(contentsOfFile: workspace.evidencePath(sha256: hex), encoding: .utf8) == text)
        #expect(FileIO.mode(workspace.evidencePath(sha256: hex)) == 0o444)
        let stored = try workspace.ledger.evidence(submissionId: second.id)
        #expect(stored.map(\.sha256) == [hex])
        #expect(stored.map(\.name) == ["b.txt"])
        #expect(try workspace.ledger.appliedMigrations().last == "v7-credential-offers")
    }

    @Test("the rubric decision counts reviews per criterion and never averages")
    func decision() {
        let definition = AchievementDefinition(
            id: "https://example.edu/a", name: "A", description: "A", rubric: [IssuerFixtures.rubric[0]])
        func reviews(_ levels: [String]) -> [StoredReview] {
            levels.enumerated().map { index, level in
                StoredReview(
                    review: ReviewRecord(submissionId: "s", reviewer: "r\(index)", createdAt: "2026-05-01T10:00:00Z"),
                    scores: [ReviewScoreRecord(criterionId: "analysis", levelId: level)])
            }
        }
        #expect(RubricDecision(definition: definition, reviews: []).state == .submitted)
        #expect(RubricDecision(definition: definition, reviews: reviews(["proficient"])).state == .earned)
        #expect(RubricDecision(definition: definition, reviews: reviews(["developing"])).state == .notYet)
        // Exemplary + developing would "average" to proficient; the rubric asks for a third read instead.
        #expect(RubricDecision(definition: definition, reviews: reviews(["exemplary", "developing"])).state == .needsThirdRead)
        #expect(RubricDecision(definition: definition, reviews: reviews(["exemplary", "proficient"])).state == .earned)
        let decided = RubricDecision(definition: definition, reviews: reviews(["exemplary", "developing", "exemplary"]))
        #expect(decided.state == .earned)
        #expect(decided.outcome("analysis")?.levelId == "exemplary")
    }

    @Test("HTML pages escape every text and mark the required level in words")
    func htmlEscaping() throws {
        let definition = AchievementDefinition(
            id: "https://example.edu/x", name: "<script>alert(1)</script>", description: "Tom & \"Jerry\"",
            rubric: [
                .init(
                    id: "c", name: "C <b>", levels: [
                        .init(id: "low", name: "Low", description: "<img src=x onerror=alert(1)>", points: "1"),
                        .init(id: "high", name: "High", points: "2"),
                    ], requiredLevel: "high")
            ])
        let page = RubricPage.render(definition, issuerName: "O'Brien College")
        #expect(!page.contains("<script>"))
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("Tom &amp; &quot;Jerry&quot;"))
        #expect(page.contains("O&#39;Brien College"))
        #expect(page.contains("<caption>"))
        #expect(page.contains("<th scope=\"col\">Level</th>"))
        #expect(page.contains("<th scope=\"row\">High</th>"))
        #expect(page.contains("Required level</span>"))
        #expect(page.contains("@media print"))
        #expect(page.contains("<html lang=\"en\">"))
    }
}

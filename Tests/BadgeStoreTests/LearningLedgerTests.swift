import BadgeStore
import Testing

@Suite("Ledger: submissions, reviews, programs and awards (v5-learning)")
struct LearningLedgerTests {
    static let time = "2026-05-01T10:00:00Z"

    static func submission(_ id: String, learner: String = "ada@example.org") -> SubmissionRecord {
        SubmissionRecord(id: id, achievementId: "https://example.edu/a", learner: learner, createdAt: time)
    }

    static func evidence(_ criterion: String = "analysis") -> SubmissionEvidenceRecord {
        SubmissionEvidenceRecord(criterionId: criterion, kind: .url, url: "https://example.org/work")
    }

    @Test("attempts are numbered per learner and achievement, and evidence is kept in order")
    func attempts() throws {
        let ledger = try Ledger.inMemory(settings: try settings())
        let first = try ledger.addSubmission(Self.submission("s1"), evidence: [Self.evidence()])
        let second = try ledger.addSubmission(
            Self.submission("s2"),
            evidence: [
                Self.evidence("communication"),
                SubmissionEvidenceRecord(criterionId: "analysis", kind: .file, name: "a.pdf", sha256: digest(1).uppercased()),
                SubmissionEvidenceRecord(criterionId: nil, kind: .reflection, text: "I learned."),
            ])
        let other = try ledger.addSubmission(Self.submission("s3", learner: "bo@example.org"), evidence: [Self.evidence()])
        #expect([first.attempt, second.attempt, other.attempt] == [Int](arrayLiteral: 1, 2, 1))
        let stored = try ledger.evidence(submissionId: "s2")
        #expect(stored.map(\.kind) == [.url, .file, .reflection])
        #expect(stored[1].sha256 == digest(1), "digests are stored in lowercase")
        #expect(try ledger.submissions(learner: "ada@example.org").map(\.id) == ["s1", "s2"])
    }

    @Test("bad submissions are named and nothing is written")
    func badSubmissions() throws {
        let ledger = try Ledger.inMemory(settings: try settings())
        let cases: [(SubmissionRecord, [SubmissionEvidenceRecord], String)] = [
            (Self.submission("s1"), [SubmissionEvidenceRecord(criterionId: "analysis", kind: .file, sha256: "xyz")], "xyz"),
            (Self.submission("s1"), [SubmissionEvidenceRecord(criterionId: "analysis", kind: .url)], "no content"),
            (Self.submission("s1"), [SubmissionEvidenceRecord(criterionId: nil, kind: .narrative, text: "t")], "criterion"),
            (SubmissionRecord(id: "s1", achievementId: "a", learner: "l", createdAt: "yesterday"), [], "yesterday"),
            (Self.submission("s1"), Array(repeating: Self.evidence(), count: 201), "at most 200"),
        ]
        for (submission, evidence, named) in cases {
            do {
                _ = try ledger.addSubmission(submission, evidence: evidence)
                Issue.record("accepted a bad submission (\(named))")
            } catch {
                #expect(error.code == .invalidInput)
                #expect(error.reason.contains(named), "\(error.reason)")
            }
        }
        #expect(try ledger.submission(id: "s1") == nil)
    }

    @Test("a review and the new state are one transaction: an error in the decision rolls both back")
    func reviewTransaction() throws {
        struct Refused: Error {}
        let ledger = try Ledger.inMemory(settings: try settings())
        _ = try ledger.addSubmission(Self.submission("s1"), evidence: [Self.evidence()])
        let review = ReviewRecord(submissionId: "s1", reviewer: "Sam", createdAt: Self.time)
        let scores = [ReviewScoreRecord(criterionId: "analysis", levelId: "proficient", nextSteps: "More.")]
        #expect(throws: LedgerError.self) { try ledger.addReview(review, scores: scores) { _ in throw Refused() } }
        #expect(try ledger.reviews(submissionId: "s1").isEmpty)
        #expect(try ledger.submission(id: "s1")?.state == .submitted)

        let stored = try ledger.addReview(review, scores: scores) { reviews in
            #expect(reviews.count == 1)
            return .notYet
        }
        #expect(stored.state == .notYet)
        #expect(try ledger.reviews(submissionId: "s1").first?.score("analysis")?.nextSteps == "More.")
        #expect(try ledger.submission(id: "s1")?.state == .notYet)
        // Once per reviewer; an unknown submission is named.
        #expect(throws: LedgerError.self) { try ledger.addReview(review, scores: scores) { _ in .earned } }
        do {
            _ = try ledger.addReview(
                ReviewRecord(submissionId: "s9", reviewer: "Sam", createdAt: Self.time), scores: scores) { _ in .earned }
            Issue.record("reviewed an unknown submission")
        } catch {
            #expect(error.reason.contains("no submission 's9'"))
        }
    }

    @Test("programs keep their achievements in order; awards are unique per submission and per program and learner")
    func programsAndAwards() throws {
        let ledger = try Ledger.inMemory(settings: try settings())
        let program = StoredProgram(
            program: ProgramRecord(id: "p", name: "P", description: "", requiredCount: 2, createdAt: Self.time),
            achievementIds: ["b", "a", "c"], alignments: [ProgramAlignment(targetName: "T", targetUrl: "https://t.example")])
        #expect(try ledger.addProgram(program) == program)
        #expect(try ledger.program(id: "p") == program)
        #expect(throws: LedgerError.self) { try ledger.addProgram(program) }
        var tooMany = program
        tooMany.program.id = "q"
        tooMany.program.requiredCount = 4
        #expect(throws: LedgerError.self) { try ledger.addProgram(tooMany) }
        #expect(try ledger.programs().map(\.program.id) == ["p"])

        _ = try ledger.addSubmission(Self.submission("s1"), evidence: [Self.evidence()])
        let award = AwardRecord(
            credentialId: "urn:uuid:1", learner: "ada@example.org", achievementId: "a", submissionId: "s1", awardedAt: Self.time)
        try ledger.addAward(award)
        #expect(try ledger.award(submissionId: "s1") == award)
        var again = award
        again.credentialId = "urn:uuid:2"
        #expect(throws: LedgerError.self) { try ledger.addAward(again) }
        let stacked = AwardRecord(
            credentialId: "urn:uuid:3", learner: "ada@example.org", achievementId: "cap", programId: "p", awardedAt: Self.time)
        try ledger.addAward(stacked)
        var stackedAgain = stacked
        stackedAgain.credentialId = "urn:uuid:4"
        #expect(throws: LedgerError.self) { try ledger.addAward(stackedAgain) }
        var both = award
        both.credentialId = "urn:uuid:5"
        both.programId = "p"
        #expect(throws: LedgerError.self) { try ledger.addAward(both) }
        #expect(try ledger.awards(learner: "ada@example.org").map(\.credentialId) == ["urn:uuid:1", "urn:uuid:3"])
    }
}

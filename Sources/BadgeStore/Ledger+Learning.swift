import GRDB

extension Ledger {
    /// The tables of migration `v5-learning`. Shipped: never edit; change the schema in a new migration.
    static let learningSchema = """
        CREATE TABLE submissions (
            id TEXT PRIMARY KEY NOT NULL,
            achievement_id TEXT NOT NULL,
            learner TEXT NOT NULL,
            learner_name TEXT,
            attempt INTEGER NOT NULL CHECK (attempt >= 1),
            created_at TEXT NOT NULL,
            state TEXT NOT NULL CHECK (state IN ('submitted', 'earned', 'not-yet', 'needs-third-read')),
            UNIQUE (learner, achievement_id, attempt)
        );
        CREATE TABLE submission_evidence (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            submission_id TEXT NOT NULL REFERENCES submissions (id),
            criterion_id TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('file', 'url', 'narrative', 'reflection')),
            name TEXT,
            sha256 TEXT,
            media_type TEXT,
            url TEXT,
            text TEXT,
            CHECK (kind <> 'file' OR sha256 IS NOT NULL),
            CHECK (kind <> 'url' OR url IS NOT NULL),
            CHECK (kind NOT IN ('narrative', 'reflection') OR text IS NOT NULL),
            CHECK ((kind = 'reflection') = (criterion_id IS NULL))
        );
        CREATE INDEX submission_evidence_submission ON submission_evidence (submission_id);
        CREATE TABLE reviews (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            submission_id TEXT NOT NULL REFERENCES submissions (id),
            reviewer TEXT NOT NULL,
            overall_feedback TEXT,
            public_narrative TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (submission_id, reviewer)
        );
        CREATE TABLE review_scores (
            review_id INTEGER NOT NULL REFERENCES reviews (id),
            criterion_id TEXT NOT NULL,
            level_id TEXT NOT NULL,
            strengths TEXT,
            next_steps TEXT,
            PRIMARY KEY (review_id, criterion_id)
        );
        CREATE TABLE programs (
            id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            description TEXT NOT NULL,
            required_count INTEGER NOT NULL CHECK (required_count >= 1),
            capstone_achievement_id TEXT,
            target_date TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE program_achievements (
            program_id TEXT NOT NULL REFERENCES programs (id),
            position INTEGER NOT NULL,
            achievement_id TEXT NOT NULL,
            PRIMARY KEY (program_id, achievement_id)
        );
        CREATE TABLE program_alignments (
            program_id TEXT NOT NULL REFERENCES programs (id),
            position INTEGER NOT NULL,
            target_name TEXT NOT NULL,
            target_url TEXT NOT NULL,
            PRIMARY KEY (program_id, position)
        );
        CREATE TABLE awards (
            credential_id TEXT PRIMARY KEY NOT NULL,
            learner TEXT NOT NULL,
            achievement_id TEXT NOT NULL,
            submission_id TEXT UNIQUE REFERENCES submissions (id),
            program_id TEXT REFERENCES programs (id),
            awarded_at TEXT NOT NULL,
            CHECK ((submission_id IS NULL) <> (program_id IS NULL)),
            UNIQUE (program_id, learner)
        );
        CREATE INDEX awards_learner ON awards (learner);
        """

    /// The most evidence items one submission may hold.
    public static let maximumEvidencePerSubmission = 200
}

// MARK: - Submissions

extension Ledger {
    /// Records a new attempt in one transaction: the submission (numbered after the learner's earlier attempts
    /// at the same achievement, state `submitted`) and its evidence. On error nothing is written.
    public func addSubmission(
        _ submission: SubmissionRecord, evidence: [SubmissionEvidenceRecord]
    ) throws(LedgerError) -> SubmissionRecord {
        try check(submission.id, "submission id")
        try check(submission.achievementId, "achievement id of submission \(submission.id)")
        try check(submission.learner, "learner of submission \(submission.id)")
        try check(submission.learnerName, "learner's name of submission \(submission.id)")
        try checkTime(submission.createdAt, "time of submission \(submission.id)")
        guard evidence.count <= Self.maximumEvidencePerSubmission else {
            throw LedgerError(
                .invalidInput,
                "submission \(submission.id) has \(evidence.count) evidence items; at most "
                    + "\(Self.maximumEvidencePerSubmission) are accepted")
        }
        var checkedEvidence: [SubmissionEvidenceRecord] = []
        for item in evidence {
            var item = item
            let what = "evidence for criterion '\(item.criterionId ?? "(reflection)")'"
            try check(item.criterionId, "criterion of \(what)")
            try check(item.name, "name of \(what)")
            try check(item.url, "URL of \(what)")
            try check(item.mediaType, "media type of \(what)")
            if let text = item.text, text.utf8.count > 64 * 1024 {
                throw LedgerError(.invalidInput, "the text of \(what) is longer than 65536 bytes")
            }
            if let digest = item.sha256 { item.sha256 = try checkedDigest(digest, "SHA-256 of \(what)") }
            switch item.kind {
            case .file where item.sha256 == nil, .url where item.url == nil,
                .narrative where item.text == nil, .reflection where item.text == nil:
                throw LedgerError(.invalidInput, "the \(what) (\(item.kind.rawValue)) has no content")
            default: break
            }
            guard (item.kind == .reflection) == (item.criterionId == nil) else {
                throw LedgerError(.invalidInput, "the \(what): only a reflection has no criterion")
            }
            item.submissionId = submission.id
            item.id = nil
            checkedEvidence.append(item)
        }
        return try write("record submission \(submission.id)") { [checkedEvidence] db in
            var stored = submission
            let previous = try Int.fetchOne(
                db, sql: "SELECT MAX(attempt) FROM submissions WHERE learner = ? AND achievement_id = ?",
                arguments: [submission.learner, submission.achievementId]) ?? 0
            stored.attempt = previous + 1
            stored.state = .submitted
            try stored.insert(db)
            for var item in checkedEvidence { try item.insert(db) }
            return stored
        }
    }

    /// The submission with this id, or nil.
    public func submission(id: String) throws(LedgerError) -> SubmissionRecord? {
        try read("read submission \(id)") { db in try SubmissionRecord.fetchOne(db, key: id) }
    }

    /// A learner's submissions (to one achievement, if given), oldest attempt first.
    public func submissions(learner: String, achievementId: String? = nil) throws(LedgerError) -> [SubmissionRecord] {
        try read("read the submissions of \(learner)") { db in
            var request = SubmissionRecord.filter(Column("learner") == learner)
            if let achievementId { request = request.filter(Column("achievement_id") == achievementId) }
            return try request.order(Column("achievement_id"), Column("attempt")).fetchAll(db)
        }
    }

    /// The evidence of a submission, in the order it was given.
    public func evidence(submissionId: String) throws(LedgerError) -> [SubmissionEvidenceRecord] {
        try read("read the evidence of submission \(submissionId)") { db in
            try SubmissionEvidenceRecord.filter(Column("submission_id") == submissionId).order(Column("id")).fetchAll(db)
        }
    }

    /// The reviews of a submission with their scores, oldest first.
    public func reviews(submissionId: String) throws(LedgerError) -> [StoredReview] {
        try read("read the reviews of submission \(submissionId)") { db in
            try Self.reviews(submissionId, db)
        }
    }

    static func reviews(_ submissionId: String, _ db: Database) throws -> [StoredReview] {
        let reviews = try ReviewRecord.filter(Column("submission_id") == submissionId).order(Column("id")).fetchAll(db)
        return try reviews.map { review in
            let scores = try ReviewScoreRecord.filter(Column("review_id") == review.id)
                .order(Column("rowid")).fetchAll(db)
            return StoredReview(review: review, scores: scores)
        }
    }

    /// Records a review and the submission's new state in one transaction.
    ///
    /// `decide` gets every review of the submission, this one last, and returns the new state; it runs inside
    /// the transaction, so two reviewers recording at once cannot both decide on a partial picture. An error it
    /// throws rolls everything back. A reviewer reviews a submission once; an awarded submission is closed.
    public func addReview(
        _ review: ReviewRecord, scores: [ReviewScoreRecord],
        decide: ([StoredReview]) throws -> SubmissionState
    ) throws(LedgerError) -> (review: StoredReview, state: SubmissionState) {
        try check(review.submissionId, "submission id of the review")
        try check(review.reviewer, "reviewer")
        try check(review.overallFeedback, "overall feedback")
        try check(review.publicNarrative, "public narrative")
        try checkTime(review.createdAt, "time of the review")
        for score in scores {
            try check(score.criterionId, "criterion of the review")
            try check(score.levelId, "level for criterion '\(score.criterionId)'")
            try check(score.strengths, "feedback for criterion '\(score.criterionId)'")
            try check(score.nextSteps, "next step for criterion '\(score.criterionId)'")
        }
        let place = self.place
        return try write("record a review of submission \(review.submissionId)") { db in
            guard try SubmissionRecord.fetchOne(db, key: review.submissionId) != nil else {
                throw LedgerError(.invalidInput, "no submission '\(review.submissionId)' in \(place)")
            }
            if try AwardRecord.filter(Column("submission_id") == review.submissionId).fetchCount(db) > 0 {
                throw LedgerError(
                    .invalidInput, "submission \(review.submissionId) is awarded already; it takes no more reviews")
            }
            if try ReviewRecord.filter(Column("submission_id") == review.submissionId)
                .filter(Column("reviewer") == review.reviewer).fetchCount(db) > 0
            {
                throw LedgerError(
                    .invalidInput,
                    "\(review.reviewer) has reviewed submission \(review.submissionId) already; "
                        + "another reviewer may add a review")
            }
            var stored = review
            stored.id = nil
            try stored.insert(db)
            var storedScores: [ReviewScoreRecord] = []
            for var score in scores {
                score.reviewId = stored.id ?? 0
                try score.insert(db)
                storedScores.append(score)
            }
            let all = try Self.reviews(review.submissionId, db)
            let state = try decide(all)
            try db.execute(
                sql: "UPDATE submissions SET state = ? WHERE id = ?",
                arguments: [state.rawValue, review.submissionId])
            return (StoredReview(review: stored, scores: storedScores), state)
        }
    }
}

// MARK: - Programs and awards

extension Ledger {
    /// Records a program, its achievements and alignments in one transaction. A program id is used once.
    public func addProgram(_ program: StoredProgram) throws(LedgerError) -> StoredProgram {
        let record = program.program
        try check(record.id, "program id")
        try check(record.name, "program name")
        try check(record.description, "program description", optional: true)
        try check(record.capstoneAchievementId, "capstone achievement")
        try check(record.targetDate, "target date")
        try checkTime(record.createdAt, "time the program was made")
        guard !program.achievementIds.isEmpty, program.achievementIds.count <= 1000 else {
            throw LedgerError(.invalidInput, "program \(record.id) needs between 1 and 1000 achievements")
        }
        guard Set(program.achievementIds).count == program.achievementIds.count else {
            throw LedgerError(.invalidInput, "program \(record.id) lists an achievement twice")
        }
        guard record.requiredCount >= 1, record.requiredCount <= program.achievementIds.count else {
            throw LedgerError(
                .invalidInput,
                "program \(record.id) requires \(record.requiredCount) of \(program.achievementIds.count) achievements; "
                    + "the number must be between 1 and \(program.achievementIds.count)")
        }
        for id in program.achievementIds { try check(id, "achievement of program \(record.id)") }
        for alignment in program.alignments {
            try check(alignment.targetName, "alignment name")
            try check(alignment.targetUrl, "alignment URL")
        }
        let place = self.place
        return try write("record program \(record.id)") { db in
            if try ProgramRecord.fetchOne(db, key: record.id) != nil {
                throw LedgerError(.invalidInput, "a program '\(record.id)' is already in \(place); choose another name")
            }
            try record.insert(db)
            for (position, id) in program.achievementIds.enumerated() {
                try db.execute(
                    sql: "INSERT INTO program_achievements (program_id, position, achievement_id) VALUES (?, ?, ?)",
                    arguments: [record.id, position, id])
            }
            for (position, alignment) in program.alignments.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO program_alignments (program_id, position, target_name, target_url)
                        VALUES (?, ?, ?, ?)
                        """,
                    arguments: [record.id, position, alignment.targetName, alignment.targetUrl])
            }
            return program
        }
    }

    /// The program with this id, or nil.
    public func program(id: String) throws(LedgerError) -> StoredProgram? {
        try read("read program \(id)") { db in try Self.program(id, db) }
    }

    /// Every program, by id.
    public func programs() throws(LedgerError) -> [StoredProgram] {
        try read("read the programs") { db in
            try String.fetchAll(db, sql: "SELECT id FROM programs ORDER BY id").compactMap { try Self.program($0, db) }
        }
    }

    static func program(_ id: String, _ db: Database) throws -> StoredProgram? {
        guard let record = try ProgramRecord.fetchOne(db, key: id) else { return nil }
        let achievements = try String.fetchAll(
            db, sql: "SELECT achievement_id FROM program_achievements WHERE program_id = ? ORDER BY position",
            arguments: [id])
        let alignments = try Row.fetchAll(
            db, sql: "SELECT target_name, target_url FROM program_alignments WHERE program_id = ? ORDER BY position",
            arguments: [id]
        ).map { ProgramAlignment(targetName: $0["target_name"], targetUrl: $0["target_url"]) }
        return StoredProgram(program: record, achievementIds: achievements, alignments: alignments)
    }

    /// Records an award. A submission is awarded once, and a program once per learner.
    public func addAward(_ award: AwardRecord) throws(LedgerError) {
        try check(award.credentialId, "credential id of the award")
        try check(award.learner, "learner of the award")
        try check(award.achievementId, "achievement of the award")
        try check(award.submissionId, "submission of the award")
        try check(award.programId, "program of the award")
        try checkTime(award.awardedAt, "time of the award")
        guard (award.submissionId == nil) != (award.programId == nil) else {
            throw LedgerError(.invalidInput, "an award is for a submission or for a program, not both or neither")
        }
        try write("record the award of \(award.credentialId)") { db in
            if let submissionId = award.submissionId,
                let earlier = try AwardRecord.filter(Column("submission_id") == submissionId).fetchOne(db)
            {
                throw LedgerError(
                    .invalidInput, "submission \(submissionId) was awarded already, as \(earlier.credentialId)")
            }
            if let programId = award.programId,
                let earlier = try AwardRecord.filter(Column("program_id") == programId)
                    .filter(Column("learner") == award.learner).fetchOne(db)
            {
                throw LedgerError(
                    .invalidInput,
                    "program \(programId) was awarded to \(award.learner) already, as \(earlier.credentialId)")
            }
            try award.insert(db)
        }
    }

    /// The award of a submission, or nil.
    public func award(submissionId: String) throws(LedgerError) -> AwardRecord? {
        try read("read the award of submission \(submissionId)") { db in
            try AwardRecord.filter(Column("submission_id") == submissionId).fetchOne(db)
        }
    }

    /// A learner's awards, oldest first.
    public func awards(learner: String) throws(LedgerError) -> [AwardRecord] {
        try read("read the awards of \(learner)") { db in
            try AwardRecord.filter(Column("learner") == learner).order(Column("awarded_at"), Column("rowid")).fetchAll(db)
        }
    }
}

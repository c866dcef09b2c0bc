public import BadgeStore
internal import BadgeCrypto

/// A learner's submission before it is recorded.
public struct SubmissionInput: Sendable {
    public var achievement: AchievementDefinition
    /// An email address or a DID.
    public var learner: String
    /// The learner's name for the credential and certificate.
    public var learnerName: String?
    /// Per criterion: an http(s) URL or the path of a file.
    public var evidence: [(criterion: String, value: String)]
    /// Per criterion: the learner's own words.
    public var narratives: [(criterion: String, text: String)]
    /// The learner's reflection on the whole submission.
    public var reflection: String?

    public init(
        achievement: AchievementDefinition, learner: String, learnerName: String? = nil,
        evidence: [(criterion: String, value: String)] = [],
        narratives: [(criterion: String, text: String)] = [], reflection: String? = nil
    ) {
        self.achievement = achievement
        self.learner = learner
        self.learnerName = learnerName
        self.evidence = evidence
        self.narratives = narratives
        self.reflection = reflection
    }
}

extension Workspace {
    /// The folder of content-addressed evidence files: `evidence/sha256/<hex>`.
    public var evidenceDirectory: String { FileIO.join(directory, "evidence/sha256") }

    /// The stored copy of an evidence file with this SHA-256 digest (hex).
    public func evidencePath(sha256 hex: String) -> String { FileIO.join(evidenceDirectory, hex) }

    /// The learner key the ledger uses (emails lower-cased), checked as an email address or DID.
    public static func learnerKey(_ text: String) throws(LearningError) -> String {
        do {
            return try Recipient(text).ledgerKey
        } catch {
            throw LearningError(.invalidInput, "learner: \(error.reason)")
        }
    }

    /// Records a new attempt: every criterion named must be in the achievement's rubric, every file must exist.
    /// Files are stored content-addressed (written atomically, never replaced: the same digest is the same file),
    /// then the submission and its evidence are recorded in one transaction. On error nothing is recorded and no
    /// new file is left behind. A learner who has earned the achievement has nothing to resubmit.
    public func submit(_ input: SubmissionInput, now: String) throws(LearningError) -> SubmissionRecord {
        let learner = try Self.learnerKey(input.learner)
        let definition = input.achievement
        func checkCriterion(_ id: String, _ what: String) throws(LearningError) {
            guard definition.criterion(id) != nil else {
                let known = definition.rubric.map(\.id)
                throw LearningError(
                    .unknownCriterion,
                    "\(what): '\(id)' is not a criterion of '\(definition.name)'"
                        + (known.isEmpty ? " (it has no rubric)" : " (criteria: \(known.joined(separator: ", ")))"))
            }
        }
        guard !input.evidence.isEmpty || !input.narratives.isEmpty else {
            throw LearningError(.invalidInput, "a submission needs at least one --evidence or --narrative")
        }
        var records: [SubmissionEvidenceRecord] = []
        var files: [(hex: String, bytes: [UInt8])] = []
        for item in input.evidence {
            try checkCriterion(item.criterion, "evidence")
            let value = item.value
            if value.hasPrefix("https://") || value.hasPrefix("http://") {
                records.append(SubmissionEvidenceRecord(criterionId: item.criterion, kind: .url, url: value))
                continue
            }
            guard FileIO.exists(value), !FileIO.isDirectory(value) else {
                throw LearningError(
                    .evidence, "evidence for '\(item.criterion)': '\(value)' is neither an http(s) URL nor a file")
            }
            let bytes: [UInt8]
            do {
                bytes = try FileIO.read(value, limit: 256 * 1024 * 1024)
            } catch {
                throw LearningError(.evidence, "evidence for '\(item.criterion)': \(error.description)")
            }
            let hex = Hex.encode(SHA256.hash(bytes))
            let name = String(value.split(separator: "/").last ?? Substring(value))
            records.append(SubmissionEvidenceRecord(
                criterionId: item.criterion, kind: .file, name: name, sha256: hex,
                mediaType: Self.mediaType(forFileName: name)))
            files.append((hex, bytes))
        }
        for item in input.narratives {
            try checkCriterion(item.criterion, "narrative")
            guard !item.text.isEmpty else {
                throw LearningError(.invalidInput, "the narrative for '\(item.criterion)' is empty")
            }
            records.append(SubmissionEvidenceRecord(criterionId: item.criterion, kind: .narrative, text: item.text))
        }
        if let reflection = input.reflection, !reflection.isEmpty {
            records.append(SubmissionEvidenceRecord(criterionId: nil, kind: .reflection, text: reflection))
        }
        let earlier: [SubmissionRecord]
        do {
            earlier = try ledger.submissions(learner: learner, achievementId: definition.id)
        } catch {
            throw LearningError(error)
        }
        if let earned = earlier.first(where: { $0.state == .earned }) {
            throw LearningError(
                .alreadyEarned,
                "\(learner) has earned '\(definition.name)' already (submission \(earned.id), attempt \(earned.attempt))")
        }

        // Store the files; remember the ones this call created so an error can take them back.
        var created: [String] = []
        func removeCreated() { for path in created { FileIO.remove(path) } }
        do {
            try FileIO.makeDirectory(evidenceDirectory)
            for file in files {
                let path = evidencePath(sha256: file.hex)
                if FileIO.exists(path) { continue }
                do {
                    try FileIO.write(file.bytes, to: path, mode: 0o444, overwrite: false)
                    created.append(path)
                } catch where FileIO.exists(path) {
                    // Another submission stored the same bytes meanwhile: same digest, same file.
                }
            }
        } catch {
            removeCreated()
            throw LearningError(.evidence, "could not store the evidence: \(error.description)")
        }
        let submission = SubmissionRecord(
            id: "sub-" + RandomIdentifiers.uuid().prefix(13).replacing("-", with: ""), achievementId: definition.id,
            learner: learner, learnerName: input.learnerName.flatMap { $0.isEmpty ? nil : $0 }, createdAt: now)
        do {
            return try ledger.addSubmission(submission, evidence: records)
        } catch {
            removeCreated()
            throw LearningError(error)
        }
    }

    /// A submission, or an `unknownSubmission` error naming it.
    public func submission(_ id: String) throws(LearningError) -> SubmissionRecord {
        let found: SubmissionRecord?
        do {
            found = try ledger.submission(id: id)
        } catch {
            throw LearningError(error)
        }
        guard let found else {
            throw LearningError(.unknownSubmission, "no submission '\(id)' in this workspace (see laurel progress LEARNER)")
        }
        return found
    }

    /// The achievement with this id among the workspace's achievement files.
    public func achievementDefinition(id: String) throws(LearningError) -> AchievementDefinition {
        do {
            if let match = try achievements().first(where: { $0.definition.id == id }) { return match.definition }
        } catch {
            throw LearningError(error)
        }
        throw LearningError(.unknownAchievement, "no achievement with id '\(id)' in the workspace's achievements folder")
    }

    /// An achievement by file, name or id (as `laurel achievement show` takes it).
    public func achievementDefinition(reference: String) throws(LearningError) -> AchievementDefinition {
        do {
            return try achievement(reference).definition
        } catch {
            throw LearningError(.unknownAchievement, error.description)
        }
    }
}

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
    /// The setting of the work (who, where, when), shown to assessors.
    public var context: String?
    /// Evidence already stored in the workspace (from an earlier attempt or a draft) to submit again as it is:
    /// files by digest (the stored file must exist), links, narratives and a reflection.
    public var kept: [SubmissionEvidenceRecord]
    /// Whether a resubmission keeps what the previous attempt had and this input does not replace: per criterion,
    /// the evidence and narrative of a criterion given no new ones; the reflection, context and name when none is
    /// given. On by default (the CLI); a front end that shows the learner the previous attempt sends it all in
    /// `kept` and turns this off.
    public var carryForward: Bool

    public init(
        achievement: AchievementDefinition, learner: String, learnerName: String? = nil,
        evidence: [(criterion: String, value: String)] = [],
        narratives: [(criterion: String, text: String)] = [], reflection: String? = nil, context: String? = nil,
        kept: [SubmissionEvidenceRecord] = [], carryForward: Bool = true
    ) {
        self.context = context
        self.kept = kept
        self.carryForward = carryForward
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

    /// Stores an evidence file's bytes content-addressed (written atomically, read-only, never replaced: the same
    /// digest is the same file) and returns its SHA-256 digest in hex. For front ends that receive uploads; the
    /// file is bound to a submission when one is recorded with it in `SubmissionInput.kept`.
    public func storeEvidence(_ bytes: [UInt8]) throws(LearningError) -> String {
        let hex = Hex.encode(SHA256.hash(bytes))
        let path = evidencePath(sha256: hex)
        if FileIO.exists(path) { return hex }
        do {
            try FileIO.makeDirectory(evidenceDirectory)
            try FileIO.write(bytes, to: path, mode: 0o444, overwrite: false)
        } catch where FileIO.exists(path) {
            // Stored by another request meanwhile: same digest, same file.
        } catch {
            throw LearningError(.evidence, "could not store the evidence: \(error.description)")
        }
        return hex
    }

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
        let previous = input.carryForward ? earlier.last : nil
        var input = input
        if let previous {
            try carryForward(from: previous, into: &input)
        }
        guard !input.evidence.isEmpty || !input.narratives.isEmpty
            || input.kept.contains(where: { $0.kind != .reflection })
        else {
            throw LearningError(.invalidInput, "a submission needs at least one --evidence or --narrative")
        }
        var records: [SubmissionEvidenceRecord] = []
        for item in input.kept {
            if let criterion = item.criterionId { try checkCriterion(criterion, "kept evidence") }
            var item = item
            item.id = nil
            if item.kind == .file {
                guard let hex = item.sha256, hex.utf8.count == 64, Hex.decode(hex) != nil,
                    FileIO.exists(evidencePath(sha256: hex.lowercased()))
                else {
                    throw LearningError(
                        .evidence, "kept evidence '\(item.name ?? "file")': the stored file is not in the workspace")
                }
            }
            records.append(item)
        }
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
            records.removeAll { $0.kind == .reflection }
            records.append(SubmissionEvidenceRecord(criterionId: nil, kind: .reflection, text: reflection))
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
            learner: learner, learnerName: input.learnerName.flatMap { $0.isEmpty ? nil : $0 }, createdAt: now,
            context: input.context.flatMap { $0.isEmpty ? nil : $0 })
        do {
            return try ledger.addSubmission(submission, evidence: records)
        } catch {
            removeCreated()
            throw LearningError(error)
        }
    }

    /// What a resubmission keeps from the previous attempt: for each criterion the input gives no evidence or
    /// narrative for, that attempt's evidence and narrative of the criterion; its reflection, context and the
    /// learner's name when the input has none.
    func carryForward(from previous: SubmissionRecord, into input: inout SubmissionInput) throws(LearningError) {
        let old: [SubmissionEvidenceRecord]
        do {
            old = try ledger.evidence(submissionId: previous.id)
        } catch {
            throw LearningError(error)
        }
        let given = Set(input.evidence.map(\.criterion) + input.narratives.map(\.criterion)
            + input.kept.compactMap(\.criterionId))
        for item in old {
            if let criterion = item.criterionId {
                if !given.contains(criterion) { input.kept.append(item) }
            } else if input.reflection == nil, !input.kept.contains(where: { $0.kind == .reflection }) {
                input.kept.append(item)
            }
        }
        if input.learnerName?.isEmpty ?? true { input.learnerName = previous.learnerName }
        if input.context?.isEmpty ?? true { input.context = previous.context }
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

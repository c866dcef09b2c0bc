public import BadgeStore
internal import BadgeCrypto
internal import LinkedData
internal import OpenBadges

/// The credentials an award issued.
public struct AwardOutcome: Sendable {
    /// The credential for the submission.
    public var credential: IssuedCredential
    /// Stacked credentials for programs the award completed.
    public var stacked: [(program: StoredProgram, credential: IssuedCredential)]
}

extension Workspace {
    /// Issues the credential for an earned submission: the achieved level per criterion as `Result`s, the
    /// submission's files (bound by digest) and URLs as evidence, `creditsEarned` when the achievement offers
    /// credits, and the reviewer's public narrative only when one was marked public. Private feedback never goes
    /// into a credential. When the award completes a program (N of M earned), the program's stacked credential is
    /// issued too, its evidence naming the component credentials.
    public func award(_ submissionId: String, outputPath: String?, now: String) throws(LearningError) -> AwardOutcome {
        let details = try submissionDetails(submissionId)
        let submission = details.submission
        if let award = details.award {
            throw LearningError(
                .alreadyAwarded, "submission \(submissionId) was awarded already, as \(award.credentialId)")
        }
        guard submission.state == .earned else {
            let why =
                switch submission.state {
                case .submitted where details.reviews.isEmpty: "it has not been reviewed yet"
                case .submitted:
                    "it is \(details.decision.waitingWords ?? "waiting for review") (the achievement asks for "
                        + "\(details.decision.readers) readers)"
                case .notYet: "its review says \"not yet\" (the learner may resubmit with the feedback)"
                case .needsThirdRead: "its reviewers disagree and it needs a third read"
                case .earned: ""
                }
            throw LearningError(.notEarned, "submission \(submissionId) cannot be awarded: \(why)")
        }
        let definition = details.achievement
        let (request, recipient) = try awardRequest(details)
        let issued = try issueLearning(
            request, rowKey: "learning:submission:" + submission.id, credits: definition.creditsAvailable,
            outputPath: outputPath, now: now)
        do {
            try ledger.addAward(AwardRecord(
                credentialId: issued.credentialID, learner: submission.learner, achievementId: definition.id,
                submissionId: submission.id, awardedAt: now))
        } catch {
            throw LearningError(error)
        }
        let stacked = try awardCompletedPrograms(
            learner: submission.learner, name: submission.learnerName, recipient: recipient, now: now,
            outputFolder: outputPath.flatMap { $0 == "-" ? nil : Self.folder(of: $0) })
        return AwardOutcome(credential: issued, stacked: stacked)
    }

    /// The issue request of an earned submission's credential, and its recipient: the achieved level per criterion
    /// as `Result`s, the files (bound by digest) and URLs as evidence, and the public narrative, if any.
    func awardRequest(_ details: SubmissionDetails) throws(LearningError) -> (IssueRequest, Recipient) {
        let submission = details.submission
        let definition = details.achievement
        let recipient: Recipient
        do {
            recipient = try Recipient(submission.learner)
        } catch {
            throw LearningError(error)
        }
        var results: [(criterion: String, level: String)] = []
        for criterion in definition.rubric {
            if let level = details.decision.outcome(criterion.id)?.levelId { results.append((criterion.id, level)) }
        }
        var evidence: [EvidenceInput] = []
        for item in details.evidence {
            let criterionName = item.criterionId.flatMap { definition.criterion($0)?.name } ?? ""
            switch item.kind {
            case .file:
                if let hex = item.sha256, let digest = Hex.decode(hex) {
                    evidence.append(.file(name: item.name ?? hex, sha256: digest, mediaType: item.mediaType))
                }
            case .url:
                if let url = item.url { evidence.append(.url(url, name: "Evidence for \(criterionName)")) }
            case .narrative, .reflection:
                continue
            }
        }
        let request = IssueRequest(
            achievement: definition, recipient: recipient, recipientName: submission.learnerName, results: results,
            evidence: evidence,
            narrative: details.publicNarrative)
        return (request, recipient)
    }

    /// Issues the stacked credential of every program the learner has now completed and not yet been awarded.
    func awardCompletedPrograms(
        learner: String, name: String?, recipient: Recipient, now: String, outputFolder: String?
    ) throws(LearningError) -> [(program: StoredProgram, credential: IssuedCredential)] {
        let programs: [StoredProgram]
        let awards: [AwardRecord]
        do {
            programs = try ledger.programs()
            awards = try ledger.awards(learner: learner)
        } catch {
            throw LearningError(error)
        }
        var out: [(program: StoredProgram, credential: IssuedCredential)] = []
        for program in programs where !awards.contains(where: { $0.programId == program.program.id }) {
            let components = program.achievementIds.compactMap { id in
                awards.first { $0.submissionId != nil && $0.achievementId == id }
            }
            guard components.count >= program.program.requiredCount else { continue }
            let capstone = try programAchievement(program)
            let evidence: [EvidenceInput] = components.map { award in
                let badge = (try? achievementDefinition(id: award.achievementId).name) ?? award.achievementId
                return .url(award.credentialId, name: "\(badge) badge")
            }
            let request = IssueRequest(
                achievement: capstone, recipient: recipient, recipientName: name, evidence: evidence,
                narrative: "Completed \(program.program.name): \(components.count) of "
                    + "\(program.achievementIds.count) badges earned.")
            let path = outputFolder.map { FileIO.join($0, "\(program.program.id)-\(Self.slug(learner)).json") }
            let issued = try issueLearning(
                request, rowKey: "learning:program:\(program.program.id):\(learner)", credits: capstone.creditsAvailable,
                outputPath: path, now: now)
            do {
                try ledger.addAward(AwardRecord(
                    credentialId: issued.credentialID, learner: learner, achievementId: capstone.id,
                    programId: program.program.id, awardedAt: now))
            } catch {
                throw LearningError(error)
            }
            out.append((program, issued))
        }
        return out
    }

    /// Like `issue`, with the subject's `creditsEarned` when credits are given, and reserved under `rowKey`: the
    /// ledger's reservations are idempotent on it, so an award interrupted after its reservation keeps its
    /// credential id and status entry when it is run again.
    func issueLearning(
        _ request: IssueRequest, rowKey: String, credits: String?, outputPath: String?, now: String
    ) throws(LearningError) -> IssuedCredential {
        var request = request
        request.creditsEarned = credits
        do {
            return try issue(request, outputPath: outputPath, now: now, rowKey: rowKey)
        } catch {
            throw LearningError(error)
        }
    }

    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}

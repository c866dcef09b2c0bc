public import BadgeStore

/// A program as an issuer describes it: a stack of achievements, "N of M" of which complete it.
public struct ProgramInput: Sendable {
    public var name: String
    public var description: String
    /// Achievement references (file, name in `achievements/`, or id), in order.
    public var achievements: [String]
    /// How many complete the program (default: all).
    public var requiredCount: Int?
    /// The achievement issued when the program is complete (default: one made from the program).
    public var capstone: String?
    /// An advisory target date, YYYY-MM-DD. It never closes a submission.
    public var targetDate: String?
    public var alignments: [ProgramAlignment]

    public init(
        name: String, description: String = "", achievements: [String], requiredCount: Int? = nil,
        capstone: String? = nil, targetDate: String? = nil, alignments: [ProgramAlignment] = []
    ) {
        self.name = name
        self.description = description
        self.achievements = achievements
        self.requiredCount = requiredCount
        self.capstone = capstone
        self.targetDate = targetDate
        self.alignments = alignments
    }
}

extension Workspace {
    /// Records a program. Every achievement and the capstone must be in the workspace; the capstone is not one
    /// of the components; N is between 1 and M; a target date is a calendar date and only advisory.
    public func createProgram(_ input: ProgramInput, now: String) throws(LearningError) -> StoredProgram {
        guard !input.name.isEmpty else { throw LearningError(.invalidInput, "the program needs a --name") }
        guard !input.achievements.isEmpty else {
            throw LearningError(.invalidInput, "the program needs at least one --achievement")
        }
        var ids: [String] = []
        for reference in input.achievements {
            let definition = try achievementDefinition(reference: reference)
            guard !ids.contains(definition.id) else {
                throw LearningError(.invalidInput, "--achievement '\(reference)' is listed twice")
            }
            guard !definition.rubric.isEmpty || definition.awardedWithoutAssessment else {
                throw LearningError(
                    .invalidInput,
                    "--achievement '\(reference)' has no rubric, so nothing in the program would assess it; add a "
                        + "rubric, or mark it \"awardedWithoutAssessment\": true in its file (achievement new "
                        + "--without-assessment)")
            }
            ids.append(definition.id)
        }
        let required = input.requiredCount ?? ids.count
        guard required >= 1, required <= ids.count else {
            throw LearningError(
                .invalidInput, "--require \(required): choose a number from 1 to \(ids.count) (the achievements listed)")
        }
        var capstoneID: String?
        if let capstone = input.capstone {
            let definition = try achievementDefinition(reference: capstone)
            guard !ids.contains(definition.id) else {
                throw LearningError(.invalidInput, "--capstone '\(capstone)' is also one of the program's achievements")
            }
            capstoneID = definition.id
        }
        if let date = input.targetDate, !Self.isCalendarDate(date) {
            throw LearningError(.invalidInput, "--target '\(date)' is not a date such as 2027-06-30")
        }
        let id = Self.slug(input.name)
        let program = StoredProgram(
            program: ProgramRecord(
                id: id, name: input.name, description: input.description, requiredCount: required,
                capstoneAchievementId: capstoneID, targetDate: input.targetDate, createdAt: now),
            achievementIds: ids, alignments: input.alignments)
        do {
            return try ledger.addProgram(program)
        } catch {
            throw LearningError(error)
        }
    }

    /// A program by id, or an `unknownProgram` error naming it.
    public func program(_ id: String) throws(LearningError) -> StoredProgram {
        let found: StoredProgram?
        do {
            found = try ledger.program(id: id)
        } catch {
            throw LearningError(error)
        }
        guard let found else {
            let known = (try? ledger.programs().map(\.program.id)) ?? []
            throw LearningError(
                .unknownProgram,
                "no program '\(id)'" + (known.isEmpty ? "" : " (programs: \(known.joined(separator: ", ")))"))
        }
        return found
    }

    /// The achievement a completed program earns: its capstone, or one made from the program itself.
    public func programAchievement(_ stored: StoredProgram) throws(LearningError) -> AchievementDefinition {
        if let capstone = stored.program.capstoneAchievementId { return try achievementDefinition(id: capstone) }
        let names = stored.achievementIds.map { id in (try? achievementDefinition(id: id).name) ?? id }
        let program = stored.program
        return AchievementDefinition(
            id: config.baseURL + "/programs/" + program.id, name: program.name,
            description: program.description.isEmpty ? "Completion of the \(program.name) program." : program.description,
            achievementType: "Certificate",
            criteriaNarrative: "Earn \(program.requiredCount) of these \(names.count) badges: "
                + names.joined(separator: ", ") + ".",
            alignments: stored.alignments.map { .init(targetName: $0.targetName, targetUrl: $0.targetUrl) })
    }

    /// YYYY-MM-DD with a plausible month and day.
    static func isCalendarDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}

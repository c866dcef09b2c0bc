import LinkedData
public import OpenBadges

/// An achievement as an issuer writes it in a Laurel achievement file (JSON; schema in
/// `Schemas/laurel-achievement.schema.json`), before it becomes an Open Badges `Achievement`.
///
/// ```json
/// {
///   "id": "https://example.org/achievements/data-literacy",
///   "name": "Data Literacy",
///   "description": "Reads, questions and explains data.",
///   "achievementType": "Badge",
///   "criteria": { "narrative": "Complete the three tasks to the Proficient level." },
///   "tags": ["data"],
///   "alignments": [{ "targetName": "Data analysis", "targetUrl": "https://example.org/framework/1" }],
///   "readers": 2,
///   "rubric": [
///     { "id": "analysis", "name": "Analysis", "requiredLevel": "proficient",
///       "levels": [ { "id": "beginning", "name": "Beginning", "points": "1" },
///                   { "id": "proficient", "name": "Proficient", "points": "2" } ] }
///   ]
/// }
/// ```
public struct AchievementDefinition: Sendable, Hashable {
    public struct Level: Sendable, Hashable {
        public var id: String
        public var name: String
        public var description: String?
        public var points: String?

        public init(id: String, name: String, description: String? = nil, points: String? = nil) {
            self.id = id
            self.name = name
            self.description = description
            self.points = points
        }
    }

    public struct Criterion: Sendable, Hashable {
        public var id: String
        public var name: String
        public var description: String?
        /// Levels from lowest to highest.
        public var levels: [Level]
        /// The `id` of the lowest level that earns the badge.
        public var requiredLevel: String

        public init(id: String, name: String, description: String? = nil, levels: [Level], requiredLevel: String) {
            self.id = id
            self.name = name
            self.description = description
            self.levels = levels
            self.requiredLevel = requiredLevel
        }

        /// The position of a level (0 = lowest), or nil for an unknown level.
        public func rank(of levelID: String) -> Int? {
            levels.firstIndex { $0.id == levelID }
        }

        /// The level that earns the badge.
        public var required: Level? { levels.first { $0.id == requiredLevel } }
    }

    public struct AlignmentTarget: Sendable, Hashable {
        public var targetName: String
        public var targetUrl: String
        public var targetDescription: String?
        public var targetFramework: String?
        public var targetCode: String?
        public var targetType: String?

        public init(
            targetName: String, targetUrl: String, targetDescription: String? = nil, targetFramework: String? = nil,
            targetCode: String? = nil, targetType: String? = nil
        ) {
            self.targetName = targetName
            self.targetUrl = targetUrl
            self.targetDescription = targetDescription
            self.targetFramework = targetFramework
            self.targetCode = targetCode
            self.targetType = targetType
        }
    }

    public var id: String
    public var name: String
    public var description: String
    public var achievementType: String?
    public var criteriaNarrative: String?
    public var criteriaURL: String?
    /// An image URL or data URI (a file path is turned into a data URI when the workspace loads it).
    public var image: String?
    public var tags: [String]
    public var alignments: [AlignmentTarget]
    public var rubric: [Criterion]
    /// Credits offered, as the JSON number lexeme written in the file.
    public var creditsAvailable: String?
    /// Awarded without assessment (attendance, participation): no rubric is expected, and a program may include
    /// it. Without this, an achievement with no rubric cannot be part of a program.
    public var awardedWithoutAssessment: Bool = false
    /// How many reviewers read each submission before the rubric decides (1 to 3; the file's `readers`). With
    /// fewer reviews than this, a submission stays `submitted`, waiting for the next reader.
    public var readers: Int = 1

    /// The fewest and most readers an achievement may ask for.
    public static let readerRange = 1...3

    public init(
        id: String, name: String, description: String, achievementType: String? = "Badge",
        criteriaNarrative: String? = nil, criteriaURL: String? = nil, image: String? = nil, tags: [String] = [],
        alignments: [AlignmentTarget] = [], rubric: [Criterion] = [], creditsAvailable: String? = nil
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.achievementType = achievementType
        self.criteriaNarrative = criteriaNarrative
        self.criteriaURL = criteriaURL
        self.image = image
        self.tags = tags
        self.alignments = alignments
        self.rubric = rubric
        self.creditsAvailable = creditsAvailable
    }

    /// The criterion with `id`.
    public func criterion(_ id: String) -> Criterion? {
        rubric.first { $0.id == id }
    }

    /// The URI of a criterion's `ResultDescription` inside this achievement.
    public func resultDescriptionID(_ criterion: Criterion) -> String {
        "\(id)#criterion-\(criterion.id)"
    }

    /// The URI of a level's `RubricCriterionLevel`.
    public func levelID(_ criterion: Criterion, _ level: Level) -> String {
        "\(id)#criterion-\(criterion.id)-level-\(level.id)"
    }

    /// The Open Badges `Achievement` for this definition, in the maximal form the official schema expects.
    public var achievement: Achievement {
        var object = JSONObject()
        object["id"] = .string(id)
        object["type"] = ["Achievement"]
        object["name"] = .string(name)
        object["description"] = .string(description)
        var criteria = JSONObject()
        if let criteriaURL { criteria["id"] = .string(criteriaURL) }
        criteria["narrative"] = .string(criteriaNarrative ?? Self.defaultNarrative(for: self))
        object["criteria"] = .object(criteria)
        if let achievementType { object["achievementType"] = .string(achievementType) }
        if let image { object["image"] = .object(Image(id: image, caption: name).json) }
        if !tags.isEmpty { object["tag"] = .array(tags.map(JSONValue.string)) }
        if let creditsAvailable { object["creditsAvailable"] = .number(JSONNumber(lexeme: creditsAvailable)) }
        if !alignments.isEmpty {
            object["alignment"] = .array(alignments.map { .object(Self.alignmentObject($0)) })
        }
        if !rubric.isEmpty {
            object["resultDescription"] = .array(rubric.map { criterion in
                var description = JSONObject()
                description["id"] = .string(resultDescriptionID(criterion))
                description["type"] = ["ResultDescription"]
                description["name"] = .string(criterion.name)
                description["resultType"] = "RubricCriterionLevel"
                description["requiredLevel"] = .string(levelID(criterion, criterion.required ?? criterion.levels[0]))
                description["rubricCriterionLevel"] = .array(criterion.levels.map { level in
                    var levelObject = JSONObject()
                    levelObject["id"] = .string(levelID(criterion, level))
                    levelObject["type"] = ["RubricCriterionLevel"]
                    levelObject["name"] = .string(level.name)
                    if let text = level.description { levelObject["description"] = .string(text) }
                    if let points = level.points { levelObject["points"] = .string(points) }
                    return .object(levelObject)
                })
                return .object(description)
            })
        }
        return Achievement(json: object)
    }

    static func alignmentObject(_ target: AlignmentTarget) -> JSONObject {
        var object = JSONObject()
        object["type"] = ["Alignment"]
        object["targetName"] = .string(target.targetName)
        object["targetUrl"] = .string(target.targetUrl)
        if let value = target.targetDescription { object["targetDescription"] = .string(value) }
        if let value = target.targetFramework { object["targetFramework"] = .string(value) }
        if let value = target.targetCode { object["targetCode"] = .string(value) }
        if let value = target.targetType { object["targetType"] = .string(value) }
        return object
    }

    /// When a file gives no narrative, the rubric itself says what earns the badge.
    static func defaultNarrative(for definition: AchievementDefinition) -> String {
        guard !definition.rubric.isEmpty else { return definition.description }
        let lines = definition.rubric.map { criterion in
            "- **\(criterion.name)**: at least *\(criterion.required?.name ?? criterion.requiredLevel)*"
        }
        return "Earned when every criterion reaches its required level:\n" + lines.joined(separator: "\n")
    }
}

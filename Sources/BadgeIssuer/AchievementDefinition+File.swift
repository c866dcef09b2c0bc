public import LinkedData

extension AchievementDefinition {
    /// Reads a Laurel achievement file. Every problem names the file, the field and its line.
    public init(fileBytes bytes: [UInt8], file: String) throws(IssuerError) {
        let value: JSONValue
        do {
            value = try JSONParser().parse(bytes)
        } catch {
            throw IssuerError(
                .invalidFile, "not valid JSON (line \(error.line), column \(error.column)): \(error.reason)", file: file,
                line: error.line)
        }
        let reader = FieldReader(bytes: bytes, file: file)
        guard case .object(let root) = value else {
            throw IssuerError(.invalidFile, "an achievement file must hold a JSON object", file: file, line: 1)
        }
        try reader.rejectUnknown(root, allowed: Self.topLevelKeys, at: [])
        let name = try reader.requiredString(root, "name", at: [])
        let description = try reader.requiredString(root, "description", at: [])
        let id = try reader.optionalString(root, "id", at: []) ?? ""
        if !id.isEmpty { try reader.requireURI(id, at: ["id"]) }
        var criteriaNarrative: String? = nil
        var criteriaURL: String? = nil
        switch root["criteria"] {
        case nil: break
        case .string(let narrative)?: criteriaNarrative = narrative
        case .object(let criteria)?:
            try reader.rejectUnknown(criteria, allowed: ["narrative", "url"], at: ["criteria"])
            criteriaNarrative = try reader.optionalString(criteria, "narrative", at: ["criteria"])
            criteriaURL = try reader.optionalString(criteria, "url", at: ["criteria"])
            if let criteriaURL { try reader.requireURI(criteriaURL, at: ["criteria", "url"]) }
        case let other?:
            throw reader.error(.invalidField, "must be a Markdown string or an object with narrative/url, not \(other.kindName)", at: ["criteria"])
        }
        let tags = try reader.stringArray(root, "tags", at: [])
        var alignments: [AlignmentTarget] = []
        for (index, item) in try reader.objectArray(root, "alignments", at: []).enumerated() {
            let path: [JSONLocator.Component] = ["alignments", .index(index)]
            try reader.rejectUnknown(
                item,
                allowed: ["targetName", "targetUrl", "targetDescription", "targetFramework", "targetCode", "targetType"],
                at: path)
            let url = try reader.requiredString(item, "targetUrl", at: path)
            try reader.requireURI(url, at: path + ["targetUrl"])
            alignments.append(AlignmentTarget(
                targetName: try reader.requiredString(item, "targetName", at: path), targetUrl: url,
                targetDescription: try reader.optionalString(item, "targetDescription", at: path),
                targetFramework: try reader.optionalString(item, "targetFramework", at: path),
                targetCode: try reader.optionalString(item, "targetCode", at: path),
                targetType: try reader.optionalString(item, "targetType", at: path)))
        }
        var rubric: [Criterion] = []
        for (index, item) in try reader.objectArray(root, "rubric", at: []).enumerated() {
            let path: [JSONLocator.Component] = ["rubric", .index(index)]
            try reader.rejectUnknown(item, allowed: ["id", "name", "description", "levels", "requiredLevel"], at: path)
            let criterionID = try reader.requiredString(item, "id", at: path)
            try reader.requireSlug(criterionID, at: path + ["id"])
            if rubric.contains(where: { $0.id == criterionID }) {
                throw reader.error(.invalidField, "the criterion id '\(criterionID)' is used twice", at: path + ["id"])
            }
            var levels: [Level] = []
            for (levelIndex, levelItem) in try reader.objectArray(item, "levels", at: path).enumerated() {
                let levelPath = path + ["levels", .index(levelIndex)]
                try reader.rejectUnknown(levelItem, allowed: ["id", "name", "description", "points"], at: levelPath)
                let levelID = try reader.requiredString(levelItem, "id", at: levelPath)
                try reader.requireSlug(levelID, at: levelPath + ["id"])
                if levels.contains(where: { $0.id == levelID }) {
                    throw reader.error(.invalidField, "the level id '\(levelID)' is used twice", at: levelPath + ["id"])
                }
                var points: String? = nil
                switch levelItem["points"] {
                case nil: break
                case .string(let text)?: points = text
                case .number(let number)?: points = number.lexeme
                case let other?:
                    throw reader.error(.invalidField, "must be a number or a string, not \(other.kindName)", at: levelPath + ["points"])
                }
                levels.append(Level(
                    id: levelID, name: try reader.requiredString(levelItem, "name", at: levelPath),
                    description: try reader.optionalString(levelItem, "description", at: levelPath), points: points))
            }
            if levels.isEmpty {
                throw reader.error(.invalidField, "a rubric criterion needs at least one level", at: path + ["levels"])
            }
            let required = try reader.requiredString(item, "requiredLevel", at: path)
            if !levels.contains(where: { $0.id == required }) {
                throw reader.error(
                    .unknownLevel,
                    "'\(required)' is not one of this criterion's levels (\(levels.map(\.id).joined(separator: ", ")))",
                    at: path + ["requiredLevel"])
            }
            rubric.append(Criterion(
                id: criterionID, name: try reader.requiredString(item, "name", at: path),
                description: try reader.optionalString(item, "description", at: path), levels: levels,
                requiredLevel: required))
        }
        var credits: String? = nil
        switch root["creditsAvailable"] {
        case nil: break
        case .number(let number)? where number.doubleValue >= 0: credits = number.lexeme
        case let other?:
            throw reader.error(.invalidField, "must be a non-negative number, not \(other.kindName)", at: ["creditsAvailable"])
        }
        self.init(
            id: id, name: name, description: description,
            achievementType: try reader.optionalString(root, "achievementType", at: []) ?? "Badge",
            criteriaNarrative: criteriaNarrative, criteriaURL: criteriaURL,
            image: try reader.optionalString(root, "image", at: []), tags: tags, alignments: alignments,
            rubric: rubric, creditsAvailable: credits)
        switch root["awardedWithoutAssessment"] {
        case nil: break
        case .bool(let value)?: awardedWithoutAssessment = value
        case let other?:
            throw reader.error(.invalidField, "must be true or false, not \(other.kindName)", at: ["awardedWithoutAssessment"])
        }
        switch root["readers"] {
        case nil: break
        case .number(let number)?:
            guard let count = number.intValue, Self.readerRange.contains(count) else {
                throw reader.error(
                    .invalidField, "must be a whole number from 1 to 3 (reviews before the rubric decides), not "
                        + number.lexeme, at: ["readers"])
            }
            readers = count
        case let other?:
            throw reader.error(
                .invalidField, "must be a whole number from 1 to 3, not \(other.kindName)", at: ["readers"])
        }
    }

    static let topLevelKeys: Set<String> = [
        "$schema", "id", "name", "description", "achievementType", "criteria", "image", "tags", "alignments",
        "rubric", "creditsAvailable", "awardedWithoutAssessment", "readers",
    ]

    /// The file form of this definition (what `laurel achievement new` writes).
    public var fileJSON: JSONValue {
        var root = JSONObject()
        root["id"] = .string(id)
        root["name"] = .string(name)
        root["description"] = .string(description)
        if let achievementType { root["achievementType"] = .string(achievementType) }
        var criteria = JSONObject()
        if let criteriaNarrative { criteria["narrative"] = .string(criteriaNarrative) }
        if let criteriaURL { criteria["url"] = .string(criteriaURL) }
        if !criteria.isEmpty { root["criteria"] = .object(criteria) }
        if let image { root["image"] = .string(image) }
        if !tags.isEmpty { root["tags"] = .array(tags.map(JSONValue.string)) }
        if let creditsAvailable { root["creditsAvailable"] = .number(JSONNumber(lexeme: creditsAvailable)) }
        if awardedWithoutAssessment { root["awardedWithoutAssessment"] = .bool(true) }
        if readers != 1 { root["readers"] = .number(JSONNumber(readers)) }
        if !alignments.isEmpty {
            root["alignments"] = .array(alignments.map { target in
                var object = AchievementDefinition.alignmentObject(target)
                object.removeValue(forKey: "type")
                return .object(object)
            })
        }
        if !rubric.isEmpty {
            root["rubric"] = .array(rubric.map { criterion in
                var object = JSONObject()
                object["id"] = .string(criterion.id)
                object["name"] = .string(criterion.name)
                if let text = criterion.description { object["description"] = .string(text) }
                object["requiredLevel"] = .string(criterion.requiredLevel)
                object["levels"] = .array(criterion.levels.map { level in
                    var levelObject = JSONObject()
                    levelObject["id"] = .string(level.id)
                    levelObject["name"] = .string(level.name)
                    if let text = level.description { levelObject["description"] = .string(text) }
                    if let points = level.points { levelObject["points"] = .string(points) }
                    return .object(levelObject)
                })
                return .object(object)
            })
        }
        return .object(root)
    }
}

/// Reads typed fields from a parsed JSON file, turning every problem into an `IssuerError` with its line.
struct FieldReader {
    let bytes: [UInt8]
    let file: String

    func error(_ code: IssuerError.Code, _ reason: String, at path: [JSONLocator.Component]) -> IssuerError {
        IssuerError(code, reason, file: file, field: Self.describe(path), line: JSONLocator.line(of: path, in: bytes))
    }

    static func describe(_ path: [JSONLocator.Component]) -> String {
        var text = ""
        for component in path {
            switch component {
            case .member(let name): text += text.isEmpty ? name : ".\(name)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    func requiredString(_ object: JSONObject, _ key: String, at path: [JSONLocator.Component]) throws(IssuerError) -> String {
        guard let value = object[key] else {
            let owner = path.isEmpty ? "the file" : Self.describe(path)
            throw IssuerError(.invalidField, "\(owner) needs '\(key)'", file: file, field: Self.describe(path + [.member(key)]),
                              line: JSONLocator.line(of: path, in: bytes))
        }
        guard case .string(let text) = value, !text.trimmingWhitespace.isEmpty else {
            throw error(.invalidField, "must be a non-empty string", at: path + [.member(key)])
        }
        return text
    }

    func optionalString(_ object: JSONObject, _ key: String, at path: [JSONLocator.Component]) throws(IssuerError) -> String? {
        guard let value = object[key] else { return nil }
        guard case .string(let text) = value else {
            throw error(.invalidField, "must be a string, not \(value.kindName)", at: path + [.member(key)])
        }
        return text
    }

    func stringArray(_ object: JSONObject, _ key: String, at path: [JSONLocator.Component]) throws(IssuerError) -> [String] {
        guard let value = object[key] else { return [] }
        guard case .array(let items) = value else {
            throw error(.invalidField, "must be an array of strings", at: path + [.member(key)])
        }
        var out: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item else {
                throw error(.invalidField, "must be a string, not \(item.kindName)", at: path + [.member(key), .index(index)])
            }
            out.append(text)
        }
        return out
    }

    func objectArray(_ object: JSONObject, _ key: String, at path: [JSONLocator.Component]) throws(IssuerError) -> [JSONObject] {
        guard let value = object[key] else { return [] }
        guard case .array(let items) = value else {
            throw error(.invalidField, "must be an array of objects", at: path + [.member(key)])
        }
        var out: [JSONObject] = []
        for (index, item) in items.enumerated() {
            guard case .object(let member) = item else {
                throw error(.invalidField, "must be an object, not \(item.kindName)", at: path + [.member(key), .index(index)])
            }
            out.append(member)
        }
        return out
    }

    func rejectUnknown(_ object: JSONObject, allowed: Set<String>, at path: [JSONLocator.Component]) throws(IssuerError) {
        for key in object.keys where !allowed.contains(key) {
            throw error(
                .invalidField,
                "unknown field '\(key)' (expected one of: \(allowed.sorted().joined(separator: ", ")))",
                at: path + [.member(key)])
        }
    }

    func requireURI(_ text: String, at path: [JSONLocator.Component]) throws(IssuerError) {
        if !URISyntax.isAbsolute(text) {
            throw error(.invalidField, "'\(text)' is not an absolute URI (like https://example.org/…)", at: path)
        }
    }

    func requireSlug(_ text: String, at path: [JSONLocator.Component]) throws(IssuerError) {
        let allowed = text.unicodeScalars.allSatisfy { scalar in
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9")
                || scalar == "-" || scalar == "_" || scalar == "."
        }
        if !allowed || text.isEmpty {
            throw error(.invalidField, "'\(text)' may use only letters, digits, '-', '_' and '.'", at: path)
        }
    }
}

/// Small URI checks used on input files.
enum URISyntax {
    /// An absolute URI: a scheme (letter, then letters, digits, + - .), a colon, and no spaces.
    static func isAbsolute(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        guard let first = scheme.unicodeScalars.first, (first >= "a" && first <= "z") || (first >= "A" && first <= "Z") else {
            return false
        }
        let schemeOK = scheme.unicodeScalars.allSatisfy { c in
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "+" || c == "-" || c == "."
        }
        let rest = text[text.index(after: colon)...]
        return schemeOK && !rest.isEmpty && !text.contains(where: { $0 == " " || $0 == "\n" || $0 == "\t" })
    }
}

extension String {
    var trimmingWhitespace: Substring {
        // Most text has none: it starts and ends with a printable ASCII character (a Character that starts with
        // one, or ends with one, is not white space).
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return Substring(self)
        }
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
        while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
        return slice
    }
}

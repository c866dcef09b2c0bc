import Testing
import BadgeIssuer
import LinkedData
import OpenBadges
import Foundation

@Suite struct AchievementDefinitionTests {
    static let good = """
        {
          "id": "https://example.org/achievements/data-literacy",
          "name": "Data Literacy",
          "description": "Reads, questions and explains data.",
          "criteria": { "narrative": "Complete the three tasks." },
          "tags": ["data"],
          "creditsAvailable": 1.50,
          "alignments": [{ "targetName": "Data analysis", "targetUrl": "https://example.org/framework/1" }],
          "rubric": [
            { "id": "analysis", "name": "Analysis", "requiredLevel": "proficient",
              "levels": [ { "id": "beginning", "name": "Beginning", "points": 1 },
                          { "id": "proficient", "name": "Proficient", "points": "2" },
                          { "id": "exemplary", "name": "Exemplary", "points": "3" } ] }
          ]
        }
        """

    @Test("a good file becomes an Achievement with a rubric in the maximal form")
    func goodFile() throws {
        let definition = try AchievementDefinition(fileBytes: Array(Self.good.utf8), file: "a.json")
        #expect(definition.rubric.count == 1)
        #expect(definition.rubric[0].rank(of: "proficient") == 1)
        let achievement = definition.achievement
        #expect(achievement.types == ["Achievement"])
        #expect(achievement.json["creditsAvailable"]?.numberValue?.lexeme == "1.50")
        let description = try #require(achievement.resultDescription.first)
        #expect(description.requiredLevel == "https://example.org/achievements/data-literacy#criterion-analysis-level-proficient")
        #expect(description.rubricCriterionLevel.map(\.points) == ["1", "2", "3"])
        #expect(achievement.alignment.first?.types == ["Alignment"])
    }

    @Test("the file form round-trips")
    func roundTrip() throws {
        let definition = try AchievementDefinition(fileBytes: Array(Self.good.utf8), file: "a.json")
        let text = try #require(JSONSerializerShim.compact(definition.fileJSON))
        let again = try AchievementDefinition(fileBytes: Array(text.utf8), file: "b.json")
        #expect(again == definition)
    }

    @Test("errors name the file, the field and the line", arguments: [
        ("\"requiredLevel\": \"proficient\"", "\"requiredLevel\": \"expert\"", "rubric[0].requiredLevel", 10),
        ("\"name\": \"Data Literacy\",", "", "name", 1),
        ("\"tags\": [\"data\"],", "\"tags\": [\"data\", 3],", "tags[1]", 6),
        ("\"targetUrl\": \"https://example.org/framework/1\"", "\"targetUrl\": \"not a url\"", "alignments[0].targetUrl", 8),
        ("\"creditsAvailable\": 1.50,", "\"creditsAvailable\": 1.50, \"colour\": \"red\",", "colour", 7),
    ])
    func badInput(original: String, replacement: String, field: String, line: Int) {
        let text = Self.good.replacingFirst(original, with: replacement)
        #expect(text != Self.good)
        do {
            _ = try AchievementDefinition(fileBytes: Array(text.utf8), file: "bad.json")
            Issue.record("expected an error for \(field)")
        } catch {
            #expect(error.file == "bad.json")
            #expect(error.field == field)
            #expect(error.line == line, "\(error)")
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

/// Minimal serializer for the round trip until the shared serializer lands.
enum JSONSerializerShim {
    static func compact(_ value: JSONValue) -> String? {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n.lexeme
        case .string(let s): return quote(s)
        case .array(let items): return "[" + items.compactMap(compact).joined(separator: ",") + "]"
        case .object(let object):
            return "{" + object.members.map { quote($0.key) + ":" + (compact($0.value) ?? "null") }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}

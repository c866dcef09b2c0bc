import BadgeIssuer
import Foundation
import LinkedData
import OpenBadges
import Testing

/// The project's own JSON Schemas for its input files agree with what Laurel reads and writes.
@Suite struct InputSchemaTests {
    static func schema(_ name: String) throws -> JSONSchemaValidator {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("Schemas").appendingPathComponent(name), encoding: .utf8)
        return try JSONSchemaValidator(schemaText: text)
    }

    @Test("achievement files Laurel writes validate; files the reader refuses are refused by the schema too")
    func achievement() throws {
        let validator = try Self.schema("laurel-achievement.schema.json")
        let directory = TemporaryDirectory()
        let workspace = try IssuerFixtures.workspace(directory)
        let definition = try IssuerFixtures.achievement(workspace)
        #expect(validator.validate(definition.fileJSON).isEmpty, "\(validator.validate(definition.fileJSON))")
        let good = try JSONValue(parsing: AchievementDefinitionTests.good)
        #expect(validator.validate(good).isEmpty)
        var twoReaders = definition
        twoReaders.readers = 2
        #expect(validator.validate(twoReaders.fileJSON).isEmpty, "\(validator.validate(twoReaders.fileJSON))")
        for (original, replacement) in [
            ("\"name\": \"Data Literacy\",", ""),
            ("\"tags\": [\"data\"],", "\"tags\": [\"data\", 3],"),
            ("\"creditsAvailable\": 1.50,", "\"creditsAvailable\": 1.50, \"colour\": \"red\","),
            ("\"targetUrl\": \"https://example.org/framework/1\"", "\"targetUrl\": \"not a url\""),
            ("\"creditsAvailable\": 1.50,", "\"creditsAvailable\": 1.50, \"readers\": 4,"),
            ("\"creditsAvailable\": 1.50,", "\"creditsAvailable\": 1.50, \"readers\": \"two\","),
        ] {
            let text = AchievementDefinitionTests.good.replacingFirst(original, with: replacement)
            #expect(!validator.validate(try JSONValue(parsing: text)).isEmpty, "\(replacement)")
            #expect(throws: IssuerError.self) { try AchievementDefinition(fileBytes: Array(text.utf8), file: "x.json") }
        }
    }

    @Test("the workspace file laurel init writes validates")
    func workspace() throws {
        let validator = try Self.schema("laurel-workspace.schema.json")
        let directory = TemporaryDirectory()
        _ = try IssuerFixtures.workspace(directory)
        let value = try JSONValue(parsing: try FileIO.read(directory.file("ws/laurel.json")))
        #expect(validator.validate(value).isEmpty, "\(validator.validate(value))")
    }
}

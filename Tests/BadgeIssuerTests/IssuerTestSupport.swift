import BadgeIssuer
import Foundation
import Testing

/// A temporary folder removed when the value is released.
final class TemporaryDirectory {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "laurel-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    func write(_ name: String, _ text: String) throws -> String {
        let target = file(name)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }
}

enum IssuerFixtures {
    /// Results that meet `rubric` (every criterion at its required level).
    static let passing: [(criterion: String, level: String)] = [("analysis", "proficient"), ("communication", "proficient")]

    static let rubric: [AchievementDefinition.Criterion] = [
        .init(
            id: "analysis", name: "Analysis",
            levels: [
                .init(id: "developing", name: "Developing", points: "1"),
                .init(id: "proficient", name: "Proficient", points: "2"),
                .init(id: "exemplary", name: "Exemplary", points: "3"),
            ], requiredLevel: "proficient"),
        .init(
            id: "communication", name: "Communication",
            levels: [
                .init(id: "developing", name: "Developing", points: "1"),
                .init(id: "proficient", name: "Proficient", points: "2"),
            ], requiredLevel: "proficient"),
    ]

    static func workspace(_ directory: TemporaryDirectory, proof: ProofFormat = .eddsaJcs2022) throws -> Workspace {
        try Workspace.create(
            at: directory.file("ws"),
            options: .init(name: "Example College", url: "https://example.edu", email: "badges@example.edu", proof: proof))
    }

    static func achievement(_ workspace: Workspace) throws -> AchievementDefinition {
        let definition = AchievementDefinition(
            id: "https://example.edu/achievements/data-literacy", name: "Data Literacy",
            description: "Reads and explains data.", criteriaNarrative: "Complete three tasks.", rubric: rubric)
        _ = try workspace.saveAchievement(definition, fileName: "data-literacy")
        return definition
    }
}

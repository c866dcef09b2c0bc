import Foundation
import LinkedData
import OpenBadges
import Testing

/// Every JSON fixture of the 1EdTech validator decodes into its model and re-encodes without losing a member.
@Suite struct ModelFixtureTests {
    @Test("every 1EdTech validator JSON fixture round-trips through the models")
    func roundTrip() throws {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("1edtech-validator")
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix("EXPECTATIONS.json") }.sorted()
        var count = 0
        for file in files {
            let value = try JSONValue(parsing: [UInt8](try Data(contentsOf: directory.appendingPathComponent(file))))
            guard case .object(let object) = value else { continue }
            let credential = AchievementCredential(json: object)
            let data = try JSONEncoder().encode(credential)
            let again = try JSONDecoder().decode(AchievementCredential.self, from: data)
            #expect(again.json.count == object.count, "\(file)")
            #expect(Set(again.json.keys) == Set(object.keys), "\(file)")
            #expect(credential.jsonValue == value, "\(file)")
            #expect(again.validFromString == credential.validFromString, "\(file)")
            count += 1
        }
        #expect(count >= 40)
        print("validator fixtures through the models: \(count)")
    }
}

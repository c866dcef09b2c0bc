import Foundation
import LinkedData
import OpenBadges
import Testing

/// Models are views over the JSON they were read from: decoding and encoding again loses nothing — no member,
/// no order, no number lexeme, no date string.
enum ModelRoundTrip {
    /// Decodes `value` into its model by `type`, reads the typed members, encodes it back through `Codable`,
    /// and checks the result equals the input.
    static func check(_ value: JSONValue, label: String) throws {
        let object = try #require(value.objectValue, "\(label) is not an object")
        let types = AchievementCredential(json: object).types
        let data: Data
        if types.contains("ClrCredential") {
            let clr = ClrCredential(json: object)
            #expect(clr.credentialSubject != nil, "\(label)")
            data = try JSONEncoder().encode(clr)
            let again = try JSONDecoder().decode(ClrCredential.self, from: data)
            #expect(again.jsonValue.sameContent(as: value), "\(label)")
        } else if types.contains("EndorsementCredential") {
            let endorsement = EndorsementCredential(json: object)
            #expect(endorsement.credentialSubject?.id != nil, "\(label)")
            data = try JSONEncoder().encode(endorsement)
            let again = try JSONDecoder().decode(EndorsementCredential.self, from: data)
            #expect(again.jsonValue.sameContent(as: value), "\(label)")
        } else {
            let credential = AchievementCredential(json: object)
            _ = (credential.name, credential.issuerID, credential.validFromString, credential.evidence, credential.proofs)
            _ = credential.credentialSubject?.achievement?.resultDescription.map(\.rubricCriterionLevel)
            _ = credential.credentialSubject?.result.map(\.achievedLevel)
            data = try JSONEncoder().encode(credential)
            let again = try JSONDecoder().decode(AchievementCredential.self, from: data)
            #expect(again.jsonValue.sameContent(as: value), "\(label)")
            // The view itself keeps member order and lexemes exactly.
            #expect(credential.jsonValue == value, "\(label)")
        }
    }
}

extension JSONValue {
    /// Equal as JSON data: object members compared by name (order aside), numbers by value.
    func sameContent(as other: JSONValue) -> Bool {
        switch (self, other) {
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            return a.allSatisfy { member in b[member.key].map { member.value.sameContent(as: $0) } ?? false }
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.sameContent(as: $1) }
        case (.number(let a), .number(let b)):
            return a.doubleValue == b.doubleValue
        default:
            return self == other
        }
    }
}

@Suite struct ModelRoundTripTests {
    @Test("every OB 3.0 spec example and validator fixture decodes and re-encodes without losing a member")
    func fixtures() throws {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("schema")
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 25)
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(file)))
            try ModelRoundTrip.check(try JSONValue(parsing: bytes), label: file)
        }
        print("model round trips: \(files.count) files")
    }

    @Test("typed members read and write through to the JSON, keeping unknown members and date strings")
    func viewsWriteThrough() throws {
        var credential = AchievementCredential(json: try #require(try JSONValue(parsing: """
            {"id": "urn:x", "validFrom": "2010-01-01T00:00:00.000+00:00", "x-extension": {"kept": 1.50},
             "credentialSubject": {"type": ["AchievementSubject"], "achievement": {"name": "A"}}}
            """).objectValue))
        #expect(credential.validFrom?.string == "2010-01-01T00:00:00.000+00:00")
        #expect(credential.validFrom?.secondsSince1970 == 1_262_304_000)
        credential.name = "Renamed"
        var subject = try #require(credential.credentialSubject)
        var achievement = try #require(subject.achievement)
        achievement.name = "B"
        subject.achievement = achievement
        credential.credentialSubject = subject
        let text = JSONSerializer().serializeToString(credential.jsonValue)
        #expect(text == #"{"id":"urn:x","validFrom":"2010-01-01T00:00:00.000+00:00","x-extension":{"kept":1.50},"credentialSubject":{"type":["AchievementSubject"],"achievement":{"name":"B"}},"name":"Renamed"}"#)
    }

    @Test("DateTimeZ requires a zone; lenient parsing reads a missing zone as UTC")
    func dates() {
        #expect(DateTimeZ("2024-02-29T12:00:00Z") != nil)
        #expect(DateTimeZ("2024-02-29T12:00:00+02:00")?.secondsSince1970 == DateTimeZ("2024-02-29T10:00:00Z")?.secondsSince1970)
        for bad in ["2023-02-29T12:00:00Z", "2024-02-29T12:00:00", "2024-13-01T00:00:00Z", "2024-01-01 00:00:00Z", "yesterday", ""] {
            #expect(DateTimeZ(bad) == nil, "\(bad)")
        }
        #expect(DateTimeZ(lenient: "2024-02-29T12:00:00")?.secondsSince1970 == DateTimeZ("2024-02-29T12:00:00Z")?.secondsSince1970)
        #expect(DateTimeZ(secondsSince1970: 1_262_304_000).string == "2010-01-01T00:00:00Z")
    }
}

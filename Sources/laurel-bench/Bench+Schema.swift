import LinkedData
import OpenBadges

/// JSON Schema validation against the built-in Open Badges 3.0 schemas.
extension BenchSuites {
    static var schema: BenchSuite {
        BenchSuite(
            name: "schema",
            summary: "JSON Schema validation of OpenBadgeCredentials (1EdTech AchievementCredential schema)",
            run: runSchema)
    }

    private static func runSchema(_ harness: BenchHarness) throws {
        let validator = OpenBadgesSchemas.achievementCredential
        let small = try JSONValue(parsing: SchemaBenchData.credential)
        let large = SchemaBenchData.enlarged(small)
        let compact = SchemaBenchData.compacted(small)
        for (label, document) in [("small", small), ("large", large), ("compact", compact)] {
            let violations = validator.validateNormalizingSingleValues(document)
            guard violations.isEmpty else {
                throw SchemaBenchData.Failure(description: "the \(label) bench credential is invalid: \(violations)")
            }
        }
        let smallBytes = SchemaBenchData.byteCount(small)
        let largeBytes = SchemaBenchData.byteCount(large)

        print(harness.measure("validate \(smallBytes / 100 * 100) B credential") {
            precondition(validator.validate(small).isEmpty)
        }.line)
        print(harness.measure("isValid \(smallBytes / 100 * 100) B credential") {
            precondition(validator.isValid(small))
        }.line)
        print(harness.measure("validate \(largeBytes / 1000) KB credential") {
            precondition(validator.validate(large).isEmpty)
        }.line)
        print(harness.measure("normalise + validate compacted credential") {
            precondition(validator.validateNormalizingSingleValues(compact).isEmpty)
        }.line)
        print(harness.measure("report violations of compacted credential") {
            precondition(validator.validate(compact).count == 4)
        }.line)
        print(try harness.measure("compile the AchievementCredential schema") {
            _ = try JSONSchemaValidator(schema: SchemaBenchData.achievementSchemaDocument)
        }.line)
    }
}

/// Bench inputs made here (not taken from fixtures), shaped like the credentials 1EdTech publishes.
private enum SchemaBenchData {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static let credential = #"""
        {
          "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
          ],
          "id": "urn:uuid:8d2d9a4e-4c4e-4b8e-9d55-0a6a7f1c2b11",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "name": "Bench Badge",
          "issuer": {
            "id": "https://issuer.example/issuers/1",
            "type": ["Profile"],
            "name": "Example Issuer",
            "url": "https://issuer.example",
            "email": "badges@issuer.example"
          },
          "validFrom": "2024-05-01T12:00:00Z",
          "validUntil": "2034-05-01T12:00:00Z",
          "credentialSubject": {
            "id": "did:example:learner",
            "type": ["AchievementSubject"],
            "achievement": {
              "id": "https://issuer.example/achievements/1",
              "type": ["Achievement"],
              "achievementType": "Certificate",
              "name": "Bench Achievement",
              "description": "Awarded for finishing the bench course.",
              "criteria": {"narrative": "Complete every module and pass the final assessment."},
              "image": {"id": "https://issuer.example/badge.png", "type": "Image"},
              "inLanguage": "en-US",
              "tag": ["bench", "swift"],
              "alignment": [{
                "type": ["Alignment"],
                "targetName": "Benchmarking",
                "targetUrl": "https://framework.example/skills/1",
                "targetType": "CFItem"
              }]
            },
            "result": [{"type": ["Result"], "status": "Completed"}]
          },
          "credentialSchema": [{
            "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
            "type": "1EdTechJsonSchemaValidator2019"
          }],
          "proof": [{
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "created": "2024-05-01T12:00:00Z",
            "verificationMethod": "https://issuer.example/issuers/1#key-1",
            "proofPurpose": "assertionMethod",
            "proofValue": "z3FXQqFwbZxKBxGxciVPadpMGhzBcGXVsGHxQNCE4XenwLPy5hkP6jdNRS8ASsvGBvnA2Yw5GNuqUuHh5kXzGGhBD"
          }]
        }
        """#

    /// The same credential with 40 alignments, 10 results and an embedded endorsement: about 25 KB.
    static func enlarged(_ credential: JSONValue) -> JSONValue {
        guard var document = credential.objectValue, var subject = credential["credentialSubject"]?.objectValue,
            var achievement = subject["achievement"]?.objectValue
        else { return credential }
        achievement["alignment"] = .array(
            (0..<40).map { index in
                [
                    "type": ["Alignment"], "targetName": .string("Skill \(index)"),
                    "targetUrl": .string("https://framework.example/skills/\(index)"),
                    "targetDescription": "A skill of the bench framework, described at some length for realism.",
                    "targetType": "ext:BenchSkill",
                ]
            })
        subject["result"] = .array(
            (0..<10).map { index in
                ["type": ["Result"], "value": .string("\(index * 10)"), "status": "Completed"]
            })
        var endorsement = document
        endorsement["type"] = ["VerifiableCredential", "EndorsementCredential"]
        endorsement["credentialSubject"] = [
            "id": "https://issuer.example/achievements/1", "type": ["EndorsementSubject"],
            "endorsementComment": "A sound achievement.",
        ]
        endorsement["credentialSchema"] = nil
        achievement["endorsement"] = [.object(endorsement)]
        subject["achievement"] = .object(achievement)
        document["credentialSubject"] = .object(subject)
        return .object(document)
    }

    /// The credential with `proof` and three nested `type`s compacted to single values.
    static func compacted(_ credential: JSONValue) -> JSONValue {
        guard var document = credential.objectValue, var subject = credential["credentialSubject"]?.objectValue,
            var achievement = subject["achievement"]?.objectValue, var issuer = document["issuer"]?.objectValue
        else { return credential }
        document["proof"] = credential["proof"]?.arrayValue?.first
        achievement["type"] = "Achievement"
        subject["type"] = "AchievementSubject"
        issuer["type"] = "Profile"
        subject["achievement"] = .object(achievement)
        document["credentialSubject"] = .object(subject)
        document["issuer"] = .object(issuer)
        return .object(document)
    }

    /// The built-in text the library compiles, parsed once.
    static let achievementSchemaDocument: JSONValue =
        (try? JSONValue(parsing: OpenBadgesSchemas.Name.achievementCredential.text)) ?? .null

    /// Size of the compact JSON serialisation (approximate: strings are counted without escapes).
    static func byteCount(_ value: JSONValue) -> Int {
        switch value {
        case .null: 4
        case .bool(let flag): flag ? 4 : 5
        case .number(let number): number.lexeme.utf8.count
        case .string(let text): text.utf8.count + 2
        case .array(let items): items.reduce(2) { $0 + byteCount($1) + 1 }
        case .object(let object): object.reduce(2) { $0 + $1.key.utf8.count + 4 + byteCount($1.value) }
        }
    }
}

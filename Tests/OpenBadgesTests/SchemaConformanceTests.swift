import Foundation
import Testing
import LinkedData
@testable import OpenBadges

/// The official schemas against 1EdTech's own examples and validator fixtures (`Fixtures/schema/SOURCES.md`).
@Suite struct SchemaConformanceTests {
    @Test("every specification example is valid against its schema, strict and normalised")
    func specExamples() throws {
        let names = try SchemaFixtures.names(in: "spec-examples")
        #expect(names.count == 7)
        var passed = 0
        for name in names {
            let credential = try SchemaFixtures.load("spec-examples/" + name)
            let validator = try #require(OpenBadgesSchemas.validator(forCredential: credential), "\(name)")
            let violations = validator.validate(credential)
            #expect(violations.isEmpty, "\(name): \(violations)")
            #expect(validator.validateNormalizingSingleValues(credential).isEmpty, "\(name)")
            // A valid document needs no normalising, so normalising changes nothing.
            #expect(validator.normalizingSingleValues(credential) == credential, "\(name)")
            if violations.isEmpty { passed += 1 }
        }
        print("OB 3.0 spec examples valid against the 1EdTech schemas: \(passed)/\(names.count)")
    }

    @Test("the specification examples are also valid VCDM 2.0 credentials")
    func specExamplesAgainstVCDM() throws {
        for name in try SchemaFixtures.names(in: "spec-examples") {
            let credential = try SchemaFixtures.load("spec-examples/" + name)
            let violations = OpenBadgesSchemas.verifiableCredential.validate(credential)
            #expect(violations.isEmpty, "\(name): \(violations)")
        }
    }

    @Test("simple.json and complete.json from the 1EdTech validator are valid AchievementCredentials")
    func validatorFixtures() throws {
        for name in ["simple.json", "complete.json"] {
            let credential = try SchemaFixtures.load("ob30/" + name)
            let violations = OpenBadgesSchemas.achievementCredential.validate(credential)
            #expect(violations.isEmpty, "\(name): \(violations)")
        }
    }

    @Test("endorsement-valid.json is a valid EndorsementCredential and not an AchievementCredential")
    func endorsement() throws {
        let credential = try SchemaFixtures.load("ob30/endorsement-valid.json")
        #expect(OpenBadgesSchemas.endorsementCredential.validate(credential).isEmpty)
        let asBadge = OpenBadgesSchemas.achievementCredential.validate(credential)
        #expect(
            asBadge.contains {
                $0.path == "type" && $0.keyword == "contains"
                    && $0.message == "must contain one of 'AchievementCredential', 'OpenBadgeCredential'; found "
                        + "['VerifiableCredential', 'EndorsementCredential']"
            }, "\(asBadge)")
    }

    @Test("a credential without an issuer fails with a violation naming 'issuer', before and after normalising")
    func missingIssuer() throws {
        let credential = try SchemaFixtures.load("ob30/simple-err-issuer.json")
        let validator = OpenBadgesSchemas.achievementCredential
        let expected = SchemaViolation(
            path: "", keyword: "required", message: "missing required member 'issuer'", schemaLocation: "#/required")
        #expect(validator.validate(credential).contains(expected))
        #expect(validator.validateNormalizingSingleValues(credential).contains(expected))
        #expect(expected.description == "(document): missing required member 'issuer' (required)")
    }

    @Test("a single proof object fails the strict schema and passes once normalised to an array")
    func singleProof() throws {
        let credential = try SchemaFixtures.load("ob30/simple-did-web-method.json")
        let validator = OpenBadgesSchemas.achievementCredential
        let strict = validator.validate(credential)
        #expect(strict.map(\.path) == ["proof"])
        #expect(strict.first?.keyword == "type")
        #expect(strict.first?.message == "must be an array, found an object")
        #expect(validator.validateNormalizingSingleValues(credential).isEmpty)
        let normalized = validator.normalizingSingleValues(credential)
        #expect(normalized["proof"]?.arrayValue?.count == 1)
        #expect(normalized["proof"]?.arrayValue?.first == credential["proof"])
        #expect(normalized.objectValue?.keys == credential.objectValue?.keys)
    }

    /// The validator fixtures with a wrong nested `type`, and where the schema reports each one once single
    /// values are normalised (their `proof` is a single object and several compact `type` to a string).
    static let nestedTypeCases: [(file: String, path: String, keyword: String, message: String)] = [
        (
            "simple-err-credential-subject-achievement-result-description-type.json",
            "credentialSubject.achievement.resultDescription[2].type", "contains",
            "must contain 'ResultDescription'; found ['InvalidResultDescription']"
        ),
        (
            "simple-err-credential-subject-identifier-type.json", "credentialSubject.identifier[0].type", "enum",
            "must be 'IdentityObject', found 'InvalidIdentityObject'"
        ),
        (
            "simple-err-credential-subject-profile-type.json", "credentialSubject.source.type", "contains",
            "must contain 'Profile'; found ['InvalidProfile']"
        ),
        (
            "simple-err-credential-subject-result-type.json", "credentialSubject.result[1].type", "contains",
            "must contain 'Result'; found ['InvalidResult']"
        ),
        (
            "simple-err-credential-subject-type.json", "credentialSubject.type", "contains",
            "must contain 'AchievementSubject'; found ['InvalidAchievementSubject']"
        ),
        (
            "simple-err-evidence-type.json", "evidence[1].type", "contains",
            "must contain 'Evidence'; found ['InvalidEvidence']"
        ),
        (
            "simple-err-issuer-otheridentifier-type.json", "issuer.otherIdentifier[1].type", "enum",
            "must be 'IdentifierEntry', found 'InvalidIdentifierEntry'"
        ),
        (
            "simple-err-issuer-parentorg-type.json", "issuer.parentOrg.type", "contains",
            "must contain 'Profile'; found ['InvalidProfile']"
        ),
        ("simple-err-issuer-type.json", "issuer.type", "contains", "must contain 'Profile'; found ['InvalidProfile']"),
        (
            "simple-err-type.json", "type", "contains",
            "must contain one of 'AchievementCredential', 'OpenBadgeCredential'; found ['VerifiableCredential', "
                + "'OtherCredential']"
        ),
    ]

    @Test("wrong nested types are reported at their paths, and they are the only violations after normalising")
    func nestedTypes() throws {
        var caught = 0
        for testCase in Self.nestedTypeCases {
            let credential = try SchemaFixtures.load("ob30/" + testCase.file)
            let violations = OpenBadgesSchemas.achievementCredential.validateNormalizingSingleValues(credential)
            let relevant = violations.filter { $0.path != "credentialSubject" || $0.keyword != "required" }
            #expect(relevant.count == 1, "\(testCase.file): \(violations)")
            if let violation = relevant.first {
                #expect(violation.path == testCase.path, "\(testCase.file)")
                #expect(violation.keyword == testCase.keyword, "\(testCase.file)")
                #expect(violation.message == testCase.message, "\(testCase.file)")
                if violation.path == testCase.path { caught += 1 }
            }
        }
        print("validator fixtures with a wrong type caught by the schema: \(caught)/\(Self.nestedTypeCases.count)")
    }

    @Test("compacted nested types fail the strict schema at each path")
    func compactedTypesStrict() throws {
        let credential = try SchemaFixtures.load("ob30/simple-err-evidence-type.json")
        let paths = OpenBadgesSchemas.achievementCredential.validate(credential).map(\.path)
        #expect(paths == ["evidence[0].type", "evidence[1].type", "proof"])
    }

    /// Fixtures that are wrong in ways a JSON Schema cannot see: the verifier's other checks catch them.
    @Test("problems outside the schema's reach pass it: expiry, proof value, verification method")
    func notSchemaProblems() throws {
        for name in ["simple-err-expired.json", "simple-err-proof-value.json", "simple-err-proof-method.json"] {
            let credential = try SchemaFixtures.load("ob30/" + name)
            let violations = OpenBadgesSchemas.achievementCredential.validateNormalizingSingleValues(credential)
            #expect(violations.isEmpty, "\(name): \(violations)")
        }
    }

    @Test("a wrong first @context and a missing achievement are schema violations")
    func contextAndAchievement() throws {
        let context = try SchemaFixtures.load("ob30/simple-err-context.json")
        let violations = OpenBadgesSchemas.achievementCredential.validateNormalizingSingleValues(context)
        #expect(violations.contains { $0.path == "@context" && $0.keyword == "minItems" })
        #expect(violations.contains { $0.path == "@context[0]" && $0.keyword == "enum" })
        // simple-err-issued.json is meant to fail on its future validFrom only, but also lacks an achievement.
        let issued = try SchemaFixtures.load("ob30/simple-err-issued.json")
        #expect(
            OpenBadgesSchemas.achievementCredential.validateNormalizingSingleValues(issued).map(\.description) == [
                "credentialSubject: missing required member 'achievement' (required)"
            ])
    }

    @Test("the CLR schema (a VCDM 1.1-era conversion) accepts the 1.1 CLR and wants issuanceDate from the 2.0 one")
    func clr() throws {
        let complex = try SchemaFixtures.load("clr20/complex.json")
        #expect(OpenBadgesSchemas.clrCredential.validate(complex).isEmpty)
        let simple = try SchemaFixtures.load("clr20/simple.json")
        let chosen = OpenBadgesSchemas.validator(forCredential: simple)
        #expect(chosen?.schemaID == OpenBadgesSchemas.clrCredential.schemaID)
        #expect(
            OpenBadgesSchemas.clrCredential.validate(simple).map(\.description) == [
                "(document): missing required member 'issuanceDate' (required)",
                "credentialSubject.verifiableCredential[0]: missing required member 'issuanceDate' (required)",
            ])
    }

    @Test("compacting simple.json and normalising it again gives back the original document")
    func compactRoundTrip() throws {
        let original = try SchemaFixtures.load("ob30/simple.json")
        var compact = try #require(original.objectValue)
        compact["proof"] = try #require(original["proof"]?.arrayValue?.first)
        var subject = try #require(original["credentialSubject"]?.objectValue)
        subject["type"] = "AchievementSubject"
        var achievement = try #require(subject["achievement"]?.objectValue)
        achievement["type"] = "Achievement"
        subject["achievement"] = .object(achievement)
        compact["credentialSubject"] = .object(subject)
        var issuer = try #require(original["issuer"]?.objectValue)
        issuer["type"] = "Profile"
        compact["issuer"] = .object(issuer)
        let compacted = JSONValue.object(compact)

        let validator = OpenBadgesSchemas.achievementCredential
        #expect(
            Set(validator.validate(compacted).map(\.path)) == [
                "proof", "credentialSubject.type", "credentialSubject.achievement.type", "issuer.type",
            ])
        #expect(validator.normalizingSingleValues(compacted) == original)
        #expect(validator.validateNormalizingSingleValues(compacted).isEmpty)
    }
}

import Foundation
import Testing
import LinkedData
@testable import OpenBadges

/// A schema memo only saves work: every validation reports with it exactly what it reports without it, whatever
/// was validated with the same memo before (valid and invalid documents sharing parts, in any order).
@Suite struct SchemaMemoTests {
    /// The validator fixtures (valid ones and ones with one wrong part each), and a few variants of each that
    /// share most members with the others: the situation of a batch or a folder of badges.
    static func documents() throws -> [JSONValue] {
        var documents: [JSONValue] = []
        for name in try SchemaFixtures.names(in: "ob30").sorted() {
            let document = try SchemaFixtures.load("ob30/" + name)
            documents.append(document)
            guard case .object(let object) = document else { continue }
            var renamed = object
            renamed["name"] = .string("Another name")
            documents.append(.object(renamed))
            var noIssuer = object
            noIssuer["issuer"] = nil
            documents.append(.object(noIssuer))
            var numberIssuer = object
            numberIssuer["issuer"] = .number(JSONNumber(lexeme: "7"))
            documents.append(.object(numberIssuer))
            if case .object(var subject)? = object["credentialSubject"] {
                subject["type"] = .string("AchievementSubject")  // compacted: fails strict, passes normalised
                var compacted = object
                compacted["credentialSubject"] = .object(subject)
                documents.append(.object(compacted))
            }
        }
        return documents
    }

    @Test("validate, isValid and the normalised validation answer the same with one memo as without, in any order")
    func sameAnswers() throws {
        let documents = try Self.documents()
        #expect(documents.count > 60)
        let validator = OpenBadgesSchemas.achievementCredential
        let memo = SchemaMemo()
        var invalid = 0
        // Forwards, then backwards (each document after ones that share its parts), then forwards again.
        let order = Array(documents.indices) + documents.indices.reversed() + Array(documents.indices)
        for index in order {
            let document = documents[index]
            let expected = validator.validate(document)
            #expect(validator.validate(document, memo: memo) == expected, "document \(index)")
            #expect(validator.isValid(document, memo: memo) == expected.isEmpty, "document \(index)")
            #expect(
                validator.validateNormalizingSingleValues(document, memo: memo)
                    == validator.validateNormalizingSingleValues(document), "document \(index)")
            #expect(
                validator.normalizingSingleValues(document, memo: memo) == validator.normalizingSingleValues(document),
                "document \(index)")
            if !expected.isEmpty { invalid += 1 }
        }
        #expect(invalid > order.count / 3, "the documents should include many invalid ones (\(invalid))")
    }

    @Test("a step budget or depth limit is reached at the same place with a memo as without")
    func sameLimits() throws {
        let documents = try Self.documents()
        for maxSteps in [40, 200, 900, 5_000] {
            for maxDepth in [3, 6, 512] {
                let validator = try JSONSchemaValidator(
                    schemaText: OpenBadgesSchemaSources.achievementCredential,
                    options: .init(maxDepth: maxDepth, maxSteps: maxSteps))
                let memo = SchemaMemo()
                for (index, document) in Array(documents.enumerated()) + Array(documents.enumerated()) {
                    let expected = validator.validate(document)
                    #expect(
                        validator.validate(document, memo: memo) == expected,
                        "steps \(maxSteps), depth \(maxDepth), document \(index)")
                    #expect(validator.isValid(document, memo: memo) == expected.isEmpty)
                }
            }
        }
    }

    @Test("one memo serves several validators in turn and answers each as it would alone")
    func severalValidators() throws {
        let documents = try Self.documents()
        let memo = SchemaMemo()
        for document in documents.prefix(30) {
            for validator in [OpenBadgesSchemas.achievementCredential, OpenBadgesSchemas.verifiableCredential] {
                #expect(validator.validate(document, memo: memo) == validator.validate(document))
            }
        }
    }
}

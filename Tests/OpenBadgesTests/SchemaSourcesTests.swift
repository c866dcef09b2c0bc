import Foundation
import Testing
import LinkedData
@testable import OpenBadges

/// The schemas compiled into the binary are exactly the pinned files in `Schemas/`.
@Suite struct SchemaSourcesTests {
    /// The package root, found from this file's place in `Tests/OpenBadgesTests/`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("each generated schema literal equals its file in Schemas/ byte for byte")
    func generatedMatchesFiles() throws {
        #expect(OpenBadgesSchemaSources.files.count == 7)
        for file in OpenBadgesSchemaSources.files {
            let url = Self.packageRoot.appendingPathComponent(file.path)
            let bytes = [UInt8](try Data(contentsOf: url))
            #expect(Array(file.text.utf8) == bytes, "\(file.path) differs: run python3 Scripts/generate-schemas.py")
        }
    }

    @Test("every pinned schema file is compiled into the binary")
    func noFileLeftOut() throws {
        var onDisk: Set<String> = []
        for folder in ["Schemas/1edtech", "Schemas/w3c"] {
            let url = Self.packageRoot.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path) where name.hasSuffix(".json") {
                onDisk.insert(folder + "/" + name)
            }
        }
        #expect(onDisk == Set(OpenBadgesSchemaSources.files.map(\.path)))
    }

    @Test("every built-in schema compiles and carries the $id of its file")
    func builtInSchemasCompile() {
        #expect(
            OpenBadgesSchemas.achievementCredential.schemaID
                == "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential-jsonschema1.json")
        #expect(
            OpenBadgesSchemas.endorsementCredential.schemaID
                == "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_endorsementcredential-jsonschema1.json")
        #expect(
            OpenBadgesSchemas.profile.schemaID
                == "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_profile-jsonschema1.json")
        let response = OpenBadgesSchemas.getOpenBadgeCredentialsResponse
        #expect(response.schemaID?.hasSuffix("getopenbadgecredentialsresponse-jsonschema1.json") == true)
        #expect(OpenBadgesSchemas.imsxStatusInfo.schemaID?.hasSuffix("imsx_statusinfo-jsonschema1.json") == true)
        #expect(OpenBadgesSchemas.clrCredential.schemaID == OpenBadgesSchemas.clrCredentialSchemaURL)
        #expect(
            OpenBadgesSchemas.verifiableCredential.schemaID
                == "https://www.w3.org/2022/credentials/v2/verifiable-credential-schema.json")
    }

    @Test("each built-in schema is reachable by name, with its published text and its validator")
    func names() throws {
        #expect(OpenBadgesSchemas.Name.allCases.count == OpenBadgesSchemaSources.files.count)
        for name in OpenBadgesSchemas.Name.allCases {
            let file = try #require(OpenBadgesSchemaSources.files.first { $0.name == name.rawValue })
            #expect(name.text == file.text)
            let document = try JSONValue(parsing: name.text)
            #expect(name.validator.schemaID == document["$id"]?.stringValue)
        }
    }

    @Test("schemas are found by their published URL, by their $id, and by credential type")
    func lookup() throws {
        let badge = OpenBadgesSchemas.validator(forSchemaURL: OpenBadgesSchemas.achievementCredentialSchemaURL)
        #expect(badge?.schemaID == OpenBadgesSchemas.achievementCredential.schemaID)
        let byID = OpenBadgesSchemas.validator(forSchemaURL: OpenBadgesSchemas.profile.schemaID ?? "")
        #expect(byID?.schemaID == OpenBadgesSchemas.profile.schemaID)
        #expect(OpenBadgesSchemas.validator(forSchemaURL: "https://example.com/schema.json") == nil)

        let endorsement: JSONValue = ["type": ["VerifiableCredential", "EndorsementCredential"]]
        #expect(
            OpenBadgesSchemas.validator(forCredential: endorsement)?.schemaID
                == OpenBadgesSchemas.endorsementCredential.schemaID)
        let compact: JSONValue = ["type": "OpenBadgeCredential"]
        #expect(
            OpenBadgesSchemas.validator(forCredential: compact)?.schemaID
                == OpenBadgesSchemas.achievementCredential.schemaID)
        #expect(OpenBadgesSchemas.validator(forCredential: ["type": ["VerifiableCredential"]]) == nil)
    }

    @Test("the profile schema validates the issuer profile of a spec example")
    func profile() throws {
        let credential = try SchemaFixtures.load("spec-examples/fullOpenBadge.json")
        let issuer = try #require(credential["issuer"])
        #expect(OpenBadgesSchemas.profile.validate(issuer).isEmpty)
        var broken = try #require(issuer.objectValue)
        broken["type"] = ["Organization"]
        #expect(
            OpenBadgesSchemas.profile.validate(.object(broken)).map(\.description) == [
                "type: must contain 'Profile'; found ['Organization'] (contains)"
            ])
    }
}

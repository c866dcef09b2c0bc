import BadgeCrypto
import BadgeIssuer
import Foundation
import LinkedData
import OpenBadges
import Testing

@Suite("Reading a learner's credential files and baking them into images")
struct CredentialFileTests {
    @Test("JSON, VC-JWT and baked images are read; the text is kept exactly")
    func reads() throws {
        let json = try LearnerSamples.credential(to: .did(LearnerSamples.learnerDID))
        #expect(json.format == .json && json.image == nil)
        #expect(json.id == "urn:uuid:0d9f2c66-3f0e-4c8a-9d53-9a1f3b7e5c21")
        #expect(json.displayName == "Data Literacy" && json.issuerName == "Example College")
        #expect(json.isAwarded(to: .did(LearnerSamples.learnerDID)))
        #expect(!json.isAwarded(to: .did(LearnerSamples.otherDID)))

        let jwt = try LearnerSamples.credential(to: .email("Ada@Example.org"), format: .vcJWT)
        #expect(jwt.format == .jwt && jwt.text.split(separator: ".").count == 3)
        #expect(jwt.isAwarded(to: .email("ada@example.org")))
        #expect(!jwt.isAwarded(to: .email("bob@example.org")))
        #expect(jwt.subjectID == nil)

        for credential in [json, jwt] {
            for image in [nil, Array(DefaultBadgeImage.svg(achievementName: "X", issuerName: "Y").utf8)] {
                let baked = try BadgeImages.bake(credential, into: image)
                let read = try CredentialFile(bytes: baked.bytes, source: "badge.svg")
                #expect(read.text == credential.text)
                #expect(read.image == .svg)
                #expect(read.format == credential.format)
            }
        }
    }

    @Test("anything that is not a signed credential is refused with the reason", arguments: [
        ("{\"type\": [\"VerifiablePresentation\"]}", "presentation"),
        ("{\"@context\": [], \"type\": [\"VerifiableCredential\", \"OpenBadgeCredential\"]}", "not signed"),
        ("{\"name\": \"a recipe\"}", "not a Verifiable Credential"),
        ("[1, 2, 3]", "neither a JSON credential nor a compact JWS"),
        ("{\"type\": ", "not valid JSON"),
        ("hello world", "neither a JSON credential nor a compact JWS"),
        ("eyJhbGciOiJFZERTQSJ9.bm90IGpzb24.c2ln", "cannot be read"),
    ])
    func refuses(text: String, expected: String) throws {
        do {
            _ = try CredentialFile(bytes: Array(text.utf8), source: "input.txt")
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.hasPrefix("input.txt"))
        }
    }

    @Test("binary data and images without a credential are refused")
    func refusesBinary() throws {
        #expect(throws: IssuerError.self) { try CredentialFile(bytes: [0xFF, 0xD8, 0xFF, 0xE0, 0x00], source: "photo.jpg") }
        let plainSVG = Array(DefaultBadgeImage.svg(achievementName: "X", issuerName: "Y").utf8)
        do {
            _ = try CredentialFile(bytes: plainSVG, source: "plain.svg")
            Issue.record("an SVG without a credential was accepted")
        } catch {
            #expect(error.description.contains("carries no readable credential"), "\(error.description)")
        }
    }

    @Test("only Open Badges credentials are baked; the default badge shows the names; re-baking replaces")
    func baking() throws {
        let credential = try LearnerSamples.credential(to: .did(LearnerSamples.learnerDID))
        let baked = try BadgeImages.bake(credential, into: nil)
        #expect(baked.kind == .svg && baked.isDefaultImage && !baked.replacedCredential)
        let svg = String(decoding: baked.bytes, as: UTF8.self)
        #expect(svg.contains("<title id=\"badge-title\">Data Literacy</title>"))
        #expect(svg.contains("Example College"))
        let extracted = try BadgeImages.extract(from: baked.bytes, source: "badge.svg")
        #expect(extracted.text == credential.text && extracted.kind == .svg)

        let other = try LearnerSamples.credential(
            to: .did(LearnerSamples.learnerDID), id: "urn:uuid:11111111-2222-4333-8444-555555555555")
        let rebaked = try BadgeImages.bake(other, into: baked.bytes)
        #expect(rebaked.replacedCredential && !rebaked.isDefaultImage)
        #expect(try BadgeImages.extract(from: rebaked.bytes, source: "badge.svg").text == other.text)

        // A learner record is a credential, but not one Open Badges bakes.
        var clrJSON = credential.credential
        clrJSON["type"] = ["VerifiableCredential", "ClrCredential"]
        let clr = try CredentialFile(bytes: JSONSerializer().serialize(.object(clrJSON)), source: "record.json")
        do {
            _ = try BadgeImages.bake(clr, into: nil)
            Issue.record("a CLR was baked")
        } catch {
            #expect(error.description.contains("only Open Badges credentials"))
        }
        // An image that is neither PNG nor SVG.
        #expect(throws: IssuerError.self) { try BadgeImages.bake(credential, into: Array("GIF89a....".utf8)) }
    }
}

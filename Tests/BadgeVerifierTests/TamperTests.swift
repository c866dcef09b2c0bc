import BadgeCrypto
import BadgeIssuer
import BadgeVerifier
import Foundation
import LinkedData
import OpenBadges
import Testing

@Suite struct TamperTests {
    @Test("a freshly signed badge verifies (eddsa-rdfc-2022, eddsa-jcs-2022, VC-JWT) and the recipient matches")
    func valid() throws {
        for suite in ProofFormat.allCases {
            let bytes = try SignedSamples.sign(try SignedSamples.unsigned(), suite: suite)
            let report = SignedSamples.verify(bytes, email: "Ada@example.org")
            #expect(report.verdict == .valid, "\(suite): \(report.describe)")
            #expect(report.outcome(.recipient) == .pass)
            #expect(report.credential?.results.first?.achieved == "Proficient")
            let wrong = SignedSamples.verify(bytes, email: "eve@example.org")
            #expect(wrong.verdict == .invalid)
            #expect(wrong.outcome(.recipient) == .fail)
        }
    }

    @Test("a one-character change to any signed member fails the proof", arguments: [
        "\"Data Literacy\"", "\"Reads and explains data.\"", "\"Example College\"", "\"https://example.org/projects/1\"",
        "\"2026-01-02T03:04:05Z\"", "\"Complete three tasks.\"",
    ])
    func tampered(_ needle: String) throws {
        let bytes = try SignedSamples.sign(try SignedSamples.unsigned())
        var text = String(decoding: bytes, as: UTF8.self)
        let range = try #require(text.range(of: needle))
        let position = text.index(range.lowerBound, offsetBy: 2)
        text.replaceSubrange(position...position, with: "X")
        let report = SignedSamples.verify(Array(text.utf8))
        #expect(report.verdict == .invalid)
        #expect(report.outcome(.proof) == .fail, "\(report.describe)")
    }

    @Test("an added undefined member fails safe mode, even though the signature math would still pass")
    func undefinedMember() throws {
        let bytes = try SignedSamples.sign(try SignedSamples.unsigned())
        var object = try #require(try JSONValue(parsing: bytes).objectValue)
        object["favouriteColour"] = "green"
        let report = SignedSamples.verify(JSONSerializer().serialize(.object(object)))
        #expect(report.verdict == .invalid)
        #expect(report.outcome(.safeMode) == .fail, "\(report.describe)")
    }

    @Test("a badge signed by someone else in the issuer's name fails key binding")
    func swappedIssuer() throws {
        // Signed correctly, but with another key than the issuer's did:key.
        let bytes = try SignedSamples.sign(try SignedSamples.unsigned(), key: SignedSamples.otherKey)
        let report = SignedSamples.verify(bytes)
        #expect(report.verdict == .invalid)
        #expect(report.outcome(.keyBinding) == .fail, "\(report.describe)")
        #expect(report.outcome(.proof) == .pass)
        // And an issuer id edited after signing breaks the signature.
        var good = try #require(try JSONValue(parsing: try SignedSamples.sign(try SignedSamples.unsigned())).objectValue)
        var issuer = try #require(good["issuer"]?.objectValue)
        issuer["id"] = .string(DIDKey.did(for: SignedSamples.otherKey.publicKey))
        good["issuer"] = .object(issuer)
        let swappedReport = SignedSamples.verify(JSONSerializer().serialize(.object(good)))
        #expect(swappedReport.verdict == .invalid)
        #expect(swappedReport.outcome(.proof) == .fail, "\(swappedReport.describe)")
    }

    @Test("expired and not-yet-valid badges fail their date checks")
    func dates() throws {
        let expired = try SignedSamples.sign(try SignedSamples.unsigned(validUntil: "2026-02-01T00:00:00Z"))
        let report = SignedSamples.verify(expired)
        #expect(report.verdict == .invalid)
        #expect(report.outcome(.validUntil) == .fail)
        let future = try SignedSamples.sign(try SignedSamples.unsigned(validFrom: "2027-01-01T00:00:00Z"))
        let futureReport = SignedSamples.verify(future)
        #expect(futureReport.verdict == .invalid)
        #expect(futureReport.outcome(.validFrom) == .fail)
    }

    @Test("revoked badges fail the status check; a missing list is indeterminate, never 'not revoked'")
    func revoked() throws {
        let listURL = "https://example.edu/status/revocation/1"
        let credential = try SignedSamples.unsigned(status: [.init(purpose: "revocation", listURL: listURL, index: 4242)])
        let bytes = try SignedSamples.sign(credential)
        #expect(SignedSamples.verify(bytes).verdict == .indeterminate)
        #expect(SignedSamples.verify(bytes).outcome(.status) == .warning)

        func listCredential(revoking index: Int?) throws -> [UInt8] {
            var bits = BitstringStatusList()
            if let index { try bits.setBit(at: index, to: true) }
            var list = JSONObject()
            list["@context"] = ["https://www.w3.org/ns/credentials/v2"]
            list["id"] = .string(listURL)
            list["type"] = ["VerifiableCredential", "BitstringStatusListCredential"]
            list["issuer"] = .string(SignedSamples.issuerID)
            list["validFrom"] = "2026-01-01T00:00:00Z"
            list["credentialSubject"] = .object(JSONObject([
                "id": .string(listURL + "#list"), "type": "BitstringStatusList", "statusPurpose": "revocation",
                "encodedList": .string(try bits.encodedList()),
            ]))
            return try SignedSamples.sign(list)
        }
        let revoked = SignedSamples.verify(bytes, resources: [listURL: try listCredential(revoking: 4242)])
        #expect(revoked.verdict == .invalid)
        #expect(revoked.outcome(.status) == .fail)
        #expect(revoked.checks.contains { $0.message == "This badge was revoked by its issuer." })
        let fine = SignedSamples.verify(bytes, resources: [listURL: try listCredential(revoking: 4243)])
        #expect(fine.verdict == .valid, "\(fine.describe)")
        // A list signed by someone else cannot be trusted.
        var forged = try #require(try JSONValue(parsing: try listCredential(revoking: nil)).objectValue)
        forged["validFrom"] = "2026-01-01T00:00:01Z"
        let forgedReport = SignedSamples.verify(bytes, resources: [listURL: JSONSerializer().serialize(.object(forged))])
        #expect(forgedReport.outcome(.status) == .fail)
    }
}

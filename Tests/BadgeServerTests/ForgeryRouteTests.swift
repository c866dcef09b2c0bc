import BadgeServer
import BadgeVerifier
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkedData
import Testing

/// The six forgeries of the trust issue (built and checked in BadgeVerifierTests' `Forgeries`), sent to
/// `POST /api/verify` as an employer would upload them, with the resources an employer was handed.
@Suite struct ForgeryRouteTests {
    static func folder() throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("forgeries")
    }

    @Test("POST /api/verify gives each forgery the verdict it deserves, and names who vouches for a valid one")
    func forgeries() async throws {
        let folder = try Self.folder()
        let manifest = try JSONValue(parsing: [UInt8](try Data(contentsOf: folder.appendingPathComponent("manifest.json"))))
        let cases = try #require(manifest.arrayValue)
        #expect(cases.count == 6)
        for entry in cases {
            let file = try #require(entry["file"]?.stringValue)
            var configuration = ServerConfiguration(port: 0, now: { 1_780_272_000 })
            for resource in entry["resources"]?.objectValue ?? JSONObject() {
                let name = try #require(resource.value.stringValue)
                configuration.resources[resource.key] = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
            }
            let body = [UInt8](try Data(contentsOf: folder.appendingPathComponent(file)))
            let app = buildApplication(configuration)
            try await app.test(.router) { client in
                let response = try await client.execute(
                    uri: "/api/verify", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body))
                #expect(response.status == .ok)
                let report = try JSONValue(parsing: Array(response.body.readableBytesView))
                #expect(report["verdict"]?.stringValue == entry["verdict"]?.stringValue, "\(file): \(response.body.getString(at: 0, length: response.body.readableBytes) ?? "")")
                let check = entry["check"]?.stringValue
                let decisive = report["checks"]?.arrayValue?.first { $0["id"]?.stringValue == check }
                #expect(decisive != nil, "\(file)")
                if entry["verdict"]?.stringValue == "valid" {
                    #expect(report["issuer"]?["identity"]?.stringValue == "self-asserted")
                    #expect(report["headline"]?.stringValue?.contains("signed by the holder of did:key:") == true)
                    #expect(report["headline"]?.stringValue?.contains("which calls itself 'Harvard University'") == true)
                }
            }
        }
    }

    @Test("the page for a self-named did:key says who signed it, not 'genuine'; a trust list naming it does")
    func page() async throws {
        let folder = try Self.folder()
        let body = [UInt8](try Data(contentsOf: folder.appendingPathComponent("5-self-named-harvard.json")))
        let report = try JSONValue(parsing: body)
        let did = try #require(report["issuer"]?["id"]?.stringValue)
        for trusted in [false, true] {
            var configuration = ServerConfiguration(port: 0, now: { 1_780_272_000 })
            if trusted { configuration.trust = TrustList(ids: [did], source: "our list") }
            let app = buildApplication(configuration)
            try await app.test(.router) { client in
                let response = try await client.execute(
                    uri: "/verify", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body))
                let page = response.body.getString(at: 0, length: response.body.readableBytes) ?? ""
                if trusted {
                    #expect(page.contains("this badge is genuine"))
                    #expect(page.contains("Issued by Harvard University"))
                } else {
                    #expect(!page.contains("genuine"))
                    #expect(page.contains("Signed by the holder of \(did), which calls itself &#39;Harvard University&#39;")
                        || page.contains("Signed by the holder of \(did), which calls itself 'Harvard University'"))
                }
            }
        }
    }
}

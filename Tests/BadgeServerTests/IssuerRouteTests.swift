import BadgeCrypto
import BadgeIssuer
@testable import BadgeServer
import FormData
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkedData
import Testing

@Suite struct IssuerRouteTests {
    @Test("The did:web DID document is served at /.well-known/did.json, and the JWKS beside it")
    func didDocumentAndJWKS() async throws {
        let fixture = try ServerFixture.shared.get()
        let app = buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let did = try await client.execute(uri: "/.well-known/did.json", method: .get)
            #expect(did.status == .ok)
            let onDisk = try Data(contentsOf: URL(fileURLWithPath: fixture.workspace.directory + "/did.json"))
            #expect(Array(did.body.readableBytesView) == Array(onDisk))
            #expect(try JSONValue(parsing: did.text)["id"]?.stringValue == "did:web:example.edu")

            let jwks = try await client.execute(uri: "/.well-known/jwks.json", method: .get)
            #expect(jwks.status == .ok)
            #expect(jwks.headers[.contentType] == "application/jwk-set+json")
            let parsed = try JWKS(json: Array(jwks.body.readableBytesView))
            #expect(parsed.keys.count == 1)
            #expect(parsed == JWKS(ed25519PublicKeys: [fixture.workspace.key.publicKey]))
            #expect(!jwks.text.contains("\"d\""), "no private key material")
        }
    }

    @Test("A did:web with a path is served at PATH/did.json, and the workspace's files under the base URL's path")
    func didWebWithPath() async throws {
        let fixture = try ServerFixture.withPath.get()
        #expect(fixture.workspace.config.didWeb == "did:web:example.edu:issuers:riverside")
        let app = buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let did = try await client.execute(uri: "/issuers/riverside/did.json", method: .get)
            #expect(did.status == .ok)
            #expect(try JSONValue(parsing: did.text)["id"]?.stringValue == "did:web:example.edu:issuers:riverside")
            let wellKnown = try await client.execute(uri: "/.well-known/did.json", method: .get)
            #expect(wellKnown.status == .notFound)
            let status = try await client.execute(uri: "/issuers/riverside/status/revocation/1", method: .get)
            #expect(status.status == .ok)
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.text.contains("<a href=\"/issuers/riverside/issuer\">issuer profile</a>"))
            let issuer = try await client.execute(uri: "/issuers/riverside/issuer", method: .get)
            #expect(issuer.status == .ok)
            let page = try await client.execute(uri: "/verify?id=\(fixture.validID)", method: .get)
            #expect(page.text.contains("Valid: this badge is genuine"))
        }
    }

    @Test("The issuer profile is served as JSON-LD with its id and name")
    func issuerProfile() async throws {
        let fixture = try ServerFixture.shared.get()
        let app = buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/issuer", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/ld+json")
            let profile = try JSONValue(parsing: response.text)
            #expect(profile["id"]?.stringValue == fixture.workspace.config.issuerID)
            #expect(profile["name"]?.stringValue == "Riverside <College> & Co")
            #expect(profile["@context"]?.arrayValue?.count == 2)
        }
    }

    @Test("Each achievement is a page with its rubric, and JSON by suffix or Accept; unknown ones are 404")
    func achievements() async throws {
        let fixture = try ServerFixture.shared.get()
        let app = buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let page = try await client.execute(uri: "/achievements/data-literacy", method: .get)
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("<h1>Data Literacy</h1>"))
            #expect(page.text.contains("<h2>Rubric</h2>"))
            #expect(page.text.contains("<td>Proficient <strong>(required)</strong></td><td>A suitable method, applied well.</td>"))

            let json = try await client.execute(uri: "/achievements/data-literacy.json", method: .get)
            #expect(json.headers[.contentType] == "application/ld+json")
            let achievement = try JSONValue(parsing: json.text)
            #expect(achievement["id"]?.stringValue == "https://example.edu/achievements/data-literacy")
            #expect(achievement["resultDescription"]?.arrayValue?.count == 1)

            var accept = HTTPFields()
            accept[.accept] = "application/ld+json"
            let negotiated = try await client.execute(uri: "/achievements/data-literacy", method: .get, headers: accept)
            #expect(negotiated.headers[.contentType] == "application/ld+json")

            let index = try await client.execute(uri: "/achievements", method: .get)
            #expect(index.text.contains("<a href=\"/achievements/data-literacy\">Data Literacy</a>"))

            for bad in ["/achievements/nope", "/achievements/..%2Flaurel", "/achievements/.hidden"] {
                let missing = try await client.execute(uri: bad, method: .get)
                #expect(missing.status == .notFound, "\(bad)")
            }
        }
    }

    @Test("Status lists are served at the URLs the credentials name, as application/vc+ld+json")
    func statusLists() async throws {
        let fixture = try ServerFixture.shared.get()
        let app = buildApplication(fixture.configuration())
        let published = try fixture.workspace.publishedFiles()
        #expect(!published.isEmpty)
        let named = String(decoding: fixture.validJSON, as: UTF8.self)
        try await app.test(.router) { client in
            for list in published {
                #expect(named.contains(list.url) || list.url.contains("suspension"))
                let path = String(list.url.dropFirst("https://example.edu".count))
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/vc+ld+json")
                #expect(Array(response.body.readableBytesView) == list.bytes)
            }
            for bad in ["/status/revocation/99", "/status/..%2F..%2Fissuer-key.pem/1", "/status/revocation/.."] {
                let missing = try await client.execute(uri: bad, method: .get)
                #expect(missing.status == .notFound, "\(bad)")
                #expect(!missing.text.contains("PRIVATE KEY"))
            }
        }
    }

    @Test("/verify?id= shows the report of an issued badge: valid, revoked, unknown (404) or missing id (400)")
    func hostedVerification() async throws {
        let fixture = try ServerFixture.shared.get()
        let app = buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let valid = try await client.execute(uri: "/verify?id=\(fixture.validID)", method: .get)
            #expect(valid.status == .ok)
            #expect(valid.text.contains("Valid: this badge is genuine and in good standing."))
            #expect(valid.text.contains("<h2 id=\"badge-name\">Data Literacy</h2>"))

            let revoked = try await client.execute(uri: "/verify?id=\(fixture.revokedID)", method: .get)
            #expect(revoked.status == .ok)
            #expect(revoked.text.contains("Not valid: do not trust this badge."))
            #expect(revoked.text.lowercased().contains("revoked"))

            let unknown = try await client.execute(uri: "/verify?id=urn:uuid:00000000-0000-0000-0000-000000000000", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("No badge with this id was issued here."))

            let noID = try await client.execute(uri: "/verify", method: .get)
            #expect(noID.status == .badRequest)
        }
    }

    @Test("A revocation published while the server runs is seen within a second")
    func revocationWhileServing() async throws {
        let fixture = try ServerFixture(didWeb: "example.edu", label: "revoke")
        let app = buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let before = try await client.execute(uri: "/verify?id=\(fixture.validID)", method: .get)
            #expect(before.text.contains("Valid: this badge is genuine"))
            try fixture.workspace.changeStatus(.revoke, credentialID: fixture.validID, reason: nil, now: ServerFixture.issuedAt)
            try fixture.workspace.publishStatusLists(now: ServerFixture.issuedAt)
            try await Task.sleep(for: .milliseconds(1100))
            let after = try await client.execute(uri: "/verify?id=\(fixture.validID)", method: .get)
            #expect(after.text.contains("Not valid: do not trust this badge."))
            let list = try await client.execute(uri: "/status/revocation/1", method: .get)
            let published = try fixture.workspace.publishedFiles().first { $0.url.hasSuffix("/revocation/1") }
            #expect(Array(list.body.readableBytesView) == published?.bytes)
        }
    }

    @Test("Without a workspace only the verification page and API exist")
    func noWorkspace() async throws {
        let app = buildApplication(ServerConfiguration(port: 0, now: { ServerFixture.now }))
        try await app.test(.router) { client in
            let paths = [
                "/issuer", "/.well-known/did.json", "/.well-known/jwks.json", "/achievements/data-literacy", "/status/revocation/1",
            ]
            for path in paths {
                let response = try await client.execute(uri: path, method: .get)
                #expect(response.status == .notFound, "\(path)")
            }
            let hosted = try await client.execute(uri: "/verify?id=urn:uuid:x", method: .get)
            #expect(hosted.status == .notFound)
            #expect(hosted.text.contains("hosts no issuer"))
            let home = try await client.execute(uri: "/", method: .get)
            #expect(home.status == .ok)
        }
    }
}

@Suite struct MultipartTests {
    @Test("Form parts are split at the boundary, with names, file names and types; malformed bodies are refused")
    func parsing() throws {
        var form = MultipartBody()
        form.field("email", "ada@example.org")
        form.file("file", fileName: "a.json", type: "application/json", Array("{\"a\":1}\r\n--x".utf8))
        let parts = try MultipartForm.parse(Array(form.finished.readableBytesView), boundary: form.boundary)
        #expect(parts.count == 2)
        #expect(parts[0].name == "email")
        #expect(String(decoding: parts[0].body, as: UTF8.self) == "ada@example.org")
        #expect(parts[1].fileName == "a.json")
        #expect(parts[1].contentType == "application/json")
        #expect(String(decoding: parts[1].body, as: UTF8.self) == "{\"a\":1}\r\n--x")
        #expect(MultipartForm.boundary(fromContentType: "multipart/form-data; boundary=\"Ab C\"") == "Ab C")
        #expect(MultipartForm.boundary(fromContentType: "multipart/form-data") == nil)
        #expect(throws: FormError.self) { try MultipartForm.parse(Array("--b\r\nX: y\r\n\r\nno close".utf8), boundary: "b") }
        #expect(throws: FormError.self) { try MultipartForm.parse(Array("nothing".utf8), boundary: "b") }
        #expect(MultipartForm.parseURLEncoded(Array("text=a%2Bb+c&email=".utf8)) == ["text": "a+b c", "email": ""])
    }
}

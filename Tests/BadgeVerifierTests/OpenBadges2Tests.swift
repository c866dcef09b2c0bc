import BadgeCrypto
import BadgeProofs
import BadgeVerifier
import Foundation
import LinkedData
import OpenBadges
import Testing

/// The Open Badges 2.0 fixtures (see Fixtures/ob2/SOURCES.md) and what the tests make from them.
enum OB2 {
    static let assertionURL = "https://example.org/beths-robotics-badge.json"
    static let badgeURL = "https://example.org/robotics-badge.json"
    static let issuerURL = "https://example.org/organization.json"
    static let recipient = "nobody@example.org"

    static let signedBase = "https://example.org/signed/"
    static let signedBadgeURL = signedBase + "badge.json"
    static let signedIssuerURL = signedBase + "issuer.json"
    static let revocationsURL = signedBase + "revocations.json"
    static let edKeyURL = signedBase + "keys/ed25519.json"
    static let edKey = try! Ed25519PrivateKey(seed: [UInt8](repeating: 11, count: 32))

    static func file(_ name: String) throws -> [UInt8] {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return Array(try Data(contentsOf: directory.appendingPathComponent("ob2/" + name)))
    }

    static func object(_ name: String) throws -> JSONObject {
        try #require(try JSONValue(parsing: file(name)).objectValue)
    }

    static func bytes(_ object: JSONObject) -> [UInt8] { JSONValue.object(object).jsonBytes() }

    /// The hosted assertion's documents, by URL; `hosted` replaces the issuer's copy of the assertion.
    static func hostedResources(hosted: JSONObject? = nil) throws -> [String: [UInt8]] {
        [
            assertionURL: try hosted.map(bytes) ?? file("basic-assertion.json"),
            badgeURL: try file("basic-badgeclass.json"),
            issuerURL: try file("basic-issuer.json"),
        ]
    }

    /// The signed assertions' documents, by URL, with the Ed25519 key document made here.
    static func signedResources(revoked: Bool = false) throws -> [String: [UInt8]] {
        var edKeyDocument = JSONObject()
        edKeyDocument["@context"] = "https://w3id.org/openbadges/v2"
        edKeyDocument["type"] = "CryptographicKey"
        edKeyDocument["id"] = .string(edKeyURL)
        edKeyDocument["owner"] = .string(signedIssuerURL)
        edKeyDocument["publicKeyPem"] = .string(edKey.publicKey.pemRepresentation)
        return [
            signedBadgeURL: try file("signed-badgeclass.json"),
            signedIssuerURL: try file("signed-issuer.json"),
            signedBase + "keys/rsa.json": try file("signed-key-rsa.json"),
            signedBase + "keys/ec.json": try file("signed-key-ec.json"),
            edKeyURL: bytes(edKeyDocument),
            revocationsURL: try file(revoked ? "signed-revocations-revoked.json" : "signed-revocations.json"),
        ]
    }

    /// The RS256 assertion's payload, re-signed with the Ed25519 test key as an EdDSA compact JWS.
    static func edDSAToken(id: String = "urn:uuid:5d3c1a9e-0b7f-4c2e-9a61-8f4e2d1c0b03") throws -> String {
        var claims = try payload(of: token("signed-rs256.jws"))
        claims["id"] = .string(id)
        claims["verification"] = .object(JSONObject(["type": "SignedBadge", "creator": .string(edKeyURL)]))
        let input = Base64URL.encode(Array(#"{"alg":"EdDSA"}"#.utf8)) + "." + Base64URL.encode(bytes(claims))
        return input + "." + Base64URL.encode(try edKey.signature(for: Array(input.utf8)))
    }

    static func token(_ name: String) throws -> String {
        String(decoding: try file(name), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func payload(of token: String) throws -> JSONObject {
        let part = String(token.split(separator: ".")[1])
        return try #require(try JSONValue(parsing: Base64URL.decode(part)).objectValue)
    }

    /// `token` with its payload replaced (the signature kept): a forgery.
    static func tampered(_ token: String, _ change: (inout JSONObject) -> Void) throws -> String {
        var claims = try payload(of: token)
        change(&claims)
        let parts = token.split(separator: ".").map(String.init)
        return parts[0] + "." + Base64URL.encode(bytes(claims)) + "." + parts[2]
    }

    static func verify(
        _ input: [UInt8], resources: [String: [UInt8]] = [:], at: Double = SignedSamples.at,
        email: String? = OB2.recipient
    ) -> VerificationReport {
        Verifier(options: VerificationOptions(at: at, resources: resources, recipientEmail: email))
            .verify(bytes: input, source: "ob2")
    }

    /// `image` (a PNG) with one more text chunk before IEND: `iTXt` (uncompressed) or `tEXt` with keyword
    /// `openbadges`.
    static func bakePNG(_ text: String, international: Bool = true) throws -> [UInt8] {
        let png = try file("public_domain_heart.png")
        let keyword = Array("openbadges".utf8) + [0]
        let data = international ? keyword + [0, 0, 0, 0] + Array(text.utf8) : keyword + Array(text.utf8)
        let type = Array((international ? "iTXt" : "tEXt").utf8)
        func be(_ value: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: value >> UInt32($0)) } }
        let chunk = be(UInt32(data.count)) + type + data + be(CRC32.checksum(type + data))
        let iend = png.count - 12
        return Array(png[..<iend]) + chunk + Array(png[iend...])
    }

    static func svg(_ assertion: String) -> [UInt8] {
        Array("""
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org" viewBox="0 0 10 10">
            \(assertion)
            <circle cx="5" cy="5" r="4"/>
            </svg>
            """.utf8)
    }
}

/// Documents served as if fetched from the network; other URLs answer as a server would (`status`).
struct FetchedDocuments: ResourceResolver {
    var files: [String: [UInt8]]
    var status = 404

    func resource(at url: String) -> ResourceLookup {
        files[url].map { .found($0, origin: .fetched) } ?? .unavailable("it could not be fetched: the server answered HTTP \(status)")
    }
}

@Suite("Open Badges 2.0: hosted assertions")
struct OpenBadges2HostedTests {
    static func fetched(_ files: [String: [UInt8]], status: Int = 404, input: [UInt8]) -> VerificationReport {
        var options = VerificationOptions(at: SignedSamples.at, recipientEmail: OB2.recipient)
        options.resolver = FetchedDocuments(files: files, status: status)
        return Verifier(options: options).verify(bytes: input, source: "ob2")
    }

    @Test("fetched from its issuer's domain, the issuer's identity is the domain's; 410 Gone is revoked")
    func fetchedFromDomain() throws {
        let assertion = try OB2.file("basic-assertion.json")
        let report = Self.fetched(try OB2.hostedResources(), input: assertion)
        #expect(report.verdict == .valid, "\(report.describe)")
        #expect(report.issuer?.level == .domain)
        #expect(report.headline == "Open Badges 2.0, hosted by example.org for its issuer https://example.org/organization.json, "
            + "which calls itself 'An Example Badge Issuer' (no trust list was given); the badge is in good standing.")

        var gone = try OB2.hostedResources()
        gone[OB2.assertionURL] = nil
        let revoked = Self.fetched(gone, status: 410, input: assertion)
        #expect(revoked.verdict == .invalid)
        #expect(revoked.outcome(.status) == .fail, "\(revoked.describe)")
        let missing = Self.fetched(gone, input: assertion)
        #expect(missing.verdict == .indeterminate)
    }

    @Test("with a trust list, an issuer on it is 'issued by' its name; one not on it gets a warning")
    func trust() throws {
        var options = VerificationOptions(at: SignedSamples.at, resources: try OB2.hostedResources())
        options.trust = TrustList(ids: [OB2.issuerURL], source: "test list")
        let listed = Verifier(options: options).verify(bytes: try OB2.file("basic-assertion.json"))
        #expect(listed.verdict == .valid, "\(listed.describe)")
        #expect(listed.outcome(.trust) == .pass)
        #expect(listed.issuer?.level == .trusted)
        #expect(listed.headline.contains("issued by An Example Badge Issuer"))
        options.trust = TrustList(ids: ["https://other.example/issuer"], source: "test list")
        let unlisted = Verifier(options: options).verify(bytes: try OB2.file("basic-assertion.json"))
        #expect(unlisted.verdict == .valid)
        #expect(unlisted.outcome(.trust) == .warning)
    }

    @Test("a linked document that says it lives on another origin than where it was read is refused")
    func documentOrigin() throws {
        var issuer = try OB2.object("basic-issuer.json")
        issuer["id"] = "https://issuer.example.net/profile.json"
        var resources = try OB2.hostedResources()
        resources[OB2.issuerURL] = OB2.bytes(issuer)
        let report = OB2.verify(try OB2.file("basic-assertion.json"), resources: resources)
        #expect(report.verdict == .invalid)
        #expect(report.outcome(.keyResolution) == .fail, "\(report.describe)")
    }

    @Test("a hosted assertion with its BadgeClass and Issuer given as local copies is valid, with OB 2.0 checks and summary")
    func valid() throws {
        let report = OB2.verify(try OB2.file("basic-assertion.json"), resources: try OB2.hostedResources())
        #expect(report.verdict == .valid, "\(report.describe)")
        let ids = report.checks.map(\.id)
        #expect(ids == [.type, .proof, .keyResolution, .keyBinding, .validFrom, .validUntil, .status, .recipient])
        #expect(!ids.contains(.context) && !ids.contains(.schema) && !ids.contains(.safeMode))
        #expect(report.checks.allSatisfy { $0.outcome == .pass }, "\(report.describe)")
        #expect(report.openBadges2?.method == .hosted)
        #expect(report.headline.hasPrefix("Open Badges 2.0, hosted by example.org"), "\(report.headline)")
        let summary = try #require(report.credential)
        #expect(summary.name == "Awesome Robotics Badge")
        #expect(summary.issuerName == "An Example Badge Issuer")
        #expect(summary.issuerID == OB2.issuerURL)
        #expect(summary.validFrom == "2016-12-31T23:59:59Z")
        #expect(summary.image == "https://example.org/robotics-badge.png")
        #expect(summary.criteria == "https://example.org/robotics-badge.html")
        #expect(summary.evidence.first?.id == "https://example.org/beths-robot-work.html")
        #expect(summary.recipient == "an email address (hashed)")
        #expect(report.jsonLine.contains(#""openBadges":{"version":"2.0","verification":"hosted""#), "\(report.jsonLine)")
        #expect(report.text().contains("Badge:      Awesome Robotics Badge"))
        // The copies were supplied, not fetched: nobody else vouches for the issuer.
        #expect(report.issuer?.level == .selfAsserted)
    }

    @Test("an assertion that differs from its hosted copy is invalid: it was altered")
    func tampered() throws {
        var altered = try OB2.object("basic-assertion.json")
        altered["issuedOn"] = "2015-01-01T00:00:00Z"
        let report = OB2.verify(OB2.bytes(altered), resources: try OB2.hostedResources())
        #expect(report.verdict == .invalid)
        #expect(report.outcome(.proof) == .fail)
        #expect(report.checks.first { $0.id == .proof }?.message.contains("differs from the assertion its issuer hosts") == true)
    }

    @Test("a hosted copy marked revoked makes the badge invalid, with the issuer's reason")
    func revoked() throws {
        let revoked = JSONObject([
            "@context": "https://w3id.org/openbadges/v2", "id": .string(OB2.assertionURL), "revoked": true,
            "revocationReason": "Awarded in error",
        ])
        let report = OB2.verify(try OB2.file("basic-assertion.json"), resources: try OB2.hostedResources(hosted: revoked))
        #expect(report.verdict == .invalid)
        #expect(report.outcome(.status) == .fail)
        #expect(report.outcome(.proof) == .pass, "\(report.describe)")
        #expect(report.headline.contains("This badge was revoked by its issuer. Reason given: Awarded in error"), "\(report.headline)")
    }

    @Test("an expired hosted assertion is invalid")
    func expired() throws {
        var expiring = try OB2.object("basic-assertion.json")
        expiring["expires"] = "2018-01-01T00:00:00Z"
        let report = OB2.verify(OB2.bytes(expiring), resources: try OB2.hostedResources(hosted: expiring))
        #expect(report.verdict == .invalid)
        #expect(report.outcome(.validUntil) == .fail)
        #expect(report.checks.filter { $0.outcome == .fail }.map(\.id) == [.validUntil], "\(report.describe)")
        #expect(report.headline.contains("This badge expired on 2018-01-01T00:00:00Z"))
    }

    @Test("a hosted assertion awarded to someone else is invalid for that recipient; plaintext identities compare as text")
    func wrongRecipient() throws {
        let report = OB2.verify(try OB2.file("basic-assertion.json"), resources: try OB2.hostedResources(), email: "somebody@example.org")
        #expect(report.verdict == .invalid)
        #expect(report.checks.filter { $0.outcome == .fail }.map(\.id) == [.recipient])

        var plain = try OB2.object("basic-assertion.json")
        plain["recipient"] = .object(JSONObject(["type": "email", "hashed": false, "identity": "alice@example.org"]))
        let resources = try OB2.hostedResources(hosted: plain)
        #expect(OB2.verify(OB2.bytes(plain), resources: resources, email: "alice@example.org").verdict == .valid)
        #expect(OB2.verify(OB2.bytes(plain), resources: resources, email: OB2.recipient).outcome(.recipient) == .fail)
        #expect(OB2.verify(OB2.bytes(plain), resources: resources, email: nil).outcome(.recipient) == .skipped)
    }

    @Test("with nothing resolvable the verdict is indeterminate, naming the URL to supply, never 'do not trust'")
    func nothingResolvable() throws {
        let report = OB2.verify(try OB2.file("basic-assertion.json"))
        #expect(report.verdict == .indeterminate)
        let message = try #require(report.checks.first(where: \.indeterminate)?.message)
        #expect(message.contains("Could not fetch the hosted assertion \(OB2.assertionURL)"), "\(message)")
        #expect(message.contains("--resource \(OB2.assertionURL)=FILE"))
        #expect(report.credential?.id == OB2.assertionURL, "the file's own data is still summarised")

        // The assertion is had, but not its BadgeClass.
        let partial = OB2.verify(try OB2.file("basic-assertion.json"), resources: [OB2.assertionURL: try OB2.file("basic-assertion.json")])
        #expect(partial.verdict == .indeterminate, "\(partial.describe)")
        #expect(partial.checks.first(where: \.indeterminate)?.message.contains(OB2.badgeURL) == true)
    }

    @Test("an assertion hosted outside its issuer's domain, or at another origin than its URL, is invalid")
    func scope() throws {
        var issuer = try OB2.object("basic-issuer.json")
        issuer["verification"] = .object(JSONObject(["allowedOrigins": "badges.example.net"]))
        var resources = try OB2.hostedResources()
        resources[OB2.issuerURL] = OB2.bytes(issuer)
        let outside = OB2.verify(try OB2.file("basic-assertion.json"), resources: resources)
        #expect(outside.verdict == .invalid)
        #expect(outside.outcome(.keyBinding) == .fail, "\(outside.describe)")

        // A baked URL whose document claims an id on another origin.
        let url = "https://example.net/assertion.json"
        var elsewhere = try OB2.hostedResources()
        elsewhere[url] = try OB2.file("basic-assertion.json")
        let moved = OB2.verify(try OB2.bakePNG(url, international: false), resources: elsewhere)
        #expect(moved.verdict == .invalid)
        #expect(moved.outcome(.proof) == .fail, "\(moved.describe)")
    }
}

@Suite("Open Badges 2.0: signed assertions")
struct OpenBadges2SignedTests {
    @Test("RS256, ES256 and EdDSA signed assertions with their linked documents are valid", arguments: ["RS256", "ES256", "EdDSA"])
    func valid(algorithm: String) throws {
        let token: String
        if algorithm == "RS256" {
            token = try OB2.token("signed-rs256.jws")
        } else if algorithm == "ES256" {
            token = try OB2.token("signed-es256.jws")
        } else {
            token = try OB2.edDSAToken()
        }
        let report = OB2.verify(Array(token.utf8), resources: try OB2.signedResources())
        #expect(report.verdict == .valid, "\(report.describe)")
        #expect(report.format == "jwt")
        #expect(report.openBadges2?.method == .signed && report.openBadges2?.algorithm == algorithm)
        #expect(report.checks.allSatisfy { $0.outcome == .pass }, "\(report.describe)")
        #expect(report.headline.hasPrefix("Open Badges 2.0, signed (\(algorithm))"), "\(report.headline)")
        #expect(report.credential?.name == "Signed Robotics Badge")
        #expect(report.credential?.criteria == "Build a robot and document it.")
        #expect(report.credential?.evidence.first?.narrative == "Built and documented robot 42.")
        #expect(report.credential?.validUntil == "2030-03-01T00:00:00Z")
    }

    @Test("a signed assertion whose payload was changed is invalid")
    func tampered() throws {
        for name in ["signed-rs256.jws", "signed-es256.jws"] {
            let forged = try OB2.tampered(try OB2.token(name)) { $0["expires"] = "2099-01-01T00:00:00Z" }
            let report = OB2.verify(Array(forged.utf8), resources: try OB2.signedResources())
            #expect(report.verdict == .invalid)
            #expect(report.outcome(.proof) == .fail, "\(report.describe)")
        }
        let forged = try OB2.tampered(try OB2.edDSAToken()) { $0["issuedOn"] = "2024-01-01T00:00:00Z" }
        #expect(OB2.verify(Array(forged.utf8), resources: try OB2.signedResources()).outcome(.proof) == .fail)
    }

    @Test("a signed assertion on its issuer's revocationList is invalid, with the reason")
    func revoked() throws {
        let report = OB2.verify(Array(try OB2.token("signed-rs256.jws").utf8), resources: try OB2.signedResources(revoked: true))
        #expect(report.verdict == .invalid)
        #expect(report.checks.filter { $0.outcome == .fail }.map(\.id) == [.status], "\(report.describe)")
        #expect(report.headline.contains("revocation list") && report.headline.contains("Awarded in error"))
        // Listed by a bare id string.
        let es = OB2.verify(Array(try OB2.token("signed-es256.jws").utf8), resources: try OB2.signedResources(revoked: true))
        #expect(es.outcome(.status) == .fail)
        // The list cannot be had: cannot tell.
        var resources = try OB2.signedResources()
        resources[OB2.revocationsURL] = nil
        let unknown = OB2.verify(Array(try OB2.token("signed-rs256.jws").utf8), resources: resources)
        #expect(unknown.verdict == .indeterminate)
        #expect(unknown.checks.first(where: \.indeterminate)?.message.contains(OB2.revocationsURL) == true)
    }

    @Test("an expired signed assertion is invalid, and one awarded to someone else is invalid for that recipient")
    func expiredAndWrongRecipient() throws {
        let token = Array(try OB2.token("signed-rs256.jws").utf8)
        let later = 1_930_000_000.0  // 2031
        let expired = OB2.verify(token, resources: try OB2.signedResources(), at: later)
        #expect(expired.verdict == .invalid)
        #expect(expired.checks.filter { $0.outcome == .fail }.map(\.id) == [.validUntil], "\(expired.describe)")
        let other = OB2.verify(token, resources: try OB2.signedResources(), email: "somebody@example.org")
        #expect(other.verdict == .invalid)
        #expect(other.checks.filter { $0.outcome == .fail }.map(\.id) == [.recipient])
    }

    @Test("a key the issuer does not list, or that names another owner, is not the issuer's")
    func keyBinding() throws {
        var issuer = try OB2.object("signed-issuer.json")
        issuer["publicKey"] = .array([.string(OB2.signedBase + "keys/ec.json")])
        var resources = try OB2.signedResources()
        resources[OB2.signedIssuerURL] = OB2.bytes(issuer)
        let report = OB2.verify(Array(try OB2.token("signed-rs256.jws").utf8), resources: resources)
        #expect(report.verdict == .invalid)
        #expect(report.outcome(.keyBinding) == .fail, "\(report.describe)")

        var key = try OB2.object("signed-key-rsa.json")
        key["owner"] = "https://attacker.example/issuer"
        resources = try OB2.signedResources()
        resources[OB2.signedBase + "keys/rsa.json"] = OB2.bytes(key)
        #expect(OB2.verify(Array(try OB2.token("signed-rs256.jws").utf8), resources: resources).outcome(.keyBinding) == .fail)
    }

    @Test("with nothing resolvable a signed assertion is indeterminate, naming what to supply")
    func nothingResolvable() throws {
        let report = OB2.verify(Array(try OB2.token("signed-rs256.jws").utf8))
        #expect(report.verdict == .indeterminate, "\(report.describe)")
        #expect(report.checks.first(where: \.indeterminate)?.message.contains("--resource \(OB2.signedBadgeURL)=FILE") == true)
        #expect(!report.checks.contains { $0.outcome == .fail })
    }
}

@Suite("Open Badges 2.0: baked images")
struct OpenBadges2BakedTests {
    @Test("a PNG with an iTXt 'openbadges' chunk holding the assertion's JSON, or a signed assertion, extracts and verifies")
    func pngInternational() throws {
        let json = String(decoding: try OB2.file("basic-assertion.json"), as: UTF8.self)
        let hosted = OB2.verify(try OB2.bakePNG(json), resources: try OB2.hostedResources())
        #expect(hosted.verdict == .valid, "\(hosted.describe)")
        #expect(hosted.format == "png")

        let signed = OB2.verify(try OB2.bakePNG(try OB2.token("signed-es256.jws")), resources: try OB2.signedResources())
        #expect(signed.verdict == .valid, "\(signed.describe)")
        #expect(signed.openBadges2?.method == .signed)
    }

    @Test("a PNG with a tEXt 'openbadges' chunk holding a URL is verified as that hosted assertion")
    func pngURL() throws {
        let report = OB2.verify(try OB2.bakePNG(OB2.assertionURL, international: false), resources: try OB2.hostedResources())
        #expect(report.verdict == .valid, "\(report.describe)")
        #expect(report.credential?.name == "Awesome Robotics Badge")
        let offline = OB2.verify(try OB2.bakePNG(OB2.assertionURL, international: false))
        #expect(offline.verdict == .indeterminate)
        #expect(offline.headline.contains(OB2.assertionURL))
        #expect(!offline.headline.contains("byte"), "no byte offsets for a badge that was read")
    }

    @Test("an SVG <openbadges:assertion> with a verify URL and the JSON body, or a signed verify attribute, verifies")
    func svg() throws {
        let json = String(decoding: try OB2.file("basic-assertion.json"), as: UTF8.self)
        let hosted = OB2.svg("<openbadges:assertion verify=\"\(OB2.assertionURL)\"><![CDATA[\(json)]]></openbadges:assertion>")
        let report = OB2.verify(hosted, resources: try OB2.hostedResources())
        #expect(report.verdict == .valid, "\(report.describe)")
        #expect(report.format == "svg")

        let urlOnly = OB2.verify(OB2.svg("<openbadges:assertion verify=\"\(OB2.assertionURL)\"/>"), resources: try OB2.hostedResources())
        #expect(urlOnly.verdict == .valid, "\(urlOnly.describe)")

        let token = try OB2.edDSAToken()
        let signed = OB2.verify(OB2.svg("<openbadges:assertion verify=\"\(token)\"/>"), resources: try OB2.signedResources())
        #expect(signed.verdict == .valid, "\(signed.describe)")
        #expect(signed.openBadges2?.algorithm == "EdDSA")
    }

    @Test("the openbadges-bakery sample SVG extracts; its hosted URL cannot be had, so it is indeterminate")
    func bakerySample() throws {
        let report = OB2.verify(try OB2.file("bakery-baked.svg"))
        #expect(report.verdict == .indeterminate, "\(report.describe)")
        #expect(report.headline.contains("http://example.org"))
        #expect(report.format == "svg")
    }
}

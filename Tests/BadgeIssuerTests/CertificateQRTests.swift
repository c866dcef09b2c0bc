import BadgeIssuer
import Foundation
import LinkedData
import OpenBadges
import Testing

@Suite("Certificates show the verification page's QR code; share hints where the page may be")
struct CertificateQRTests {
    static let id = "urn:uuid:0f6c6a8e-2f0e-4b8a-9d43-0c3f1a2b3c4d"

    static func credential() throws -> JSONObject {
        try #require(JSONValue(parsing: """
            { "id": "\(id)", "issuer": { "id": "did:example:college", "name": "Example <College>" },
              "validFrom": "2026-05-01T10:00:00Z",
              "credentialSubject": {
                "identifier": [ { "identityType": "name", "identityHash": "Ada Learner" } ],
                "achievement": { "name": "Data Literacy", "description": "Reads data." } } }
            """).objectValue)
    }

    @Test("with a verification URL the page links to it and draws its QR code inline, escaped")
    func certificateShowsQRCode() throws {
        let url = Sharing.verificationURL(baseURL: "https://badges.example.edu/", credentialID: Self.id)
        #expect(url == "https://badges.example.edu/verify?id=urn%3Auuid%3A0f6c6a8e-2f0e-4b8a-9d43-0c3f1a2b3c4d")
        let page = CertificatePage.render(credential: try Self.credential(), source: "ada.json", verificationURL: url)
        #expect(page.contains("<a href=\"\(url)\">\(url)</a>"))
        #expect(page.contains("Scan to check this badge"))
        let svg = try #require(CertificatePage.verificationQRCodeSVG(url))
        #expect(page.contains("<figure class=\"qr\">\(svg)<figcaption>Scan to check this badge</figcaption></figure>"))
        #expect(page.contains("aria-label=\"QR code of the verification page, \(url)\""))
        #expect(page.components(separatedBy: "<svg").count == 2)
        #expect(!page.contains("<script") && !page.contains("src=\"http"), "the page needs nothing from the network")
        #expect(page.contains("Example &lt;College&gt;"))
    }

    @Test("a URL with markup in it is escaped in the link and in the QR code's name")
    func hostileURLIsEscaped() throws {
        let url = "https://badges.example.edu/verify?id=\"><script>alert(1)</script>"
        let page = CertificatePage.render(credential: try Self.credential(), source: "ada.json", verificationURL: url)
        #expect(!page.contains("<script>"))
        #expect(page.contains("aria-label=\"QR code of the verification page, https://badges.example.edu/verify?id="
            + "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\""))
        #expect(page.contains("Scan to check this badge"))
    }

    @Test("without a verification URL there is no QR code")
    func noURLNoQRCode() throws {
        let page = CertificatePage.render(credential: try Self.credential(), source: "ada.json")
        #expect(!page.contains("<svg") && !page.contains("Scan to check"))
        let tooLong = "https://badges.example.edu/verify?id=" + String(repeating: "x", count: 3000)
        let long = CertificatePage.render(
            credential: try Self.credential(), source: "ada.json", verificationURL: tooLong)
        #expect(long.contains("<a href=\"\(tooLong)\">") && !long.contains("<svg"), "too long for a QR: a link")
    }

    @Test(
        "the certificate's QR code reads back (through its PNG twin) as the exact verification URL",
        .enabled(if: ZBar.path != nil, "zbarimg is not installed (apt-get install zbar-tools): the QR was not decoded"))
    func certificateQRCodeDecodes() throws {
        let url = Sharing.verificationURL(baseURL: "https://badges.example.edu", credentialID: Self.id)
        let page = CertificatePage.render(credential: try Self.credential(), source: "ada.json", verificationURL: url)
        let code = try #require(CertificatePage.verificationQRCode(url))
        #expect(page.contains(try #require(CertificatePage.verificationQRCodeSVG(url))))
        #expect(try #require(CertificatePage.verificationQRCodeSVG(url)) == code.svg(
            moduleSize: 4, quietZone: 4, label: "QR code of the verification page, \(url)"))
        #expect(try ZBar.decode(png: code.png(moduleSize: 4)) == url)
    }

    @Test("the suggested base URL is the issuer's https origin, its did:web host, or its profile's url")
    func suggestedBaseURL() {
        #expect(Sharing.suggestedBaseURL(issuerID: "https://Badges.Example.edu/issuer#key", issuerURL: nil)
            == "https://badges.example.edu")
        #expect(Sharing.suggestedBaseURL(issuerID: "did:web:example.edu%3A8443:issuers:1", issuerURL: nil)
            == "https://example.edu:8443")
        #expect(Sharing.suggestedBaseURL(issuerID: "did:key:z6Mk", issuerURL: "https://example.edu/about")
            == "https://example.edu")
        #expect(Sharing.suggestedBaseURL(issuerID: "did:key:z6Mk", issuerURL: "http://example.edu") == nil)
        #expect(Sharing.suggestedBaseURL(issuerID: nil, issuerURL: "https://a b/") == nil)
        #expect(Sharing.httpsOrigin(of: "https://user@example.edu:443/x?y") == "https://example.edu:443")
    }
}

/// The `zbarimg` bar code reader (zbar-tools), when installed.
enum ZBar {
    static let path: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        .split(separator: ":").map { "\($0)/zbarimg" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The text of the one QR code in a PNG, as zbarimg reads it (raw bytes, without a charset guess).
    static func decode(png: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
        try Data(png).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
        process.arguments = ["--quiet", "--raw", "--nodbus", "-Sdisable", "-Sqrcode.enable", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "zbarimg found no QR code")
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

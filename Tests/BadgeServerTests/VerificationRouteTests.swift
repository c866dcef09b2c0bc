import BadgeIssuer
import BadgeServer
import BadgeVerifier
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkedData
import OpenBadges
import Testing

@Suite struct VerificationRouteTests {
    @Test("The home page is a labelled, script-free form with security headers")
    func homePage() async throws {
        let fixture = try ServerFixture.shared.get()
        let app = buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/html; charset=utf-8")
            let csp = response.headers[HTTPField.Name("Content-Security-Policy")!] ?? ""
            #expect(csp.contains("default-src 'self'"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            let page = response.text
            #expect(page.contains("<form id=\"verify-form\" method=\"post\" action=\"/verify\" enctype=\"multipart/form-data\">"))
            for field in ["file", "text", "email"] {
                #expect(page.contains("<label for=\"\(field)\">"), "field \(field) has a label")
            }
            #expect(page.contains("role=\"status\" aria-live=\"polite\""))
            // Only the external script: no inline code for the CSP to block.
            #expect(page.components(separatedBy: "<script").count == 2)
            #expect(page.contains("<script src=\"/static/app.js\" defer></script>"))
            // The issuer's name is escaped.
            #expect(page.contains("Riverside &lt;College&gt; &amp; Co"))
        }
    }

    @Test("The script and stylesheet are served with their types")
    func staticFiles() async throws {
        let app = buildApplication(ServerConfiguration(port: 0, now: { ServerFixture.now }))
        try await app.test(.router) { client in
            let script = try await client.execute(uri: "/static/app.js", method: .get)
            #expect(script.status == .ok)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.text.contains("/api/verify"))
            #expect(script.text.contains("dataTransfer"))
            #expect(!script.text.contains("innerHTML"))
            let style = try await client.execute(uri: "/static/style.css", method: .get)
            #expect(style.status == .ok)
            #expect(style.headers[.contentType] == "text/css; charset=utf-8")
            let missing = try await client.execute(uri: "/static/other.js", method: .get)
            #expect(missing.status == .notFound)
        }
    }

    @Test("POST /api/verify answers with the same JSON object as laurel verify --format json")
    func apiMatchesCLI() async throws {
        let fixture = try ServerFixture.shared.get()
        let app = buildApplication(fixture.configuration())
        // The server reads the hosted workspace's own files, and vouches for its own issuer.
        let published = try fixture.resources()
        var options = VerificationOptions(at: ServerFixture.now, trust: TrustList([TrustList.Entry(
            id: fixture.workspace.config.issuerID, name: fixture.workspace.config.issuer.name,
            source: "the issuer hosting this server")]))
        options.resolver = WorkspaceResources { published[$0] }
        let expected = Verifier(options: options).verify(bytes: fixture.validJSON, source: "request body")
        #expect(expected.verdict == .valid)
        #expect(expected.issuer?.level == .trusted)
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/api/verify", method: .post, headers: headers("application/json"), body: ByteBuffer(bytes: fixture.validJSON))
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.text == expected.jsonLine + "\n")
        }
    }

    @Test("POST /api/verify reports a revoked badge as invalid, and takes multipart uploads and a recipient email")
    func apiRevokedAndMultipart() async throws {
        let fixture = try ServerFixture.shared.get()
        let app = buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            let revoked = try await client.execute(
                uri: "/api/verify", method: .post, headers: headers("application/vc+ld+json"), body: ByteBuffer(bytes: fixture.revokedJSON))
            #expect(revoked.status == .ok)
            let report = try JSONValue(parsing: revoked.text)
            #expect(report["verdict"]?.stringValue == "invalid")
            let status = report["checks"]?.arrayValue?.first { $0["id"]?.stringValue == "status" }
            #expect(status?["outcome"]?.stringValue == "fail")

            var form = MultipartBody()
            form.file("file", fileName: "badge.png", type: "image/png", fixture.png)
            let baked = try await client.execute(
                uri: "/api/verify?recipient-email=ada@example.org", method: .post, headers: headers(form.contentType), body: form.finished)
            let bakedReport = try JSONValue(parsing: baked.text)
            #expect(bakedReport["verdict"]?.stringValue == "valid")
            #expect(bakedReport["format"]?.stringValue == "png")
            let recipient = bakedReport["checks"]?.arrayValue?.first { $0["id"]?.stringValue == "recipient" }
            #expect(recipient?["outcome"]?.stringValue == "pass")

            let wrongPerson = try await client.execute(
                uri: "/api/verify?recipient-email=eve@example.org", method: .post, headers: headers("application/json"),
                body: ByteBuffer(bytes: fixture.validJSON))
            #expect(try JSONValue(parsing: wrongPerson.text)["verdict"]?.stringValue == "invalid")
        }
    }

    @Test("The form posts a baked SVG and gets the answer first, then the badge, rubric, evidence and recipient check")
    func formUploadSVG() async throws {
        let fixture = try ServerFixture.shared.get()
        let app = buildApplication(fixture.configuration())
        try await app.test(.router) { client in
            var form = MultipartBody()
            form.file("file", fileName: "badge.svg", type: "image/svg+xml", fixture.svg)
            form.field("text", "")
            form.field("email", "ada@example.org")
            let response = try await client.execute(uri: "/verify", method: .post, headers: headers(form.contentType), body: form.finished)
            #expect(response.status == .ok)
            let page = response.text
            let verdict = try #require(page.range(of: "Valid: this badge is genuine and in good standing."))
            let name = try #require(page.range(of: "<h2 id=\"badge-name\">Data Literacy</h2>"))
            #expect(verdict.lowerBound < name.lowerBound, "the answer comes before the badge")
            #expect(page.contains("role=\"status\" aria-live=\"polite\""))
            #expect(page.contains("src=\"data:image/svg+xml;base64,"))
            #expect(page.contains("<dt>Recipient check</dt><dd>The badge was awarded to ada@example.org.</dd>"))
            #expect(page.contains("<td>Analysis</td><td>Exemplary</td><td>Proficient</td>"))
            #expect(page.contains("<a href=\"https://portfolio.example.org/ada\" rel=\"noopener noreferrer\">Data project</a>"))
            #expect(page.contains("<dt>Issued on</dt><dd>15 January 2026, 09:00 UTC</dd>"), "dates are shown readably")
            #expect(page.contains("<dt>Criteria</dt><dd>Submit a short data project.</dd>"))
            #expect(page.contains("Riverside &lt;College&gt; &amp; Co"))
        }
    }

    @Test("Pasted JSON (multipart or url-encoded) is verified; a tampered badge is not valid and its text is escaped")
    func pastedAndTampered() async throws {
        let fixture = try ServerFixture.shared.get()
        let app = buildApplication(fixture.configuration())
        let text = String(decoding: fixture.validJSON, as: UTF8.self)
        let tampered = text.replacingOccurrences(
            of: "\"name\": \"Data Literacy\"", with: "\"name\": \"<script>alert(1)</script>\"")
        #expect(tampered != text)
        try await app.test(.router) { client in
            var form = MultipartBody()
            form.field("text", text)
            let pasted = try await client.execute(uri: "/verify", method: .post, headers: headers(form.contentType), body: form.finished)
            #expect(pasted.text.contains("Valid: this badge is genuine"))

            let encoded = "text=" + tampered.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let response = try await client.execute(
                uri: "/verify", method: .post, headers: headers("application/x-www-form-urlencoded"),
                body: ByteBuffer(string: encoded))
            #expect(response.status == .ok)
            let page = response.text
            #expect(page.contains("Not valid: do not trust this badge."))
            #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!page.contains("<script>alert"))
        }
    }

    @Test("An ordinary PNG without a baked badge: the page says no badge was found, never 'do not trust'; the API says noBadge")
    func noBadgeInImage() async throws {
        let fixture = try ServerFixture.shared.get()
        let app = buildApplication(fixture.configuration())
        // A valid 1×1 PNG (IHDR, IDAT, IEND) with no Open Badges chunk.
        let png = [UInt8](Data(base64Encoded:
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==")!)
        try await app.test(.router) { client in
            var form = MultipartBody()
            form.file("file", fileName: "photo.png", type: "image/png", png)
            let page = try await client.execute(uri: "/verify", method: .post, headers: headers(form.contentType), body: form.finished)
            #expect(page.text.contains("No badge found in this file."), "\(page.text)")
            #expect(page.text.contains("This PNG holds no badge"))
            #expect(!page.text.contains("do not trust this badge"))
            let api = try await client.execute(uri: "/api/verify", method: .post, headers: headers("image/png"), body: ByteBuffer(bytes: png))
            let report = try JSONValue(parsing: api.text)
            #expect(report["noBadge"] == .bool(true) && report["verdict"]?.stringValue == "invalid")
        }
    }

    @Test("Oversize, wrong-type, garbage, empty and malformed uploads get a clear 4xx, and the server keeps serving")
    func badUploads() async throws {
        let fixture = try ServerFixture.shared.get()
        let app = buildApplication(fixture.configuration(maxBodyBytes: 1024 * 1024))
        try await app.test(.router) { client in
            try await expectBadUploads(client, fixture: fixture)
        }
    }

    @Test("Over a real socket too: bad uploads are refused and the next request still works")
    func badUploadsLive() async throws {
        let fixture = try ServerFixture.shared.get()
        let app = buildApplication(fixture.configuration(maxBodyBytes: 1024 * 1024))
        try await app.test(.live) { client in
            try await expectBadUploads(client, fixture: fixture)
        }
    }

    @Test("By default the server binds to loopback, accepts 8 MiB and fetches nothing: an unseen status list means cannot tell")
    func offlineByDefault() async throws {
        let defaults = ServerConfiguration(now: { 0 })
        #expect(defaults.host == "127.0.0.1")
        #expect(defaults.port == 8080)
        #expect(defaults.maxBodyBytes == 8 * 1024 * 1024)
        #expect(!defaults.online)
        let fixture = try ServerFixture.shared.get()
        // No workspace: the status list is not known locally, and the server must not go and get it.
        let app = buildApplication(ServerConfiguration(port: 0, now: { ServerFixture.now }))
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/api/verify", method: .post, headers: headers("application/json"), body: ByteBuffer(bytes: fixture.validJSON))
            let report = try JSONValue(parsing: response.text)
            #expect(report["verdict"]?.stringValue == "indeterminate")
            let status = report["checks"]?.arrayValue?.first { $0["id"]?.stringValue == "status" }
            #expect(status?["indeterminate"] == .bool(true))

            var form = MultipartBody()
            form.file("file", fileName: "badge.json", type: "application/json", fixture.validJSON)
            let page = try await client.execute(uri: "/verify", method: .post, headers: headers(form.contentType), body: form.finished)
            #expect(page.text.contains("Cannot tell whether this badge is valid."))
        }
    }

    @Test("Unknown addresses and methods get a plain page, not internals")
    func notFoundAndMethod() async throws {
        let app = buildApplication(ServerConfiguration(port: 0, now: { ServerFixture.now }))
        try await app.test(.router) { client in
            let missing = try await client.execute(uri: "/nothing/here", method: .get)
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("There is nothing at this address."))
            #expect(missing.headers[HTTPField.Name("Content-Security-Policy")!] != nil)
            let api = try await client.execute(uri: "/api/nothing", method: .get)
            #expect(api.status == .notFound)
            #expect(try JSONValue(parsing: api.text)["error"]?.stringValue == "not_found")
        }
    }
}

/// The bad-upload sequence, for both the in-process router and a live socket.
func expectBadUploads(_ client: some TestClientProtocol, fixture: ServerFixture) async throws {
    let big = ByteBuffer(repeating: 0x7B, count: 1024 * 1024 + 10)
    let tooLarge = try await client.execute(uri: "/api/verify", method: .post, headers: headers("application/json"), body: big)
    #expect(tooLarge.status == .contentTooLarge)
    #expect(try JSONValue(parsing: tooLarge.text)["reason"]?.stringValue?.contains("larger than 1 MiB") == true)

    let tooLargePage = try await client.execute(uri: "/verify", method: .post, headers: headers("application/json"), body: big)
    #expect(tooLargePage.status == .contentTooLarge)
    #expect(tooLargePage.text.contains("The upload is larger than 1 MiB"))

    let wrongType = try await client.execute(
        uri: "/api/verify", method: .post, headers: headers("text/html"), body: ByteBuffer(string: "<p>hi</p>"))
    #expect(wrongType.status == .unsupportedMediaType)
    #expect(try JSONValue(parsing: wrongType.text)["error"]?.stringValue == "unsupported_type")

    var exe = MultipartBody()
    exe.file("file", fileName: "setup.exe", type: "application/x-msdownload", [0x4D, 0x5A, 0x90, 0])
    let wrongFile = try await client.execute(uri: "/verify", method: .post, headers: headers(exe.contentType), body: exe.finished)
    #expect(wrongFile.status == .unsupportedMediaType)
    #expect(wrongFile.text.contains("are not badges"))

    var garbage = MultipartBody()
    garbage.file("file", fileName: "badge.png", type: "application/octet-stream", (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 7919) })
    let garbled = try await client.execute(uri: "/verify", method: .post, headers: headers(garbage.contentType), body: garbage.finished)
    #expect(garbled.status == .unprocessableContent)
    #expect(garbled.text.contains("This is not a badge file"))

    let truncated = try await client.execute(
        uri: "/api/verify", method: .post, headers: headers("image/png"), body: ByteBuffer(bytes: Array(fixture.png.prefix(40))))
    // A cut-short PNG is still recognised as an image: the verifier explains what is wrong in its report.
    #expect(truncated.status == .ok)
    #expect(try JSONValue(parsing: truncated.text)["verdict"]?.stringValue == "invalid")

    let empty = try await client.execute(uri: "/api/verify", method: .post, headers: headers("application/json"), body: ByteBuffer())
    #expect(empty.status == .badRequest)

    let broken = try await client.execute(
        uri: "/verify", method: .post, headers: headers("multipart/form-data; boundary=abc"), body: ByteBuffer(string: "--abc\r\nno end"))
    #expect(broken.status == .badRequest)
    #expect(broken.text.contains("The form upload cannot be read"))

    let noBoundary = try await client.execute(
        uri: "/verify", method: .post, headers: headers("multipart/form-data"), body: ByteBuffer(string: "x"))
    #expect(noBoundary.status == .badRequest)

    // Still serving.
    let after = try await client.execute(
        uri: "/api/verify", method: .post, headers: headers("application/json"), body: ByteBuffer(bytes: fixture.validJSON))
    #expect(after.status == .ok)
    #expect(try JSONValue(parsing: after.text)["verdict"]?.stringValue == "valid")
}

@Suite struct ChunkedUploadTests {
    /// Sends `request` to 127.0.0.1:`port` on a plain socket and returns the status line of the answer.
    static func rawStatusLine(port: Int, _ request: [UInt8]) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        #expect(connected == 0)
        // Generous: the server shares the test process's cooperative threads with the tests running beside it.
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        // Sent in small pieces, looking for the answer between them: the server answers 413 as soon as the limit
        // is crossed and may close the connection, and data still unsent then would reset it and lose the answer.
        var answer = [UInt8](repeating: 0, count: 4096)
        var read = 0
        var sent = 0
        while sent < request.count && read <= 0 {
            let end = min(sent + 16 * 1024, request.count)
            let n = request[sent..<end].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { break }
            sent += n
            read = answer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        }
        if read <= 0 { read = answer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) } }
        guard read > 0 else { return "" }
        return String(decoding: answer[..<read], as: UTF8.self).split(separator: "\r\n").first.map(String.init) ?? ""
    }

    @Test("a chunked upload larger than the limit gets 413, not 500, and the server keeps answering")
    func chunkedTooLarge() async throws {
        // A small limit, so the whole request fits in one read of the server's socket: a server that answers and
        // closes while request bytes are still unread would reset the connection and lose its answer.
        let app = buildApplication(ServerConfiguration(port: 0, maxBodyBytes: 1024, now: { 0 }))
        try await app.test(.live) { client in
            let port = try #require(client.port)
            var request = Array("POST /api/verify HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
            let chunk = [UInt8](repeating: 0x20, count: 512)
            for _ in 0..<4 {
                request += Array((String(chunk.count, radix: 16) + "\r\n").utf8) + chunk + Array("\r\n".utf8)
            }
            request += Array("0\r\n\r\n".utf8)
            // The socket calls block: keep them off the cooperative threads the server itself runs on.
            let bytes = request
            let status = await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    continuation.resume(returning: (try? Self.rawStatusLine(port: port, bytes)) ?? "")
                }
            }
            #expect(status.hasPrefix("HTTP/1.1 413 "), "\(status)")
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
        }
    }
}

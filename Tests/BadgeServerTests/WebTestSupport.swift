import BadgeIssuer
import BadgeServer
import BadgeStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// A workspace with one achievement of two criteria, staff accounts, a movable clock and captured mail, for
/// driving the learners', assessors' and staff's pages through the router.
final class WebWorld: Sendable {
    let folder: TemporaryFolder
    let workspace: Workspace
    let clock = Mutex<Double>(1_780_000_000)  // 2026-05-28
    let mails = Mutex<[OutgoingMail]>([])
    let stem = "community-project"

    init(_ label: String) throws {
        folder = TemporaryFolder("web-" + label)
        workspace = try Workspace.create(
            at: folder.file("issuer"),
            options: .init(name: "Riverside College", url: "https://riverside.example", email: "badges@riverside.example"))
        let definition = AchievementDefinition(
            id: workspace.config.baseURL + "/achievements/community-project", name: "Community Project",
            description: "Plans and runs a project with a local group.",
            criteriaNarrative: "Show the plan and what happened.",
            rubric: [
                .init(
                    id: "plan", name: "Planning",
                    levels: [
                        .init(id: "beginning", name: "Beginning", description: "A list of tasks."),
                        .init(id: "proficient", name: "Proficient", description: "A plan with roles and dates."),
                    ], requiredLevel: "proficient"),
                .init(
                    id: "impact", name: "Impact",
                    levels: [
                        .init(id: "beginning", name: "Beginning"),
                        .init(id: "proficient", name: "Proficient", description: "Measured what changed."),
                    ], requiredLevel: "proficient"),
            ])
        _ = try workspace.saveAchievement(definition, fileName: stem)
        let now = Self.text(clock.withLock { $0 })
        _ = try workspace.ledger.upsertAccount(email: "admin@riverside.example", name: "Ada Admin", role: .admin, now: now)
        _ = try workspace.ledger.upsertAccount(email: "ines@riverside.example", name: "Ines Assessor", role: .assessor, now: now)
        _ = try workspace.ledger.upsertAccount(email: "otto@riverside.example", name: "Otto Assessor", role: .assessor, now: now)
    }

    static func text(_ seconds: Double) -> String { Date(timeIntervalSince1970: seconds).ISO8601Format() }

    func advance(_ seconds: Double) { clock.withLock { $0 += seconds } }

    var configuration: ServerConfiguration {
        var configuration = ServerConfiguration(workspace: workspace, now: { [self] in self.clock.withLock { $0 } })
        var web = WebConfiguration(
            deliver: { [self] mail in self.mails.withLock { $0.append(mail) } }, publicURL: "http://badges.test")
        web.maxUploadBytes = 64 * 1024
        configuration.web = web
        return configuration
    }

    func application() -> some ApplicationProtocol {
        Application(router: buildRouter(configuration))
    }

    /// The last message sent to `address`.
    func lastMail(to address: String) -> OutgoingMail? { mails.withLock { $0.last { $0.to == address } } }

    /// The sign-in link in the last message to `address` (path and query).
    func link(to address: String) -> String? {
        guard let text = lastMail(to: address)?.text, let range = text.range(of: "http://badges.test/signin/link?token=")
        else { return nil }
        let rest = text[range.lowerBound...]
        let url = rest.prefix { !$0.isWhitespace }
        return String(url.dropFirst("http://badges.test".count))
    }
}

/// A browser in miniature: keeps cookies, reads CSRF tokens from pages, posts forms.
struct WebSession {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]

    struct Page {
        var status: HTTPResponse.Status
        var body: String
        var headers: HTTPFields
        var bodyBytes: [UInt8] = []
        var location: String? { headers[.location] }

        /// The CSRF token of the page's first form.
        var csrf: String? {
            guard let range = body.range(of: "name=\"csrf\" value=\"") else { return nil }
            return String(body[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    init(_ client: any TestClientProtocol) { self.client = client }

    mutating func keep(_ response: TestResponse) {
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count >= 1 else { continue }
            let name = String(pair[0])
            let value = pair.count == 2 ? String(pair[1]) : ""
            if value.isEmpty || field.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
    }

    var cookieHeader: HTTPFields {
        var headers = HTTPFields()
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        return headers
    }

    mutating func get(_ path: String) async throws -> Page {
        let response = try await client.execute(uri: path, method: .get, headers: cookieHeader, body: nil)
        keep(response)
        var buffer = response.body
        let bytes = buffer.readBytes(length: buffer.readableBytes) ?? []
        return Page(status: response.status, body: String(decoding: bytes, as: UTF8.self), headers: response.headers, bodyBytes: bytes)
    }

    mutating func post(_ path: String, _ fields: [(String, String)]) async throws -> Page {
        var headers = cookieHeader
        headers[.contentType] = "application/x-www-form-urlencoded"
        let body = fields.map { Self.encode($0.0) + "=" + Self.encode($0.1) }.joined(separator: "&")
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: body))
        keep(response)
        return Page(status: response.status, body: String(buffer: response.body), headers: response.headers)
    }

    mutating func postMultipart(
        _ path: String, _ fields: [(String, String)], files: [(field: String, name: String, type: String, bytes: [UInt8])] = []
    ) async throws -> Page {
        let boundary = "laurel-test-boundary-7MA4YWxk"
        var body: [UInt8] = []
        for (name, value) in fields {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            body += Array(("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\n"
                + "Content-Type: \(file.type)\r\n\r\n").utf8) + file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        var headers = cookieHeader
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        let response = try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(bytes: body))
        keep(response)
        return Page(status: response.status, body: String(buffer: response.body), headers: response.headers)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// Signs in through the link mailed to `email`; returns the page the sign-in lands on.
    @discardableResult
    mutating func signIn(_ email: String, world: WebWorld) async throws -> Page {
        let form = try await get("/signin")
        let sent = try await post("/signin", [("csrf", form.csrf ?? ""), ("email", email)])
        #expect(sent.status == .ok)
        let link = try #require(world.link(to: email), "a sign-in link was mailed to \(email)")
        return try await follow(link)
    }

    /// Opens a sign-in link and confirms it.
    mutating func follow(_ link: String) async throws -> Page {
        let confirm = try await get(link)
        let token = String(link.split(separator: "=", maxSplits: 1)[1])
        return try await post("/signin/link", [("csrf", confirm.csrf ?? ""), ("token", token)])
    }
}

/// WCAG 2.1 basics a page can be checked for as text: one h1, headings that do not skip a level, every visible
/// form control named by a label, the page's language, and no script.
enum PageChecks {
    static func problems(_ html: String) -> [String] {
        var out: [String] = []
        func matches(_ pattern: String) -> [[String]] {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return [] }
            let range = NSRange(html.startIndex..., in: html)
            return regex.matches(in: html, range: range).map { match in
                (0..<match.numberOfRanges).map { index in
                    Range(match.range(at: index), in: html).map { String(html[$0]) } ?? ""
                }
            }
        }
        if !html.contains("<html lang=\"en\">") { out.append("no page language") }
        if html.contains("<script") { out.append("a script on a page that must work without one") }
        let h1 = matches("<h1[ >]").count
        if h1 != 1 { out.append("\(h1) h1 headings") }
        var last = 1
        for heading in matches("<h([1-6])[ >]") {
            let level = Int(heading[1]) ?? 1
            if level > last + 1 { out.append("h\(level) after h\(last)") }
            last = level
        }
        let labels = Set(matches("<label[^>]*for=\"([^\"]+)\"").map { $0[1] })
        for control in matches("<(input|textarea|select)([^>]*)>") {
            let attributes = control[2]
            if attributes.contains("type=\"hidden\"") || attributes.contains("type=\"submit\"") { continue }
            guard let idRange = attributes.range(of: " id=\"") else {
                out.append("a control without an id: \(control[0].prefix(80))")
                continue
            }
            let id = String(attributes[idRange.upperBound...].prefix { $0 != "\"" })
            if !labels.contains(id) { out.append("no label for #\(id)") }
        }
        return out
    }
}

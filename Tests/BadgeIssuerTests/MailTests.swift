import BadgeIssuer
import Dispatch
import Foundation
import Synchronization
import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Mail: RFC 5322 messages, the outbox folder and SMTP")
struct MailTests {
    static let date = "Tue, 04 Mar 2025 09:05:00 +0000"

    static let message = MailMessage(
        from: "Riverside College <badges@riverside.example>", to: "learner@example.edu",
        subject: "Your sign-in link", text: "Hello,\n\nSign in here: https://badges.riverside.example/s/abc\n")

    @Test("the headers are the known ones, in order, and every line ends in CRLF")
    func headers() throws {
        let bytes = try Self.message.rfc5322(date: Self.date, messageID: "abc123@riverside.example")
        let parsed = try ParsedMail(bytes)
        #expect(parsed.headers.map(\.name) == [
            "Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
        ])
        #expect(parsed["Date"] == Self.date)
        #expect(parsed["From"] == "Riverside College <badges@riverside.example>")
        #expect(parsed["To"] == "learner@example.edu")
        #expect(parsed["Subject"] == "Your sign-in link")
        #expect(parsed["Message-ID"] == "<abc123@riverside.example>")
        #expect(parsed["MIME-Version"] == "1.0")
        #expect(parsed["Content-Type"] == "text/plain; charset=utf-8")
        #expect(parsed["Content-Transfer-Encoding"] == "quoted-printable")
        let body = "Hello,\r\n\r\nSign in here: https://badges.riverside.example/s/abc\r\n"
        #expect(try parsed.decodedBody() == Array(body.utf8))
        expectWellFormedLines(bytes)
        // The same Message-ID given with its angle brackets comes out the same.
        #expect(try Self.message.rfc5322(date: Self.date, messageID: "<abc123@riverside.example>") == bytes)
        #expect(Mail.date(seconds: 1_741_079_100) == Self.date)
        #expect(Mail.date(seconds: 951_782_400) == "Tue, 29 Feb 2000 00:00:00 +0000")
        #expect(Mail.date(seconds: 0) == "Thu, 01 Jan 1970 00:00:00 +0000")
    }

    @Test("a subject or sender name that is not plain ASCII is written as RFC 2047 encoded words")
    func encodedWords() throws {
        let subject = "Ihr Abzeichen „Datenkompetenz“ ist da ✓ — 数据素养徽章已颁发 🎓 " + String(repeating: "ü", count: 60)
        var message = Self.message
        message.subject = subject
        message.from = "Hochschule Zürich <badges@zh.example>"
        message.to = "\"Lee, Sam\" <sam@example.edu>"
        let bytes = try message.rfc5322(date: Self.date, messageID: "x@zh.example")
        let parsed = try ParsedMail(bytes)
        let raw = try #require(parsed["Subject"])
        #expect(raw.hasPrefix("=?utf-8?B?"))
        #expect(raw.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(try decodeEncodedWords(raw) == subject)
        let from = try #require(parsed["From"])
        #expect(from.hasSuffix(" <badges@zh.example>"))
        #expect(try decodeEncodedWords(from) == "Hochschule Zürich <badges@zh.example>")
        #expect(parsed["To"] == "\"Lee, Sam\" <sam@example.edu>")
        // Header lines stay short: the folded subject and name lines are at most 78 characters.
        let head = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
        #expect(head.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        expectWellFormedLines(bytes)

        // A long ASCII subject is folded at spaces and reads back the same.
        message.subject = Array(repeating: "word", count: 60).joined(separator: " ")
        let folded = try ParsedMail(try message.rfc5322(date: Self.date, messageID: "x@zh.example"))
        #expect(folded["Subject"] == message.subject)
        // Text that looks like an encoded word is encoded, so that it reads back as written.
        message.subject = "=?utf-8?B?SGk=?="
        let literal = try ParsedMail(try message.rfc5322(date: Self.date, messageID: "x@zh.example"))
        #expect(try decodeEncodedWords(literal["Subject"] ?? "") == "=?utf-8?B?SGk=?=")
    }

    @Test("a 2,000-character line and non-ASCII text survive quoted-printable; mostly non-ASCII text is base64")
    func bodies() throws {
        let long = String(repeating: "abcdefghij", count: 200)
        let text = long + "\nGrüße aus Zürich — 数据 🎓 = equals, trailing space \n.a line with a leading dot\n\tend"
        var message = Self.message
        message.text = text
        let bytes = try message.rfc5322(date: Self.date, messageID: "qp@riverside.example")
        let parsed = try ParsedMail(bytes)
        #expect(parsed["Content-Transfer-Encoding"] == "quoted-printable")
        expectWellFormedLines(bytes, bodyLimit: 76)
        let expected = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8) + [13, 10]
        #expect(try parsed.decodedBody() == expected)

        message.text = String(repeating: "数据素养徽章已颁发。", count: 150)
        let cjk = try message.rfc5322(date: Self.date, messageID: "b64@riverside.example")
        let cjkParsed = try ParsedMail(cjk)
        #expect(cjkParsed["Content-Transfer-Encoding"] == "base64")
        expectWellFormedLines(cjk, bodyLimit: 76)
        #expect(try cjkParsed.decodedBody() == Array(message.text.utf8))
    }

    @Test("with HTML the message is multipart/alternative, text first, each part decoding to what was given")
    func alternative() throws {
        var message = Self.message
        message.text = "Sign in: https://badges.riverside.example/s/abc\n" + String(repeating: "x", count: 1500)
        message.html = "<p>Sign in: <a href=\"https://badges.riverside.example/s/abc\">link</a> — für Sie</p>\n"
        let bytes = try message.rfc5322(date: Self.date, messageID: "alt@riverside.example")
        let parsed = try ParsedMail(bytes)
        let type = try #require(parsed["Content-Type"])
        #expect(type.hasPrefix("multipart/alternative; boundary=\""))
        let boundary = String(type.split(separator: "\"")[1])
        let parts = try parsed.parts(boundary: boundary)
        #expect(parts.count == 2)
        #expect(parts[0]["Content-Type"] == "text/plain; charset=utf-8")
        #expect(parts[1]["Content-Type"] == "text/html; charset=utf-8")
        #expect(try parts[0].decodedBody() == Array(message.text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        #expect(try parts[1].decodedBody() == Array(message.html!.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        expectWellFormedLines(bytes, bodyLimit: 76)
    }

    @Test("CR or LF in a header value, or an address that is not one, is refused", arguments: [
        ("badges@riverside.example", "learner@example.edu", "Hi\r\nBcc: x@evil.example"),
        ("badges@riverside.example", "learner@example.edu", "Hi\nBcc: x@evil.example"),
        ("badges@riverside.example", "learner@example.edu", "Hi\rthere"),
        ("badges@riverside.example", "learner@example.edu\r\nBcc: x@evil.example", ""),
        ("badges@riverside.example", "learner@example.edu\n", ""),
        ("Evil\r\nBcc: x@evil.example <badges@riverside.example>", "a@example.edu", ""),
        ("badges@riverside.example", "not an address", ""),
        ("badges@riverside.example", "a@example.edu, b@example.edu", ""),
        ("badges", "learner@example.edu", ""),
        ("badges@riverside.example", "learner@example.edu", "nul\u{0}"),
    ])
    func refusesInjection(from: String, to: String, subject: String) {
        let message = MailMessage(from: from, to: to, subject: subject, text: "")
        #expect(throws: MailError.self) { try message.rfc5322(date: Self.date, messageID: "id@riverside.example") }
    }

    @Test("a line break in the date or the Message-ID is refused as well")
    func refusesInjectedDateOrID() throws {
        let injected = "\r\nBcc: x@e.example"
        #expect(throws: MailError.self) { try Self.message.rfc5322(date: Self.date + injected, messageID: "a@b") }
        #expect(throws: MailError.self) { try Self.message.rfc5322(date: Self.date, messageID: "a@b" + injected) }
        #expect(throws: MailError.self) { try Self.message.rfc5322(date: Self.date, messageID: "no-at-sign") }
        let error = #expect(throws: MailError.self) {
            try Self.message.rfc5322(date: Self.date, messageID: "id@riverside.example\nBcc: x@e.example")
        }
        #expect(error?.description.contains("line break") == true)
    }

    @Test("the outbox mailer writes one .eml file, mode 0600, in a 0700 folder, that parses back")
    func outbox() throws {
        let directory = TemporaryDirectory()
        let workspace = try IssuerFixtures.workspace(directory)
        #expect(workspace.outboxDirectory == directory.file("ws/outbox"))
        let mailer = OutboxMailer(directory: workspace.outboxDirectory, clock: { 1_741_079_100 })
        var message = Self.message
        message.html = "<p>Hello</p>"
        let path = try mailer.write(message)
        let names = try FileIO.list(workspace.outboxDirectory)
        #expect(names.count == 1)
        let name = try #require(names.first)
        #expect(path == workspace.outboxDirectory + "/" + name)
        #expect(name.hasPrefix("20250304-090500-") && name.hasSuffix(".eml"))
        let random = name.dropFirst("20250304-090500-".count).dropLast(".eml".count)
        #expect(random.count == 16 && random.allSatisfy(\.isHexDigit))
        #expect(FileIO.mode(path) == 0o600)
        #expect(FileIO.mode(workspace.outboxDirectory) == 0o700)

        let bytes = try FileIO.read(path)
        expectWellFormedLines(bytes, bodyLimit: 76)
        let parsed = try ParsedMail(bytes)
        #expect(parsed["Date"] == Self.date)
        #expect(parsed["To"] == "learner@example.edu")
        let id = try #require(parsed["Message-ID"])
        #expect(id.hasPrefix("<") && id.hasSuffix("@riverside.example>"))
        // The file is exactly the message's RFC 5322 form with the date and Message-ID it was given.
        #expect(try message.rfc5322(date: Self.date, messageID: id) == bytes)

        // Another message is another file; nothing half-written (no temporary file) is left beside them.
        try mailer.send(Self.message)
        let after = try FileIO.list(workspace.outboxDirectory)
        #expect(after.count == 2 && after.allSatisfy { $0.hasSuffix(".eml") })

        // A message that cannot be written leaves no file at all.
        #expect(throws: MailError.self) {
            try mailer.send(MailMessage(from: "a@b.example", to: "x\ny@example.edu", subject: "", text: ""))
        }
        #expect(try FileIO.list(workspace.outboxDirectory).count == 2)

        // Without an SMTP URL the server's mailer is this outbox.
        let chosen = try Mail.mailer(smtp: nil, outbox: workspace.outboxDirectory)
        #expect((chosen as? OutboxMailer)?.directory == workspace.outboxDirectory)
    }

    @Test("an outbox folder that cannot be made is a MailError naming the problem")
    func outboxUnwritable() throws {
        let directory = TemporaryDirectory()
        let blocker = try directory.write("file", "not a folder")
        let mailer = OutboxMailer(directory: blocker + "/outbox")
        let error = #expect(throws: MailError.self) { try mailer.send(Self.message) }
        #expect(error?.description.contains("outbox") == true)
    }

    @Test("SMTP URLs: a password in the URL, a user without a password, and other schemes are refused")
    func smtpURLs() throws {
        for url in ["http://mail.example", "mail.example:587", "smtp://", "smtp://badges:secret@mail.example:587"] {
            #expect(throws: MailError.self) { try SMTPMailer(url: url, password: "pw") }
        }
        let noPassword = #expect(throws: MailError.self) {
            try SMTPMailer(url: "smtp://badges@mail.example:587", password: nil)
        }
        #expect(noPassword?.description.contains("LAUREL_SMTP_PASSWORD") == true)
        let inURL = #expect(throws: MailError.self) { try SMTPMailer(url: "smtp://u:p@mail.example", password: nil) }
        #expect(inURL?.description.contains("LAUREL_SMTP_PASSWORD") == true)
        #expect(try SMTPMailer(url: "smtp://mail.example", password: nil).server == "mail.example:25")
        #expect(try SMTPMailer(url: "SMTPS://mail.example", password: nil).server == "mail.example:465")
        #expect(try SMTPMailer(url: "smtp://badges@mail.example:587", password: "pw").server == "mail.example:587")
        let chosen = try Mail.mailer(smtp: "smtp://mail.example:2525", outbox: "/unused")
        #expect((chosen as? SMTPMailer)?.server == "mail.example:2525")
    }

    @Test("SMTP: the loopback server receives the envelope and exactly the message", .timeLimit(.minutes(1)))
    func smtpSend() async throws {
        let server = try LoopbackSMTPServer()
        defer { server.stop() }
        let mailer = try SMTPMailer(url: "smtp://127.0.0.1:\(server.port)", password: nil)
        var message = Self.message
        message.text = "Hello,\n.a line with a leading dot\n..two dots\n.\nafter a lone dot\n"
            + String(repeating: "z", count: 2000)
        message.html = "<p>Hello — hallo</p>\n.<p>dot</p>"
        let sent = message
        let result = await offCooperativeThreads { Result { () throws(MailError) in try mailer.send(sent) } }
        try result.get()
        let session = server.session
        #expect(session.mailFrom == "<badges@riverside.example>")
        #expect(session.recipients == ["<learner@example.edu>"])
        #expect(session.commands.last == "QUIT")
        let data = try #require(session.data)
        let parsed = try ParsedMail(data)
        let date = try #require(parsed["Date"])
        let id = try #require(parsed["Message-ID"])
        #expect(try message.rfc5322(date: date, messageID: id) == data)
    }

    @Test("SMTP: with a user in the URL the mailer signs in with the password given", .timeLimit(.minutes(1)))
    func smtpSignIn() async throws {
        let server = try LoopbackSMTPServer(offerAuth: true)
        defer { server.stop() }
        let mailer = try SMTPMailer(url: "smtp://badges%40riverside@127.0.0.1:\(server.port)", password: "s3cret pw")
        let result = await offCooperativeThreads { Result { () throws(MailError) in try mailer.send(Self.message) } }
        try result.get()
        let credentials = try #require(server.session.auth)
        #expect(Data(base64Encoded: credentials) == Data("\0badges@riverside\0s3cret pw".utf8))
        #expect(server.session.data != nil)
    }

    @Test("SMTP: a refused recipient is a MailError naming the server and its answer", .timeLimit(.minutes(1)))
    func smtpRefusedRecipient() async throws {
        let server = try LoopbackSMTPServer(refuseRecipients: true)
        defer { server.stop() }
        let mailer = try SMTPMailer(url: "smtp://127.0.0.1:\(server.port)", password: nil)
        let result = await offCooperativeThreads { Result { () throws(MailError) in try mailer.send(Self.message) } }
        guard case .failure(let error) = result else {
            Issue.record("the send succeeded")
            return
        }
        #expect(error.description.contains("127.0.0.1:\(server.port)"))
        #expect(error.description.contains("550"))
        #expect(server.session.data == nil)
    }

    @Test("SMTP: an unreachable server is a MailError naming it, quickly", .timeLimit(.minutes(1)))
    func smtpUnreachable() async throws {
        let port = try closedPort()
        let mailer = try SMTPMailer(url: "smtp://127.0.0.1:\(port)", password: nil)
        let start = ContinuousClock.now
        let result = await offCooperativeThreads { Result { () throws(MailError) in try mailer.send(Self.message) } }
        let elapsed = ContinuousClock.now - start
        guard case .failure(let error) = result else {
            Issue.record("the send succeeded")
            return
        }
        #expect(error.description.contains("127.0.0.1:\(port)"))
        #expect(elapsed < .seconds(5))
    }
}

// MARK: - Reading messages back

/// A message (or one MIME part) split into unfolded headers and its body.
struct ParsedMail {
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(_ bytes: [UInt8]) throws {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let split = bytes.firstRange(of: separator) else {
            throw MailTestError("no blank line after the headers")
        }
        let head = String(decoding: bytes[..<split.lowerBound], as: UTF8.self)
        body = Array(bytes[split.upperBound...])
        headers = []
        for line in head.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t") {
                guard !headers.isEmpty else { throw MailTestError("a continuation line before any header") }
                headers[headers.count - 1].value += line
            } else {
                guard let colon = line.firstIndex(of: ":") else { throw MailTestError("not a header: \(line)") }
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...].dropFirst())))
            }
        }
    }

    subscript(name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body with its Content-Transfer-Encoding undone.
    func decodedBody() throws -> [UInt8] {
        switch self["Content-Transfer-Encoding"] {
        case "quoted-printable": return try decodeQuotedPrintable(body)
        case "base64":
            guard let data = Data(base64Encoded: Data(body), options: .ignoreUnknownCharacters) else {
                throw MailTestError("bad base64")
            }
            return Array(data)
        default: return body
        }
    }

    /// The parts of a multipart body (RFC 2046: each delimiter is CRLF "--" boundary, the CRLF belonging to it).
    func parts(boundary: String) throws -> [ParsedMail] {
        let text = [13, 10] + body
        let delimiter = Array("\r\n--\(boundary)".utf8)
        var pieces: [[UInt8]] = []
        var rest = text[...]
        while let range = rest.firstRange(of: delimiter) {
            pieces.append(Array(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        guard rest.starts(with: Array("--".utf8)) else { throw MailTestError("no closing delimiter") }
        // pieces[0] is the preamble; each part begins with the CRLF that ends its delimiter line.
        return try pieces.dropFirst().map { piece in
            guard piece.starts(with: [13, 10]) else { throw MailTestError("a delimiter line with more on it") }
            return try ParsedMail(Array(piece.dropFirst(2)))
        }
    }
}

struct MailTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func decodeQuotedPrintable(_ bytes: [UInt8]) throws -> [UInt8] {
    var out: [UInt8] = []
    var index = 0
    func hex(_ byte: UInt8) throws -> UInt8 {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: throw MailTestError("bad quoted-printable escape")
        }
    }
    while index < bytes.count {
        if bytes[index] == UInt8(ascii: "=") {
            guard index + 2 < bytes.count else { throw MailTestError("a cut-off escape") }
            if bytes[index + 1] == 13 && bytes[index + 2] == 10 {
                index += 3  // a soft line break
                continue
            }
            out.append(try hex(bytes[index + 1]) << 4 | hex(bytes[index + 2]))
            index += 3
        } else {
            out.append(bytes[index])
            index += 1
        }
    }
    return out
}

/// The text of a header value with its RFC 2047 `=?utf-8?B?…?=` words decoded (white space between two
/// adjacent encoded words dropped, as RFC 2047 says).
func decodeEncodedWords(_ value: String) throws -> String {
    let open = "=?utf-8?B?"
    var out = ""
    var rest = Substring(value)
    var pendingSpace = ""
    var afterWord = false
    while !rest.isEmpty {
        if rest.hasPrefix(open) {
            let payload = rest.dropFirst(open.count)
            guard let close = payload.range(of: "?=") else { throw MailTestError("an encoded word without its end") }
            guard let data = Data(base64Encoded: String(payload[..<close.lowerBound])),
                let decoded = String(data: data, encoding: .utf8)
            else { throw MailTestError("a bad encoded word") }
            // White space between two encoded words is not part of the text.
            if !afterWord { out += pendingSpace }
            out += decoded
            pendingSpace = ""
            afterWord = true
            rest = payload[close.upperBound...]
        } else if let first = rest.first, first == " " || first == "\t" {
            pendingSpace.append(first)
            rest = rest.dropFirst()
        } else {
            out += pendingSpace + String(rest.first!)
            pendingSpace = ""
            afterWord = false
            rest = rest.dropFirst()
        }
    }
    return out + pendingSpace
}

/// Every line ends in CRLF (no bare CR or LF) and none is longer than 998 octets, or than `bodyLimit` after the
/// headers.
func expectWellFormedLines(_ bytes: [UInt8], bodyLimit: Int = 998, sourceLocation: SourceLocation = #_sourceLocation) {
    var lines: [[UInt8]] = []
    var current: [UInt8] = []
    var index = 0
    var bare = false
    while index < bytes.count {
        if bytes[index] == 13 && index + 1 < bytes.count && bytes[index + 1] == 10 {
            lines.append(current)
            current = []
            index += 2
            continue
        }
        if bytes[index] == 13 || bytes[index] == 10 { bare = true }
        current.append(bytes[index])
        index += 1
    }
    #expect(!bare, "a bare CR or LF", sourceLocation: sourceLocation)
    #expect(current.isEmpty, "the last line has no CRLF", sourceLocation: sourceLocation)
    #expect(lines.allSatisfy { $0.count <= 998 }, sourceLocation: sourceLocation)
    if let blank = lines.firstIndex(of: []) {
        let longest = lines[blank...].map(\.count).max() ?? 0
        #expect(longest <= bodyLimit, "a body line of \(longest) octets", sourceLocation: sourceLocation)
    }
}

// MARK: - A loopback SMTP server

/// Just enough of an SMTP server (RFC 5321) on 127.0.0.1, on a thread of its own with blocking sockets, to take
/// one message per connection and record what it was told.
final class LoopbackSMTPServer: Sendable {
    struct Session: Sendable {
        var commands: [String] = []
        var mailFrom: String?
        var recipients: [String] = []
        /// The message after the data's dot-stuffing is undone, each line ending in CRLF.
        var data: [UInt8]?
        /// The base64 credentials of AUTH PLAIN.
        var auth: String?
    }

    let port: Int
    private let listener: Int32
    private let offerAuth: Bool
    private let refuseRecipients: Bool
    private let recorded = Mutex(Session())

    init(offerAuth: Bool = false, refuseRecipients: Bool = false) throws {
        self.offerAuth = offerAuth
        self.refuseRecipients = refuseRecipients
        let (fd, port) = try listeningSocket()
        listener = fd
        self.port = port
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    var session: Session { recorded.withLock { $0 } }

    /// Stops listening; a blocked accept returns and the server's thread ends.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    deinit { close(listener) }

    private func serve() {
        while true {
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            converse(LineConnection(connection))
            close(connection)
        }
    }

    private func converse(_ connection: LineConnection) {
        connection.send("220 127.0.0.1 loopback test server ready")
        while let line = connection.readLine() {
            let command = String(decoding: line, as: UTF8.self)
            recorded.withLock { $0.commands.append(command) }
            let verb = command.split(separator: " ").first.map { $0.uppercased() } ?? ""
            switch verb {
            case "EHLO":
                connection.send(offerAuth ? "250-127.0.0.1 hello\r\n250 AUTH PLAIN" : "250 127.0.0.1 hello")
            case "HELO": connection.send("250 127.0.0.1")
            case "AUTH":
                let parts = command.split(separator: " ")
                var credentials = parts.count > 2 ? String(parts[2]) : nil
                if credentials == nil {
                    connection.send("334 ")
                    credentials = connection.readLine().map { String(decoding: $0, as: UTF8.self) }
                }
                recorded.withLock { $0.auth = credentials }
                connection.send("235 2.7.0 accepted")
            case "MAIL":
                recorded.withLock { $0.mailFrom = Self.argument(command, after: "MAIL FROM:") }
                connection.send("250 2.1.0 ok")
            case "RCPT":
                if refuseRecipients {
                    connection.send("550 5.1.1 no such user here")
                } else {
                    recorded.withLock { $0.recipients.append(Self.argument(command, after: "RCPT TO:")) }
                    connection.send("250 2.1.5 ok")
                }
            case "DATA":
                connection.send("354 end with a line holding a dot")
                var data: [UInt8] = []
                while let dataLine = connection.readLine(), dataLine != [UInt8(ascii: ".")] {
                    data += (dataLine.first == UInt8(ascii: ".") ? Array(dataLine.dropFirst()) : dataLine) + [13, 10]
                }
                recorded.withLock { $0.data = data }
                connection.send("250 2.0.0 queued")
            case "RSET", "NOOP": connection.send("250 ok")
            case "QUIT":
                connection.send("221 2.0.0 bye")
                return
            default: connection.send("502 5.5.2 not implemented")
            }
        }
    }

    private static func argument(_ command: String, after prefix: String) -> String {
        let rest = command.dropFirst(prefix.count)
        return String(rest.split(separator: " ").first ?? "")
    }
}

/// A connected socket read line by line (CRLF-ended).
private final class LineConnection {
    let socket: Int32
    private var buffer: [UInt8] = []

    init(_ socket: Int32) {
        self.socket = socket
    }

    /// The next line without its CRLF; nil when the peer closed the connection or was silent too long.
    func readLine() -> [UInt8]? {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            if let end = buffer.firstRange(of: [13, 10]) {
                let line = Array(buffer[..<end.lowerBound])
                buffer.removeSubrange(..<end.upperBound)
                return line
            }
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { return nil }
            buffer += chunk[..<count]
        }
    }

    func send(_ reply: String) {
        let bytes = Array((reply + "\r\n").utf8)
        var sent = 0
        while sent < bytes.count {
            let count = bytes[sent...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard count > 0 else { return }
            sent += count
        }
    }
}

/// A TCP socket listening on 127.0.0.1 at a free port.
private func listeningSocket() throws -> (Int32, Int) {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw MailTestError("socket: errno \(errno)") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0, listen(fd, 8) == 0 else {
        close(fd)
        throw MailTestError("bind/listen on 127.0.0.1: errno \(errno)")
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return (fd, Int(UInt16(bigEndian: address.sin_port)))
}

/// A port on 127.0.0.1 that nothing listens on: bound, then closed again.
private func closedPort() throws -> Int {
    let (fd, port) = try listeningSocket()
    close(fd)
    return port
}

/// Runs blocking work (sockets, a send) on a Dispatch thread, off the cooperative threads async tests run on.
private func offCooperativeThreads<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: work()) }
    }
}

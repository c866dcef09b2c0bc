import BadgeCrypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One mail message: a plain-text body, optionally with an HTML alternative of the same content.
public struct MailMessage: Sendable, Hashable {
    /// The sender: a bare address (`badges@riverside.example`) or a name and an address
    /// (`Riverside College <badges@riverside.example>`). The name may be any Unicode text.
    public var from: String
    /// The one recipient: a bare address, or a name and an address as for `from`.
    public var to: String
    /// The subject line, any Unicode text on one line.
    public var subject: String
    /// The plain-text body. Line ends may be LF, CRLF or CR; they are sent as CRLF.
    public var text: String
    /// An HTML version of the body; when given, the message is `multipart/alternative` with the text first.
    public var html: String?

    public init(from: String, to: String, subject: String, text: String, html: String? = nil) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
    }

    /// The message in RFC 5322 form, ready to be written to an `.eml` file or sent over SMTP.
    ///
    /// Lines end in CRLF and none is longer than 998 octets: the bodies are quoted-printable (mostly ASCII text)
    /// or base64 (mostly other text), and a subject that is not plain ASCII is written as RFC 2047 encoded words.
    /// The headers are Date, From, To, Subject, Message-ID, MIME-Version and a Content-Type with charset=utf-8.
    ///
    /// - Parameters:
    ///   - date: the Date header's text in RFC 5322 form (`Mail.date(seconds:)` makes it).
    ///   - messageID: the Message-ID, with or without its angle brackets (`<id@riverside.example>`).
    /// - Throws: `MailError` when a header value holds a line break (CR or LF) or another control character, or
    ///   when `from` or `to` is not an email address. Nothing is ever passed through into the headers unchecked.
    public func rfc5322(date: String, messageID: String) throws(MailError) -> [UInt8] {
        let sender = try Mailbox(parsing: from, header: "From")
        let recipient = try Mailbox(parsing: to, header: "To")
        try MIME.checkSingleLine(subject, header: "Subject")
        try MIME.checkSingleLine(date, header: "Date")
        guard !date.isEmpty, date.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) else {
            throw MailError("the Date header '\(date)' is not plain ASCII text; give the date as Mail.date makes it")
        }
        let id = try MIME.messageID(messageID)

        var out: [UInt8] = []
        func line(_ text: String) { out += Array(text.utf8) + MIME.crlf }
        line("Date: " + date)
        line("From: " + sender.header)
        line("To: " + recipient.header)
        line(MIME.subjectHeader(subject))
        line("Message-ID: " + id)
        line("MIME-Version: 1.0")
        let textPart = MIME.encodedBody(text)
        if let html {
            let htmlPart = MIME.encodedBody(html)
            line("Content-Type: multipart/alternative; boundary=\"\(MIME.boundary)\"")
            line("")
            line("This is a MIME message: a plain-text and an HTML version of one text.")
            for (type, part) in [("text/plain", textPart), ("text/html", htmlPart)] {
                line("--" + MIME.boundary)
                line("Content-Type: \(type); charset=utf-8")
                line("Content-Transfer-Encoding: " + part.encoding)
                line("")
                // The CRLF after a part's body belongs to the boundary line that follows (RFC 2046 §5.1.1).
                out += part.bytes + MIME.crlf
            }
            line("--" + MIME.boundary + "--")
        } else {
            line("Content-Type: text/plain; charset=utf-8")
            line("Content-Transfer-Encoding: " + textPart.encoding)
            line("")
            out += textPart.bytes
            if !out.suffix(2).elementsEqual(MIME.crlf) { out += MIME.crlf }
        }
        return out
    }

    /// The sender's and the recipient's bare addresses, as the SMTP envelope names them.
    func envelope() throws(MailError) -> (from: String, to: String) {
        (try Mailbox(parsing: from, header: "From").address, try Mailbox(parsing: to, header: "To").address)
    }
}

/// Why a message could not be written or sent, in plain words.
public struct MailError: Error, Sendable, Hashable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Something that delivers mail messages: to files in an outbox folder (`OutboxMailer`) or to a mail server
/// (`SMTPMailer`). `send` blocks until the message is written or handed over, so call it off any event loop.
public protocol Mailer: Sendable {
    func send(_ message: MailMessage) throws(MailError)
}

/// Choosing a mailer, and the date text mail headers use.
public enum Mail {
    /// The environment variable the SMTP password is read from.
    public static let passwordVariable = "LAUREL_SMTP_PASSWORD"

    /// The mailer the server's options ask for: with an `smtp` URL (`smtp://user@mail.example:587`), an
    /// `SMTPMailer` that signs in with the password in `LAUREL_SMTP_PASSWORD`; without one, an `OutboxMailer`
    /// that writes each message as a file into `outbox` (usually `Workspace.outboxDirectory`).
    public static func mailer(smtp: String?, outbox: String) throws(MailError) -> any Mailer {
        guard let smtp else { return OutboxMailer(directory: outbox) }
        return try SMTPMailer(url: smtp, password: environment(passwordVariable))
    }

    /// The current time in seconds since 1970-01-01 00:00 UTC.
    public static func now() -> Int64 {
        Int64(time(nil))
    }

    /// A date in RFC 5322 form, in UTC: `Tue, 04 Mar 2025 09:05:00 +0000`.
    public static func date(seconds: Int64) -> String {
        let parts = utc(seconds)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let day = "\(days[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(months[Int(parts.tm_mon)])"
        return day + " \(parts.tm_year + 1900) \(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) +0000"
    }

    /// A time in UTC as `yyyyMMdd-HHmmss`, for file names that sort by time.
    static func fileStamp(seconds: Int64) -> String {
        let parts = utc(seconds)
        return "\(parts.tm_year + 1900)\(two(parts.tm_mon + 1))\(two(parts.tm_mday))-"
            + "\(two(parts.tm_hour))\(two(parts.tm_min))\(two(parts.tm_sec))"
    }

    /// A new Message-ID at the sender's domain: `<hex.hex@domain>`, unique by its random part.
    static func newMessageID(from sender: String, seconds: Int64) -> String {
        let domain = (try? Mailbox(parsing: sender, header: "From"))?.domain ?? "laurel.invalid"
        return "<\(String(seconds, radix: 16)).\(randomHex(bytes: 12))@\(domain)>"
    }

    /// `count` random bytes in hex, from the system's secure random source.
    static func randomHex(bytes count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// The calendar fields of `seconds` in UTC.
    static func utc(_ seconds: Int64) -> tm {
        var value = time_t(seconds)
        var parts = tm()
        gmtime_r(&value, &parts)
        return parts
    }

    static func two(_ value: Int32) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    private static func environment(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }
}

extension Workspace {
    /// Where the embedded mailer writes outgoing messages, one `.eml` file each: `<workspace>/outbox`.
    public var outboxDirectory: String { FileIO.join(directory, "outbox") }
}

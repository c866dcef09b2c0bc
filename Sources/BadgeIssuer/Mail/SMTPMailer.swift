import CCurl
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The mailer that hands each message to a mail server over SMTP, through libcurl.
///
/// The server is named by a URL: `smtp://mail.example:587` sends in plain SMTP and switches to TLS (STARTTLS)
/// when the server offers it; `smtps://mail.example:465` connects over TLS from the start. A user name in the
/// URL (`smtp://badges@mail.example:587`) signs in with the password given to `init`, which comes from the
/// environment variable `LAUREL_SMTP_PASSWORD`; a password written into the URL is refused, so that it stays
/// out of command lines and files. Certificates are checked against the server's host name.
///
/// `send` blocks for up to 30 seconds (10 to connect), so call it from a thread that may wait.
public struct SMTPMailer: Mailer {
    /// The server as messages and errors name it: `host:port`.
    public let server: String
    /// The URL libcurl connects to, without the user name.
    private let url: String
    private let secure: Bool
    private let user: String?
    private let password: String?

    static let connectSeconds = 10
    static let totalSeconds = 30

    /// Checks `url` and keeps what sending needs; nothing is connected to until `send`.
    ///
    /// - Parameters:
    ///   - url: `smtp://[user@]host[:port]` or `smtps://[user@]host[:port]` (ports 25 and 465 when none is given).
    ///   - password: the password for the URL's user; needed when the URL names one, ignored when it does not.
    public init(url: String, password: String?) throws(MailError) {
        if let unavailable = SMTPTransport.unavailable { throw MailError(unavailable) }
        guard let handle = laurel_curl_url() else { throw MailError("the SMTP client (libcurl) could not be started") }
        defer { laurel_curl_url_cleanup(handle) }
        let example = "give one like smtp://user@mail.example:587"
        guard laurel_curl_url_set(handle, CURLUPART_URL, url, 0) == CURLUE_OK,
            let scheme = Self.part(handle, CURLUPART_SCHEME)?.lowercased(),
            let host = Self.part(handle, CURLUPART_HOST), !host.isEmpty,
            let port = Self.part(handle, CURLUPART_PORT, flags: UInt32(CURLU_DEFAULT_PORT))
        else {
            throw MailError("'\(url)' is not an SMTP server URL; \(example)")
        }
        guard scheme == "smtp" || scheme == "smtps" else {
            throw MailError("'\(url)' is not an SMTP server URL (it starts with \(scheme)://); \(example)")
        }
        if Self.part(handle, CURLUPART_PASSWORD) != nil {
            throw MailError(
                "the SMTP URL holds a password; remove it from the URL and set \(Mail.passwordVariable) instead, "
                    + "so that it is kept out of command lines and files")
        }
        let user = Self.part(handle, CURLUPART_USER, flags: UInt32(CURLU_URLDECODE)).flatMap { $0.isEmpty ? nil : $0 }
        server = host + ":" + port
        if let user, password == nil || password?.isEmpty == true {
            throw MailError(
                "the SMTP URL signs in as '\(user)' at \(server), but no password was given; "
                    + "set \(Mail.passwordVariable), or remove the user from the URL")
        }
        // The user name is handed to libcurl on its own, so the URL it is given holds no credentials.
        guard laurel_curl_url_set(handle, CURLUPART_USER, nil, 0) == CURLUE_OK,
            let bare = Self.part(handle, CURLUPART_URL)
        else {
            throw MailError("'\(url)' is not an SMTP server URL; \(example)")
        }
        self.url = bare
        secure = scheme == "smtps"
        self.user = user
        self.password = user == nil ? nil : password
    }

    public func send(_ message: MailMessage) throws(MailError) {
        let envelope = try message.envelope()
        let seconds = Mail.now()
        let bytes = try message.rfc5322(
            date: Mail.date(seconds: seconds), messageID: Mail.newMessageID(from: message.from, seconds: seconds))
        let failure = SMTPTransport.send(
            bytes, from: envelope.from, to: envelope.to, url: url, secure: secure, user: user, password: password)
        if let failure {
            throw MailError("the mail to \(envelope.to) could not be sent through \(server): \(failure)")
        }
    }

    private static func part(_ handle: OpaquePointer, _ what: CURLUPart, flags: UInt32 = 0) -> String? {
        var text: UnsafeMutablePointer<CChar>? = nil
        guard laurel_curl_url_get(handle, what, &text, flags) == CURLUE_OK, let text else { return nil }
        defer { laurel_curl_free(text) }
        return String(cString: text)
    }
}

/// The message being uploaded and how much of it libcurl has read. Used on the one thread that runs the transfer.
private final class Upload {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }
}

/// One SMTP transaction through libcurl's easy interface.
private enum SMTPTransport {
    /// Why mail cannot be sent, or nil when it can: libcurl is loaded (on first use) and its one-time global
    /// set-up is done (counted, so it may also be done elsewhere in the process).
    static let unavailable: String? = {
        if let reason = laurel_curl_unavailable_reason() { return String(cString: reason) }
        return laurel_curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK ? nil : "libcurl could not be set up"
    }()

    /// Sends `bytes` from `from` to `to`; returns nil when the server accepted the message, else the reason.
    static func send(
        _ bytes: [UInt8], from: String, to: String, url: String, secure: Bool, user: String?, password: String?
    ) -> String? {
        if let unavailable { return unavailable }
        guard let handle = laurel_curl_easy_init() else { return "the SMTP client (libcurl) could not be started" }
        defer { laurel_curl_easy_cleanup(handle) }
        let recipients = laurel_curl_slist_append(nil, "<\(to)>")
        defer { laurel_curl_slist_free_all(recipients) }
        let upload = Upload(bytes)
        var errorText = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let tls = secure ? CURLUSESSL_ALL : CURLUSESSL_TRY
        let code: CURLcode = withExtendedLifetime(upload) {
            errorText.withUnsafeMutableBufferPointer { errorBuffer in
                var setUp = [
                    laurel_curl_set_string(handle, CURLOPT_URL, url),
                    laurel_curl_set_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps"),
                    laurel_curl_set_long(handle, CURLOPT_USE_SSL, Int(tls.rawValue)),
                    laurel_curl_set_long(handle, CURLOPT_SSL_VERIFYPEER, 1),
                    laurel_curl_set_long(handle, CURLOPT_SSL_VERIFYHOST, 2),
                    // No proxy from the environment: mail goes straight to the server the URL names.
                    laurel_curl_set_string(handle, CURLOPT_PROXY, ""),
                    laurel_curl_set_long(handle, CURLOPT_NOSIGNAL, 1),
                    laurel_curl_set_long(handle, CURLOPT_CONNECTTIMEOUT_MS, SMTPMailer.connectSeconds * 1000),
                    laurel_curl_set_long(handle, CURLOPT_TIMEOUT_MS, SMTPMailer.totalSeconds * 1000),
                    laurel_curl_set_string(handle, CURLOPT_MAIL_FROM, "<\(from)>"),
                    laurel_curl_set_list(handle, CURLOPT_MAIL_RCPT, recipients),
                    laurel_curl_set_long(handle, CURLOPT_UPLOAD, 1),
                    laurel_curl_set_long(handle, CURLOPT_INFILESIZE, bytes.count),
                    laurel_curl_set_read_function(handle, supply),
                    laurel_curl_set_pointer(handle, CURLOPT_READDATA, Unmanaged.passUnretained(upload).toOpaque()),
                    laurel_curl_set_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer.baseAddress),
                ]
                if let user, let password {
                    setUp.append(laurel_curl_set_string(handle, CURLOPT_USERNAME, user))
                    setUp.append(laurel_curl_set_string(handle, CURLOPT_PASSWORD, password))
                }
                if let failed = setUp.first(where: { $0 != CURLE_OK }) { return failed }
                return laurel_curl_easy_perform(handle)
            }
        }
        guard code != CURLE_OK else { return nil }
        var detail = String(decoding: errorText.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if detail.isEmpty { detail = String(cString: laurel_curl_easy_strerror(code)) }
        var reply = 0
        laurel_curl_get_long(handle, CURLINFO_RESPONSE_CODE, &reply)
        if reply >= 400 { detail += " (the server answered \(reply))" }
        return detail + advice(code)
    }

    /// What to check after a failure, for the failures whose cause is usually in the settings.
    private static func advice(_ code: CURLcode) -> String {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST: "; check the host name in the SMTP URL"
        case CURLE_COULDNT_CONNECT: "; check the host and port in the SMTP URL, and that the mail server is running"
        case CURLE_OPERATION_TIMEDOUT:
            "; the server did not finish within \(SMTPMailer.totalSeconds) seconds (\(SMTPMailer.connectSeconds) "
                + "to connect): check the host and port, and that no firewall drops the connection"
        case CURLE_LOGIN_DENIED:
            "; check the user name in the SMTP URL and the password in \(Mail.passwordVariable)"
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_USE_SSL_FAILED:
            "; check that the server offers TLS with a certificate valid for its host name"
        default: ""
        }
    }

    /// Gives libcurl the next piece of the message; 0 once it has all of it.
    private static let supply: curl_read_callback = { buffer, size, count, context in
        guard let buffer, let context else { return 0 }
        let upload = Unmanaged<Upload>.fromOpaque(context).takeUnretainedValue()
        let length = min(size * count, upload.bytes.count - upload.offset)
        guard length > 0 else { return 0 }
        upload.bytes.withUnsafeBytes { source in
            UnsafeMutableRawPointer(buffer).copyMemory(from: source.baseAddress! + upload.offset, byteCount: length)
        }
        upload.offset += length
        return length
    }
}

/// The mailer that needs no mail server: it writes each message as an RFC 5322 `.eml` file into a folder, where
/// it can be read, or opened in any mail program.
///
/// Files are named `<UTC yyyyMMdd-HHmmss>-<random hex>.eml`, so they sort by time, and are readable by the
/// owner only (mode 0600). Each is written to a temporary file first and renamed into place, so a reader never
/// sees half a message. The folder is made (mode 0700) when the first message is written.
public struct OutboxMailer: Mailer {
    /// The folder messages are written into.
    public let directory: String
    private let clock: @Sendable () -> Int64

    /// - Parameters:
    ///   - directory: the folder to write into, usually `Workspace.outboxDirectory`.
    ///   - clock: the current time in seconds since 1970-01-01 UTC, for the Date header and the file name.
    public init(directory: String, clock: @escaping @Sendable () -> Int64 = Mail.now) {
        self.directory = directory
        self.clock = clock
    }

    public func send(_ message: MailMessage) throws(MailError) {
        _ = try write(message)
    }

    /// Writes `message` into the folder and returns the new file's path.
    @discardableResult
    public func write(_ message: MailMessage) throws(MailError) -> String {
        let seconds = clock()
        let bytes = try message.rfc5322(
            date: Mail.date(seconds: seconds), messageID: Mail.newMessageID(from: message.from, seconds: seconds))
        let path = FileIO.join(directory, "\(Mail.fileStamp(seconds: seconds))-\(Mail.randomHex(bytes: 8)).eml")
        do {
            try FileIO.makeDirectory(directory, mode: 0o700)
            try FileIO.write(bytes, to: path, mode: 0o600, overwrite: false)
        } catch {
            throw MailError("the message could not be written to the outbox: \(error)")
        }
        return path
    }
}

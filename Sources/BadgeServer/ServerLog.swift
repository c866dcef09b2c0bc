import Foundation
import Logging

/// The server's log: what Hummingbird's default logger writes (swift-log's `StreamLogHandler`, on standard error,
/// level `info` or `LOG_LEVEL`), with metadata kept as given and formatted only when a message is written.
/// Hummingbird gives every request a logger with a request id of its own; the default handler formats its metadata
/// each time it is set, for messages that at the default level are almost never written.
struct ServerLogHandler: LogHandler {
    private var base: StreamLogHandler
    var metadata: Logger.Metadata = [:]

    init(label: String) {
        base = StreamLogHandler.standardError(label: label)
    }

    /// The logger `laurel serve` runs with.
    static func logger(label: String) -> Logger {
        var logger = Logger(label: label) { ServerLogHandler(label: $0) }
        if let level = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap({ Logger.Level(rawValue: $0) }) {
            logger.logLevel = level
        }
        return logger
    }

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var event = event
        if !metadata.isEmpty {
            // The message's own metadata wins over the logger's, as with the handler's own.
            event.metadata = metadata.merging(event.metadata ?? [:]) { $1 }
        }
        base.log(event: event)
    }
}

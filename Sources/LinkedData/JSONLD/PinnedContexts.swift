/// The JSON-LD contexts compiled into Laurel, and the offline document loader that serves them.
///
/// Credentials name their contexts by URL (`https://www.w3.org/ns/credentials/v2`,
/// `https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json`, …). Fetching them at verification time would
/// make verification depend on the network and on whoever controls those URLs; VC Data Model 2.0 asks
/// verifiers to treat the base context as already retrieved, and VC Data Integrity accepts a local-only loader
/// as context validation. Laurel pins verbatim copies (see `Schemas/contexts/SOURCES.md` for their origin and
/// SHA-256) and refuses every other URL.
public enum PinnedContexts {
    /// One pinned context document.
    public struct Entry: Sendable {
        /// Path of the source file under `Schemas/contexts/`.
        public let file: String
        /// The URLs this document is served for.
        public let urls: [String]
        /// SHA-256 of `text` (its UTF-8 bytes), lowercase hex.
        public let sha256: String
        /// The document, byte for byte as published.
        public let text: String
    }

    /// The loader serving exactly the pinned contexts, with a processed-context cache shared process-wide.
    public static let loader: StaticDocumentLoader = {
        var documents: [String: String] = [:]
        for entry in entries {
            for url in entry.urls {
                documents[url] = entry.text
            }
        }
        return StaticDocumentLoader(documents: documents)
    }()

    /// Every URL the pinned loader serves.
    public static var urls: [String] {
        entries.flatMap(\.urls).sorted()
    }
}

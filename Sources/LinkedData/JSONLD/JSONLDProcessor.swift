/// A JSON-LD 1.1 processor: expansion and deserialization to RDF exactly as the JSON-LD 1.1 Processing
/// Algorithms and API define them, with an offline pinned document loader and safe mode on by default.
///
/// ```swift
/// let processor = JSONLDProcessor()                  // pinned contexts, safe mode
/// let dataset = try processor.toRDF(credential)      // RDF dataset for RDFC-1.0
/// ```
///
/// A processor is immutable and can be shared between threads. Processed contexts are cached (in the
/// loader's cache when it offers one, as `PinnedContexts.loader` does), so a context document is parsed and
/// processed once, not once per document.
public struct JSONLDProcessor: Sendable {
    /// The loader that dereferences remote contexts (by default only the pinned ones).
    public let loader: any DocumentLoader
    /// The options every call uses.
    public let options: JSONLDOptions
    let cache: ProcessedContextCache

    /// A processor using `loader` for remote contexts, with `options` (safe mode is on by default).
    public init(loader: any DocumentLoader = PinnedContexts.loader, options: JSONLDOptions = .init()) {
        self.loader = loader
        self.options = options
        self.cache = loader.processedContextCache ?? ProcessedContextCache()
    }

    /// Expands `document` (§9.2 `expand()`): removes its context, turns terms and compact IRIs into IRIs and
    /// puts every value in expanded form. `documentURL` is the document's own URL, if it has one; it serves as
    /// base IRI unless `options.base` is set. The result is always an array.
    public func expand(_ document: JSONValue, documentURL: String? = nil) throws(JSONLDError) -> JSONValue {
        let run = JSONLDRun(options: options, loader: loader, sharedCache: cache)
        return .array(try run.expandDocument(document, documentURL: documentURL))
    }

    /// Deserializes `document` to an RDF dataset (§9.2 `toRdf()`): expansion, then the Deserialize JSON-LD to
    /// RDF algorithm. In safe mode, anything toRdf would drop (a relative IRI, a blank node predicate, a base
    /// direction without `rdfDirection`) is a `DATA_LOSS_DETECTION_ERROR`.
    public func toRDF(_ document: JSONValue, documentURL: String? = nil) throws(JSONLDError) -> RDFDataset {
        let run = JSONLDRun(options: options, loader: loader, sharedCache: cache)
        run.forRDF = true
        let expanded = try run.expandDocument(document, documentURL: documentURL)
        return try run.toRDF(expanded)
    }

    /// Parses JSON text (within `options.limits`) and expands it.
    public func expand(json text: String, documentURL: String? = nil) throws(JSONLDError) -> JSONValue {
        try expand(parse(Array(text.utf8)), documentURL: documentURL)
    }

    /// Parses JSON text (within `options.limits`) and deserializes it to RDF.
    public func toRDF(json text: String, documentURL: String? = nil) throws(JSONLDError) -> RDFDataset {
        try toRDF(parse(Array(text.utf8)), documentURL: documentURL)
    }

    private func parse(_ bytes: [UInt8]) throws(JSONLDError) -> JSONValue {
        let limits = options.limits
        if bytes.count > limits.maxInputBytes {
            throw JSONLDError(
                .inputTooLarge,
                "the document is \(bytes.count) bytes, more than the limit of \(limits.maxInputBytes) bytes")
        }
        do {
            return try JSONParser(limits: JSONLimits(maxBytes: limits.maxInputBytes, maxDepth: limits.maxDepth))
                .parse(bytes)
        } catch {
            if error.code == .tooDeep {
                throw JSONLDError(.nestingTooDeep, error.description)
            }
            throw JSONLDError(.invalidJSON, error.description)
        }
    }
}

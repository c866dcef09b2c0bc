/// Options of the JSON-LD algorithms (the parts of `JsonLdOptions` that expansion and toRdf use), plus
/// Laurel's safe mode and resource limits.
public struct JSONLDOptions: Sendable, Hashable {
    /// The processing mode: `json-ld-1.1` (default) or `json-ld-1.0`.
    public enum ProcessingMode: String, Sendable, Hashable {
        case jsonLD10 = "json-ld-1.0"
        case jsonLD11 = "json-ld-1.1"
    }

    /// How value objects with a base direction become RDF (`rdfDirection`).
    public enum RDFDirection: String, Sendable, Hashable {
        /// A literal whose datatype is `https://www.w3.org/ns/i18n#` + language + `_` + direction.
        case i18nDatatype = "i18n-datatype"
        /// A blank node with `rdf:value`, `rdf:language` and `rdf:direction`.
        case compoundLiteral = "compound-literal"
    }

    /// The base IRI to use when expanding the document; it overrides the document URL as base IRI.
    public var base: String?
    /// A context to apply before the document's own (`expandContext`): a context, or a map with `@context`.
    public var expandContext: JSONValue?
    /// Safe mode (default on): any member, type or value that expansion or toRdf would silently drop is a
    /// `DATA_LOSS_DETECTION_ERROR` naming its JSON path, as VC Data Integrity §2.4.3 requires.
    public var safeMode: Bool
    /// The processing mode (`processingMode`): `json-ld-1.1` unless JSON-LD 1.0 behaviour is required.
    public var processingMode: ProcessingMode
    /// `nil` (default) drops the base direction of values in toRdf (an error in safe mode).
    public var rdfDirection: RDFDirection?
    /// Keep triples whose predicate is a blank node (generalized RDF). Off by default.
    public var produceGeneralizedRdf: Bool
    /// Resource limits (input size, nesting depth, context loads, work budget).
    public var limits: JSONLDLimits

    public init(
        base: String? = nil, expandContext: JSONValue? = nil, safeMode: Bool = true,
        processingMode: ProcessingMode = .jsonLD11, rdfDirection: RDFDirection? = nil,
        produceGeneralizedRdf: Bool = false, limits: JSONLDLimits = .default
    ) {
        self.base = base
        self.expandContext = expandContext
        self.safeMode = safeMode
        self.processingMode = processingMode
        self.rdfDirection = rdfDirection
        self.produceGeneralizedRdf = produceGeneralizedRdf
        self.limits = limits
    }
}

/// Resource limits that keep hostile documents cheap. The defaults leave ample room for credentials.
public struct JSONLDLimits: Sendable, Hashable {
    /// Largest document accepted by the entry points that parse text, in bytes.
    public var maxInputBytes: Int
    /// Deepest nesting of arrays and objects accepted in a document or context.
    public var maxDepth: Int
    /// Most context documents (remote contexts and `@import`s) dereferenced while processing one document,
    /// counting each time one is applied, including from the cache.
    public var maxContextLoads: Int
    /// Most steps of work (elements expanded, terms defined, contexts applied, quads produced) for one document.
    public var maxWorkSteps: Int
    /// Deepest chain of remote contexts that include one another (the spec's "context overflow" limit).
    public var maxRemoteContextDepth: Int

    public init(
        maxInputBytes: Int = 8 * 1024 * 1024, maxDepth: Int = 128, maxContextLoads: Int = 256,
        maxWorkSteps: Int = 2_000_000, maxRemoteContextDepth: Int = 32
    ) {
        self.maxInputBytes = maxInputBytes
        self.maxDepth = maxDepth
        self.maxContextLoads = maxContextLoads
        self.maxWorkSteps = maxWorkSteps
        self.maxRemoteContextDepth = maxRemoteContextDepth
    }

    /// The defaults: 8 MiB, 128 levels, 256 context loads, 2,000,000 steps, remote contexts 32 deep.
    public static let `default` = JSONLDLimits()
}

/// The RDF 1.1 data model shared by JSON-LD toRdf, N-Quads and RDFC-1.0 canonicalization.

/// An RDF term: an IRI, a blank node or a literal.
public enum RDFTerm: Sendable, Hashable {
    /// An absolute IRI, without angle brackets.
    case iri(String)
    /// A blank node, by its label without the `_:` prefix.
    case blank(String)
    case literal(RDFLiteral)

    /// Equal terms: lengths are compared before the characters, which settles most unequal IRIs at once (the
    /// IRIs of one document mostly share long prefixes, so String's comparison would read far into them).
    public static func == (lhs: RDFTerm, rhs: RDFTerm) -> Bool {
        switch (lhs, rhs) {
        case (.iri(let left), .iri(let right)), (.blank(let left), .blank(let right)):
            return left.utf8.count == right.utf8.count && left == right
        case (.literal(let left), .literal(let right)):
            return left.lexicalForm.utf8.count == right.lexicalForm.utf8.count && left == right
        default:
            return false
        }
    }
}

/// An RDF literal: a lexical form with a datatype IRI, and a language tag for `rdf:langString`.
public struct RDFLiteral: Sendable, Hashable {
    public var lexicalForm: String
    /// Datatype IRI; `xsd:string` for plain strings, `rdf:langString` when `language` is set.
    public var datatype: String
    /// BCP 47 language tag (only with `rdf:langString`).
    public var language: String?

    public init(_ lexicalForm: String, datatype: String = RDFVocabulary.xsdString, language: String? = nil) {
        self.lexicalForm = lexicalForm
        self.language = language
        self.datatype = language == nil ? datatype : RDFVocabulary.rdfLangString
    }
}

/// A quad: a triple and the graph it is in (`nil` for the default graph).
public struct RDFQuad: Sendable, Hashable {
    public var subject: RDFTerm
    public var predicate: RDFTerm
    public var object: RDFTerm
    public var graph: RDFTerm?

    public init(subject: RDFTerm, predicate: RDFTerm, object: RDFTerm, graph: RDFTerm? = nil) {
        self.subject = subject
        self.predicate = predicate
        self.object = object
        self.graph = graph
    }
}

/// An RDF dataset as an ordered list of quads (duplicates are the producer's concern).
public struct RDFDataset: Sendable, Hashable {
    public var quads: [RDFQuad] {
        didSet { isKnownDistinct = false }
    }
    /// Whether the producer guarantees that no two quads are equal (toRdf does: the W3C suite checks it), so
    /// canonicalization need not look for repeats. Any change to `quads` clears it.
    var isKnownDistinct = false

    public init(quads: [RDFQuad] = []) {
        self.quads = quads
    }

    /// A dataset whose quads are known to be distinct.
    init(distinctQuads: [RDFQuad]) {
        self.quads = distinctQuads
        self.isKnownDistinct = true
    }

    public static func == (lhs: RDFDataset, rhs: RDFDataset) -> Bool {
        lhs.quads == rhs.quads
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(quads)
    }
}

/// IRIs the RDF and JSON-LD algorithms use.
public enum RDFVocabulary {
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    public static let xsd = "http://www.w3.org/2001/XMLSchema#"
    public static let rdfType = rdf + "type"
    public static let rdfFirst = rdf + "first"
    public static let rdfRest = rdf + "rest"
    public static let rdfNil = rdf + "nil"
    public static let rdfLangString = rdf + "langString"
    public static let rdfJSON = rdf + "JSON"
    public static let rdfValue = rdf + "value"
    public static let rdfLanguage = rdf + "language"
    public static let rdfDirection = rdf + "direction"
    public static let xsdString = xsd + "string"
    public static let xsdBoolean = xsd + "boolean"
    public static let xsdInteger = xsd + "integer"
    public static let xsdDouble = xsd + "double"
}

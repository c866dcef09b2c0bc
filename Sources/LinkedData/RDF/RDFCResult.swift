/// The outcome of RDFC-1.0: the serialized canonical form and the issued identifiers map.
public struct RDFCResult: Sendable, Hashable {
    /// The canonical N-Quads document: every quad with its canonical blank node labels, one per line,
    /// each line ending with a line feed, sorted in code point order, without duplicates.
    public let canonicalNQuads: String
    /// The issued identifiers map of the canonical issuer: each input blank node label (without `_:`)
    /// mapped to its canonical identifier (`c14n0`, `c14n1`, ...).
    public let issuedIdentifiers: [String: String]

    public init(canonicalNQuads: String, issuedIdentifiers: [String: String]) {
        self.canonicalNQuads = canonicalNQuads
        self.issuedIdentifiers = issuedIdentifiers
    }
}

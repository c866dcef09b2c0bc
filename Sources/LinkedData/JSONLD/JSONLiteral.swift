/// The canonical lexical form of a JSON literal (`rdf:JSON`, JSON-LD 1.1 API §8.6): the value serialized with
/// the JSON Canonicalization Scheme (RFC 8785), as the spec recommends and the W3C toRdf tests expect.
enum JSONLiteral {
    /// The canonical form, or `nil` when the value has none (a number beyond the range of a double).
    static func canonical(_ value: JSONValue) -> String? {
        try? JCS.canonicalString(value)
    }
}

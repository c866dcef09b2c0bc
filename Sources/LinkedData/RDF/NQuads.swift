/// RDF 1.1 N-Quads: a line-based syntax for RDF datasets, one statement per line.
///
/// `parse` reads the full grammar strictly (IRIs, blank nodes, literals with a datatype or language tag,
/// every `ECHAR` and `UCHAR` escape, comments, default and named graphs) and reports the line and column of
/// the first problem. `serialize` writes the canonical N-Quads form that RDFC-1.0 (Appendix A) defines:
/// single spaces between terms, `xsd:string` literals without a datatype, the minimal escapes in strings and
/// a final line feed.
public enum NQuads {
    /// Parses an N-Quads document into a dataset, keeping statements in document order and blank node
    /// labels as written (without `_:`). Duplicate statements are kept; RDFC-1.0 treats them as one.
    ///
    /// - Parameter maxQuads: the most statements accepted, a guard against runaway input.
    public static func parse(_ text: String, maxQuads: Int = 1_000_000) throws(NQuadsError) -> RDFDataset {
        var text = text
        let result: Result<[RDFQuad], NQuadsError> = text.withUTF8 { bytes in
            var parser = NQuadsParser(bytes: bytes, maxQuads: maxQuads)
            do throws(NQuadsError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return RDFDataset(quads: try result.get())
    }

    /// One statement in canonical N-Quads form, ending with `"\n"`. Blank nodes keep their labels.
    public static func serialize(_ quad: RDFQuad) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(128)
        NQuadsWriter.append(quad, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Every statement of `dataset` in canonical N-Quads form, in the dataset's order (not sorted).
    public static func serialize(_ dataset: RDFDataset) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(dataset.quads.count * 128)
        for quad in dataset.quads {
            NQuadsWriter.append(quad, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A single term as N-Quads writes it: `<iri>`, `_:label` or a literal in canonical form.
    public static func serialize(_ term: RDFTerm) -> String {
        var bytes: [UInt8] = []
        NQuadsWriter.append(term, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

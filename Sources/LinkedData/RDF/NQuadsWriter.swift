/// Writes terms in canonical N-Quads form (RDFC-1.0 Appendix A) as UTF-8 bytes.
///
/// IRIs and language tags are written as they are. In a literal's string, `\b \t \n \f \r \" \\` use the
/// two-character escapes, the other controls U+0000–U+001F, U+007F and the non-characters U+FFFE and U+FFFF
/// (outside the XML 1.1 `Char` production) use `\uXXXX` with upper-case hex, and everything else is written
/// as itself. `xsd:string` literals carry no datatype.
enum NQuadsWriter {
    static func append(_ term: borrowing RDFTerm, to out: inout [UInt8]) {
        switch term {
        case .iri(let iri):
            appendIRI(iri, to: &out)
        case .blank(let label):
            out.append(0x5F)  // _
            out.append(0x3A)  // :
            appendRaw(label, to: &out)
        case .literal(let literal):
            appendLiteral(literal, to: &out)
        }
    }

    /// One statement with its terminating `" .\n"`.
    static func append(_ quad: RDFQuad, to out: inout [UInt8]) {
        append(quad.subject, to: &out)
        out.append(0x20)
        append(quad.predicate, to: &out)
        out.append(0x20)
        append(quad.object, to: &out)
        out.append(0x20)
        if let graph = quad.graph {
            append(graph, to: &out)
            out.append(0x20)
        }
        out.append(0x2E)  // .
        out.append(0x0A)
    }

    static func appendIRI(_ iri: String, to out: inout [UInt8]) {
        out.append(0x3C)  // <
        appendRaw(iri, to: &out)
        out.append(0x3E)  // >
    }

    static func appendLiteral(_ literal: borrowing RDFLiteral, to out: inout [UInt8]) {
        out.append(0x22)
        appendEscaped(literal.lexicalForm, to: &out)
        out.append(0x22)
        if let language = literal.language {
            out.append(0x40)  // @
            appendRaw(language, to: &out)
        } else if literal.datatype != RDFVocabulary.xsdString {
            out.append(0x5E)  // ^
            out.append(0x5E)
            appendIRI(literal.datatype, to: &out)
        }
    }

    @inline(__always)
    static func appendRaw(_ text: String, to out: inout [UInt8]) {
        if text.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) == nil {
            out.append(contentsOf: text.utf8)
        }
    }

    /// The string body of a literal in canonical form.
    static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                // Fast path: bytes that never need an escape (everything but controls, ", \, DEL and 0xEF,
                // the lead byte of U+F000–U+FFFF where U+FFFE and U+FFFF live).
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0x7F && byte != 0xEF {
                    index += 1
                    continue
                }
                if byte == 0xEF {
                    if index + 2 < count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                        appendUCHAR(bytes[index + 2] == 0xBE ? 0xFFFE : 0xFFFF, to: &out)
                        index += 3
                        runStart = index
                    } else {
                        index += 1
                    }
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                switch byte {
                case 0x08: out.append(0x5C); out.append(0x62)  // \b
                case 0x09: out.append(0x5C); out.append(0x74)  // \t
                case 0x0A: out.append(0x5C); out.append(0x6E)  // \n
                case 0x0C: out.append(0x5C); out.append(0x66)  // \f
                case 0x0D: out.append(0x5C); out.append(0x72)  // \r
                case 0x22: out.append(0x5C); out.append(0x22)  // \"
                case 0x5C: out.append(0x5C); out.append(0x5C)  // \\
                default: appendUCHAR(UInt16(byte), to: &out)
                }
                index += 1
                runStart = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<count]))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// `\uXXXX` with upper-case hex.
    private static func appendUCHAR(_ value: UInt16, to out: inout [UInt8]) {
        out.append(0x5C)
        out.append(0x75)  // u
        out.append(hexDigits[Int(value >> 12)])
        out.append(hexDigits[Int(value >> 8 & 0xF)])
        out.append(hexDigits[Int(value >> 4 & 0xF)])
        out.append(hexDigits[Int(value & 0xF)])
    }
}

/// The kinds of image an Open Badges credential can be baked into.
public enum ImageKind: String, Sendable, Hashable, CaseIterable {
    /// A PNG datastream (starts with the 8-byte PNG signature).
    case png
    /// An SVG document (XML whose root element is `svg`).
    case svg
    /// Anything else.
    case unknown
}

/// Recognising images by their content, not their file name.
public enum BakedImage {
    /// How far into a document `kind(of:)` looks for the root `<svg` start tag (past an XML declaration,
    /// comments and a document type declaration).
    public static let svgSniffWindow = 64 * 1024

    /// The kind of image `bytes` holds, judged by content: the PNG signature, or an XML document (UTF-8, with or
    /// without a byte order mark) whose first element is `svg` (any prefix).
    public static func kind(of bytes: [UInt8]) -> ImageKind {
        if bytes.count >= 8, Array(bytes[0..<8]) == PNGDatastream.signature { return .png }
        return looksLikeSVG(bytes) ? .svg : .unknown
    }

    static func looksLikeSVG(_ bytes: [UInt8]) -> Bool {
        let scanner = XMLScanner(bytes: bytes)
        var index = scanner.position
        let end = min(bytes.count, svgSniffWindow)
        func skip(past literal: StaticString, from start: Int) -> Int? {
            var cursor = start
            while cursor < end {
                if scanner.matches(literal, at: cursor) { return cursor + literal.utf8CodeUnitCount }
                cursor += 1
            }
            return nil
        }
        while index < end {
            let byte = bytes[index]
            if isXMLWhitespace(byte) {
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "<") else { return false }
            if scanner.matches("<?", at: index) {
                guard let next = skip(past: "?>", from: index + 2) else { return false }
                index = next
            } else if scanner.matches("<!--", at: index) {
                guard let next = skip(past: "-->", from: index + 4) else { return false }
                index = next
            } else if scanner.matches("<!DOCTYPE", at: index) {
                // Skip to the closing '>', stepping over quoted literals and an internal subset.
                var cursor = index + 9
                var quote: UInt8? = nil
                var bracketDepth = 0
                while cursor < end {
                    let current = bytes[cursor]
                    if let open = quote {
                        if current == open { quote = nil }
                    } else if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
                        quote = current
                    } else if current == UInt8(ascii: "[") {
                        bracketDepth += 1
                    } else if current == UInt8(ascii: "]") {
                        bracketDepth -= 1
                    } else if current == UInt8(ascii: ">") && bracketDepth <= 0 {
                        break
                    }
                    cursor += 1
                }
                guard cursor < end else { return false }
                index = cursor + 1
            } else {
                // The first element: its local name must be "svg".
                var nameEnd = index + 1
                while nameEnd < end, !isXMLWhitespace(bytes[nameEnd]), bytes[nameEnd] != UInt8(ascii: ">"),
                    bytes[nameEnd] != UInt8(ascii: "/")
                {
                    nameEnd += 1
                }
                guard nameEnd < end else { return false }
                let name = bytes[(index + 1)..<nameEnd]
                let local = name.lastIndex(of: UInt8(ascii: ":")).map { name[($0 + 1)...] } ?? name
                return local.elementsEqual("svg".utf8)
            }
        }
        return false
    }

    static func unsupported(_ bytes: [UInt8]) -> BakingError {
        let what: String
        if bytes.isEmpty {
            what = "the image is empty"
        } else if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF {
            what = "the image is a JPEG"
        } else if bytes.count >= 6, bytes.starts(with: Array("GIF8".utf8)) {
            what = "the image is a GIF"
        } else if bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B {
            what = "the image is gzip-compressed (an .svgz?); decompress it first"
        } else if bytes.count >= 2, bytes[0] == 0xFE && bytes[1] == 0xFF || bytes[0] == 0xFF && bytes[1] == 0xFE {
            what = "the document is UTF-16; only UTF-8 SVG is supported"
        } else {
            what = "the bytes are neither a PNG (no PNG signature) nor an SVG (no <svg> root element)"
        }
        return BakingError(.unsupportedImage, "\(what); Open Badges can only be baked into PNG or SVG", offset: 0)
    }
}

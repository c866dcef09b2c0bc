/// The little of RFC 3986 that `$id` and `$ref` need: splitting off a fragment and resolving a reference
/// against a base URI (§5.2, with dot-segment removal).
///
/// The delimiters are ASCII, so references are split on their UTF-8 code units (a code point never contains an
/// ASCII byte it does not stand for), as RFC 3986 reads them: by code point, not by grapheme cluster. Compiling a
/// schema resolves a reference for every `$ref` and `$id`, so this runs a few hundred times per schema.
enum SchemaURI {
    struct Parts {
        var scheme: String?
        var authority: String?
        var path: String
        var query: String?
        var fragment: String?

        var recomposed: String {
            var text = ""
            if let scheme { text += scheme + ":" }
            if let authority { text += "//" + authority }
            text += path
            if let query { text += "?" + query }
            if let fragment { text += "#" + fragment }
            return text
        }
    }

    static func parse(_ reference: String) -> Parts {
        var rest = Substring(reference)
        var parts = Parts(path: "")
        if let hash = rest.utf8.firstIndex(of: UInt8(ascii: "#")) {
            parts.fragment = String(rest[rest.utf8.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.utf8.firstIndex(of: UInt8(ascii: "?")) {
            parts.query = String(rest[rest.utf8.index(after: question)...])
            rest = rest[..<question]
        }
        // A scheme is a letter, then letters, digits, "+", "-" or "."; it ends at the first ":", before any "/".
        if let colon = rest.utf8.firstIndex(where: { $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "/") }),
            rest.utf8[colon] == UInt8(ascii: ":"), colon != rest.startIndex,
            rest.utf8[..<colon].allSatisfy(isSchemeByte)
        {
            parts.scheme = String(rest[..<colon])
            rest = rest[rest.utf8.index(after: colon)...]
        }
        if rest.utf8.starts(with: "//".utf8) {
            rest = rest[rest.utf8.index(rest.startIndex, offsetBy: 2)...]
            let end = rest.utf8.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            parts.authority = String(rest[..<end])
            rest = rest[end...]
        }
        parts.path = String(rest)
        return parts
    }

    private static func isSchemeByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    /// The absolute URI `reference` denotes when read against `base`.
    static func resolve(_ reference: String, against base: String) -> String {
        let ref = parse(reference)
        let baseParts = parse(base)
        var target = Parts(path: "")
        if ref.scheme != nil {
            target = ref
            target.path = removeDotSegments(ref.path)
        } else {
            target.scheme = baseParts.scheme
            if ref.authority != nil {
                target.authority = ref.authority
                target.path = removeDotSegments(ref.path)
                target.query = ref.query
            } else {
                target.authority = baseParts.authority
                if ref.path.isEmpty {
                    target.path = baseParts.path
                    target.query = ref.query ?? baseParts.query
                } else {
                    if ref.path.hasPrefix("/") {
                        target.path = removeDotSegments(ref.path)
                    } else if baseParts.authority != nil && baseParts.path.isEmpty {
                        target.path = removeDotSegments("/" + ref.path)
                    } else if let slash = baseParts.path.utf8.lastIndex(of: UInt8(ascii: "/")) {
                        target.path = removeDotSegments(String(baseParts.path[...slash]) + ref.path)
                    } else {
                        target.path = removeDotSegments(ref.path)
                    }
                    target.query = ref.query
                }
            }
            target.fragment = ref.fragment
        }
        return target.recomposed
    }

    /// The URI without its fragment, and the fragment (empty when there is none).
    static func splitFragment(_ uri: String) -> (base: String, fragment: String) {
        guard let hash = uri.utf8.firstIndex(of: UInt8(ascii: "#")) else { return (uri, "") }
        return (String(uri[..<hash]), String(uri[uri.utf8.index(after: hash)...]))
    }

    private static func removeDotSegments(_ path: String) -> String {
        guard path.utf8.contains(UInt8(ascii: ".")) else { return path }
        var output: [Substring] = []
        let segments = path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map {
            path[$0.startIndex..<$0.endIndex]
        }
        for (index, segment) in segments.enumerated() {
            let isLast = index == segments.count - 1
            if segment == "." {
                if isLast { output.append("") }
            } else if segment == ".." {
                if output.count > 1 { output.removeLast() }
                if isLast { output.append("") }
            } else {
                output.append(segment)
            }
        }
        return output.joined(separator: "/")
    }
}

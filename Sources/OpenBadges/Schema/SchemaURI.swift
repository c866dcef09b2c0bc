/// The little of RFC 3986 that `$id` and `$ref` need: splitting off a fragment and resolving a reference
/// against a base URI (§5.2, with dot-segment removal).
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
        if let hash = rest.firstIndex(of: "#") {
            parts.fragment = String(rest[rest.index(after: hash)...])
            rest = rest[..<hash]
        }
        if let question = rest.firstIndex(of: "?") {
            parts.query = String(rest[rest.index(after: question)...])
            rest = rest[..<question]
        }
        if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains("/"), colon != rest.startIndex,
            rest[..<colon].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        {
            parts.scheme = String(rest[..<colon])
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex(of: "/") ?? rest.endIndex
            parts.authority = String(rest[..<end])
            rest = rest[end...]
        }
        parts.path = String(rest)
        return parts
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
                    } else if let slash = baseParts.path.lastIndex(of: "/") {
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
        guard let hash = uri.firstIndex(of: "#") else { return (uri, "") }
        return (String(uri[..<hash]), String(uri[uri.index(after: hash)...]))
    }

    private static func removeDotSegments(_ path: String) -> String {
        guard path.contains(".") else { return path }
        var output: [Substring] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
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

extension BadgeBaker {
    /// Bakes a credential into an SVG (OB 3.0 §"SVG" / "Baking").
    ///
    /// "First, add an xmlns:openbadges attribute to the <svg> tag with the value
    /// https://purl.imsglobal.org/ob/v3p0. Directly after the <svg> tag, add an <openbadges:credential> tag."
    /// A VC-JWT goes into its `verify` attribute; JSON goes into the body, wrapped in `<![CDATA[…]]>` (a `]]>`
    /// inside the JSON is split across two CDATA sections). "There MUST be only one <openbadges:credential> tag in
    /// an SVG": any existing one is removed, so re-baking replaces the credential. If the root already binds a prefix
    /// to the namespace, that prefix is used; if `openbadges` is bound to another namespace (an Open Badges 2.0
    /// badge), a fresh prefix is chosen. Everything else in the document is kept byte for byte.
    ///
    /// The SVG is checked first with a bounded tokenizer that never expands entities and refuses `<!ENTITY` and a
    /// document type declaration with an internal subset.
    public static func bake(
        _ payload: String, intoSVG svg: String, limits: BakingLimits = .default
    ) throws(BakingError) -> String {
        let prepared = try BakedPayload(checking: payload, limits: limits)
        if let bad = prepared.text.unicodeScalars.first(where: { !isXMLChar($0) }) {
            throw BakingError(
                .invalidPayload,
                "the credential contains U+\(String(bad.value, radix: 16, uppercase: true)), which XML cannot carry; "
                    + "write it as a \\u escape in the JSON")
        }
        let bytes = Array(svg.utf8)
        let document = try SVGBadgeDocument(bytes: bytes, limits: limits)
        let root = document.root

        // The prefix to use, and whether the root must declare it.
        var declaredPrefix: String? = nil
        var rootPrefixes: Set<String> = []
        for attribute in root.attributes where attribute.name.hasPrefix("xmlns:") {
            let prefix = String(attribute.name.dropFirst(6))
            rootPrefixes.insert(prefix)
            if declaredPrefix == nil, document.value(of: attribute) == svgNamespace { declaredPrefix = prefix }
        }
        let prefix: String
        if let declaredPrefix {
            prefix = declaredPrefix
        } else {
            var candidate = "openbadges"
            var counter = 3
            while rootPrefixes.contains(candidate) {
                candidate = "openbadges\(counter)"
                counter += 1
            }
            prefix = candidate
        }

        var element = "<\(prefix):credential"
        switch prepared.format {
        case .compactJWS:
            element += " verify=\"\(escapeAttribute(prepared.text))\"></\(prefix):credential>"
        case .json:
            element += "><![CDATA[\(prepared.text.replacing("]]>", with: "]]]]><![CDATA[>"))]]></\(prefix):credential>"
        }

        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + element.utf8.count + 80)
        output.append(contentsOf: bytes[0..<root.attributesEnd])
        if declaredPrefix == nil {
            output.append(contentsOf: " xmlns:\(prefix)=\"\(svgNamespace)\"".utf8)
        }
        if root.isEmptyElement {
            // <svg …/> becomes <svg …><credential/></svg>.
            output.append(contentsOf: bytes[root.attributesEnd..<root.closeStart])
            output.append(UInt8(ascii: ">"))
            output.append(contentsOf: element.utf8)
            output.append(contentsOf: "</\(root.name)>".utf8)
        } else {
            output.append(contentsOf: bytes[root.attributesEnd..<root.range.upperBound])
            output.append(contentsOf: element.utf8)
        }
        // The rest of the document, leaving out every existing credential element.
        var cursor = root.range.upperBound
        for credential in document.credentials where credential.range.lowerBound >= cursor {
            output.append(contentsOf: bytes[cursor..<credential.range.lowerBound])
            cursor = credential.range.upperBound
        }
        output.append(contentsOf: bytes[cursor...])
        return String(decoding: output, as: UTF8.self)
    }

    /// Extracts the credential from an SVG (OB 3.0 §"SVG" / "Extracting"): the `verify` attribute of the
    /// `credential` element in the `https://purl.imsglobal.org/ob/v3p0` namespace (whatever its prefix), or else
    /// its text and CDATA content, without surrounding whitespace.
    ///
    /// Two such elements are an error (`multipleCredentials`); an Open Badges 2.0 `<openbadges:assertion>` gives
    /// `legacyBadge`.
    public static func extract(fromSVG svg: String, limits: BakingLimits = .default) throws(BakingError) -> String {
        let document = try SVGBadgeDocument(bytes: Array(svg.utf8), limits: limits)
        guard let credential = document.credentials.first else {
            if let legacy = document.legacyAssertionOffsets.first {
                throw BakingError(
                    .legacyBadge,
                    "the SVG holds an Open Badges 2.0 badge (<assertion> in the http://openbadges.org namespace at "
                        + "\(document.location(legacy))), not an Open Badges 3.0 credential",
                    offset: legacy)
            }
            throw BakingError(
                .noCredential,
                "the SVG has no <credential> element in the \(svgNamespace) namespace, so no credential is baked "
                    + "into it")
        }
        guard document.credentials.count == 1 else {
            let places = document.credentials.prefix(3).map { document.location($0.range.lowerBound) }
                .joined(separator: "; ") + (document.credentials.count > 3 ? "; …" : "")
            throw BakingError(
                .multipleCredentials,
                "the SVG has \(document.credentials.count) <openbadges:credential> elements (at \(places)); OB 3.0 "
                    + "allows only one, so the credential is ambiguous",
                offset: document.credentials[1].range.lowerBound)
        }
        let at = document.location(credential.range.lowerBound)
        guard !credential.hasChildElements else {
            throw BakingError(
                .malformedCredentialElement,
                "the <openbadges:credential> element at \(at) contains child elements; it should hold only the "
                    + "credential text", offset: credential.range.lowerBound)
        }
        let verify = credential.verify.map { String(trimXMLWhitespace($0.utf8[...])) ?? $0 } ?? ""
        let body = String(trimXMLWhitespace(credential.body.utf8[...])) ?? credential.body
        if !verify.isEmpty && !body.isEmpty {
            throw BakingError(
                .malformedCredentialElement,
                "the <openbadges:credential> element at \(at) has both a verify attribute and a body; a VC-JWT goes "
                    + "in verify, JSON in the body, never both", offset: credential.range.lowerBound)
        }
        return try checkedPayload(
            verify.isEmpty ? body : verify, of: "<openbadges:credential> element at \(at)", what: "credential",
            offset: credential.range.lowerBound, limits: limits)
    }

    /// `payload`, the text of the baked `element`, when it is neither empty nor over the payload limit.
    static func checkedPayload(
        _ payload: String, of element: String, what: String, offset: Int, limits: BakingLimits
    ) throws(BakingError) -> String {
        guard !payload.isEmpty else {
            throw BakingError(
                .invalidPayload, "the \(element) is empty (no verify attribute and no body)", offset: offset)
        }
        guard payload.utf8.count <= limits.maxPayloadBytes else {
            throw BakingError(
                .payloadTooLarge,
                "the baked \(what) is \(payload.utf8.count) bytes, more than the limit of "
                    + "\(limits.maxPayloadBytes) bytes", offset: offset)
        }
        return payload
    }

    /// `text` escaped for a double-quoted XML attribute value.
    static func escapeAttribute(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t": result += "&#9;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}

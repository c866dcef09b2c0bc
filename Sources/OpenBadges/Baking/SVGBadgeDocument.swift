/// An `<openbadges:credential>` element found in an SVG.
struct SVGCredentialElement: Sendable, Hashable {
    /// From the `<` of the start tag to just after the end tag (or the empty-element tag).
    var range: Range<Int>
    /// The decoded `verify` attribute, if present.
    var verify: String?
    /// The element's character data and CDATA sections, decoded and concatenated.
    var body: String
    /// Whether the element contains child elements (a baked credential has none).
    var hasChildElements: Bool
}

/// What a well-formedness pass over an SVG finds that baking and extraction need: the root `<svg>` start tag,
/// every Open Badges 3.0 credential element, and how many Open Badges 2.0 assertion elements there are.
///
/// Namespace prefixes are resolved (Namespaces in XML 1.0), so `<ob:credential>` with
/// `xmlns:ob="https://purl.imsglobal.org/ob/v3p0"` is found, and `<openbadges:credential>` with the prefix bound to
/// another namespace is not.
struct SVGBadgeDocument {
    static let ob3Namespace = "https://purl.imsglobal.org/ob/v3p0"
    static let ob2Namespace = "http://openbadges.org"

    var scanner: XMLScanner
    var root: XMLStartTag
    var credentials: [SVGCredentialElement] = []
    var legacyAssertionOffsets: [Int] = []
    /// The Open Badges 2.0 `<assertion>` elements (in the `http://openbadges.org` namespace), in document order.
    var legacyAssertions: [SVGCredentialElement] = []

    var bytes: [UInt8] { scanner.bytes }

    init(bytes: [UInt8], limits: BakingLimits) throws(BakingError) {
        guard bytes.count <= limits.maxImageBytes else {
            throw BakingError(
                .imageTooLarge,
                "the image is \(bytes.count) bytes, more than the limit of \(limits.maxImageBytes) bytes")
        }
        var scanner = XMLScanner(bytes: bytes)

        struct OpenElement {
            var name: String
            var start: Int
            var bindingCount: Int
        }
        struct Capture {
            var depth: Int
            var start: Int
            var verify: String?
            var body: String
            var hasChildElements: Bool

            /// The element captured, ending at `end`.
            func element(endingAt end: Int) -> SVGCredentialElement {
                SVGCredentialElement(
                    range: start..<end, verify: verify, body: body, hasChildElements: hasChildElements)
            }
        }

        var stack: [OpenElement] = []
        // In-scope namespace declarations: for each prefix ("" is the default namespace) a stack of URIs, innermost
        // last; `declared` lists the prefixes each open element declared, so they can be popped when it closes.
        var bindings: [String: [String]] = ["xml": ["http://www.w3.org/XML/1998/namespace"]]
        var declared: [String] = []
        var root: XMLStartTag? = nil
        var rootClosed = false
        var sawDoctype = false
        var capture: Capture? = nil
        var legacyCapture: Capture? = nil
        var credentials: [SVGCredentialElement] = []
        var legacy: [Int] = []
        var legacyElements: [SVGCredentialElement] = []

        func namespace(of prefix: String) -> String? {
            guard let uri = bindings[prefix]?.last, !uri.isEmpty else { return nil }
            return uri
        }
        func unbind(_ count: Int) {
            for _ in 0..<count {
                let prefix = declared.removeLast()
                bindings[prefix]!.removeLast()
            }
        }

        while let event = try scanner.next(limits: limits) {
            switch event {
            case .comment, .processingInstruction:
                continue
            case .doctype(let range):
                if sawDoctype || root != nil {
                    throw scanner.error(
                        .malformedXML, "a document type declaration may only appear once, before the root element",
                        at: range.lowerBound)
                }
                sawDoctype = true
            case .text(let content):
                if stack.isEmpty {
                    if let offset = content.first(where: { !isXMLWhitespace(bytes[$0]) }) {
                        throw scanner.error(.malformedXML, "text appears outside the root element", at: offset)
                    }
                } else {
                    if capture != nil, stack.count == capture!.depth {
                        capture!.body += try scanner.decode(content, isAttribute: false)
                    }
                    if legacyCapture != nil, stack.count == legacyCapture!.depth {
                        legacyCapture!.body += try scanner.decode(content, isAttribute: false)
                    }
                }
            case .cdata(let content, let range):
                if stack.isEmpty {
                    throw scanner.error(
                        .malformedXML, "a CDATA section appears outside the root element", at: range.lowerBound)
                }
                if capture != nil, stack.count == capture!.depth {
                    capture!.body += scanner.cdataText(content)
                }
                if legacyCapture != nil, stack.count == legacyCapture!.depth {
                    legacyCapture!.body += scanner.cdataText(content)
                }
            case .startTag(let tag):
                if rootClosed {
                    throw scanner.error(
                        .malformedXML, "a second root element <\(tag.name)> follows the root element",
                        at: tag.range.lowerBound)
                }
                guard stack.count < limits.maxXMLDepth else {
                    throw scanner.error(
                        .tooDeep, "elements are nested more than \(limits.maxXMLDepth) deep",
                        at: tag.range.lowerBound)
                }
                var added = 0
                for attribute in tag.attributes {
                    if attribute.name == "xmlns" {
                        bindings["", default: []].append(scanner.value(of: attribute))
                        declared.append("")
                        added += 1
                    } else if attribute.name.hasPrefix("xmlns:") {
                        let prefix = String(attribute.name.dropFirst(6))
                        let uri = scanner.value(of: attribute)
                        guard !prefix.isEmpty, !prefix.contains(":"), !uri.isEmpty else {
                            throw scanner.error(
                                .malformedXML, "the namespace declaration \(attribute.name) is malformed",
                                at: attribute.range.lowerBound)
                        }
                        bindings[prefix, default: []].append(uri)
                        declared.append(prefix)
                        added += 1
                    }
                }
                let (prefix, localName) = SVGBadgeDocument.split(tag.name)
                let elementNamespace = namespace(of: prefix ?? "")
                if let prefix, elementNamespace == nil {
                    throw scanner.error(
                        .malformedXML, "the prefix '\(prefix)' of <\(tag.name)> is not declared (no xmlns:\(prefix))",
                        at: tag.range.lowerBound)
                }
                if root == nil {
                    guard localName == "svg" else {
                        throw scanner.error(
                            .notSVG, "the root element is <\(tag.name)>, not <svg>", at: tag.range.lowerBound)
                    }
                    root = tag
                }
                if capture != nil { capture!.hasChildElements = true }
                if legacyCapture != nil { legacyCapture!.hasChildElements = true }
                let isCredential = elementNamespace == SVGBadgeDocument.ob3Namespace && localName == "credential"
                let isAssertion = elementNamespace == SVGBadgeDocument.ob2Namespace && localName == "assertion"
                if isAssertion {
                    legacy.append(tag.range.lowerBound)
                    let verify = tag.attribute("verify").map(scanner.value(of:))
                    if tag.isEmptyElement || legacyCapture != nil {
                        legacyElements.append(
                            SVGCredentialElement(range: tag.range, verify: verify, body: "", hasChildElements: false))
                    } else {
                        legacyCapture = Capture(
                            depth: stack.count + 1, start: tag.range.lowerBound, verify: verify, body: "",
                            hasChildElements: false)
                    }
                }
                if tag.isEmptyElement {
                    if isCredential {
                        credentials.append(
                            SVGCredentialElement(
                                range: tag.range, verify: tag.attribute("verify").map(scanner.value(of:)), body: "",
                                hasChildElements: false))
                    }
                    unbind(added)
                    if stack.isEmpty { rootClosed = true }
                } else {
                    stack.append(OpenElement(name: tag.name, start: tag.range.lowerBound, bindingCount: added))
                    if isCredential {
                        if capture == nil {
                            capture = Capture(
                                depth: stack.count, start: tag.range.lowerBound,
                                verify: tag.attribute("verify").map(scanner.value(of:)), body: "",
                                hasChildElements: false)
                        } else {
                            // A credential element inside another one: it counts too (and makes two).
                            credentials.append(
                                SVGCredentialElement(
                                    range: tag.range, verify: tag.attribute("verify").map(scanner.value(of:)), body: "",
                                    hasChildElements: false))
                        }
                    }
                }
            case .endTag(let name, let range):
                guard let open = stack.last else {
                    throw scanner.error(
                        .malformedXML, "the end tag </\(name)> has no matching start tag", at: range.lowerBound)
                }
                guard open.name == name else {
                    let (line, column) = XMLScanner.lineAndColumn(of: open.start, in: bytes)
                    throw scanner.error(
                        .malformedXML,
                        "the end tag </\(name)> does not match <\(open.name)> opened at line \(line), column \(column)",
                        at: range.lowerBound)
                }
                if let captured = capture, captured.depth == stack.count {
                    credentials.append(captured.element(endingAt: range.upperBound))
                    capture = nil
                }
                if let captured = legacyCapture, captured.depth == stack.count {
                    legacyElements.append(captured.element(endingAt: range.upperBound))
                    legacyCapture = nil
                }
                stack.removeLast()
                unbind(open.bindingCount)
                if stack.isEmpty { rootClosed = true }
            }
        }
        if let open = stack.last {
            throw scanner.error(
                .malformedXML, "the element <\(open.name)> is not closed before the end of the document",
                at: open.start)
        }
        guard let root else {
            throw BakingError(.notSVG, "the document has no root element, so it is not an SVG", offset: 0)
        }
        self.scanner = scanner
        self.root = root
        self.credentials = credentials.sorted { $0.range.lowerBound < $1.range.lowerBound }
        self.legacyAssertionOffsets = legacy
        self.legacyAssertions = legacyElements.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// `prefix:local` split at the first colon; no prefix for an unprefixed name.
    static func split(_ name: String) -> (prefix: String?, local: String) {
        guard let colon = name.firstIndex(of: ":") else { return (nil, name) }
        return (String(name[..<colon]), String(name[name.index(after: colon)...]))
    }

    /// An attribute's decoded value.
    func value(of attribute: XMLAttribute) -> String {
        scanner.value(of: attribute)
    }

    func location(_ offset: Int) -> String {
        let (line, column) = XMLScanner.lineAndColumn(of: offset, in: bytes)
        return "line \(line), column \(column)"
    }
}

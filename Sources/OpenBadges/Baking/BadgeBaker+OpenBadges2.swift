extension BadgeBaker {
    /// The PNG text keyword and SVG namespace of an Open Badges 2.0 (and 1.x) baked assertion.
    public static let openBadges2Keyword = "openbadges"
    public static let openBadges2Namespace = "http://openbadges.org"

    /// Extracts an Open Badges 2.0 assertion from a PNG or SVG image (Open Badges Baking Specification 1.0,
    /// "Extracting"), recognised by its content.
    ///
    /// - PNG: the text of the first `iTXt` chunk with keyword `openbadges` (uncompressed), or else of the first
    ///   `tEXt` chunk with that keyword (the pre-specification form, which holds the URL of a hosted assertion).
    ///   Two `iTXt` chunks with the keyword are an error (`multipleCredentials`); a compressed one is refused.
    /// - SVG: the `<assertion>` element in the `http://openbadges.org` namespace (whatever its prefix): its
    ///   `verify` attribute when that is a signed assertion (compact JWS), else its body (the assertion's JSON),
    ///   else its `verify` attribute (the URL of a hosted assertion). Two such elements are an error.
    ///
    /// - Returns: the image kind and the baked text: an assertion's JSON, a compact JWS, or a URL. The text is
    ///   not interpreted further.
    public static func extractOpenBadges2(
        from image: [UInt8], limits: BakingLimits = .default
    ) throws(BakingError) -> (kind: ImageKind, payload: String) {
        switch BakedImage.kind(of: image) {
        case .png:
            return (.png, try extractOpenBadges2(fromPNG: image, limits: limits))
        case .svg:
            return (.svg, try extractOpenBadges2(fromSVG: try decodeSVGText(image), limits: limits))
        case .unknown:
            throw BakedImage.unsupported(image)
        }
    }

    /// The Open Badges 2.0 text of a PNG (see `extractOpenBadges2(from:limits:)`).
    public static func extractOpenBadges2(fromPNG png: [UInt8], limits: BakingLimits = .default) throws(BakingError) -> String {
        try withRawBytes(png) { raw throws(BakingError) -> String in
            let chunks = try PNGDatastream.chunks(in: raw, limits: limits)
            let marked = chunks.filter { isTextChunk($0, keyword: legacyKeywordBytes, in: raw) }
            let international = marked.filter { $0.type == PNGChunk.iTXt }
            if international.count > 1 {
                throw BakingError(
                    .multipleCredentials,
                    "the PNG has \(international.count) iTXt chunks with keyword 'openbadges' (at byte "
                        + "\(international[0].offset) and \(international[1].offset)); only one is allowed, so the "
                        + "badge is ambiguous", offset: international[1].offset)
            }
            if let chunk = international.first {
                return try credentialText(of: chunk, in: raw, limits: limits, keyword: openBadges2Keyword)
                    .trimmingXMLWhitespace
            }
            guard let chunk = marked.first(where: { $0.type == PNGChunk.tEXt }) else {
                if let compressed = marked.first {
                    throw BakingError(
                        .compressedCredential,
                        "the PNG's 'openbadges' chunk at byte \(compressed.offset) is compressed (zTXt), which the "
                            + "baking specification forbids", offset: compressed.offset)
                }
                throw BakingError(
                    .noCredential, "the PNG has no text chunk with keyword 'openbadges', so no badge is baked into it")
            }
            // tEXt: keyword, NUL, Latin-1 text (PNG §11.3.4.3).
            let start = chunk.dataStart + legacyKeywordBytes.count + 1
            let text = UnsafeRawBufferPointer(rebasing: raw[start..<chunk.dataEnd])
            guard text.count <= limits.maxPayloadBytes else {
                throw BakingError(
                    .payloadTooLarge,
                    "the baked badge is \(text.count) bytes, more than the limit of \(limits.maxPayloadBytes) bytes",
                    offset: start)
            }
            var decoded = ""
            decoded.unicodeScalars.append(contentsOf: text.map { Unicode.Scalar($0) })
            guard !decoded.trimmingXMLWhitespace.isEmpty else {
                throw BakingError(
                    .invalidPayload, "the 'openbadges' tEXt chunk at byte \(chunk.offset) has empty text", offset: start)
            }
            return decoded.trimmingXMLWhitespace
        }
    }

    /// The Open Badges 2.0 text of an SVG (see `extractOpenBadges2(from:limits:)`).
    public static func extractOpenBadges2(fromSVG svg: String, limits: BakingLimits = .default) throws(BakingError) -> String {
        let document = try SVGBadgeDocument(bytes: Array(svg.utf8), limits: limits)
        guard let assertion = document.legacyAssertions.first else {
            throw BakingError(
                .noCredential,
                "the SVG has no <assertion> element in the \(openBadges2Namespace) namespace, so no Open Badges 2.0 "
                    + "badge is baked into it")
        }
        let at = document.location(assertion.range.lowerBound)
        guard document.legacyAssertions.count == 1 else {
            throw BakingError(
                .multipleCredentials,
                "the SVG has \(document.legacyAssertions.count) <openbadges:assertion> elements (the first at \(at)); "
                    + "only one is allowed, so the badge is ambiguous",
                offset: document.legacyAssertions[1].range.lowerBound)
        }
        guard !assertion.hasChildElements else {
            throw BakingError(
                .malformedCredentialElement,
                "the <openbadges:assertion> element at \(at) contains child elements; it should hold only the "
                    + "assertion", offset: assertion.range.lowerBound)
        }
        let verify = (assertion.verify ?? "").trimmingXMLWhitespace
        let body = assertion.body.trimmingXMLWhitespace
        return try checkedPayload(
            BakedPayloadFormat.of(verify) == .compactJWS || body.isEmpty ? verify : body,
            of: "<openbadges:assertion> element at \(at)", what: "badge", offset: assertion.range.lowerBound,
            limits: limits)
    }
}

extension String {
    /// The text without XML white space (space, tab, CR, LF) at either end.
    fileprivate var trimmingXMLWhitespace: String {
        String(trimXMLWhitespace(utf8[...])) ?? self
    }
}

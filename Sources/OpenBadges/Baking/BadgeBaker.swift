/// Baking: "the process of taking an OpenBadgeCredential and embedding it into the image, so that when a user
/// displays the image on a page, software that is Open Badges aware can automatically extract that
/// OpenBadgeCredential data" (Open Badges 3.0, §"Baked Badge"). The image must be a PNG or an SVG.
///
/// The baked text is either the JSON representation of the credential (embedded proof) or the Compact JWS string
/// (VC-JWT). Baking an image that already holds a credential replaces it, so an image never holds two.
/// Extraction refuses an image with two credentials as ambiguous.
///
/// - PNG: an uncompressed `iTXt` chunk with keyword `openbadgecredential`, empty language tag and translated
///   keyword, placed just before `IEND`.
/// - SVG: `xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"` on the `<svg>` tag and, directly after it, an
///   `<openbadges:credential>` element holding the JSON in `<![CDATA[…]]>` or the JWS in a `verify` attribute.
public enum BadgeBaker {
    /// The PNG `iTXt` keyword of an Open Badges 3.0 credential.
    public static let pngKeyword = "openbadgecredential"
    /// The XML namespace of the SVG `credential` element.
    public static let svgNamespace = "https://purl.imsglobal.org/ob/v3p0"

    /// Bakes `payload` into a PNG or SVG image, recognised by its content (see `BakedImage.kind(of:)`).
    public static func bake(
        _ payload: String, into image: [UInt8], limits: BakingLimits = .default
    ) throws(BakingError) -> [UInt8] {
        switch BakedImage.kind(of: image) {
        case .png:
            return try bake(payload, intoPNG: image, limits: limits)
        case .svg:
            let svg = try decodeSVGText(image)
            return Array(try bake(payload, intoSVG: svg, limits: limits).utf8)
        case .unknown:
            throw BakedImage.unsupported(image)
        }
    }

    /// Extracts the credential from a PNG or SVG image, recognised by its content.
    ///
    /// - Returns: the image kind and the baked text: the JSON of the credential or its Compact JWS.
    public static func extract(
        from image: [UInt8], limits: BakingLimits = .default
    ) throws(BakingError) -> (kind: ImageKind, payload: String) {
        switch BakedImage.kind(of: image) {
        case .png:
            return (.png, try extract(fromPNG: image, limits: limits))
        case .svg:
            return (.svg, try extract(fromSVG: try decodeSVGText(image), limits: limits))
        case .unknown:
            throw BakedImage.unsupported(image)
        }
    }

    static func decodeSVGText(_ bytes: [UInt8]) throws(BakingError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            var offset = 0
            // Find where decoding first fails, to say where.
            var decoder = UTF8()
            var iterator = bytes.makeIterator()
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let scalar): offset += UTF8.width(scalar)
                case .emptyInput, .error: break loop
                }
            }
            throw BakingError(
                .invalidUTF8, "the SVG is not valid UTF-8 (first bad byte at offset \(offset))", offset: offset)
        }
        return text
    }
}

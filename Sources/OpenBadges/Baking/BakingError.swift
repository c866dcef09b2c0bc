/// Why baking a credential into an image, or extracting one from it, failed.
///
/// `reason` is a plain-language sentence that says what was wrong and where (a byte offset and chunk type for
/// PNG, a line and column for SVG). `offset` is the byte offset into the image the problem was found at, when
/// there is one.
public struct BakingError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        // Image kind and size
        /// The bytes are neither a PNG nor an SVG image.
        case unsupportedImage
        /// The bytes do not start with the PNG signature.
        case notPNG
        /// The document is not an SVG: its root element is not `<svg>`.
        case notSVG
        /// The image is larger than `BakingLimits.maxImageBytes`.
        case imageTooLarge

        // PNG structure
        /// The PNG datastream ends inside a chunk or before `IEND`.
        case truncated
        /// A chunk declares a length above the PNG maximum or `BakingLimits.maxChunkLength`.
        case chunkTooLarge
        /// The PNG has more chunks than `BakingLimits.maxPNGChunks`.
        case tooManyChunks
        /// A chunk type is not four ASCII letters.
        case badChunkType
        /// A chunk's CRC-32 does not match its type and data.
        case badCRC
        /// The first chunk is not a 13-byte `IHDR`, or `IHDR` appears again.
        case missingIHDR
        /// Bytes follow the `IEND` chunk.
        case dataAfterIEND
        /// A text chunk's fields (keyword, flags, null separators) are malformed.
        case malformedChunk
        /// The `openbadgecredential` chunk is compressed; OB 3.0 says compression MUST NOT be used.
        case compressedCredential

        // SVG / XML
        /// The SVG is not well-formed XML (or uses an undeclared prefix or an undefined entity).
        case malformedXML
        /// The SVG has a document type declaration with an internal subset.
        case doctypeForbidden
        /// The SVG declares an entity (`<!ENTITY`).
        case entityForbidden
        /// Elements are nested deeper than `BakingLimits.maxXMLDepth`.
        case tooDeep
        /// The `<openbadges:credential>` element has child elements, or both a `verify` attribute and a body.
        case malformedCredentialElement

        // Credential
        /// The image holds more than one Open Badges 3.0 credential (ambiguous).
        case multipleCredentials
        /// The image holds no Open Badges 3.0 credential.
        case noCredential
        /// The image holds an Open Badges 2.0 (or 1.0) assertion, not an Open Badges 3.0 credential.
        case legacyBadge
        /// Text that must be UTF-8 is not.
        case invalidUTF8
        /// The payload to bake is neither a JSON object nor a compact JWS, or the baked payload is empty.
        case invalidPayload
        /// The payload is larger than `BakingLimits.maxPayloadBytes`.
        case payloadTooLarge
    }

    public var code: Code
    public var reason: String
    /// Byte offset into the image where the problem was found, when known.
    public var offset: Int?

    public init(_ code: Code, _ reason: String, offset: Int? = nil) {
        self.code = code
        self.reason = reason
        self.offset = offset
    }

    public var description: String {
        "\(code.rawValue): \(reason)"
    }
}

/// Work and size limits for baking and extraction, so hostile images end in a `BakingError`, never a hang.
public struct BakingLimits: Sendable, Hashable {
    /// Largest image accepted, in bytes.
    public var maxImageBytes: Int
    /// Largest PNG chunk data length accepted (the PNG format itself allows up to 2^31 - 1).
    public var maxChunkLength: Int
    /// Most chunks accepted in one PNG.
    public var maxPNGChunks: Int
    /// Largest credential payload (JSON or compact JWS) baked or extracted, in UTF-8 bytes.
    public var maxPayloadBytes: Int
    /// Deepest element nesting accepted in an SVG.
    public var maxXMLDepth: Int
    /// Most attributes accepted on one SVG element.
    public var maxXMLAttributes: Int

    public init(
        maxImageBytes: Int = 256 * 1024 * 1024,
        maxChunkLength: Int = 64 * 1024 * 1024,
        maxPNGChunks: Int = 1_000_000,
        maxPayloadBytes: Int = 8 * 1024 * 1024,
        maxXMLDepth: Int = 256,
        maxXMLAttributes: Int = 1024
    ) {
        self.maxImageBytes = maxImageBytes
        self.maxChunkLength = maxChunkLength
        self.maxPNGChunks = maxPNGChunks
        self.maxPayloadBytes = maxPayloadBytes
        self.maxXMLDepth = maxXMLDepth
        self.maxXMLAttributes = maxXMLAttributes
    }

    public static let `default` = BakingLimits()
}

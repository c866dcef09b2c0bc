import LinkedData

/// The two ways an Open Badges 3.0 credential is baked (OB 3.0 §"Baked Badge"): the JSON representation of a
/// credential secured with an embedded proof, or the Compact JWS string of a credential secured with VC-JWT.
public enum BakedPayloadFormat: String, Sendable, Hashable {
    /// The JSON representation of the OpenBadgeCredential (embedded proof).
    case json
    /// The Compact JWS string formed by signing the OpenBadgeCredential with VC-JWT.
    case compactJWS
}

extension BakedPayloadFormat {
    /// The format `payload` looks like: a JSON object (first non-blank character `{`) or three base64url
    /// segments joined by dots. `nil` for anything else. This looks at the shape only; it does not parse JSON.
    public static func of(_ payload: String) -> BakedPayloadFormat? {
        let trimmed = trimXMLWhitespace(payload.utf8[...])
        guard let first = trimmed.first else { return nil }
        if first == UInt8(ascii: "{") { return .json }
        return isCompactJWS(trimmed) ? .compactJWS : nil
    }

    static func isCompactJWS(_ bytes: Substring.UTF8View) -> Bool {
        var segments = 1
        var segmentLength = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard segmentLength > 0 else { return false }
                segments += 1
                segmentLength = 0
            } else if isBase64URL(byte) {
                segmentLength += 1
            } else {
                return false
            }
        }
        return segments == 3 && segmentLength > 0
    }

    static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            return true
        default:
            return false
        }
    }
}

/// Space, tab, carriage return, line feed: the whitespace of XML, JSON and (around) a JWS.
@inline(__always)
func isXMLWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
}

/// `text` without leading and trailing XML whitespace.
func trimXMLWhitespace(_ text: Substring.UTF8View) -> Substring.UTF8View {
    var start = text.startIndex
    var end = text.endIndex
    while start < end, isXMLWhitespace(text[start]) { start = text.index(after: start) }
    while end > start, isXMLWhitespace(text[text.index(before: end)]) { end = text.index(before: end) }
    return text[start..<end]
}

/// A payload checked and ready to bake.
struct BakedPayload {
    var text: String
    var format: BakedPayloadFormat

    /// Checks that `payload` is one credential: a JSON object that parses strictly, or a Compact JWS (surrounding
    /// whitespace is dropped from a JWS; JSON is baked exactly as given).
    init(checking payload: String, limits: BakingLimits) throws(BakingError) {
        let size = payload.utf8.count
        guard size <= limits.maxPayloadBytes else {
            throw BakingError(
                .payloadTooLarge,
                "the credential to bake is \(size) bytes, more than the limit of \(limits.maxPayloadBytes) bytes")
        }
        switch BakedPayloadFormat.of(payload) {
        case .json:
            let value: JSONValue
            do {
                value = try JSONParser(limits: JSONLimits(maxBytes: limits.maxPayloadBytes)).parse(payload)
            } catch {
                throw BakingError(
                    .invalidPayload,
                    "the credential to bake is not valid JSON: \(error.reason) (line \(error.line), column "
                        + "\(error.column))")
            }
            guard case .object = value else {
                throw BakingError(.invalidPayload, "the credential to bake must be one JSON object")
            }
            self.text = payload
            self.format = .json
        case .compactJWS:
            self.text = String(trimXMLWhitespace(payload.utf8[...])) ?? payload
            self.format = .compactJWS
        case nil:
            throw BakingError(
                .invalidPayload,
                "the credential to bake is neither a JSON object (starting with '{') nor a Compact JWS "
                    + "(three base64url parts separated by '.')")
        }
    }
}

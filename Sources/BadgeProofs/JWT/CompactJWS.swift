public import LinkedData
internal import BadgeCrypto

/// A JWS in compact serialization (RFC 7515 §7.1), decoded but not verified:
/// `BASE64URL(header) . BASE64URL(payload) . BASE64URL(signature)`.
public struct CompactJWS: Sendable, Hashable {
    /// Longest token accepted (a large CLR with embedded credentials stays far below it).
    public static let maximumLength = 12 * 1024 * 1024

    /// The JOSE header.
    public let header: JSONObject
    /// The payload bytes (for a VC-JWT, JSON text).
    public let payload: [UInt8]
    /// The signature bytes.
    public let signature: [UInt8]
    /// The bytes the signature covers: ASCII(BASE64URL(header) '.' BASE64URL(payload)) (RFC 7515 §5.1 step 8).
    public let signingInput: [UInt8]

    /// The `alg` header parameter.
    public var algorithm: String { header["alg"]?.stringValue ?? "" }
    /// The `kid` header parameter, if any.
    public var keyID: String? { header["kid"]?.stringValue }

    /// Splits and decodes a compact JWS; ASCII whitespace around the token is ignored.
    public init(parsing token: String) throws(JWTError) {
        var bytes = Array(token.utf8)
        while let last = bytes.last, Self.isWhitespace(last) { bytes.removeLast() }
        let start = bytes.firstIndex { !Self.isWhitespace($0) } ?? bytes.endIndex
        bytes.removeSubrange(0..<start)
        guard bytes.count <= Self.maximumLength else {
            throw JWTError(
                .malformedToken, "the token is \(bytes.count) bytes long; at most \(Self.maximumLength) are accepted")
        }
        let segments = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard segments.count == 3 else {
            throw JWTError(
                .malformedToken,
                segments.count == 5
                    ? "the token has five segments: it is an encrypted JWE, not a signed JWS"
                    : "a compact JWS has three segments separated by '.', but this token has \(segments.count)")
        }
        func decode(_ segment: ArraySlice<UInt8>, _ name: String) throws(JWTError) -> [UInt8] {
            do throws(CryptoError) {
                return try Base64URL.decode(String(decoding: segment, as: UTF8.self))
            } catch {
                throw JWTError(.malformedToken, "the \(name) segment is not base64url: \(error.reason)")
            }
        }
        let headerBytes = try decode(segments[0], "header")
        payload = try decode(segments[1], "payload")
        signature = try decode(segments[2], "signature")
        signingInput = Array(bytes[0..<(segments[0].count + 1 + segments[1].count)])
        let headerValue: JSONValue
        do throws(JSONParseError) {
            headerValue = try JSONValue(parsing: headerBytes)
        } catch {
            throw JWTError(.malformedHeader, "the JOSE header is not valid JSON: \(error)")
        }
        guard let headerObject = headerValue.objectValue else {
            throw JWTError(.malformedHeader, "the JOSE header is not a JSON object")
        }
        header = headerObject
        guard header["alg"]?.stringValue != nil else {
            throw JWTError(.malformedHeader, "the JOSE header has no string 'alg' (RFC 7515 §4.1.1)")
        }
    }

    /// The payload parsed as a JSON object.
    public func payloadObject() throws(JWTError) -> JSONObject {
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONValue(parsing: payload)
        } catch {
            throw JWTError(.malformedPayload, "the JWT payload is not valid JSON: \(error)")
        }
        guard let object = value.objectValue else {
            throw JWTError(.malformedPayload, "the JWT payload is not a JSON object")
        }
        return object
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }
}

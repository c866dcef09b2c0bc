import LinkedData
public import OpenBadges
internal import BadgeCrypto

/// Who a badge is awarded to: an email address (stored as a salted SHA-256 hash) or a DID (the subject `id`).
public enum Recipient: Sendable, Hashable, CustomStringConvertible {
    case email(String)
    case did(String)

    /// Parses `text` as a DID (`did:method:…`) or an email address; anything else is an error naming the value.
    public init(_ text: String) throws(IssuerError) {
        let trimmed = String(text.trimmingWhitespace)
        if trimmed.hasPrefix("did:") {
            guard Self.isDID(trimmed) else {
                throw IssuerError(.invalidRecipient, "'\(trimmed)' is not a valid DID (expected did:<method>:<identifier>)")
            }
            self = .did(trimmed)
        } else if Self.isEmail(trimmed) {
            self = .email(trimmed)
        } else {
            throw IssuerError(.invalidRecipient, "'\(trimmed)' is neither an email address nor a DID")
        }
    }

    public var description: String {
        switch self {
        case .email(let address): address
        case .did(let did): did
        }
    }

    /// The key the ledger records the recipient under (emails lower-cased).
    public var ledgerKey: String {
        switch self {
        case .email(let address): address.lowercased()
        case .did(let did): did
        }
    }

    /// A DID per DID Core: `did:` method-name (lower-case letters and digits) `:` method-specific id.
    static func isDID(_ text: String) -> Bool {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "did", !parts[1].isEmpty, !parts[2].isEmpty else { return false }
        let methodOK = parts[1].unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }
        let idOK = parts[2].unicodeScalars.allSatisfy { c in
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || ".-_:%".unicodeScalars.contains(c)
        }
        return methodOK && idOK && !parts[2].hasSuffix(":")
    }

    /// A practical email check: one `@`, a non-empty local part without spaces, a domain with a dot and labels
    /// of letters, digits and hyphens; at most 254 characters.
    static func isEmail(_ text: String) -> Bool {
        guard text.utf8.count <= 254 else { return false }
        if let ascii = isASCIIEmail(text) { return ascii }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64 else { return false }
        let localOK = parts[0].unicodeScalars.allSatisfy { c in
            c.value > 0x20 && c.value < 0x7F && !"()<>[]\\,;:\"".unicodeScalars.contains(c)
        }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard localOK, labels.count >= 2, !parts[0].hasPrefix("."), !parts[0].hasSuffix(".") else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { c in
                    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "-" || c.value > 0x7F
                }
        }
    }

    /// `isEmail` for text of ASCII characters without control characters, byte by byte (nil for other text,
    /// which is checked Character by Character).
    static func isASCIIEmail(_ text: String) -> Bool? {
        var copy = text
        return copy.withUTF8 { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
            guard let at = bytes.firstIndex(of: UInt8(ascii: "@")) else { return false }
            let local = bytes[..<at]
            let domain = bytes[(at + 1)...]
            guard !domain.contains(UInt8(ascii: "@")), !local.isEmpty, local.count <= 64 else { return false }
            let forbidden = Array("()<>[]\\,;:\"".utf8)
            guard !local.contains(where: forbidden.contains), local.first != UInt8(ascii: "."),
                local.last != UInt8(ascii: ".")
            else { return false }
            let labels = domain.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
            guard labels.count >= 2 else { return false }
            return labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && label.first != UInt8(ascii: "-")
                    && label.last != UInt8(ascii: "-")
                    && label.allSatisfy { c in
                        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "-")
                    }
            }
        }
    }

    /// The `IdentityObject` for an email: `sha256$` hex of SHA-256(lower-cased email ‖ salt).
    public static func hashedEmailIdentity(_ email: String, salt: String) -> IdentityObject {
        var identity = IdentityObject(json: JSONObject())
        identity.json["type"] = "IdentityObject"
        identity.identityHash = "sha256$" + Hex.encode(SHA256.hash(Array((email.lowercased() + salt).utf8)))
        identity.identityType = "emailAddress"
        identity.hashed = true
        identity.salt = salt
        return identity
    }
}

/// Random identifiers: UUID version 4 and hex salts, from the system's secure generator.
public enum RandomIdentifiers {
    /// `urn:uuid:` + a random (version 4) UUID.
    public static func uuidURN() -> String {
        "urn:uuid:" + uuid()
    }

    /// A random (version 4) UUID in its 8-4-4-4-12 lower-case form.
    public static func uuid() -> String {
        var bytes = randomBytes(16)
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = Hex.encode(bytes)
        let characters = Array(hex)
        return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-" + String(characters[12..<16]) + "-"
            + String(characters[16..<20]) + "-" + String(characters[20..<32])
    }

    /// `byteCount` random bytes as hex.
    public static func salt(byteCount: Int = 16) -> String {
        Hex.encode(randomBytes(byteCount))
    }

    /// `count` bytes from the system's secure generator, eight per call (one `getrandom` each, not one per byte).
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next() as UInt64) { bytes.append(contentsOf: $0) }
        }
        return Array(bytes.prefix(count))
    }
}

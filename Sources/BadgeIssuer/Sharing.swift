import OpenBadges

/// What a learner needs to show a badge elsewhere: where anyone can check it, and a LinkedIn "Add to profile"
/// link that fills in the certification form.
public struct ShareLinks: Sendable, Hashable {
    /// The certification's name (the achievement's name).
    public var name: String
    /// The issuing organization's name, when the credential gives one.
    public var organizationName: String?
    /// The credential's id (LinkedIn's "Credential ID").
    public var credentialID: String?
    /// Year and month the badge was awarded (`awardedDate`, else `validFrom`), as written in the credential.
    public var issued: YearMonth?
    /// Year and month it expires (`validUntil`), when it does.
    public var expires: YearMonth?
    /// The hosted verification page: `<baseURL>/verify?id=<credential id>`, when the issuer's base URL is known.
    public var verificationURL: String?
    /// The URL LinkedIn links to ("Credential URL"): the verification page, else the credential id when it is a
    /// web address.
    public var credentialURL: String?
    /// `https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&…`.
    public var linkedInURL: String

    /// A month of a year, as LinkedIn's form asks for dates.
    public struct YearMonth: Sendable, Hashable, CustomStringConvertible {
        public var year: Int
        /// 1 to 12.
        public var month: Int

        /// `YYYY-MM`.
        public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
    }
}

/// Share links for a credential.
public enum Sharing {
    /// LinkedIn's "Add to profile" endpoint.
    public static let linkedInAddToProfile = "https://www.linkedin.com/profile/add"

    /// The links for `credential`. `baseURL` is where the issuer's files are served (a workspace's `baseURL`);
    /// without it there is no hosted verification page.
    public static func links(for credential: CredentialFile, baseURL: String?) -> ShareLinks {
        let view = credential.view
        let name = credential.displayName ?? "Badge"
        let id = view.id
        var verificationURL: String? = nil
        if let baseURL, let id {
            verificationURL = Self.verificationURL(baseURL: baseURL, credentialID: id)
        }
        var credentialURL = verificationURL
        if credentialURL == nil, let id, id.hasPrefix("https://") || id.hasPrefix("http://") {
            credentialURL = id
        }
        let issued = (view.awardedDate ?? view.validFromString).flatMap(yearAndMonth)
        let expires = view.validUntilString.flatMap(yearAndMonth)

        var query: [(String, String)] = [("startTask", "CERTIFICATION_NAME"), ("name", name)]
        if let organization = credential.issuerName { query.append(("organizationName", organization)) }
        if let issued {
            query.append(("issueYear", String(issued.year)))
            query.append(("issueMonth", String(issued.month)))
        }
        if let expires {
            query.append(("expirationYear", String(expires.year)))
            query.append(("expirationMonth", String(expires.month)))
        }
        if let credentialURL { query.append(("certUrl", credentialURL)) }
        if let id { query.append(("certId", id)) }
        let linkedIn = linkedInAddToProfile + "?"
            + query.map { percentEncode($0.0) + "=" + percentEncode($0.1) }.joined(separator: "&")
        return ShareLinks(
            name: name, organizationName: credential.issuerName, credentialID: id, issued: issued, expires: expires,
            verificationURL: verificationURL, credentialURL: credentialURL, linkedInURL: linkedIn)
    }

    /// `<baseURL>/verify?id=<credential id>`, the id percent-encoded.
    public static func verificationURL(baseURL: String, credentialID: String) -> String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/verify?id=" + percentEncode(credentialID)
    }

    /// Where the issuer's files are probably served, as a hint to show the user (never used as a verification
    /// page unasked, since nothing says `laurel serve` runs there): the origin of the issuer's id when it is an
    /// `https://` address or a `did:web`, else the origin of the issuer profile's `url`.
    public static func suggestedBaseURL(for credential: CredentialFile) -> String? {
        suggestedBaseURL(issuerID: credential.view.issuerID, issuerURL: credential.view.issuer?.url)
    }

    /// The same hint from the issuer's id and its profile's `url`.
    public static func suggestedBaseURL(issuerID: String?, issuerURL: String?) -> String? {
        if let id = issuerID {
            if let origin = httpsOrigin(of: id) { return origin }
            if id.hasPrefix("did:web:") {
                let host = String(id.dropFirst("did:web:".count).prefix { $0 != ":" }).replacing("%3A", with: ":")
                if !host.isEmpty, let origin = httpsOrigin(of: "https://" + host) { return origin }
            }
        }
        return issuerURL.flatMap(httpsOrigin)
    }

    /// `https://host[:port]` of an `https://` URL; nil for any other scheme or a URL without a usable host.
    public static func httpsOrigin(of url: String) -> String? {
        guard url.lowercased().hasPrefix("https://") else { return nil }
        let rest = url.dropFirst("https://".count)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@").last ?? ""
        guard !host.isEmpty,
            host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-.:[]".contains($0)) })
        else { return nil }
        return "https://" + host.lowercased()
    }

    /// Percent-encodes UTF-8 `text` for a URL query component: every byte except RFC 3986's unreserved characters
    /// (`A–Z a–z 0–9 - . _ ~`) becomes `%XX` (so a space is `%20`, `&` is `%26`, `:` is `%3A`).
    public static func percentEncode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The year and month of a date-time as written (`2026-03-15T…` → 2026, 3), when it is a valid date.
    static func yearAndMonth(_ text: String) -> ShareLinks.YearMonth? {
        guard DateTimeZ(lenient: text) != nil else { return nil }
        let parts = text.split(separator: "-", maxSplits: 2)
        guard parts.count >= 2, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1].prefix(2)),
            (1...12).contains(month)
        else { return nil }
        return ShareLinks.YearMonth(year: year, month: month)
    }
}

public import LinkedData

/// The issuers a verifier trusts: who vouches for them is the list itself (`--trust FILE`). Only an issuer on a
/// trust list, whose key is proven to be its own, is reported as "issued by" its name; every other valid badge is
/// reported as signed by the holder of its key, which calls itself whatever its profile says.
///
/// Two file formats are read:
/// - plain text: one issuer id (a DID or URL) per line; `#` starts a comment line;
/// - the Digital Credentials Consortium issuer registry JSON (as served for the Learner Credential Wallet):
///   `{"meta": {…}, "registry": {"did:web:example.edu": {"name": …, "url": …, "location": …}, …}}`, where each
///   key is an issuer id matched exactly, as the DCC's own verifier matches it.
public struct TrustList: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        /// The issuer id, matched character for character against the credential's issuer.
        public var id: String
        /// The name the list gives the issuer (a DCC registry entry's `name`).
        public var name: String?
        /// The issuer's web site, as the list gives it.
        public var url: String?
        /// Where this entry came from (the file name, or the registry's name), for the report.
        public var source: String

        public init(id: String, name: String? = nil, url: String? = nil, source: String) {
            self.id = id
            self.name = name
            self.url = url
            self.source = source
        }
    }

    public private(set) var entries: [String: Entry]

    public init(_ entries: [Entry] = []) {
        self.entries = [:]
        for entry in entries where self.entries[entry.id] == nil { self.entries[entry.id] = entry }
    }

    /// A list of issuer ids, all from one source.
    public init(ids: some Sequence<String>, source: String) {
        self.init(ids.map { Entry(id: $0, source: source) })
    }

    public func entry(for issuer: String) -> Entry? { entries[issuer] }

    public var isEmpty: Bool { entries.isEmpty }

    /// Both lists; an id in both keeps this list's entry.
    public func merging(_ other: TrustList) -> TrustList {
        var merged = self
        for (id, entry) in other.entries where merged.entries[id] == nil { merged.entries[id] = entry }
        return merged
    }

    /// Why a trust file cannot be read, with the line (and column) when it is tied to one place.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public var reason: String
        public var description: String { reason }
    }

    /// Reads a trust file: a DCC issuer registry (JSON, when the first non-blank character is `{`) or plain lines.
    /// `source` names the file in reports and messages.
    public static func parse(_ bytes: [UInt8], source: String) throws(ParseError) -> TrustList {
        let first = bytes.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 && $0 != 0xEF && $0 != 0xBB && $0 != 0xBF }
        if first == UInt8(ascii: "{") {
            return try parseRegistry(bytes, source: source)
        }
        var entries: [Entry] = []
        let text = String(decoding: bytes, as: UTF8.self)
        for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingCharacters(in: " \t\r")
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard !line.contains(where: { $0 == " " || $0 == "\t" }), line.contains(":") else {
                throw ParseError(
                    reason: "\(source), line \(number + 1): '\(line.prefix(80))' is not an issuer id (a DID or URL, "
                        + "one per line)")
            }
            entries.append(Entry(id: line, source: source))
        }
        return TrustList(entries)
    }

    /// The DCC issuer registry format: `registry` maps each issuer DID to `{name, url, location}`.
    static func parseRegistry(_ bytes: [UInt8], source: String) throws(ParseError) -> TrustList {
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONParser().parse(bytes)
        } catch {
            throw ParseError(reason: "\(source): not valid JSON at \(error.description)")
        }
        guard let registry = value["registry"]?.objectValue ?? value["entries"]?.objectValue else {
            throw ParseError(
                reason: "\(source): a JSON trust file must be a DCC issuer registry, with a 'registry' object "
                    + "mapping each issuer id to {\"name\", \"url\"}")
        }
        let listName = value["meta"]?["name"]?.stringValue ?? source
        var entries: [Entry] = []
        for member in registry {
            guard let details = member.value.objectValue else {
                throw ParseError(reason: "\(source): registry entry '\(member.key)' is not an object")
            }
            entries.append(Entry(
                id: member.key, name: details["name"]?.stringValue, url: details["url"]?.stringValue,
                source: listName))
        }
        return TrustList(entries)
    }
}

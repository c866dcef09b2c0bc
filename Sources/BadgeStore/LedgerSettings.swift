/// The workspace settings a ledger is created with and keeps: where its status lists are published and
/// how large they are.
public struct LedgerSettings: Hashable, Sendable {
    /// The smallest list Bitstring Status List v1.0 allows: "a minimum of 131,072 entries", which gives
    /// herd privacy (a 16 KB bitstring before compression).
    public static let minimumStatusListSize = 131_072
    /// The largest list the ledger makes (2 MiB of bits).
    public static let maximumStatusListSize = 1 << 24

    /// The issuer's base URL, without a trailing slash; list `n` of a purpose is published at
    /// `<baseURL>/status/<purpose>/<n>`.
    public var baseURL: String
    /// Entries (bits) per status list: a multiple of 8.
    public var statusListSize: Int

    /// - Throws: `invalidSettings` when the base URL is not an absolute http(s) URL without query or
    ///   fragment, or the size is below 131,072, above 16,777,216 or not a multiple of 8.
    public init(baseURL: String, statusListSize: Int = LedgerSettings.minimumStatusListSize) throws(LedgerError) {
        try self.init(checking: baseURL, statusListSize: statusListSize, minimum: Self.minimumStatusListSize)
    }

    /// Settings with small status lists, for tests only: lists this small give no herd privacy.
    package static func testing(baseURL: String, statusListSize: Int) throws(LedgerError) -> LedgerSettings {
        try LedgerSettings(checking: baseURL, statusListSize: statusListSize, minimum: 8)
    }

    private init(checking baseURL: String, statusListSize: Int, minimum: Int) throws(LedgerError) {
        var url = baseURL
        while url.hasSuffix("/") { url.removeLast() }
        let lower = url.lowercased()
        let scheme = lower.hasPrefix("https://") ? 8 : (lower.hasPrefix("http://") ? 7 : 0)
        guard scheme > 0, url.utf8.count > scheme, url.utf8.count <= 2048,
            !url.contains(where: { $0 == "?" || $0 == "#" || $0.isWhitespace })
        else {
            throw LedgerError(
                .invalidSettings,
                "the base URL '\(baseURL)' must be an absolute http(s) URL without spaces, query or fragment")
        }
        guard statusListSize >= minimum, statusListSize <= Self.maximumStatusListSize, statusListSize % 8 == 0 else {
            throw LedgerError(
                .invalidSettings,
                "the status list size \(statusListSize) must be a multiple of 8 between \(minimum) and "
                    + "\(Self.maximumStatusListSize)")
        }
        self.baseURL = url
        self.statusListSize = statusListSize
    }

    /// Settings as stored, trusted (read back from a ledger that checked them when they were written).
    init(stored baseURL: String, statusListSize: Int) {
        self.baseURL = baseURL
        self.statusListSize = statusListSize
    }

    func listURL(purpose: StatusPurpose, sequence: Int) -> String {
        "\(baseURL)/status/\(purpose.rawValue)/\(sequence)"
    }
}

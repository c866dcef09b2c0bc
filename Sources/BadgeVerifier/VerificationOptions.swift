public import LinkedData

/// What the verifier is told besides the badge itself. The clock is injected here and never read inside a check.
public struct VerificationOptions: Sendable {
    /// The moment to verify at, in seconds since 1970 (the CLI's `--at`, default now).
    public var at: Double
    /// Tolerance for clocks that disagree a little, in seconds, applied to validFrom and validUntil.
    public var clockSkew: Double
    /// Local copies of network resources (status lists, DID documents, keys): URL → bytes.
    public var resources: [String: [UInt8]]
    /// Whether network fetches are allowed (HTTPS only, through `OnlineResources`), after the local copies. Off by
    /// default in the library; `laurel verify` and `laurel serve` turn it on unless `--offline`.
    public var online: Bool
    /// Where resources come from, replacing `resources` and `online` when set (e.g. a `ResourceChain` of local
    /// copies, an issuer workspace and `OnlineResources`).
    public var resolver: (any ResourceResolver)?
    /// A recipient email to check the badge against (hashed comparison when the badge holds a hash).
    public var recipientEmail: String?
    /// A recipient identifier (DID or URI) to check the badge against.
    public var recipientID: String?
    /// The issuers the verifier trusts; when set, a valid badge from another issuer gets a warning, and only an
    /// issuer on it is reported as "issued by" its name.
    public var trust: TrustList?
    /// The challenge and domain a presentation's holder proof must carry.
    public var challenge: String?
    public var domain: String?
    /// Largest input accepted, in bytes.
    public var maxInputBytes: Int
    /// How deep endorsements, CLR members and presentations may nest.
    public var maxNesting: Int
    /// The CPU time one verification may use, in seconds (default 2), shared by every stage: parsing, JSON-LD
    /// expansion, RDFC-1.0, signatures, status lists and nested credentials. A badge that needs more is `invalid`
    /// with a `limits` failure; real badges need a few milliseconds.
    public var cpuTimeBudget: Double
    /// Status lists already checked, shared by the verifiers given these options (nil: each verifier keeps its
    /// own). A service verifying many requests, each with its own moment and recipient, shares one so that a list
    /// is checked once per version; an answer is used again only where checking the list again would give the same
    /// (see `StatusListCache`).
    public var statusLists: StatusListCache?

    public init(
        at: Double, clockSkew: Double = 300, resources: [String: [UInt8]] = [:], online: Bool = false,
        recipientEmail: String? = nil, recipientID: String? = nil, trust: TrustList? = nil,
        challenge: String? = nil, domain: String? = nil, maxInputBytes: Int = 8 * 1024 * 1024, maxNesting: Int = 4,
        cpuTimeBudget: Double = WorkBudget.defaultSeconds
    ) {
        self.at = at
        self.clockSkew = clockSkew
        self.resources = resources
        self.online = online
        self.recipientEmail = recipientEmail
        self.recipientID = recipientID
        self.trust = trust
        self.resolver = nil
        self.challenge = challenge
        self.domain = domain
        self.maxInputBytes = maxInputBytes
        self.maxNesting = maxNesting
        self.cpuTimeBudget = cpuTimeBudget
        self.statusLists = nil
    }
}

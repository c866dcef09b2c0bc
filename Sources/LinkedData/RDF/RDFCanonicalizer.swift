import BadgeCrypto

/// The hash algorithm RDFC-1.0 runs with. SHA-256 is the default; the specification lets applications choose
/// another (the W3C tests use SHA-384 too), which changes the canonical labels.
public enum RDFCHashAlgorithm: String, Sendable, Hashable, CaseIterable {
    case sha256 = "SHA256"
    case sha384 = "SHA384"

    /// Digest size in bytes.
    public var byteCount: Int {
        self == .sha256 ? SHA256.byteCount : SHA384.byteCount
    }

    @inline(__always)
    func hash(_ bytes: [UInt8]) -> [UInt8] {
        self == .sha256 ? SHA256.hash(bytes) : SHA384.hash(bytes)
    }
}

/// RDF Dataset Canonicalization (RDFC-1.0, W3C Recommendation 2024).
///
/// "The canonicalization algorithm converts an input dataset into a canonicalized dataset or raises an error
/// if the input dataset is determined to be overly complex." Blank nodes get deterministic labels `c14n0`,
/// `c14n1`, ... so that two isomorphic datasets give the same serialized canonical form: the canonical
/// N-Quads of every quad, sorted in code point order.
///
/// The work limits (`RDFCLimits`) are on by default; a dataset that needs more work is refused with
/// `RDFCError.Code.workLimitExceeded`.
public struct RDFCanonicalizer: Sendable {
    public var hashAlgorithm: RDFCHashAlgorithm
    public var limits: RDFCLimits

    public init(hash: RDFCHashAlgorithm = .sha256, limits: RDFCLimits = .default) {
        self.hashAlgorithm = hash
        self.limits = limits
    }

    /// Canonicalizes `dataset`: its serialized canonical form and the issued identifiers map.
    ///
    /// The dataset is taken as a set: duplicate quads count once. Blank nodes are identified by their
    /// labels in `dataset`, which become the keys of `RDFCResult.issuedIdentifiers`.
    public func canonicalize(_ dataset: RDFDataset) throws(RDFCError) -> RDFCResult {
        var state = try RDFCState(dataset: dataset, hash: hashAlgorithm)
        try state.assignCanonicalIdentifiers(limits: limits)
        return state.result()
    }

    /// `canonicalize` that also reports the work Hash N-Degree Quads did, for tests and tuning the limits.
    func canonicalizeCountingWork(
        _ dataset: RDFDataset
    ) throws(RDFCError) -> (result: RDFCResult, hashNDegreeQuadsCalls: Int, relatedHashes: Int, permutations: Int) {
        var state = try RDFCState(dataset: dataset, hash: hashAlgorithm)
        try state.assignCanonicalIdentifiers(limits: limits)
        return (state.result(), state.work.hashNDegreeQuadsCalls, state.work.relatedHashes, state.work.permutations)
    }
}

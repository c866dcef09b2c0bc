/// Work limits for RDFC-1.0, the defence against dataset poisoning that the specification requires
/// ("Implementations MUST defend against potential denial-of-service attacks by raising suitable exceptions
/// and terminating early").
///
/// Only blank nodes that share a first-degree hash cost more than about linear time: for them Hash N-Degree
/// Quads explores gossip paths, and its cost is the number of times it runs, the related-blank-node hashes it
/// computes and the permutations of related blank nodes it tries. All three are counted over the whole
/// canonicalization, whatever the recursion depth. Typical credentials use none of this work; the heaviest
/// test of the W3C suite ("poison – evil", computable by design) uses under a tenth of each default, and a
/// 6-node blank node clique fits. Running into a default takes some tens of milliseconds of one core (about
/// 30 ms for a 7-node clique); a 10-node clique is refused before any permutation is tried.
public struct RDFCLimits: Sendable, Hashable {
    /// Most runs of the Hash N-Degree Quads algorithm, counting recursive ones.
    public var maxHashNDegreeQuadsCalls: Int
    /// Most results of the Hash Related Blank Node algorithm computed inside Hash N-Degree Quads.
    public var maxRelatedHashes: Int
    /// Most permutations of related blank node lists tried, summed over all runs. A list whose permutations
    /// would go past the limit is refused before any of them is tried.
    public var maxPermutations: Int

    public init(maxHashNDegreeQuadsCalls: Int = 5_000, maxRelatedHashes: Int = 100_000, maxPermutations: Int = 50_000) {
        self.maxHashNDegreeQuadsCalls = maxHashNDegreeQuadsCalls
        self.maxRelatedHashes = maxRelatedHashes
        self.maxPermutations = maxPermutations
    }

    /// 5,000 Hash N-Degree Quads runs, 100,000 related hashes and 50,000 permutations.
    public static let `default` = RDFCLimits()

    /// No limit: only for trusted input, since a small poison dataset can then run for days.
    public static let unlimited = RDFCLimits(
        maxHashNDegreeQuadsCalls: .max, maxRelatedHashes: .max, maxPermutations: .max)
}

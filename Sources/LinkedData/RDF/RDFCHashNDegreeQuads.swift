/// Hash N-Degree Quads (RDFC-1.0 §4.8) with Hash Related Blank Node (§4.7), counted against `RDFCLimits`.
///
/// The recursion of the specification runs on an explicit stack of frames (reused from run to run), so a long
/// chain of blank nodes cannot exhaust the thread's stack. Identifier issuers are not copied: the temporary
/// issuer in use is one table of labels plus the trail of nodes in the order they were issued, and "create a
/// copy of issuer" is a mark on the trail that later issues are rolled back to. The chosen issuer of a group
/// is, while nothing has been issued after it, simply the current state; once a later permutation starts, the
/// part of the trail it added is saved and later replayed. Every node in that part cost one counted call, so
/// the memory this takes is bounded by the call limit.
struct HashNDegreeQuads {
    private let state: RDFCState
    private let limits: RDFCLimits
    /// The CPU-time budget of the work this canonicalization is part of, drawn from by every call and hash.
    private let budget = WorkBudget.current
    private let digestSize: Int
    private var canonical: [Int32] = []
    /// Temporary identifier `b<n>` of each blank node (`-1` when not issued); `n` is its place in `trail`.
    private var temporary: [Int32]
    private var trail: [Int32] = []
    /// Place of each blank node in code point order of its input label: the order permutations start from.
    private var labelRank: [Int32] = []
    /// Work done so far: Hash N-Degree Quads calls, related hashes and permutations tried.
    private(set) var calls = 0
    private(set) var relatedHashes = 0
    private(set) var permutations = 0
    // Buffers reused by every call.
    private var frames: [Frame] = []
    private var scratch: [UInt8] = []
    private var relatedDigests: [UInt8] = []
    private var relatedNodes: [Int32] = []

    init(state: RDFCState, limits: RDFCLimits) {
        self.state = state
        self.limits = limits
        self.digestSize = state.hash.byteCount
        self.temporary = Array(repeating: -1, count: state.blankLabels.count)
    }

    /// Step 5.2 of the canonicalization algorithm for `node`: a new temporary issuer issues `b0` to it, then
    /// Hash N-Degree Quads runs. Returns the hash and the nodes the issuer labelled, in issue order.
    mutating func run(from node: Int32, canonical: [Int32]) throws(RDFCError) -> (hash: [UInt8], issued: [Int32]) {
        self.canonical = canonical
        if labelRank.isEmpty { rankLabels() }
        rollBack(to: 0)
        issueTemporary(node)
        let hash = try hashNDegreeQuads(node)
        return (hash, trail)
    }

    // MARK: The algorithm

    private enum Phase {
        case startGroup, startPermutation, recurse, completePermutation, nextPermutation
    }

    /// One activation of Hash N-Degree Quads.
    private struct Frame {
        /// The map Hn: one related hash per group (flat, in code point order), and the related blank nodes of
        /// each group (flat, each group in permutation start order, repeats kept) ending at `groupEnds`.
        var groupHashes: [UInt8] = []
        var groupNodes: [Int32] = []
        var groupEnds: [Int] = []
        var groupIndex = 0
        var dataToHash: [UInt8] = []
        var phase = Phase.startGroup
        // The group being explored (step 5).
        var groupMark = 0
        var hasChosen = false
        var chosenPath: [UInt8] = []
        /// Whether the trail after `groupMark` is exactly the chosen issuer's part; if not, `chosenIssues` is.
        var chosenIsCurrent = false
        var chosenIssues: [Int32] = []
        var permutation: [Int32] = []
        // The permutation being explored (step 5.4).
        var path: [UInt8] = []
        var recursionList: [Int32] = []
        var recursionIndex = 0

        mutating func reset() {
            groupHashes.removeAll(keepingCapacity: true)
            groupNodes.removeAll(keepingCapacity: true)
            groupEnds.removeAll(keepingCapacity: true)
            groupIndex = 0
            dataToHash.removeAll(keepingCapacity: true)
            phase = .startGroup
        }

        /// 5.4.4.3 / 5.4.5.5: a path that already sorts after the chosen path (and is no shorter) cannot win.
        var pathIsWorse: Bool {
            hasChosen && path.count >= chosenPath.count && RDFCBytes.compare(path, chosenPath) > 0
        }
    }

    private mutating func hashNDegreeQuads(_ root: Int32) throws(RDFCError) -> [UInt8] {
        var stack: [Frame] = []
        swap(&stack, &frames)
        defer { swap(&stack, &frames) }
        if stack.isEmpty { stack.append(Frame()) }
        try fill(&stack[0], for: root)
        var top = 0
        while true {
            switch stack[top].phase {
            case .startGroup:
                if stack[top].groupIndex == stack[top].groupEnds.count {
                    // Step 6: the hash of data to hash; the issuer is already the chosen one.
                    let digest = state.hash.hash(stack[top].dataToHash)
                    if top == 0 { return digest }
                    top -= 1
                    // Steps 5.4.5.2–5.4.5.5 in the caller.
                    let related = stack[top].recursionList[stack[top].recursionIndex]
                    Self.appendTemporaryLabel(temporary[Int(related)], to: &stack[top].path)
                    stack[top].path.append(0x3C)  // <
                    RDFCBytes.appendHex(digest, to: &stack[top].path)
                    stack[top].path.append(0x3E)  // >
                    stack[top].recursionIndex += 1
                    if stack[top].pathIsWorse { stack[top].phase = .nextPermutation }
                    continue
                }
                let group = stack[top].groupIndex
                let start = group == 0 ? 0 : stack[top].groupEnds[group - 1]
                let end = stack[top].groupEnds[group]
                try countPermutations(of: stack[top].groupNodes[start..<end])
                let hash = stack[top].groupHashes[group * digestSize..<(group + 1) * digestSize]
                RDFCBytes.appendHex(hash, to: &stack[top].dataToHash)  // 5.1
                stack[top].groupMark = trail.count
                stack[top].hasChosen = false
                stack[top].chosenIsCurrent = false
                stack[top].permutation.removeAll(keepingCapacity: true)
                stack[top].permutation.append(contentsOf: stack[top].groupNodes[start..<end])
                stack[top].phase = .startPermutation

            case .startPermutation:
                // 5.4.1–5.4.4: the issuer copy starts where the group started.
                if stack[top].chosenIsCurrent {
                    stack[top].chosenIssues.removeAll(keepingCapacity: true)
                    stack[top].chosenIssues.append(contentsOf: trail[stack[top].groupMark...])
                    stack[top].chosenIsCurrent = false
                }
                rollBack(to: stack[top].groupMark)
                stack[top].path.removeAll(keepingCapacity: true)
                stack[top].recursionList.removeAll(keepingCapacity: true)
                stack[top].recursionIndex = 0
                stack[top].phase = .recurse
                for index in stack[top].permutation.indices {
                    let related = stack[top].permutation[index]
                    let label = canonical[Int(related)]
                    if label >= 0 {
                        Self.appendCanonicalLabel(label, to: &stack[top].path)
                    } else {
                        if temporary[Int(related)] < 0 {
                            stack[top].recursionList.append(related)
                            issueTemporary(related)
                        }
                        Self.appendTemporaryLabel(temporary[Int(related)], to: &stack[top].path)
                    }
                    if stack[top].pathIsWorse {
                        stack[top].phase = .nextPermutation
                        break
                    }
                }

            case .recurse:
                // 5.4.5: recurse on each node newly labelled by this permutation.
                if stack[top].recursionIndex == stack[top].recursionList.count {
                    stack[top].phase = .completePermutation
                } else {
                    let related = stack[top].recursionList[stack[top].recursionIndex]
                    top += 1
                    if stack.count == top { stack.append(Frame()) }
                    try fill(&stack[top], for: related)
                }

            case .completePermutation:
                // 5.4.6: keep the least path and the issuer that produced it.
                if !stack[top].hasChosen || RDFCBytes.compare(stack[top].path, stack[top].chosenPath) < 0 {
                    let path = stack[top].path
                    stack[top].path = stack[top].chosenPath
                    stack[top].chosenPath = path
                    stack[top].hasChosen = true
                    stack[top].chosenIsCurrent = true
                }
                stack[top].phase = .nextPermutation

            case .nextPermutation:
                if advance(&stack[top].permutation) {
                    stack[top].phase = .startPermutation
                } else {
                    // 5.5–5.6: record the chosen path; the issuer becomes the chosen issuer.
                    stack[top].dataToHash.append(contentsOf: stack[top].chosenPath)
                    if !stack[top].chosenIsCurrent {
                        rollBack(to: stack[top].groupMark)
                        for node in stack[top].chosenIssues { issueTemporary(node) }
                    }
                    stack[top].groupIndex += 1
                    stack[top].phase = .startGroup
                }
            }
        }
    }

    /// Steps 1–3 for `node`: the related hashes of its mention set, grouped, in code point order of hash.
    private mutating func fill(_ frame: inout Frame, for node: Int32) throws(RDFCError) {
        calls += 1
        if calls > limits.maxHashNDegreeQuadsCalls {
            throw RDFCError(
                code: .workLimitExceeded,
                reason: "the dataset needs more than \(limits.maxHashNDegreeQuadsCalls) runs of Hash N-Degree "
                    + "Quads (RDFCLimits.maxHashNDegreeQuadsCalls); its blank nodes are too symmetric to "
                    + "canonicalize within the work limit, as in a poisoned dataset")
        }
        if let budget, !budget.check() { throw RDFCError.budgetExhausted(budget) }
        frame.reset()
        relatedDigests.removeAll(keepingCapacity: true)
        relatedNodes.removeAll(keepingCapacity: true)
        for quadIndex in state.mentions[Int(node)] {
            let quad = state.quads[Int(quadIndex)]
            // Positions s, o and g; the predicate is always an IRI.
            if quad.subject.isBlank, quad.subject.blankNode != node {
                try hashRelatedBlankNode(quad.subject.blankNode, quad, position: 0x73)
            }
            if quad.object.isBlank, quad.object.blankNode != node {
                try hashRelatedBlankNode(quad.object.blankNode, quad, position: 0x6F)
            }
            if quad.graph.isBlank, quad.graph.blankNode != node {
                try hashRelatedBlankNode(quad.graph.blankNode, quad, position: 0x67)
            }
        }
        let count = relatedNodes.count
        guard count > 0 else { return }
        let size = digestSize
        let digests = relatedDigests
        let nodes = relatedNodes
        let rank = labelRank
        digests.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            let order = (0..<count).sorted { x, y in
                let c = RDFCBytes.compare(base + x * size, size, base + y * size, size)
                return c != 0 ? c < 0 : x < y
            }
            var start = 0
            while start < count {
                var end = start + 1
                while end < count,
                    RDFCBytes.compare(base + order[start] * size, size, base + order[end] * size, size) == 0
                {
                    end += 1
                }
                frame.groupHashes.append(contentsOf: bytes[order[start] * size..<order[start] * size + size])
                let groupStart = frame.groupNodes.count
                for index in order[start..<end] { frame.groupNodes.append(nodes[index]) }
                frame.groupNodes[groupStart...].sort { rank[Int($0)] < rank[Int($1)] }
                frame.groupEnds.append(frame.groupNodes.count)
                start = end
            }
        }
    }

    /// Hash Related Blank Node (§4.7): position, `<predicate>` unless the position is `g`, then the related
    /// node's canonical or temporary identifier, or else its first-degree hash. Appends the hash to
    /// `relatedDigests` and the node to `relatedNodes`.
    private mutating func hashRelatedBlankNode(
        _ related: Int32, _ quad: RDFCState.Quad, position: UInt8
    ) throws(RDFCError) {
        relatedHashes += 1
        if relatedHashes > limits.maxRelatedHashes {
            throw RDFCError(
                code: .workLimitExceeded,
                reason: "the dataset needs more than \(limits.maxRelatedHashes) related blank node hashes "
                    + "(RDFCLimits.maxRelatedHashes); its blank nodes are too symmetric to canonicalize within "
                    + "the work limit, as in a poisoned dataset")
        }
        if let budget, !budget.check() { throw RDFCError.budgetExhausted(budget) }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(position)
        if position != 0x67 {
            scratch.append(contentsOf: state.arena[Int(quad.predicate.start)..<Int(quad.predicate.end)])
        }
        let label = canonical[Int(related)]
        if label >= 0 {
            Self.appendCanonicalLabel(label, to: &scratch)
        } else if temporary[Int(related)] >= 0 {
            Self.appendTemporaryLabel(temporary[Int(related)], to: &scratch)
        } else {
            let start = Int(related) * state.hexSize
            scratch.append(contentsOf: state.firstDegreeHex[start..<start + state.hexSize])
        }
        relatedDigests.append(contentsOf: state.hash.hash(scratch))
        relatedNodes.append(related)
    }

    // MARK: Temporary issuer

    private mutating func issueTemporary(_ node: Int32) {
        guard temporary[Int(node)] < 0 else { return }
        temporary[Int(node)] = Int32(trail.count)
        trail.append(node)
    }

    private mutating func rollBack(to mark: Int) {
        while trail.count > mark {
            temporary[Int(trail.removeLast())] = -1
        }
    }

    // Labels are written by static functions, so that appending to a buffer inside `self` copies nothing.

    /// `_:b<n>`
    private static func appendTemporaryLabel(_ number: Int32, to out: inout [UInt8]) {
        out.append(0x5F)  // _
        out.append(0x3A)  // :
        out.append(0x62)  // b
        RDFCBytes.appendDecimal(number, to: &out)
    }

    /// `_:c14n<n>`
    private static func appendCanonicalLabel(_ number: Int32, to out: inout [UInt8]) {
        out.append(0x5F)  // _
        out.append(0x3A)  // :
        out.append(0x63)  // c
        out.append(0x31)  // 1
        out.append(0x34)  // 4
        out.append(0x6E)  // n
        RDFCBytes.appendDecimal(number, to: &out)
    }

    // MARK: Permutations

    /// Counts the distinct permutations of `nodes` (repeats give the same permutation) against the limit,
    /// before any is tried.
    private mutating func countPermutations(of nodes: ArraySlice<Int32>) throws(RDFCError) {
        let remaining = limits.maxPermutations - permutations
        var count = 1
        var placed = 0
        var run = 0
        var previous: Int32 = -1
        for node in nodes {
            run = node == previous ? run + 1 : 1
            previous = node
            placed += 1
            // count × placed / run keeps count a product of binomial coefficients, so it stays whole.
            let (product, overflow) = count.multipliedReportingOverflow(by: placed)
            if overflow || product / run > remaining {
                let alone = overflow || product / run > limits.maxPermutations
                throw RDFCError(
                    code: .workLimitExceeded,
                    reason: alone
                        ? "a blank node is related to \(nodes.count) blank nodes that Hash N-Degree Quads cannot "
                            + "tell apart; trying their orders needs more than the \(limits.maxPermutations) "
                            + "permutations allowed (RDFCLimits.maxPermutations), as in a poisoned dataset"
                        : "the dataset needs more than \(limits.maxPermutations) permutations of related blank "
                            + "nodes in all (RDFCLimits.maxPermutations); its blank nodes are too symmetric to "
                            + "canonicalize within the work limit, as in a poisoned dataset")
            }
            count = product / run
        }
        permutations += count
    }

    /// The next permutation in lexicographic order of label rank; `false` after the last.
    private func advance(_ permutation: inout [Int32]) -> Bool {
        let count = permutation.count
        guard count > 1 else { return false }
        var pivot = count - 2
        while pivot >= 0, labelRank[Int(permutation[pivot])] >= labelRank[Int(permutation[pivot + 1])] {
            pivot -= 1
        }
        guard pivot >= 0 else { return false }
        var successor = count - 1
        while labelRank[Int(permutation[successor])] <= labelRank[Int(permutation[pivot])] { successor -= 1 }
        permutation.swapAt(pivot, successor)
        permutation[(pivot + 1)...].reverse()
        return true
    }

    private mutating func rankLabels() {
        let labels = state.blankLabels
        let sorted = labels.indices.sorted { labels[$0].utf8.lexicographicallyPrecedes(labels[$1].utf8) }
        labelRank = Array(repeating: 0, count: labels.count)
        for (rank, node) in sorted.enumerated() { labelRank[node] = Int32(rank) }
    }
}

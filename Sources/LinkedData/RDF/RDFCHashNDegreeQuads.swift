/// Hash N-Degree Quads (RDFC-1.0 §4.8) with Hash Related Blank Node (§4.7), counted against `RDFCLimits`.
///
/// The recursion of the specification runs on an explicit stack of frames, so a long chain of blank nodes
/// cannot exhaust the thread's stack. Identifier issuers are not copied: the temporary issuer in use is one
/// table of labels plus the trail of nodes in the order they were issued, and "create a copy of issuer" is a
/// mark on the trail that later issues are rolled back to. The chosen issuer of a permutation is kept as the
/// part of the trail it added, and replayed. Every node that part holds cost one counted call, so the memory
/// this takes is bounded by the call limit.
struct HashNDegreeQuads {
    private let state: RDFCState
    private let limits: RDFCLimits
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
    private var scratch: [UInt8] = []

    init(state: RDFCState, limits: RDFCLimits) {
        self.state = state
        self.limits = limits
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

    /// A related hash and the blank nodes (with repeats) that gave it, in permutation start order.
    private struct RelatedGroup {
        var hash: [UInt8]
        var nodes: [Int32]
    }

    private enum Phase {
        case startGroup, startPermutation, recurse, completePermutation, nextPermutation
    }

    /// One activation of Hash N-Degree Quads.
    private struct Frame {
        var groups: [RelatedGroup]
        var groupIndex = 0
        var dataToHash: [UInt8] = []
        var phase = Phase.startGroup
        // The group being explored (step 5).
        var groupMark = 0
        var chosenPath: [UInt8]? = nil
        var chosenIssues: [Int32] = []
        var permutation: [Int32] = []
        // The permutation being explored (step 5.4).
        var path: [UInt8] = []
        var recursionList: [Int32] = []
        var recursionIndex = 0
    }

    private mutating func hashNDegreeQuads(_ root: Int32) throws(RDFCError) -> [UInt8] {
        var stack = [try makeFrame(root)]
        while true {
            let top = stack.count - 1
            switch stack[top].phase {
            case .startGroup:
                if stack[top].groupIndex == stack[top].groups.count {
                    // Step 6: the hash of data to hash; the issuer is already the chosen one.
                    let digest = state.hash.hash(stack[top].dataToHash)
                    stack.removeLast()
                    guard let parent = stack.indices.last else { return digest }
                    // Steps 5.4.5.2–5.4.5.5 in the caller.
                    let related = stack[parent].recursionList[stack[parent].recursionIndex]
                    appendTemporaryLabel(related, to: &stack[parent].path)
                    stack[parent].path.append(0x3C)  // <
                    RDFCBytes.appendHex(digest, to: &stack[parent].path)
                    stack[parent].path.append(0x3E)  // >
                    stack[parent].recursionIndex += 1
                    if isWorse(stack[parent].path, than: stack[parent].chosenPath) {
                        stack[parent].phase = .nextPermutation
                    }
                    continue
                }
                let group = stack[top].groups[stack[top].groupIndex]
                try countPermutations(of: group.nodes)
                RDFCBytes.appendHex(group.hash, to: &stack[top].dataToHash)  // 5.1
                stack[top].groupMark = trail.count
                stack[top].chosenPath = nil
                stack[top].chosenIssues = []
                stack[top].permutation = group.nodes
                stack[top].phase = .startPermutation

            case .startPermutation:
                // 5.4.1–5.4.4: the issuer copy starts where the group started.
                rollBack(to: stack[top].groupMark)
                var path: [UInt8] = []
                swap(&path, &stack[top].path)
                path.removeAll(keepingCapacity: true)
                var recursionList: [Int32] = []
                swap(&recursionList, &stack[top].recursionList)
                recursionList.removeAll(keepingCapacity: true)
                var pruned = false
                for related in stack[top].permutation {
                    let label = canonical[Int(related)]
                    if label >= 0 {
                        path.append(contentsOf: [0x5F, 0x3A, 0x63, 0x31, 0x34, 0x6E])  // _:c14n
                        RDFCBytes.appendDecimal(label, to: &path)
                    } else {
                        if temporary[Int(related)] < 0 {
                            recursionList.append(related)
                            issueTemporary(related)
                        }
                        appendTemporaryLabel(related, to: &path)
                    }
                    if isWorse(path, than: stack[top].chosenPath) {
                        pruned = true
                        break
                    }
                }
                stack[top].path = path
                stack[top].recursionList = recursionList
                stack[top].recursionIndex = 0
                stack[top].phase = pruned ? .nextPermutation : .recurse

            case .recurse:
                // 5.4.5: recurse on each node newly labelled by this permutation.
                if stack[top].recursionIndex == stack[top].recursionList.count {
                    stack[top].phase = .completePermutation
                } else {
                    let related = stack[top].recursionList[stack[top].recursionIndex]
                    stack.append(try makeFrame(related))
                }

            case .completePermutation:
                // 5.4.6: keep the least path and the issuer that produced it.
                if let chosen = stack[top].chosenPath, RDFCBytes.compare(stack[top].path, chosen) >= 0 {
                } else {
                    stack[top].chosenPath = stack[top].path
                    stack[top].chosenIssues = Array(trail[stack[top].groupMark...])
                }
                stack[top].phase = .nextPermutation

            case .nextPermutation:
                if advance(&stack[top].permutation) {
                    stack[top].phase = .startPermutation
                } else {
                    // 5.5–5.6: record the chosen path; the issuer becomes the chosen issuer.
                    stack[top].dataToHash.append(contentsOf: stack[top].chosenPath ?? [])
                    rollBack(to: stack[top].groupMark)
                    for node in stack[top].chosenIssues { issueTemporary(node) }
                    stack[top].groupIndex += 1
                    stack[top].phase = .startGroup
                }
            }
        }
    }

    /// Steps 1–3: the related hashes of `node`'s mention set, grouped and in code point order of hash.
    private mutating func makeFrame(_ node: Int32) throws(RDFCError) -> Frame {
        calls += 1
        if calls > limits.maxHashNDegreeQuadsCalls {
            throw RDFCError(
                code: .workLimitExceeded,
                reason: "the dataset needs more than \(limits.maxHashNDegreeQuadsCalls) runs of Hash N-Degree "
                    + "Quads (RDFCLimits.maxHashNDegreeQuadsCalls); its blank nodes are too symmetric to "
                    + "canonicalize within the work limit, as in a poisoned dataset")
        }
        var related: [(hash: [UInt8], node: Int32)] = []
        for quadIndex in state.mentions[Int(node)] {
            let quad = state.quads[Int(quadIndex)]
            // Positions s, o and g; the predicate is always an IRI.
            for (part, position) in [(quad.subject, UInt8(0x73)), (quad.object, 0x6F), (quad.graph, 0x67)]
            where part.isBlank && part.blankNode != node {
                related.append((try hashRelatedBlankNode(part.blankNode, quad, position: position), part.blankNode))
            }
        }
        var frame = Frame(groups: [])
        guard !related.isEmpty else { return frame }
        let order = related.indices.sorted { x, y in
            let c = RDFCBytes.compare(related[x].hash, related[y].hash)
            return c != 0 ? c < 0 : x < y
        }
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, related[order[end]].hash == related[order[start]].hash { end += 1 }
            var nodes = order[start..<end].map { related[$0].node }
            nodes.sort { labelRank[Int($0)] < labelRank[Int($1)] }
            frame.groups.append(RelatedGroup(hash: related[order[start]].hash, nodes: nodes))
            start = end
        }
        return frame
    }

    /// Hash Related Blank Node (§4.7): position, `<predicate>` unless the position is `g`, then the related
    /// node's canonical or temporary identifier, or else its first-degree hash.
    private mutating func hashRelatedBlankNode(
        _ related: Int32, _ quad: RDFCState.Quad, position: UInt8
    ) throws(RDFCError) -> [UInt8] {
        relatedHashes += 1
        if relatedHashes > limits.maxRelatedHashes {
            throw RDFCError(
                code: .workLimitExceeded,
                reason: "the dataset needs more than \(limits.maxRelatedHashes) related blank node hashes "
                    + "(RDFCLimits.maxRelatedHashes); its blank nodes are too symmetric to canonicalize within "
                    + "the work limit, as in a poisoned dataset")
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(position)
        if position != 0x67 {
            scratch.append(contentsOf: state.arena[Int(quad.predicate.start)..<Int(quad.predicate.end)])
        }
        let label = canonical[Int(related)]
        if label >= 0 {
            scratch.append(contentsOf: [0x5F, 0x3A, 0x63, 0x31, 0x34, 0x6E])  // _:c14n
            RDFCBytes.appendDecimal(label, to: &scratch)
        } else if temporary[Int(related)] >= 0 {
            appendTemporaryLabel(related, to: &scratch)
        } else {
            let start = Int(related) * state.hexSize
            scratch.append(contentsOf: state.firstDegreeHex[start..<start + state.hexSize])
        }
        return state.hash.hash(scratch)
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

    private func appendTemporaryLabel(_ node: Int32, to out: inout [UInt8]) {
        out.append(0x5F)  // _
        out.append(0x3A)  // :
        out.append(0x62)  // b
        RDFCBytes.appendDecimal(temporary[Int(node)], to: &out)
    }

    // MARK: Permutations

    /// 5.4.4.3 / 5.4.5.5: a path that already sorts after the chosen path (and is no shorter) cannot win.
    private func isWorse(_ path: [UInt8], than chosen: [UInt8]?) -> Bool {
        guard let chosen else { return false }
        return path.count >= chosen.count && RDFCBytes.compare(path, chosen) > 0
    }

    /// Counts the distinct permutations of `nodes` (repeats give the same permutation) against the limit,
    /// before any is tried.
    private mutating func countPermutations(of nodes: [Int32]) throws(RDFCError) {
        let remaining = limits.maxPermutations - permutations
        var count = 1
        var placed = 0
        var run = 0
        for (index, node) in nodes.enumerated() {
            run = index > 0 && nodes[index - 1] == node ? run + 1 : 1
            placed += 1
            // count × placed / run keeps count a product of binomial coefficients, so it stays whole.
            let (product, overflow) = count.multipliedReportingOverflow(by: placed)
            if overflow || product / run > remaining {
                throw RDFCError(
                    code: .workLimitExceeded,
                    reason: "a blank node is related to \(nodes.count) blank nodes that Hash N-Degree Quads cannot "
                        + "tell apart, which needs more permutations than the \(limits.maxPermutations) allowed "
                        + "(RDFCLimits.maxPermutations), as in a poisoned dataset")
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

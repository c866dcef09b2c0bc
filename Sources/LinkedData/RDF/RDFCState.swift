/// The canonicalization state of RDFC-1.0 over a compiled form of the dataset.
///
/// Each quad is kept as four components: constant terms (IRIs and literals) are serialized once, in
/// canonical N-Quads form, into one byte arena, and blank nodes are numbered in order of first mention
/// (subject, object, graph name of each quad in turn). Serializing a quad under some blank node labelling
/// is then a few byte copies, and hashing works on byte strings only.
struct RDFCState {
    /// One quad component: `arena[start..<end]` for a constant term, blank node number `end` when
    /// `start == blank`, nothing (the default graph) when `start == absent`.
    struct Component: Hashable {
        var start: Int32
        var end: Int32

        static let blank: Int32 = -1
        static let absent: Int32 = -2

        var isBlank: Bool { start == Self.blank }
        var blankNode: Int32 { end }
    }

    struct Quad {
        var subject: Component
        var predicate: Component
        var object: Component
        var graph: Component
    }

    let hash: RDFCHashAlgorithm
    /// Constant terms in canonical N-Quads form.
    var arena: [UInt8] = []
    /// The dataset's quads without duplicates, in input order.
    var quads: [Quad] = []
    /// Input label of each blank node (without `_:`).
    var blankLabels: [String] = []
    /// The blank node to quads map: quads mentioning each blank node, in input order, each once.
    var mentions: [[Int32]] = []
    /// First-degree hash of each blank node, as lower-case hex, `hexSize` bytes apiece.
    var firstDegreeHex: [UInt8] = []
    let hexSize: Int
    /// The canonical issuer's issued identifiers: `c14n<n>` for blank node `b` is `canonical[b] == n`.
    var canonical: [Int32] = []
    var canonicalCount: Int32 = 0
    /// Work the Hash N-Degree Quads algorithm did: calls, related hashes and permutations.
    var work = (hashNDegreeQuadsCalls: 0, relatedHashes: 0, permutations: 0)

    init(dataset: RDFDataset, hash: RDFCHashAlgorithm) throws(RDFCError) {
        self.hash = hash
        self.hexSize = hash.byteCount * 2
        try compile(dataset.quads, distinct: dataset.isKnownDistinct)
    }

    // MARK: Compilation

    private mutating func compile(_ input: [RDFQuad], distinct: Bool) throws(RDFCError) {
        var blankNumbers: [String: Int32] = [:]
        arena.reserveCapacity(input.count * 128)
        quads.reserveCapacity(input.count)

        func component(_ term: borrowing RDFTerm) -> Component {
            switch term {
            case .blank(let label):
                if let number = blankNumbers[label] { return Component(start: Component.blank, end: number) }
                let number = Int32(blankLabels.count)
                blankNumbers[label] = number
                blankLabels.append(label)
                return Component(start: Component.blank, end: number)
            case .iri, .literal:
                let start = Int32(arena.count)
                NQuadsWriter.append(term, to: &arena)
                return Component(start: start, end: Int32(arena.count))
            }
        }

        for index in input.indices {
            if case .literal = input[index].subject {
                throw invalid(index, "its subject is a literal; a subject must be an IRI or a blank node")
            }
            guard case .iri = input[index].predicate else {
                throw invalid(index, "its predicate is not an IRI")
            }
            var graph = Component(start: Component.absent, end: 0)
            switch input[index].graph {
            case .literal?:
                throw invalid(index, "its graph name is a literal; a graph name must be an IRI or a blank node")
            case let term?:
                graph = component(term)
            case nil:
                break
            }
            let subject = component(input[index].subject)
            let predicate = component(input[index].predicate)
            let object = component(input[index].object)
            quads.append(Quad(subject: subject, predicate: predicate, object: object, graph: graph))
        }
        if !distinct { removeDuplicateQuads() }

        mentions = Array(repeating: [], count: blankLabels.count)
        func mention(_ part: Component, _ quad: Int32) {
            if part.isBlank, mentions[Int(part.blankNode)].last != quad {
                mentions[Int(part.blankNode)].append(quad)
            }
        }
        for index in quads.indices {
            let number = Int32(index)
            mention(quads[index].subject, number)
            mention(quads[index].object, number)
            mention(quads[index].graph, number)
        }
        canonical = Array(repeating: -1, count: blankLabels.count)
    }

    private func invalid(_ index: Int, _ what: String) -> RDFCError {
        RDFCError(code: .invalidQuad, reason: "quad \(index + 1) of the dataset is not RDF: \(what)")
    }

    /// An RDF dataset is a set: keeps the first of equal quads. Hashes each quad's components, then
    /// compares quads whose hashes collide byte for byte.
    private mutating func removeDuplicateQuads() {
        guard quads.count > 1 else { return }
        var keys: [(UInt64, Int32)] = []
        keys.reserveCapacity(quads.count)
        arena.withUnsafeBufferPointer { bytes in
            // A fast 64-bit mix of each component, eight bytes at a time; equal hashes are compared in full.
            func mix(_ hash: inout UInt64, _ part: Component) {
                if part.start >= 0 {
                    var index = Int(part.start)
                    let end = Int(part.end)
                    let raw = UnsafeRawPointer(bytes.baseAddress!)
                    while index + 8 <= end {
                        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                        hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
                        hash ^= hash >> 29
                        index += 8
                    }
                    var tail: UInt64 = 0
                    while index < end {
                        tail = tail << 8 | UInt64(bytes[index])
                        index += 1
                    }
                    hash = (hash ^ tail ^ UInt64(part.end - part.start) << 56) &* 0x9E37_79B9_7F4A_7C15
                } else {
                    let value = UInt64(UInt32(bitPattern: part.start)) << 32 | UInt64(UInt32(bitPattern: part.end))
                    hash = (hash ^ value) &* 0x9E37_79B9_7F4A_7C15
                }
                hash ^= hash >> 31
            }
            for (index, quad) in quads.enumerated() {
                var hash: UInt64 = 0xcbf2_9ce4_8422_2325
                mix(&hash, quad.subject)
                mix(&hash, quad.predicate)
                mix(&hash, quad.object)
                mix(&hash, quad.graph)
                keys.append((hash, Int32(index)))
            }
        }
        keys.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var duplicate = [Bool](repeating: false, count: quads.count)
        var found = false
        var runStart = 0
        while runStart < keys.count {
            var runEnd = runStart + 1
            while runEnd < keys.count, keys[runEnd].0 == keys[runStart].0 { runEnd += 1 }
            if runEnd - runStart > 1 {
                for later in (runStart + 1)..<runEnd where !duplicate[Int(keys[later].1)] {
                    for earlier in runStart..<later where !duplicate[Int(keys[earlier].1)] {
                        if sameQuad(Int(keys[earlier].1), Int(keys[later].1)) {
                            duplicate[Int(keys[later].1)] = true
                            found = true
                            break
                        }
                    }
                }
            }
            runStart = runEnd
        }
        guard found else { return }
        var kept: [Quad] = []
        kept.reserveCapacity(quads.count)
        for index in quads.indices where !duplicate[index] { kept.append(quads[index]) }
        quads = kept
    }

    private func sameQuad(_ x: Int, _ y: Int) -> Bool {
        func same(_ a: Component, _ b: Component) -> Bool {
            if a.start < 0 || b.start < 0 { return a == b }
            return arena[Int(a.start)..<Int(a.end)].elementsEqual(arena[Int(b.start)..<Int(b.end)])
        }
        let a = quads[x]
        let b = quads[y]
        return same(a.subject, b.subject) && same(a.predicate, b.predicate) && same(a.object, b.object)
            && same(a.graph, b.graph)
    }

    // MARK: Serialization

    /// Appends a quad in canonical n-quads form, writing blank node `b` as `label(b)`. `arena` is the
    /// arena's storage, borrowed once by the caller for a whole batch of quads.
    @inline(__always)
    func appendQuad(
        _ index: Int32, arena: UnsafeBufferPointer<UInt8>, to out: inout [UInt8],
        label: (Int32, inout [UInt8]) -> Void
    ) {
        let quad = quads[Int(index)]
        appendComponent(quad.subject, arena: arena, to: &out, label: label)
        out.append(0x20)
        appendComponent(quad.predicate, arena: arena, to: &out, label: label)
        out.append(0x20)
        appendComponent(quad.object, arena: arena, to: &out, label: label)
        out.append(0x20)
        if quad.graph.start != Component.absent {
            appendComponent(quad.graph, arena: arena, to: &out, label: label)
            out.append(0x20)
        }
        out.append(0x2E)
        out.append(0x0A)
    }

    @inline(__always)
    private func appendComponent(
        _ part: Component, arena: UnsafeBufferPointer<UInt8>, to out: inout [UInt8],
        label: (Int32, inout [UInt8]) -> Void
    ) {
        if part.start >= 0 {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: arena[Int(part.start)..<Int(part.end)]))
        } else {
            label(part.blankNode, &out)
        }
    }

    // MARK: The canonicalization algorithm (RDFC-1.0 §4.4.3)

    mutating func assignCanonicalIdentifiers(limits: RDFCLimits) throws(RDFCError) {
        let count = blankLabels.count
        guard count > 0 else { return }

        // Step 3: the first-degree hash of every blank node.
        var digests: [UInt8] = []
        digests.reserveCapacity(count * hash.byteCount)
        firstDegreeHex.reserveCapacity(count * hexSize)
        var lines: [UInt8] = []
        var joined: [UInt8] = []
        var ranges: [Range<Int>] = []
        let budget = WorkBudget.current
        for node in 0..<Int32(count) {
            if let budget, !budget.check() { throw RDFCError.budgetExhausted(budget) }
            let digest = hashFirstDegreeQuads(node, lines: &lines, joined: &joined, ranges: &ranges)
            digests.append(contentsOf: digest)
            RDFCBytes.appendHex(digest, to: &firstDegreeHex)
        }

        // Group blank nodes by first-degree hash, in code point order of the hash. Within a group the
        // nodes stay in the order of the blank node to quads map.
        let size = hash.byteCount
        var order = Array(0..<Int32(count))
        digests.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            order.sort { x, y in
                let c = RDFCBytes.compare(base + Int(x) * size, size, base + Int(y) * size, size)
                return c != 0 ? c < 0 : x < y
            }
        }
        var groups: [ArraySlice<Int32>] = []
        var sharedCount = 0
        digests.withUnsafeBufferPointer { bytes in
            let base = bytes.baseAddress!
            var start = 0
            while start < count {
                var end = start + 1
                while end < count,
                    RDFCBytes.compare(
                        base + Int(order[start]) * size, size, base + Int(order[end]) * size, size) == 0
                {
                    end += 1
                }
                groups.append(order[start..<end])
                if end - start > 1 { sharedCount += end - start }
                start = end
            }
        }

        // Step 4: blank nodes with a unique first-degree hash get canonical identifiers first.
        for group in groups where group.count == 1 {
            issueCanonical(group.first!)
        }
        guard sharedCount > 0 else { return }

        // Step 5: the others, through Hash N-Degree Quads, group by group.
        var engine = HashNDegreeQuads(state: self, limits: limits)
        for group in groups where group.count > 1 {
            var results: [(hash: [UInt8], issued: [Int32])] = []
            for node in group where canonical[Int(node)] < 0 {
                let result = try engine.run(from: node, canonical: canonical)
                results.append(result)
            }
            // Stable: equal hashes keep the order of the identifier list.
            let sorted = results.indices.sorted { x, y in
                let c = RDFCBytes.compare(results[x].hash, results[y].hash)
                return c != 0 ? c < 0 : x < y
            }
            for index in sorted {
                for node in results[index].issued { issueCanonical(node) }
            }
            work = (engine.calls, engine.relatedHashes, engine.permutations)
        }
    }

    /// The Issue Identifier algorithm on the canonical issuer.
    private mutating func issueCanonical(_ node: Int32) {
        guard canonical[Int(node)] < 0 else { return }
        canonical[Int(node)] = canonicalCount
        canonicalCount += 1
    }

    /// Hash First Degree Quads (§4.6): the mention set serialized with the node as `_:a` and every other blank
    /// node as `_:z`, sorted, concatenated and hashed.
    func hashFirstDegreeQuads(
        _ node: Int32, lines: inout [UInt8], joined: inout [UInt8], ranges: inout [Range<Int>]
    ) -> [UInt8] {
        let quadList = mentions[Int(node)]
        lines.removeAll(keepingCapacity: true)
        let label: (Int32, inout [UInt8]) -> Void = { other, out in
            out.append(0x5F)  // _
            out.append(0x3A)  // :
            out.append(other == node ? 0x61 : 0x7A)  // a or z
        }
        return arena.withUnsafeBufferPointer { arena in
            if quadList.count == 1 {
                appendQuad(quadList[0], arena: arena, to: &lines, label: label)
                return hash.hash(lines)
            }
            ranges.removeAll(keepingCapacity: true)
            for quad in quadList {
                let start = lines.count
                appendQuad(quad, arena: arena, to: &lines, label: label)
                ranges.append(start..<lines.count)
            }
            RDFCBytes.sortRanges(&ranges, in: lines)
            joined.removeAll(keepingCapacity: true)
            lines.withUnsafeBufferPointer { source in
                for range in ranges { joined.append(contentsOf: UnsafeBufferPointer(rebasing: source[range])) }
            }
            return hash.hash(joined)
        }
    }

    // MARK: Result

    /// Steps 6 and 7: the issued identifiers map and the serialized canonical form.
    func result() -> RDFCResult {
        // "_:c14n<n>" for every blank node, in one buffer.
        var labelBytes: [UInt8] = []
        var labelRanges: [Range<Int>] = []
        labelRanges.reserveCapacity(blankLabels.count)
        var issued: [String: String] = [:]
        issued.reserveCapacity(blankLabels.count)
        for node in blankLabels.indices {
            let start = labelBytes.count
            labelBytes.append(contentsOf: [0x5F, 0x3A, 0x63, 0x31, 0x34, 0x6E])  // _:c14n
            RDFCBytes.appendDecimal(canonical[node], to: &labelBytes)
            labelRanges.append(start..<labelBytes.count)
            issued[blankLabels[node]] = "c14n\(canonical[node])"
        }

        var lines: [UInt8] = []
        lines.reserveCapacity(arena.count + quads.count * 24)
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(quads.count)
        arena.withUnsafeBufferPointer { arena in
            labelBytes.withUnsafeBufferPointer { labels in
                for index in quads.indices {
                    let start = lines.count
                    appendQuad(Int32(index), arena: arena, to: &lines) { node, out in
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: labels[labelRanges[Int(node)]]))
                    }
                    ranges.append(start..<lines.count)
                }
            }
        }
        RDFCBytes.sortRanges(&ranges, in: lines)
        let text = String(unsafeUninitializedCapacity: lines.count) { buffer in
            var offset = 0
            lines.withUnsafeBufferPointer { source in
                for range in ranges {
                    let count = range.count
                    UnsafeMutableRawPointer(buffer.baseAddress! + offset).copyMemory(
                        from: source.baseAddress! + range.lowerBound, byteCount: count)
                    offset += count
                }
            }
            return offset
        }
        return RDFCResult(canonicalNQuads: text, issuedIdentifiers: issued)
    }
}

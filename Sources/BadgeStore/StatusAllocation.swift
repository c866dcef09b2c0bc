/// Which entries of one status list are given to credentials: one bit per entry, in the list's own order
/// (entry 0 is the most significant bit of the first byte, as in a Bitstring Status List).
///
/// Entries are drawn uniformly at random among the free ones, so an index says nothing about when a
/// credential was issued (herd privacy). While at least an eighth of the list is free a draw is a few random
/// probes; below that it picks the k-th free entry by counting free bits word by word, so the cost stays
/// bounded (a few microseconds) however full the list is.
package struct StatusAllocation {
    /// Entries in the list.
    package let size: Int
    /// Number of entries given out.
    package private(set) var allocated: Int
    /// Bit `i` of the list is bit `63 - i % 64` of `words[i / 64]`; padding past `size` is kept set.
    private var words: [UInt64]

    /// An empty list of `size` entries.
    package init(size: Int) {
        precondition(size > 0 && size % 8 == 0)
        self.size = size
        self.allocated = 0
        self.words = [UInt64](repeating: 0, count: (size + 63) / 64)
        setPadding()
    }

    /// A list from its stored bytes (`size / 8` bytes, most significant bit first); nil if the length is wrong.
    package init?(bytes: [UInt8], size: Int) {
        guard size > 0, size % 8 == 0, bytes.count == size / 8 else { return nil }
        self.size = size
        var words = [UInt64](repeating: 0, count: (size + 63) / 64)
        var count = 0
        for (offset, byte) in bytes.enumerated() {
            words[offset >> 3] |= UInt64(byte) << (56 - 8 * UInt64(offset & 7))
            count += byte.nonzeroBitCount
        }
        self.words = words
        self.allocated = count
        setPadding()
    }

    private mutating func setPadding() {
        let used = size % 64
        if used != 0 { words[words.count - 1] |= UInt64.max >> UInt64(used) }
    }

    package var free: Int { size - allocated }
    package var isFull: Bool { allocated >= size }

    /// The stored form: `size / 8` bytes, entry 0 in the most significant bit of byte 0.
    package var bytes: [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(size / 8)
        for offset in 0..<(size / 8) {
            out.append(UInt8(truncatingIfNeeded: words[offset >> 3] >> (56 - 8 * UInt64(offset & 7))))
        }
        return out
    }

    /// Whether entry `index` is given out (false outside the list).
    package func contains(_ index: Int) -> Bool {
        guard index >= 0, index < size else { return false }
        return words[index >> 6] & (1 << UInt64(63 - index & 63)) != 0
    }

    /// Marks entry `index` as given out (for rebuilding an allocation from stored credentials).
    package mutating func mark(_ index: Int) {
        guard index >= 0, index < size, !contains(index) else { return }
        take(index)
    }

    private mutating func take(_ index: Int) {
        words[index >> 6] |= 1 << UInt64(63 - index & 63)
        allocated += 1
    }

    /// Gives out one free entry chosen uniformly at random, or nil when the list is full.
    package mutating func allocate(using generator: inout some RandomNumberGenerator) -> Int? {
        guard !isFull else { return nil }
        if free * 8 >= size {
            // Expected probes at most 8; the bound only guards against a broken generator.
            for _ in 0..<64 {
                let index = Int.random(in: 0..<size, using: &generator)
                if !contains(index) {
                    take(index)
                    return index
                }
            }
        }
        // The k-th free entry (0-based), k uniform over the free entries.
        var remaining = Int.random(in: 0..<free, using: &generator)
        for (wordIndex, word) in words.enumerated() {
            let freeHere = (~word).nonzeroBitCount
            if remaining >= freeHere {
                remaining -= freeHere
                continue
            }
            // Free entries of this word counted from its least significant bit (any fixed order keeps the
            // choice uniform): drop the `remaining` lowest, then take the next.
            var bits = ~word
            for _ in 0..<remaining { bits &= bits - 1 }
            let bit = bits.trailingZeroBitCount
            let index = wordIndex * 64 + (63 - bit)
            take(index)
            return index
        }
        return nil
    }
}

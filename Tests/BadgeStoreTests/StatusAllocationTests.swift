import BadgeStore
import Testing

@Suite struct StatusAllocationTests {
    @Test("filling a list hands out every entry exactly once, then reports it full")
    func fillsCompletely() {
        var generator = SplitMix64(state: 7)
        var allocation = StatusAllocation(size: 4096)
        var seen = Set<Int>()
        while let index = allocation.allocate(using: &generator) {
            #expect(seen.insert(index).inserted)
        }
        #expect(seen == Set(0..<4096))
        #expect(allocation.isFull && allocation.free == 0)
        #expect(allocation.bytes == [UInt8](repeating: 0xFF, count: 512))
    }

    @Test("a list whose size is not a multiple of 64 never hands out the padding")
    func padding() {
        var generator = SplitMix64(state: 1)
        var allocation = StatusAllocation(size: 72)
        var seen: [Int] = []
        while let index = allocation.allocate(using: &generator) { seen.append(index) }
        #expect(seen.sorted() == Array(0..<72))
        #expect(allocation.bytes.count == 9)
    }

    @Test("the stored bytes round-trip and put entry 0 in the most significant bit")
    func bytesRoundTrip() throws {
        var generator = SplitMix64(state: 3)
        var allocation = StatusAllocation(size: 1024)
        for _ in 0..<300 { _ = allocation.allocate(using: &generator) }
        let restored = try #require(StatusAllocation(bytes: allocation.bytes, size: 1024))
        #expect(restored.allocated == 300)
        #expect(restored.bytes == allocation.bytes)
        for index in 0..<1024 { #expect(restored.contains(index) == allocation.contains(index)) }
        let single = try #require(StatusAllocation(bytes: [0x80] + [UInt8](repeating: 0, count: 7), size: 64))
        #expect(single.contains(0) && !single.contains(1) && single.allocated == 1)
        #expect(StatusAllocation(bytes: [0, 0], size: 64) == nil)
    }

    @Test("draws stay spread when the list is over 90% full (the free-entry search path)")
    func uniformWhenNearlyFull() {
        var generator = SplitMix64(state: 11)
        let size = 131_072
        var allocation = StatusAllocation(size: size)
        for _ in 0..<(size * 9 / 10) { _ = allocation.allocate(using: &generator) }
        var halves = [0, 0]
        var seen = Set<Int>()
        for _ in 0..<8000 {
            guard let index = allocation.allocate(using: &generator) else { break }
            #expect(seen.insert(index).inserted)
            halves[index < size / 2 ? 0 : 1] += 1
        }
        #expect(seen.count == 8000)
        // Free entries are spread evenly, so each half should get about 4,000 (sd ~63).
        #expect(halves.allSatisfy { (3600...4400).contains($0) }, "halves: \(halves)")
    }
}

@Suite struct SecureRandomTests {
    @Test("the buffered secure generator gives distinct, well-mixed words across refills and instances")
    func distinctWords() {
        var first = SecureRandomGenerator()
        var second = SecureRandomGenerator()
        let a = (0..<1000).map { _ in first.next() }
        let b = (0..<1000).map { _ in second.next() }
        #expect(Set(a + b).count == 2000)
        // About half of the 64,000 bits of each stream are set (standard deviation ~126).
        let ones = a.reduce(0) { $0 + $1.nonzeroBitCount }
        #expect((31_000...33_000).contains(ones))
    }
}

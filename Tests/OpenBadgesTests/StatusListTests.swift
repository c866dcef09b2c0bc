import Foundation
import LinkedData
import Testing
import OpenBadges

@Suite struct StatusListTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return [UInt8](try Data(contentsOf: directory.appendingPathComponent("status").appendingPathComponent(name)))
    }

    @Test("the 1EdTech test list decodes to 16,384 bytes with only bit 23 set (bit order: MSB first)")
    func oneEdTechList() throws {
        let credential = try JSONValue(parsing: try Self.fixture("testlist"))
        let encoded = try #require(credential["credentialSubject"]?["encodedList"]?.stringValue)
        let list = try BitstringStatusList(encodedList: encoded)
        #expect(list.bytes.count == 16_384)
        #expect(list.bitCount == 131_072)
        var set: [Int] = []
        for (byteIndex, byte) in list.bytes.enumerated() where byte != 0 {
            for bit in 0..<8 where try list.bit(at: byteIndex * 8 + bit) {
                set.append(byteIndex * 8 + bit)
            }
        }
        #expect(set == [23])
        #expect(list.bytes[2] == 0x01)
    }

    @Test("encode then decode round-trips and flips exactly one bit")
    func roundTrip() throws {
        var list = BitstringStatusList()
        try list.setBit(at: 0, to: true)
        try list.setBit(at: 131_071, to: true)
        try list.setBit(at: 77_777, to: true)
        let encoded = try list.encodedList()
        #expect(encoded.hasPrefix("u"))
        var decoded = try BitstringStatusList(encodedList: encoded)
        #expect(decoded == list)
        #expect(try decoded.bit(at: 77_777))
        #expect(try !decoded.bit(at: 77_778))
        try decoded.setBit(at: 77_777, to: false)
        let differing = zip(decoded.bytes, list.bytes).filter { $0 != $1 }.count
        #expect(differing == 1)
        #expect(decoded.bytes[0] == 0x80 && decoded.bytes[16_383] == 0x01)
    }

    @Test("bad lists fail with a clear error")
    func badLists() throws {
        #expect(throws: StatusListError.self) { try BitstringStatusList(encodedList: "u!!!") }
        #expect(throws: StatusListError.self) { try BitstringStatusList(encodedList: "uH4sIAAAAAAAA") }
        let list = BitstringStatusList(bitCount: 16)
        #expect(throws: StatusListError.self) { try list.bit(at: 16) }
        #expect(throws: StatusListError.self) { try list.bit(at: -1) }
    }

    @Test("a decompression bomb is refused")
    func bomb() throws {
        let huge = [UInt8](repeating: 0, count: BitstringStatusList.maximumByteCount + 1)
        let compressed = try GZIP.compress(huge)
        #expect(compressed.count < 100_000)
        #expect(throws: StatusListError.self) {
            try GZIP.decompress(compressed, maxOutput: BitstringStatusList.maximumByteCount)
        }
    }
}

import BadgeStore
import Testing

@Suite struct CredentialIdentifierTests {
    @Test("identifiers are urn:uuid version-7 UUIDs with the RFC 9562 variant and the given time")
    func format() throws {
        // 2026-03-01T09:00:00Z = 1772355600000 ms = 0x019C_A8A0_3E80, the first 48 bits.
        let id = CredentialIdentifier.make(unixMilliseconds: 1_772_355_600_000)
        #expect(id.hasPrefix("urn:uuid:019ca8a0-3e80-7"))
        let uuid = Array(id.dropFirst(9))
        #expect(uuid.count == 36)
        #expect([8, 13, 18, 23].allSatisfy { uuid[$0] == "-" })
        #expect("89ab".contains(uuid[19]))
        #expect(uuid.allSatisfy { "0123456789abcdef-".contains($0) })
    }

    @Test("identifiers differ each time and sort in the order of their times")
    func uniqueAndOrdered() {
        let ids = (0..<2000).map { CredentialIdentifier.make(unixMilliseconds: 1_772_355_600_000 + Double($0) * 0.5) }
        #expect(Set(ids).count == 2000)
        #expect(ids == ids.sorted())
        #expect(CredentialIdentifier.make() != CredentialIdentifier.make())
    }
}

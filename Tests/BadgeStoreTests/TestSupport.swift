import BadgeStore
import Foundation

/// A fresh folder under the system's temporary directory, removed when the test is done with it.
final class TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("laurel-ledger-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A fixed clock, so that recorded times are known.
let fixedClock: LedgerClock = { "2026-03-01T09:00:00Z" }

func settings(listSize: Int = LedgerSettings.minimumStatusListSize) throws -> LedgerSettings {
    try LedgerSettings.testing(baseURL: "https://issuer.example/", statusListSize: listSize)
}

func reservations(_ count: Int, prefix: String = "batch-1", suspendable: Bool = false) -> [CredentialReservation] {
    (0..<count).map { row in
        CredentialReservation(
            rowKey: "\(prefix)#\(row)", credentialID: "urn:uuid:\(prefix)-\(row)",
            recipient: "learner\(row)@example.org", suspendable: suspendable)
    }
}

/// A well-formed SHA-256 digest in hexadecimal, different for each seed.
func digest(_ seed: Int) -> String {
    let text = String(seed, radix: 16)
    return String(repeating: "0", count: 64 - text.count) + text
}

/// The indexes whose bits are set in a bitstring (entry 0 = most significant bit of byte 0).
func setBits(_ bytes: [UInt8]) -> [Int] {
    var indexes: [Int] = []
    for (offset, byte) in bytes.enumerated() where byte != 0 {
        for bit in 0..<8 where byte & (0x80 >> UInt8(bit)) != 0 { indexes.append(offset * 8 + bit) }
    }
    return indexes
}

/// A deterministic generator (SplitMix64) for allocation tests that must repeat.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

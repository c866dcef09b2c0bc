import BadgeIssuer
import BadgeVerifier
import Foundation
import LinkedData
import OpenBadges

extension BenchSuites {
    /// Status lists: encoding, signing and publishing a 131,072-entry list (target ≤ 50 ms), revocation with
    /// republishing, and the verifier's status check.
    static var status: BenchSuite {
        BenchSuite(
            name: "status",
            summary: "publish a 131,072-entry status list: encode + sign (target ≤ 50 ms); revoke/suspend; status check",
            run: runStatus)
    }

    private static func runStatus(_ harness: BenchHarness) throws {
        let folder = try benchTemporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let now = "2026-01-02T03:04:05Z"
        let workspace = try Workspace.create(
            at: folder + "/issuer", options: .init(name: "Bench College", url: "https://bench.example.edu"))
        let definition = AchievementDefinition(
            id: "https://bench.example.edu/achievements/bench", name: "Bench", description: "Benchmarks.",
            criteriaNarrative: "Run them.")
        let issued = try workspace.issue(
            IssueRequest(achievement: definition, recipient: .did("did:example:learner"), suspendable: true),
            outputPath: "-", now: now)
        let url = "https://bench.example.edu/status/revocation/1"

        // A list with 1% of its entries set, spread like random revocations.
        var sparse = BitstringStatusList()
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<(BitstringStatusList.minimumBitCount / 100) {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            try sparse.setBit(at: Int(state % UInt64(BitstringStatusList.minimumBitCount)), to: true)
        }
        let empty = BitstringStatusList()
        var sink = 0

        print(try harness.measure("encode 131,072 entries, none set") { sink &+= try empty.encodedList().utf8.count }.line)
        print(try harness.measure("encode 131,072 entries, 1% set") { sink &+= try sparse.encodedList().utf8.count }.line)
        print(
            try harness.measure("publish: encode + sign (eddsa-rdfc-2022)") {
                sink &+= try workspace.statusListCredential(
                    url: url, purpose: "revocation", bits: empty.bytes, now: now).count
            }.line)
        print(
            try harness.measure("publish: encode + sign, 1% set") {
                sink &+= try workspace.statusListCredential(
                    url: url, purpose: "revocation", bits: sparse.bytes, now: now).count
            }.line)
        let encoded = try sparse.encodedList()
        print(
            try harness.measure("decode 131,072 entries + look one up") {
                sink &+= try BitstringStatusList(encodedList: encoded).bit(at: 77_777) ? 1 : 2
            }.line)
        print(
            try harness.measure("publish every list (ledger, sign, write)") {
                sink &+= try workspace.publishStatusLists(now: now).count
            }.line)
        var suspended = false
        print(
            try harness.measure("suspend or unsuspend + republish") {
                try workspace.changeStatus(
                    suspended ? .unsuspend : .suspend, credentialID: issued.credentialID, reason: nil, now: now)
                suspended.toggle()
            }.line)

        if suspended {
            try workspace.changeStatus(.unsuspend, credentialID: issued.credentialID, reason: nil, now: now)
        }
        var resources: [String: [UInt8]] = [:]
        for list in try workspace.publishStatusLists(now: now) { resources[list.url] = try FileIO.read(list.file) }
        let listBytes = try requireBench(resources[url])
        let verifier = Verifier(options: VerificationOptions(at: 1_780_272_000, resources: resources))
        print(
            harness.measure("verifier: status list proof + decode + lookup") {
                sink &+= verifier.verify(bytes: listBytes, source: nil).checks.count
            }.line)
        print(
            harness.measure("verifier: whole badge with 2 status entries") {
                sink &+= verifier.verify(bytes: issued.signed.bytes, source: nil).checks.count
            }.line)
        if sink == 0 { print("(sink \(sink))") }
    }
}

/// Unwraps a value the benchmark set up itself.
private func requireBench<T>(_ value: T?) throws -> T {
    guard let value else { throw BenchSetupError("benchmark setup failed") }
    return value
}

/// A benchmark that could not set itself up.
struct BenchSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A new empty folder under `$TMPDIR` (or /tmp) for a benchmark's workspace.
func benchTemporaryFolder() throws -> String {
    let base = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
    var template = Array((base + "/laurel-bench-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in mkdtemp(buffer.baseAddress!) != nil }
    guard made else { throw BenchSetupError("cannot create a temporary folder in \(base)") }
    let length = template.firstIndex(of: 0) ?? template.count
    return String(decoding: template[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

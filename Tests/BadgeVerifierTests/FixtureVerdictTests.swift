import BadgeVerifier
import Foundation
import Testing

/// Every 1EdTech validator fixture gets the verdict EXPECTATIONS.md gives, offline, with the failing check the
/// reason points to. Where the expected verdict rests on something Laurel cannot do offline or does not do, the
/// case says what Laurel answers and why.
@Suite struct FixtureVerdictTests {
    static let testlistURL =
        "https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist"

    struct Case: Sendable, CustomStringConvertible {
        var file: String
        var verdict: Verdict
        /// Checks that must fail (for invalid) or warn.
        var failing: Set<CheckID> = []
        var warnings: Set<CheckID> = []
        var resources: [String: String] = [:]
        var note: String = ""
        var description: String { file }
    }

    static let cases: [Case] = [
        Case(file: "ob30/simple.json", verdict: .valid),
        Case(file: "ob30/simple.1ob", verdict: .valid),
        Case(file: "ob30/simple-context-alias.json", verdict: .valid),
        Case(file: "ob30/simple-context-version.json", verdict: .valid, warnings: [.context]),
        Case(file: "ob30/simple-did-key-method.json", verdict: .valid, warnings: [.keyBinding],
             note: "an https issuer signing with a did:key: valid, with a warning that only the issuer's published keys can bind it"),
        Case(file: "ob30/simple-did-web-method.json", verdict: .valid),
        Case(file: "ob30/simple-multiple-proofs.json", verdict: .invalid, failing: [.safeMode]),
        Case(file: "ob30/simple-json.png", verdict: .valid),
        Case(file: "ob30/simple-json.svg", verdict: .valid),
        Case(file: "ob30/simple-jwt.png", verdict: .valid, warnings: [.keyBinding]),
        Case(file: "ob30/simple-jwt.svg", verdict: .valid, warnings: [.keyBinding]),
        Case(file: "ob30/simple-jwt_v1.png", verdict: .valid, warnings: [.context]),
        Case(file: "ob30/simple-jwt_v1.svg", verdict: .valid, warnings: [.context]),
        Case(file: "ob30/velocity.jwt", verdict: .invalid, failing: [.keyResolution],
             note: "did:velocity keys cannot be resolved; the validator rejects it too (no OB extensions context)"),
        Case(file: "ob30/simple.jwt", verdict: .invalid, failing: [.keyResolution],
             note: "no 'jwk' or 'kid' in the header: nothing to check the signature with (the validator uses it for parse tests only)"),
        Case(file: "ob30/simple_v1.json", verdict: .valid, warnings: [.context, .proof]),
        Case(file: "ob30/simple-eddsa-2022.json", verdict: .valid, warnings: [.proof]),
        Case(file: "ob30/endorsement-valid.json", verdict: .valid),
        Case(file: "ob30/endorsement-err-schema-status-refresh.json", verdict: .invalid, failing: [.proof],
             note: "an error fixture (schema, status and refresh problems); its legacy Ed25519Signature2020 proof does not match the edited document"),
        Case(file: "ob30/complete.json", verdict: .invalid, failing: [.endorsement],
             note: "expected INVALID because an inline credentialSchema URL answered 404 (network); offline Laurel finds it invalid because its embedded endorsements use 1EdTech types without the extensions context (safe mode)"),
        Case(file: "ob30/complete_v1.json", verdict: .invalid, failing: [.safeMode],
             note: "expected INVALID (inline schema 404); offline its terms fail safe mode"),
        Case(file: "ob30/credential-status-revoked.json", verdict: .indeterminate,
             note: "expected FATAL (revoked via a 1EdTechRevocationList on the network); offline the list is not available, so Laurel cannot tell, and never says 'not revoked'"),
        Case(file: "ob30/simple-err-type.json", verdict: .invalid, failing: [.type]),
        Case(file: "ob30/simple-err-context.json", verdict: .invalid, failing: [.context]),
        Case(file: "ob30/simple-err-proof-method.json", verdict: .invalid, failing: [.keyResolution]),
        Case(file: "ob30/simple-err-proof-method-no-scheme.json", verdict: .invalid, failing: [.keyResolution]),
        Case(file: "ob30/simple-err-proof-method-unknown-scheme.json", verdict: .invalid, failing: [.keyResolution]),
        Case(file: "ob30/simple-err-proof-method-unknown-did-method.json", verdict: .invalid, failing: [.keyResolution]),
        Case(file: "ob30/simple-err-proof-value.json", verdict: .invalid, failing: [.proof]),
        Case(file: "ob30/simple-err-expired.json", verdict: .invalid, failing: [.validUntil]),
        Case(file: "ob30/simple-err-issued.json", verdict: .invalid, failing: [.validFrom]),
        Case(file: "ob30/simple-err-issuer.json", verdict: .invalid, failing: [.schema]),
        Case(file: "ob30/simple-err-credential-subject-type.json", verdict: .invalid, failing: [.type, .schema, .proof]),
        Case(file: "ob30/simple-err-credential-subject-achievement-result-description-type.json", verdict: .invalid, failing: [.type, .schema]),
        Case(file: "ob30/simple-err-credential-subject-identifier-type.json", verdict: .invalid, failing: [.type, .schema]),
        Case(file: "ob30/simple-err-credential-subject-profile-type.json", verdict: .invalid, failing: [.type, .schema]),
        Case(file: "ob30/simple-err-credential-subject-result-type.json", verdict: .invalid, failing: [.type, .schema]),
        Case(file: "ob30/simple-err-evidence-type.json", verdict: .invalid, failing: [.type, .schema]),
        Case(file: "ob30/simple-err-issuer-type.json", verdict: .invalid, failing: [.type, .schema]),
        Case(file: "ob30/simple-err-issuer-otheridentifier-type.json", verdict: .invalid, failing: [.type, .schema]),
        Case(file: "ob30/simple-err-issuer-parentorg-type.json", verdict: .invalid, failing: [.type, .schema]),
        Case(file: "ob30/simple-noproof.json", verdict: .invalid, failing: [.proof]),
        Case(file: "ob30/bit-string-list/credential-status-revoked.json", verdict: .invalid, failing: [.status],
             resources: [testlistURL: "ob30/bit-string-list/testlist"]),
        Case(file: "ob30/bit-string-list/credential-status-revoked-blank-nodes.json", verdict: .invalid, failing: [.status],
             resources: [testlistURL: "ob30/bit-string-list/testlist"]),
        Case(file: "ob30/bit-string-list/credential-status-revoked.json", verdict: .indeterminate,
             note: "the same revoked badge without its status list: Laurel cannot tell (never 'not revoked')"),
        Case(file: "ob30/sd/derivedcredential.json", verdict: .invalid, failing: [.proof],
             note: "expected VALID with an ecdsa-sd-2023 derived proof (P-256 selective disclosure); Laurel does not implement that suite and fails closed"),
        Case(file: "clr20/simple.json", verdict: .valid),
    ]

    static func fixture(_ name: String) throws -> [UInt8] {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let url = directory.appendingPathComponent("1edtech-validator").appendingPathComponent(name)
        return [UInt8](try Data(contentsOf: url))
    }

    /// 2026-11-29: inside every fixture's validity window except the ones testing it.
    static let at = 1_795_910_400.0

    @Test("1EdTech validator fixtures get their expected verdicts offline", arguments: cases)
    func verdict(_ testCase: Case) throws {
        var resources: [String: [UInt8]] = [:]
        for (url, file) in testCase.resources { resources[url] = try Self.fixture(file) }
        let verifier = Verifier(options: VerificationOptions(at: Self.at, resources: resources))
        let report = verifier.verify(bytes: try Self.fixture(testCase.file), source: testCase.file)
        let summary = report.checks.map { "\($0.id.rawValue)=\($0.outcome.rawValue): \($0.message)" }.joined(separator: "\n")
        #expect(report.verdict == testCase.verdict, "\(testCase.file): \(testCase.note)\n\(summary)")
        let failed = Set(report.checks.filter { $0.outcome == .fail }.map(\.id))
        for id in testCase.failing {
            #expect(failed.contains(id) || (id == .proof && !failed.isEmpty), "\(testCase.file): expected \(id.rawValue) to fail\n\(summary)")
        }
        let warned = Set(report.checks.filter { $0.outcome == .warning }.map(\.id))
        for id in testCase.warnings {
            #expect(warned.contains(id), "\(testCase.file): expected a \(id.rawValue) warning\n\(summary)")
        }
    }

    @Test("the verdict table covers every fixture file")
    func coverage() throws {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("1edtech-validator/ob30")
        let files = try FileManager.default.subpathsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".json") || $0.hasSuffix(".png") || $0.hasSuffix(".svg") || $0.hasSuffix(".jwt") || $0.hasSuffix(".1ob") }
        let covered = Set(Self.cases.map(\.file))
        let missing = files.map { "ob30/" + $0 }.filter { !covered.contains($0) }.sorted()
        #expect(missing.isEmpty, "fixtures without an expected verdict: \(missing)")
        print("1EdTech fixtures with expected verdicts: \(Self.cases.count) cases over \(files.count) ob30 files + CLR")
    }
}

import BadgeProofs
import BadgeVerifier
import LinkedData
import OpenBadges
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
        /// Supply the issuer's controller document (built from the fixture's own verification methods), as an
        /// employer given the issuer's document would: the 1EdTech validator takes a key from a `#z6Mk…` fragment,
        /// which proves nothing by itself, so without the document Laurel cannot tell whose key it is.
        var issuerDocument = false
        var indeterminate: Set<CheckID> = []
        var description: String { file + (issuerDocument ? " (with the issuer's document)" : "") }
    }

    static let jwkNote = "expected VALID by the validator; the RS256 key is only in the token's own 'jwk' header, which proves nothing about the https issuer, so Laurel cannot tell"
    static let fragmentNote = "the key is only in the verification method's fragment: without the issuer's own document, nothing shows it is the issuer's"

    static let cases: [Case] = [
        Case(file: "ob30/simple.json", verdict: .valid, issuerDocument: true),
        Case(file: "ob30/simple.json", verdict: .indeterminate, note: fragmentNote, indeterminate: [.keyBinding]),
        Case(file: "ob30/simple.1ob", verdict: .valid, issuerDocument: true),
        Case(file: "ob30/simple-context-alias.json", verdict: .valid, issuerDocument: true),
        Case(file: "ob30/simple-context-version.json", verdict: .valid, warnings: [.context], issuerDocument: true),
        Case(file: "ob30/simple-did-key-method.json", verdict: .indeterminate,
             note: "expected VALID by the validator; a urn:uuid issuer signing with a did:key: no document can show the key is the issuer's, so Laurel cannot tell",
             indeterminate: [.keyBinding]),
        Case(file: "ob30/simple-did-web-method.json", verdict: .valid, issuerDocument: true),
        Case(file: "ob30/simple-multiple-proofs.json", verdict: .invalid, failing: [.safeMode]),
        Case(file: "ob30/simple-json.png", verdict: .valid, issuerDocument: true),
        Case(file: "ob30/simple-json.svg", verdict: .valid, issuerDocument: true),
        Case(file: "ob30/simple-jwt.png", verdict: .indeterminate, note: jwkNote, indeterminate: [.keyBinding]),
        Case(file: "ob30/simple-jwt.svg", verdict: .indeterminate, note: jwkNote, indeterminate: [.keyBinding]),
        Case(file: "ob30/simple-jwt_v1.png", verdict: .indeterminate, warnings: [.context], note: jwkNote, indeterminate: [.keyBinding]),
        Case(file: "ob30/simple-jwt_v1.svg", verdict: .indeterminate, warnings: [.context], note: jwkNote, indeterminate: [.keyBinding]),
        Case(file: "ob30/velocity.jwt", verdict: .invalid, failing: [.keyResolution],
             note: "did:velocity keys cannot be resolved; the validator rejects it too (no OB extensions context)"),
        Case(file: "ob30/simple.jwt", verdict: .invalid, failing: [.keyResolution],
             note: "no 'jwk' or 'kid' in the header: nothing to check the signature with (the validator uses it for parse tests only)"),
        Case(file: "ob30/simple_v1.json", verdict: .valid, warnings: [.context, .proof], issuerDocument: true),
        Case(file: "ob30/simple-eddsa-2022.json", verdict: .valid, warnings: [.proof], issuerDocument: true),
        Case(file: "ob30/endorsement-valid.json", verdict: .valid, issuerDocument: true),
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
        Case(file: "ob30/sd/derivedcredential.json", verdict: .indeterminate,
             note: "expected VALID with an ecdsa-sd-2023 derived proof (P-256 selective disclosure); Laurel does not implement that suite, so the signature cannot be checked (not 'changed after signing')",
             indeterminate: [.proof]),
        Case(file: "clr20/simple.json", verdict: .valid, issuerDocument: true),
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
        if testCase.issuerDocument {
            resources.merge(try Self.issuerDocuments(for: try Self.fixture(testCase.file))) { given, _ in given }
        }
        let verifier = Verifier(options: VerificationOptions(at: Self.at, resources: resources))
        let report = verifier.verify(bytes: try Self.fixture(testCase.file), source: testCase.file)
        let summary = report.checks.map { "\($0.id.rawValue)=\($0.outcome.rawValue): \($0.message)" }.joined(separator: "\n")
        #expect(report.verdict == testCase.verdict, "\(testCase.file): \(testCase.note)\n\(summary)")
        let failed = Set(report.checks.filter { $0.outcome == .fail }.map(\.id))
        for id in testCase.failing {
            #expect(failed.contains(id) || (id == .proof && !failed.isEmpty), "\(testCase.file): expected \(id.rawValue) to fail\n\(summary)")
        }
        let unknown = Set(report.checks.filter(\.indeterminate).map(\.id))
        for id in testCase.indeterminate {
            #expect(unknown.contains(id), "\(testCase.file): expected \(id.rawValue) to be cannot-tell\n\(summary)")
        }
        let warned = Set(report.checks.filter { $0.outcome == .warning }.map(\.id))
        for id in testCase.warnings {
            #expect(warned.contains(id), "\(testCase.file): expected a \(id.rawValue) warning\n\(summary)")
        }
    }

    /// The controller documents the fixture's issuers would publish (the badge's, and those of the credentials
    /// inside it): every `<issuer>#z6Mk…` method of their proofs, under `assertionMethod`, at the issuer URL (or a
    /// did:web's did.json).
    static func issuerDocuments(for bytes: [UInt8]) throws -> [String: [UInt8]] {
        var payload = bytes
        if BakedImage.kind(of: bytes) != .unknown { payload = Array(try BadgeBaker.extract(from: bytes).payload.utf8) }
        var methods: [String: [String]] = [:]
        func walk(_ value: JSONValue) {
            if let object = value.objectValue {
                if let issuer = object["issuer"]?.stringValue ?? object["issuer"]?["id"]?.stringValue {
                    let proofs = object["proof"]?.arrayValue ?? object["proof"].map { [$0] } ?? []
                    for proof in proofs {
                        guard let method = proof["verificationMethod"]?.stringValue, method.hasPrefix(issuer + "#") else { continue }
                        if !(methods[issuer] ?? []).contains(method) { methods[issuer, default: []].append(method) }
                    }
                }
                for member in object { walk(member.value) }
            } else if let array = value.arrayValue {
                array.forEach(walk)
            }
        }
        walk(try JSONValue(parsing: payload))
        var documents: [String: [UInt8]] = [:]
        for (issuer, ids) in methods {
            let listed = ids.map { method in JSONValue.object(JSONObject([
                "id": .string(method), "type": "Multikey", "controller": .string(issuer),
                "publicKeyMultibase": .string(String(method.dropFirst(issuer.count + 1))),
            ])) }
            let document = JSONObject([
                "id": .string(issuer), "verificationMethod": .array(listed), "assertionMethod": .array(ids.map(JSONValue.string)),
            ])
            guard let url = OfflineVerificationMethodResolver.documentURL(for: issuer) else { continue }
            documents[url] = JSONValue.object(document).jsonBytes()
        }
        return documents
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

import BadgeCrypto
import BadgeIssuer
import BadgeProofs
@testable import BadgeVerifier
import Foundation
import LinkedData
import OpenBadges
import Testing

/// "Valid" is a promise: the key provably belongs to the issuer named, and the report says who vouches for it.
/// Each forgery carries a real signature by a key that is not the issuer's.
@Suite struct TrustTests {
    static func verify(
        _ bytes: [UInt8], resources: [String: [UInt8]] = [:], trust: TrustList? = nil,
        resolver: (any ResourceResolver)? = nil
    ) -> VerificationReport {
        var options = VerificationOptions(at: SignedSamples.at, resources: resources, trust: trust)
        options.resolver = resolver
        return Verifier(options: options).verify(bytes: bytes, source: "test")
    }

    static func resources(_ forged: Forgeries.Case) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: forged.resources.map { ($0.url, $0.bytes) })
    }

    @Test("each forgery of the trust issue gets the verdict it deserves, decided by the check it names")
    func forgeries() throws {
        for forged in try Forgeries.all() {
            let report = Self.verify(forged.bytes, resources: Self.resources(forged))
            #expect(report.verdict == forged.verdict, "\(forged.file): \(report.describe)")
            let decisive = report.checks.filter { $0.id == forged.check }
            switch forged.verdict {
            case .invalid: #expect(decisive.contains { $0.outcome == .fail }, "\(forged.file): \(report.describe)")
            case .indeterminate: #expect(decisive.contains { $0.indeterminate }, "\(forged.file): \(report.describe)")
            case .valid: #expect(decisive.allSatisfy { $0.outcome == .pass }, "\(forged.file): \(report.describe)")
            }
            // The signature itself is sound in every case but the status list's: the forger really signed it.
            if forged.check != .status && forged.verdict != .invalid {
                #expect(report.checks.contains { $0.id == .proof && $0.outcome != .fail }, "\(forged.file)")
            }
        }
    }

    @Test("1: a VC-JWT signed with its own header key, naming another issuer's did:key, is a forgery")
    func jwtHeaderKey() throws {
        let forged = try Forgeries.all()[0]
        let report = Self.verify(forged.bytes)
        #expect(report.verdict == .invalid)
        let binding = try #require(report.checks.first { $0.id == .keyBinding })
        #expect(binding.message.contains("did:key \(SignedSamples.issuerID)") || binding.message.contains(SignedSamples.issuerID))
        // The same token signed by the issuer's own key, carried in the header, is the issuer's.
        let genuine = try VCJWT.issue(try SignedSamples.unsigned(), privateKey: SignedSamples.key, keyReference: .embeddedJWK)
        let good = Self.verify(Array(genuine.utf8))
        #expect(good.verdict == .valid, "\(good.describe)")
        #expect(good.issuer?.level == .selfAsserted)
    }

    @Test("2: an https issuer whose proof names a key under another controller is invalid")
    func foreignController() throws {
        let report = Self.verify(try Forgeries.all()[1].bytes)
        #expect(report.verdict == .invalid)
        #expect(report.checks.first { $0.id == .keyBinding }?.message.contains("https://other.example/issuers/9") == true)
    }

    @Test("3: a key in a did:web or https fragment is unproven without the issuer's document: cannot tell, naming it")
    func fragmentKeys() throws {
        let report = Self.verify(try Forgeries.all()[2].bytes)
        #expect(report.verdict == .indeterminate)
        let binding = try #require(report.checks.first { $0.id == .keyBinding })
        #expect(binding.message.contains("The signature is intact, but nothing shows this key belongs to did:web:example.edu"))
        #expect(binding.message.contains("https://example.edu/.well-known/did.json"))
        #expect(report.checks.first { $0.id == .proof }?.outcome == .pass)

        // An https issuer with its own key in the fragment, offline: the same.
        let key = Forgeries.forger
        let method = "https://example.edu/issuers/1#" + Multikey.encode(key.publicKey)
        let https = try Forgeries.signed(
            try SignedSamples.unsigned(issuer: Forgeries.profile("https://example.edu/issuers/1")), key: key, method: method)
        let offline = Self.verify(https)
        #expect(offline.verdict == .indeterminate, "\(offline.describe)")
        #expect(offline.checks.first { $0.id == .keyBinding }?.message.contains("https://example.edu/issuers/1") == true)

        // The issuer's controller document listing the method proves it: supplied as a file, the identity is
        // self-asserted; fetched from the issuer's domain, it is the domain's.
        var controller = JSONObject()
        controller["id"] = "https://example.edu/issuers/1"
        controller["verificationMethod"] = [.object(JSONObject([
            "id": .string(method), "type": "Multikey", "controller": "https://example.edu/issuers/1",
            "publicKeyMultibase": .string(Multikey.encode(key.publicKey)),
        ]))]
        controller["assertionMethod"] = [.string(method)]
        let document = JSONValue.object(controller).jsonBytes()
        let supplied = Self.verify(https, resources: ["https://example.edu/issuers/1": document])
        #expect(supplied.verdict == .valid, "\(supplied.describe)")
        #expect(supplied.issuer?.level == .selfAsserted)
        let fetched = Self.verify(https, resolver: FetchedResources(["https://example.edu/issuers/1": document]))
        #expect(fetched.verdict == .valid, "\(fetched.describe)")
        #expect(fetched.issuer?.level == .domain && fetched.issuer?.vouchedBy == "example.edu")
        #expect(fetched.headline.contains("signed with a key published at example.edu"))
        // Fetched, but not listing this key: the key is not the issuer's.
        controller["assertionMethod"] = [.string("https://example.edu/issuers/1#other")]
        let unlisted = Self.verify(https, resolver: FetchedResources(["https://example.edu/issuers/1": JSONValue.object(controller).jsonBytes()]))
        #expect(unlisted.verdict == .invalid, "\(unlisted.describe)")
        #expect(unlisted.outcome(.keyBinding) == .fail)
    }

    @Test("4: a DID document listing the key only under authentication does not authorise an assertion proof")
    func wrongRelationship() throws {
        let forged = try Forgeries.all()[3]
        let report = Self.verify(forged.bytes, resources: Self.resources(forged))
        #expect(report.verdict == .invalid)
        #expect(report.checks.first { $0.id == .keyBinding }?.message.contains("not under 'assertionMethod'") == true)
        // Listed under assertionMethod, the same proof is the issuer's.
        let listed = Forgeries.didDocument("did:web:example.edu", key: Forgeries.forger.publicKey, relationships: ["assertionMethod"])
        let good = Self.verify(forged.bytes, resources: ["https://example.edu/.well-known/did.json": listed])
        #expect(good.verdict == .valid, "\(good.describe)")
        // Without the document at all: cannot tell, naming where it lives.
        let missing = Self.verify(forged.bytes)
        #expect(missing.verdict == .indeterminate, "\(missing.describe)")
        #expect(missing.checks.first { $0.id == .keyResolution }?.message.contains("https://example.edu/.well-known/did.json") == true)
    }

    @Test("5: a self-named did:key is valid but never 'issued by' its name; a trust list makes it so")
    func selfNamed() throws {
        let forged = try Forgeries.all()[4]
        let report = Self.verify(forged.bytes)
        #expect(report.verdict == .valid)
        #expect(report.issuer?.level == .selfAsserted && report.issuer?.name == "Harvard University")
        let did = DIDKey.did(for: Forgeries.forger.publicKey)
        #expect(report.headline.hasPrefix("signed by the holder of \(did), which calls itself 'Harvard University'"))
        #expect(!report.headline.contains("issued by") && !report.headline.contains("genuine"))
        #expect(report.text().contains("VALID — signed by the holder of \(did)"))
        #expect(report.jsonValue["issuer"]?["identity"]?.stringValue == "self-asserted")

        let other = TrustList(ids: ["did:web:harvard.edu"], source: "my-list.txt")
        let untrusted = Self.verify(forged.bytes, trust: other)
        #expect(untrusted.headline.contains("(not in your trust list)"))
        #expect(untrusted.outcome(.trust) == .warning)

        let listed = TrustList(ids: [did], source: "my-list.txt")
        let trusted = Self.verify(forged.bytes, trust: listed)
        #expect(trusted.issuer?.level == .trusted)
        #expect(trusted.headline.hasPrefix("issued by Harvard University (\(did)), on your trust list (my-list.txt)"))
        #expect(trusted.jsonValue["issuer"]?["identity"]?.stringValue == "trusted")
    }

    @Test("a DCC issuer registry is read as a trust list, with the registry's name for the issuer")
    func dccRegistry() throws {
        let did = DIDKey.did(for: Forgeries.forger.publicKey)
        let registry = """
            {"meta": {"created": "2022-10-27T17:57:31+00:00"},
             "registry": {"\(did)": {"name": "Harvard University", "location": "Cambridge, MA", "url": "https://harvard.edu"},
                          "did:web:example.org": {"name": "Example"}}}
            """
        let list = try TrustList.parse(Array(registry.utf8), source: "registry.json")
        #expect(list.entries.count == 2)
        #expect(list.entry(for: did)?.url == "https://harvard.edu")
        let report = Self.verify(try Forgeries.all()[4].bytes, trust: list)
        #expect(report.issuer?.level == .trusted && report.issuer?.listedName == "Harvard University")
        #expect(throws: TrustList.ParseError.self) { try TrustList.parse(Array("{\"registry\": [".utf8), source: "bad.json") }
        do {
            _ = try TrustList.parse(Array("{\n  \"registry\": {,}\n}".utf8), source: "bad.json")
        } catch {
            #expect(error.reason.contains("bad.json") && error.reason.contains("line 2"))
        }
        #expect(throws: TrustList.ParseError.self) { try TrustList.parse(Array("not an id\n".utf8), source: "list.txt") }
        #expect(try TrustList.parse(Array("# trusted\n\ndid:key:z6Mk1\nhttps://example.edu/issuer\n".utf8), source: "l").entries.count == 2)
    }

    @Test("6: a status list signed by another issuer, naming another URL, or not yet valid cannot clear a revoked badge")
    func statusListBinding() throws {
        let forged = try Forgeries.all()[5]
        let report = Self.verify(forged.bytes, resources: Self.resources(forged))
        #expect(report.verdict == .invalid)
        #expect(report.checks.first { $0.id == .status }?.message.contains("not by the badge's issuer") == true)

        let url = Forgeries.statusURL
        let issuer = SignedSamples.issuerID
        let real = try Forgeries.statusList(id: url, issuer: issuer, key: SignedSamples.key, set: [5])
        let revoked = Self.verify(forged.bytes, resources: [url: real])
        #expect(revoked.verdict == .invalid)
        #expect(revoked.checks.first { $0.id == .status }?.message == "This badge was revoked by its issuer.")

        let clean = try Forgeries.statusList(id: url, issuer: issuer, key: SignedSamples.key)
        #expect(Self.verify(forged.bytes, resources: [url: clean]).verdict == .valid)

        let elsewhere = try Forgeries.statusList(id: "https://example.edu/status/other", issuer: issuer, key: SignedSamples.key)
        let moved = Self.verify(forged.bytes, resources: [url: elsewhere])
        #expect(moved.verdict == .invalid)
        #expect(moved.checks.first { $0.id == .status }?.message.contains("not the list the badge names") == true)

        let future = try Forgeries.statusList(id: url, issuer: issuer, key: SignedSamples.key, validFrom: "2030-01-01T00:00:00Z")
        #expect(Self.verify(forged.bytes, resources: [url: future]).outcome(.status) == .fail)

        // A list claiming the issuer's id but signed with another key is refused as the badge would be.
        let impostor = try Forgeries.statusList(id: url, issuer: issuer, key: Forgeries.forger)
        let refused = Self.verify(forged.bytes, resources: [url: impostor])
        #expect(refused.verdict == .invalid, "\(refused.describe)")
    }

    @Test("a proof Laurel cannot check, or an unknown context, is 'cannot tell', not 'changed after signing'")
    func cannotCheck() throws {
        var unsupported = try #require(try JSONValue(parsing: try SignedSamples.sign(try SignedSamples.unsigned())).objectValue)
        var proof = try #require(unsupported["proof"]?.arrayValue?.first?.objectValue ?? unsupported["proof"]?.objectValue)
        proof["cryptosuite"] = "ecdsa-rdfc-2019"
        unsupported["proof"] = .object(proof)
        let report = Self.verify(JSONValue.object(unsupported).jsonBytes())
        #expect(report.verdict == .indeterminate, "\(report.describe)")
        let check = try #require(report.checks.first { $0.id == .proof })
        #expect(check.message.contains("cannot be checked") && !check.message.contains("changed after signing"))

        var unknown = try SignedSamples.unsigned()
        unknown["@context"] = .array((unknown["@context"]?.arrayValue ?? []) + ["https://example.org/unknown-context.json"])
        let signed = try SignedSamples.sign(unknown, suite: .eddsaJcs2022)
        let contextReport = Self.verify(signed)
        #expect(contextReport.verdict == .indeterminate, "\(contextReport.describe)")
        #expect(contextReport.checks.contains { $0.id == .context && $0.indeterminate })
    }

    @Test("a VC-JWT whose exp disagrees with validUntil is invalid for that reason, with its signature intact")
    func jwtClaims() throws {
        let credential = try SignedSamples.unsigned(validUntil: "2027-01-01T00:00:00Z")
        let token = try VCJWT.issue(credential, privateKey: SignedSamples.key, keyReference: .keyID(
            DIDKey.verificationMethod(for: SignedSamples.key.publicKey)))
        var parts = token.split(separator: ".").map(String.init)
        var payload = try JSONValue(parsing: try Base64URL.decode(parts[1])).objectValue!
        payload["exp"] = .number(JSONNumber(1_900_000_000))
        parts[1] = Base64URL.encode(JSONValue.object(payload).jsonBytes())
        let signature = try SignedSamples.key.signature(for: Array((parts[0] + "." + parts[1]).utf8))
        let forged = parts[0] + "." + parts[1] + "." + Base64URL.encode(signature)
        let report = Self.verify(Array(forged.utf8))
        #expect(report.verdict == .invalid)
        #expect(report.outcome(.proof) == .pass, "\(report.describe)")
        let until = try #require(report.checks.first { $0.id == .validUntil })
        #expect(until.outcome == .fail && until.message.contains("'exp'"))
        #expect(Set(report.checks.map(\.id)).count == report.checks.count, "check ids repeat: \(report.describe)")
    }
}

/// Resources as if fetched from their URLs over HTTPS (no network in the tests).
struct FetchedResources: ResourceResolver {
    var documents: [String: [UInt8]]
    init(_ documents: [String: [UInt8]]) { self.documents = documents }
    func resource(at url: String) -> ResourceLookup {
        documents[url].map { .found($0, origin: .fetched) } ?? .unavailable("no such test document")
    }
}

@Suite struct ForgeryCopyTests {
    @Test("the forgery copies the CLI and server tests read are the forgeries built here (LAUREL_WRITE_FORGERIES=1 rewrites them)")
    func copies() throws {
        let files = try Forgeries.files()
        let write = ProcessInfo.processInfo.environment["LAUREL_WRITE_FORGERIES"] != nil
        for folder in Forgeries.copies {
            if write { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
            for file in files {
                let url = folder.appendingPathComponent(file.name)
                if write { try Data(file.bytes).write(to: url) }
                let stored = try? Data(contentsOf: url)
                #expect(stored.map { [UInt8]($0) } == file.bytes, "\(url.path) is stale")
            }
        }
    }
}

@Suite struct RecipientAndReportTests {
    @Test("3: a subject with neither id nor identifier, or a malformed identityHash, is invalid")
    func item3Recipient() throws {
        var noSubject = try SignedSamples.unsigned()
        var subject = try #require(noSubject["credentialSubject"]?.objectValue)
        subject.removeValue(forKey: "identifier")
        subject.removeValue(forKey: "id")
        noSubject["credentialSubject"] = .object(subject)
        let report = SignedSamples.verify(try SignedSamples.sign(noSubject))
        #expect(report.verdict == .invalid)
        #expect(report.checks.first { $0.id == .recipient }?.message.contains("neither an id nor an identifier") == true)

        for bad in ["sha256$abc", "sha1$" + String(repeating: "a", count: 40), "md5$" + String(repeating: "z", count: 32), "plain"] {
            var credential = try SignedSamples.unsigned()
            var subject = try #require(credential["credentialSubject"]?.objectValue)
            var identifiers = try #require(subject["identifier"]?.arrayValue)
            var first = try #require(identifiers[0].objectValue)
            first["identityHash"] = .string(bad)
            identifiers[0] = .object(first)
            subject["identifier"] = .array(identifiers)
            credential["credentialSubject"] = .object(subject)
            let malformed = SignedSamples.verify(try SignedSamples.sign(credential))
            #expect(malformed.verdict == .invalid, "\(bad)")
            #expect(malformed.outcome(.recipient) == .fail, "\(bad): \(malformed.describe)")
        }
        // A well-formed one still passes (no recipient asked for).
        let good = SignedSamples.verify(try SignedSamples.sign(try SignedSamples.unsigned()))
        #expect(good.outcome(.recipient) == .skipped, "\(good.describe)")
    }

    @Test("5: check ids are unique in every report (fixtures, forgeries, nested), and the JSON carries reportVersion")
    func item5UniqueIDs() throws {
        var reports: [VerificationReport] = []
        for forged in try Forgeries.all() {
            reports.append(TrustTests.verify(forged.bytes, resources: TrustTests.resources(forged)))
        }
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
            .appendingPathComponent("1edtech-validator")
        for name in try FileManager.default.subpathsOfDirectory(atPath: directory.path)
        where name.hasSuffix(".json") || name.hasSuffix(".png") || name.hasSuffix(".svg") || name.hasSuffix(".jwt") {
            let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent(name)))
            reports.append(Verifier(options: VerificationOptions(at: FixtureVerdictTests.at)).verify(bytes: bytes, source: name))
        }
        func all(_ report: VerificationReport) -> [VerificationReport] { [report] + report.nested.flatMap(all) }
        for report in reports.flatMap(all) {
            let ids = report.checks.map(\.id)
            #expect(Set(ids).count == ids.count, "\(report.source ?? "nested"): \(ids.map(\.rawValue))")
        }
        #expect(reports[0].jsonLine.hasPrefix("{\"reportVersion\":2,\"file\":"))
    }
}

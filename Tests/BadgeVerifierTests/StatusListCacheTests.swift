import BadgeCrypto
import BadgeIssuer
import BadgeProofs
import BadgeVerifier
import LinkedData
import OpenBadges
import Testing

/// A status list cache shared by many verifiers (as `laurel serve` shares one between requests) answers exactly as
/// checking the list again would: across moments on either side of the list's dates, and when the documents its
/// key is found in appear, change or go.
@Suite struct StatusListCacheTests {
    static let url = Forgeries.statusURL
    /// 2031-01-01, after the lists' `validFrom` of 2030.
    static let later = 1_924_992_000.0 + 365 * 86_400

    static func badge() throws -> [UInt8] {
        try SignedSamples.sign(try SignedSamples.unsigned(status: [.init(purpose: "revocation", listURL: url, index: 5)]))
    }

    static func verify(
        _ badge: [UInt8], at: Double, resources: [String: [UInt8]], cache: StatusListCache?
    ) -> VerificationReport {
        var options = VerificationOptions(at: at, resources: resources)
        options.statusLists = cache
        return Verifier(options: options).verify(bytes: badge, source: "test")
    }

    /// The status check of `badge` with the shared cache is the one a verifier of its own gives.
    static func expectSame(
        _ badge: [UInt8], at: Double, resources: [String: [UInt8]], shared: StatusListCache,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> CheckResult? {
        let alone = verify(badge, at: at, resources: resources, cache: nil).checks.first { $0.id == .status }
        let cached = verify(badge, at: at, resources: resources, cache: shared).checks.first { $0.id == .status }
        #expect(cached == alone, sourceLocation: sourceLocation)
        return cached
    }

    @Test("a list checked at one moment is checked again at a moment on the other side of its dates")
    func moments() throws {
        let badge = try Self.badge()
        let future = try Forgeries.statusList(
            id: Self.url, issuer: SignedSamples.issuerID, key: SignedSamples.key, validFrom: "2030-01-01T00:00:00Z")
        let shared = StatusListCache()
        let resources = [Self.url: future]
        #expect(Self.expectSame(badge, at: Self.later, resources: resources, shared: shared)?.outcome == .pass)
        #expect(Self.expectSame(badge, at: Self.later + 60, resources: resources, shared: shared)?.outcome == .pass)
        // Before the list is valid (and within the clock skew of it): not the answer kept from 2031.
        #expect(Self.expectSame(badge, at: SignedSamples.at, resources: resources, shared: shared)?.outcome == .fail)
        let edge = try #require(DateTimeZ("2030-01-01T00:00:00Z")).secondsSince1970
        _ = Self.expectSame(badge, at: edge - 600, resources: resources, shared: shared)
        _ = Self.expectSame(badge, at: edge + 200, resources: resources, shared: shared)
        _ = Self.expectSame(badge, at: edge + 400, resources: resources, shared: shared)
        #expect(Self.expectSame(badge, at: Self.later, resources: resources, shared: shared)?.outcome == .pass)
        // Another version of the list (the badge revoked) is its own entry.
        let revoked = try Forgeries.statusList(
            id: Self.url, issuer: SignedSamples.issuerID, key: SignedSamples.key, set: [5],
            validFrom: "2030-01-01T00:00:00Z")
        let answer = Self.expectSame(badge, at: Self.later, resources: [Self.url: revoked], shared: shared)
        #expect(answer?.message == "This badge was revoked by its issuer.")
    }

    @Test("a list whose key is in a DID document is checked again when that document appears, changes or goes")
    func keyDocuments() throws {
        let badge = try Self.badge()
        let did = "did:web:example.edu"
        var credential = JSONObject()
        credential["@context"] = [.string(CredentialContexts.credentialsV2)]
        credential["id"] = .string(Self.url)
        credential["type"] = ["VerifiableCredential", "BitstringStatusListCredential"]
        credential["issuer"] = .string(SignedSamples.issuerID)
        credential["validFrom"] = .string(SignedSamples.created)
        credential["credentialSubject"] = .object(JSONObject([
            "id": .string(Self.url + "#list"), "type": "BitstringStatusList", "statusPurpose": "revocation",
            "encodedList": .string(try BitstringStatusList(bitCount: BitstringStatusList.minimumBitCount).encodedList()),
        ]))
        let list = try Forgeries.signed(credential, key: SignedSamples.key, method: did + "#key-1")
        let documentURL = "https://example.edu/.well-known/did.json"
        let listed = Forgeries.didDocument(did, key: SignedSamples.key.publicKey, relationships: ["assertionMethod"])
        let unlisted = Forgeries.didDocument(did, key: SignedSamples.key.publicKey, relationships: [])
        let shared = StatusListCache()
        var messages: Set<String> = []
        for document in [nil, listed, unlisted, nil, listed] as [[UInt8]?] {
            var resources = [Self.url: list]
            if let document { resources[documentURL] = document }
            let answer = Self.expectSame(badge, at: SignedSamples.at, resources: resources, shared: shared)
            messages.insert(answer?.message ?? "")
        }
        // Each state of the document gave its own answer (so a kept answer would have been seen).
        #expect(messages.count == 3, "\(messages)")
    }
}

import Foundation
import Testing
@testable import LinkedData

/// Open Badges and VC credentials through the default processor: pinned contexts, safe mode on.
@Suite struct JSONLDCredentialTests {
    static var folder: URL {
        JSONLDTestSupport.fixtures.appendingPathComponent("credentials")
    }

    static func load(_ path: String) throws -> JSONValue {
        try JSONLDTestSupport.json(folder.appendingPathComponent(path))
    }

    static func expected(_ path: String) throws -> [RDFQuad] {
        try JSONLDTestSupport.parseNQuads(JSONLDTestSupport.text(folder.appendingPathComponent(path)))
    }

    /// Fixtures whose eddsa-rdfc-2022 signature is known to verify (EXPECTATIONS.md of the validator fixtures),
    /// except simple-multiple-proofs.json, which safe mode must reject.
    static let signedFixtures = [
        "ob30/simple.json", "ob30/complete.json", "ob30/simple-context-alias.json", "ob30/simple-context-version.json",
        "ob30/simple-did-key-method.json", "ob30/simple-did-web-method.json", "ob30/endorsement-valid.json",
        "ob30/simple-err-expired.json", "ob30/simple-err-issued.json", "ob30/simple-err-issuer.json",
        "ob30/bit-string-list/credential-status-revoked.json",
        "ob30/bit-string-list/credential-status-revoked-blank-nodes.json", "ob30/bit-string-list/testlist",
        "clr20/simple.json",
    ]

    @Test("every credential known to carry a good signature expands and converts to RDF in safe mode", arguments: signedFixtures)
    func signedCredentialsExpand(path: String) throws {
        let document = try Self.load(path)
        let processor = JSONLDProcessor()
        let expanded = try processor.expand(document)
        #expect(expanded.arrayValue?.count == 1)
        let dataset = try processor.toRDF(document)
        #expect(dataset.quads.count > 10)
        #expect(Set(dataset.quads).count == dataset.quads.count, "no duplicate quads")
        #expect(dataset.quads.contains { $0.graph != nil }, "the proof is in its own named graph")
    }

    @Test("safe mode rejects simple-multiple-proofs.json for its undefined proof type SomeProofType")
    func rejectsUndefinedProofType() throws {
        let document = try Self.load("ob30/simple-multiple-proofs.json")
        let error = try #require(throws: JSONLDError.self) { try JSONLDProcessor().toRDF(document) }
        #expect(error.code == .dataLossDetection)
        #expect(error.code.rawValue == "DATA_LOSS_DETECTION_ERROR")
        #expect(error.path == "proof[0].type")
        #expect(error.reason.contains("SomeProofType"))
        // Without safe mode the type is silently dropped from the RDF.
        let lenient = JSONLDProcessor(options: JSONLDOptions(safeMode: false))
        #expect(try lenient.toRDF(document).quads.isEmpty == false)
    }

    @Test("safe mode names every undefined member: one at the top level and one inside achievement")
    func rejectsUndefinedMembers() throws {
        guard case .object(var credential) = try Self.load("ob30/simple.json") else {
            Issue.record("simple.json is not an object")
            return
        }
        let original = JSONValue.object(credential)
        credential["foo"] = "bar"
        guard case .object(var subject)? = credential["credentialSubject"],
            case .object(var achievement)? = subject["achievement"]
        else {
            Issue.record("simple.json has no credentialSubject.achievement")
            return
        }
        achievement["foo"] = "baz"
        subject["achievement"] = .object(achievement)
        credential["credentialSubject"] = .object(subject)
        let tampered = JSONValue.object(credential)

        let error = try #require(throws: JSONLDError.self) { try JSONLDProcessor().toRDF(tampered) }
        #expect(error.code == .dataLossDetection)
        // In document order: "foo" was appended after credentialSubject.
        #expect(error.paths == ["credentialSubject.achievement.foo", "foo"])
        #expect(error.reason.contains("credentialSubject.achievement.foo"))
        let expandError = try #require(throws: JSONLDError.self) { try JSONLDProcessor().expand(tampered) }
        #expect(expandError.paths == ["credentialSubject.achievement.foo", "foo"])

        // The reason safe mode exists: without it the tampered credential has exactly the original's RDF, so a
        // signature over the original would still verify.
        let lenient = JSONLDProcessor(options: JSONLDOptions(safeMode: false))
        #expect(try lenient.toRDF(tampered) == (try JSONLDProcessor().toRDF(original)))
    }

    @Test("an undefined member inside a proof is reported with its path")
    func rejectsUndefinedMemberInProof() throws {
        let document = try JSONValue(
            parsing: """
                {"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"],
                 "issuer": "https://example.com/issuer", "credentialSubject": {"id": "did:example:1"},
                 "proof": [{"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022", "nonsense": 1}]}
                """)
        let error = try #require(throws: JSONLDError.self) { try JSONLDProcessor().toRDF(document) }
        #expect(error.paths == ["proof[0].nonsense"])
    }

    /// Documents that lose data in JSON-LD processing, with the path safe mode must name.
    static let lossyDocuments: [(String, String)] = [
        (#"{"@context": {"@vocab": "http://ex.org/"}, "@id": "relative"}"#, "@id"),
        (#"{"@context": {"@vocab": "http://ex.org/"}, "@type": "@Reserved", "p": 1}"#, "@type"),
        (#"{"@context": {"@vocab": "http://ex.org/"}, "@fancy": 1, "p": 1}"#, "@fancy"),
        (#"{"@context": {"link": {"@id": "http://ex.org/l", "@type": "@id"}}, "link": "rel/x"}"#, "link"),
        (#"{"@context": {"@vocab": "rel/"}, "p": 1}"#, "p"),
        (#"{"@context": {"T": "http://ex.org/T"}, "@type": ["T", "U"]}"#, "@type[1]"),
        (#"{"@context": {"p": "http://ex.org/p"}, "p": {"@value": "x", "@language": "not a tag"}}"#, "p.@language"),
        (#"{"@context": {"p": "http://ex.org/p"}, "p": {"@value": "x", "@direction": "rtl"}}"#, "p.@direction"),
        (#"{"@context": {"p": "http://ex.org/p"}, "@graph": ["free-floating", {"p": 1}]}"#, "@graph[0]"),
        (#"{"@context": {"p": "_:p"}, "p": 1}"#, "p"),
        (#"{"@context": {"@vocab": "http://ex.org/", "@direction": "ltr"}, "p": "x"}"#, "p"),
        (#"{"@context": {"@vocab": "http://ex.org/", "@language": "en_GB"}, "p": "colour"}"#, "p"),
        (#"{"@context": {"@vocab": "http://ex.org/"}, "@id": "http://ex.org/a b", "p": 1}"#, "@id"),
    ]

    @Test("safe mode reports relative IRIs, undefined types, reserved keywords and dropped values with their path",
        arguments: lossyDocuments)
    func safeModeCatchesLosses(json: String, path: String) throws {
        let document = try JSONValue(parsing: json)
        let processor = JSONLDProcessor(loader: StaticDocumentLoader(documents: [:]))
        let error = try #require(throws: JSONLDError.self) { try processor.toRDF(document) }
        #expect(error.code == .dataLossDetection)
        #expect(error.paths.contains(path), "\(error.paths)")
        // No path points into the expanded form: every loss is reported where it is in the input.
        #expect(!error.paths.contains { $0.hasPrefix("[0].") })
        // The same document without safe mode converts (losing the data silently).
        _ = try JSONLDProcessor(loader: StaticDocumentLoader(documents: [:]), options: JSONLDOptions(safeMode: false))
            .toRDF(document)
    }

    @Test("a context URL that is not pinned is refused, naming the URL")
    func refusesUnpinnedContext() throws {
        let document = try JSONValue(
            parsing: #"{"@context": ["https://www.w3.org/ns/credentials/v2", "https://example.com/evil.jsonld"]}"#)
        let error = try #require(throws: JSONLDError.self) { try JSONLDProcessor().expand(document) }
        #expect(error.code == .loadingRemoteContextFailed)
        #expect(error.reason.contains("https://example.com/evil.jsonld"))
    }

    @Test("the 1EdTech OB 3.0 and CLR 2.0 test vectors give the published canonical N-Quads (as datasets)",
        arguments: ["obv3p0", "clrv2p0"])
    func oneEdTechVectors(name: String) throws {
        let vector = try Self.load("1edtech-ldp/\(name)/vector.json")
        let credential = try #require(vector["unsignedCredential"])
        let processor = JSONLDProcessor()
        let document = try processor.toRDF(credential)
        let expectedDocument = try Self.expected("1edtech-ldp/\(name)/document-canon.txt")
        #expect(
            JSONLDTestSupport.isomorphic(document.quads, expectedDocument),
            "\(JSONLDTestSupport.render(document.quads))")
        // Through RDFC-1.0 the result is the published canonical document, byte for byte.
        #expect(
            try RDFCanonicalizer().canonicalize(document).canonicalNQuads
                == JSONLDTestSupport.text(Self.folder.appendingPathComponent("1edtech-ldp/\(name)/document-canon.txt")))

        guard case .object(var proof)? = vector["proofOptions"] else {
            Issue.record("no proof options")
            return
        }
        proof["proofValue"] = nil
        proof["@context"] = credential["@context"]
        let proofDataset = try processor.toRDF(.object(proof))
        #expect(JSONLDTestSupport.isomorphic(proofDataset.quads, try Self.expected("1edtech-ldp/\(name)/proof-canon.txt")))
    }

    @Test("the W3C vc-di-eddsa eddsa-rdfc-2022 vectors give the published canonical N-Quads (as datasets)",
        arguments: [("unsigned.json", ""), ("employmentAuth.json", "employ/")])
    func eddsaVectors(document: String, folder: String) throws {
        let processor = JSONLDProcessor()
        let dataset = try processor.toRDF(try Self.load("vc-di-eddsa/\(document)"))
        let expected = try Self.expected("vc-di-eddsa/\(folder)canonDocDataInt.txt")
        #expect(JSONLDTestSupport.isomorphic(dataset.quads, expected), "\(JSONLDTestSupport.render(dataset.quads))")
        #expect(
            try RDFCanonicalizer().canonicalize(dataset).canonicalNQuads
                == JSONLDTestSupport.text(Self.folder.appendingPathComponent("vc-di-eddsa/\(folder)canonDocDataInt.txt")))
        let proof = try processor.toRDF(try Self.load("vc-di-eddsa/\(folder)proofConfigDataInt.json"))
        #expect(JSONLDTestSupport.isomorphic(proof.quads, try Self.expected("vc-di-eddsa/\(folder)proofCanonDataInt.txt")))
    }
}

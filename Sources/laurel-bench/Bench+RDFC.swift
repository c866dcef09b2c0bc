import LinkedData

/// `laurel-bench rdfc`: N-Quads parsing and RDFC-1.0 canonicalization of a typical Open Badges credential,
/// and how fast poison datasets are refused.
extension BenchSuites {
    static var rdfc: BenchSuite {
        BenchSuite(
            name: "rdfc",
            summary: "N-Quads parsing and RDFC-1.0 (SHA-256) on a signed OB 3.0 credential; poison refusal",
            run: runRDFC)
    }

    private static func runRDFC(_ harness: BenchHarness) throws {
        let credential = try NQuads.parse(RDFCBenchData.openBadgeCredential)
        let blankNodes = Set(credential.quads.flatMap { quad in
            [quad.subject, quad.object, quad.graph].compactMap { term -> String? in
                if case .blank(let label)? = term { return label }
                return nil
            }
        })
        let shape = "\(credential.quads.count) quads, \(blankNodes.count) blank nodes"
        let canonicalizer = RDFCanonicalizer()
        let canonical = try canonicalizer.canonicalize(credential).canonicalNQuads

        print(harness.measure("N-Quads parse (OB credential, \(shape))") {
            _ = try? NQuads.parse(RDFCBenchData.openBadgeCredential)
        }.line)
        print(harness.measure("RDFC-1.0 canonicalize (OB credential)") {
            _ = try? canonicalizer.canonicalize(credential)
        }.line)
        print(harness.measure("parse + canonicalize (OB credential)") {
            if let dataset = try? NQuads.parse(RDFCBenchData.openBadgeCredential) {
                _ = try? canonicalizer.canonicalize(dataset)
            }
        }.line)
        print(harness.measure("RDFC-1.0 SHA-384 canonicalize (OB credential)") {
            _ = try? RDFCanonicalizer(hash: .sha384).canonicalize(credential)
        }.line)
        print(harness.measure("canonicalize again (canonical output)") {
            if let dataset = try? NQuads.parse(canonical) {
                _ = try? canonicalizer.canonicalize(dataset)
            }
        }.line)

        // Computable symmetric graph: a 6-node blank node clique (Hash N-Degree Quads and permutations).
        print(harness.measure("RDFC-1.0 6-node blank clique (accepted)") {
            _ = try? canonicalizer.canonicalize(RDFCBenchData.clique(6))
        }.line)

        // Poison: the 10-node clique of the W3C suite's negative test, refused before any permutation; then
        // datasets that run until a default limit stops them.
        let poisons = [
            ("refuse 10-node blank clique", RDFCBenchData.clique(10)),
            ("refuse 7-node blank clique", RDFCBenchData.clique(7)),
            ("refuse 3,000-node blank chain", RDFCBenchData.chain(3000)),
        ]
        for (name, dataset) in poisons {
            var outcome = "accepted!"
            do {
                _ = try canonicalizer.canonicalize(dataset)
            } catch {
                outcome = error.code.rawValue
            }
            print(harness.measure("\(name) (\(outcome))") {
                _ = try? canonicalizer.canonicalize(dataset)
            }.line)
        }
    }
}

enum RDFCBenchData {
    /// A blank node clique of `size` nodes: every node points at every node, itself included.
    static func clique(_ size: Int) -> RDFDataset {
        var quads: [RDFQuad] = []
        for from in 0..<size {
            for to in 0..<size {
                quads.append(
                    RDFQuad(
                        subject: .blank("e\(from)"), predicate: .iri("http://example.com/p"), object: .blank("e\(to)")))
            }
        }
        return RDFDataset(quads: quads)
    }

    /// A chain of `length` + 1 blank nodes: the inner ones all share one first-degree hash.
    static func chain(_ length: Int) -> RDFDataset {
        RDFDataset(quads: (0..<length).map { index in
            RDFQuad(
                subject: .blank("c\(index)"), predicate: .iri("http://example.com/next"),
                object: .blank("c\(index + 1)"))
        })
    }

    /// A signed Open Badges 3.0 credential as JSON-LD toRdf gives it: the credential with an achievement,
    /// criteria, a result, evidence, a status entry and schema, and its DataIntegrityProof in a named graph.
    /// Blank nodes carry arbitrary labels and the lines are not sorted, so canonicalization has work to do.
    static let openBadgeCredential = #"""
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#OpenBadgeCredential> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://schema.org/name> "Teamwork Badge" .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#issuer> <https://example.edu/issuers/565049> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#validFrom> "2010-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#validUntil> "2030-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#credentialSubject> <did:example:ebfeb1f712ebc6f1c276e12ec21> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#credentialSchema> <https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#credentialStatus> <https://example.edu/status/1#94567> .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://w3id.org/security#proof> _:b4 .
        <urn:uuid:91537dba-56cb-11ec-bf63-0242ac130002> <https://www.w3.org/2018/credentials#evidence> _:b2 .
        <https://example.edu/issuers/565049> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Profile> .
        <https://example.edu/issuers/565049> <https://schema.org/name> "Example University" .
        <https://example.edu/issuers/565049> <https://schema.org/url> "https://www.example.edu"^^<https://www.w3.org/2001/XMLSchema#anyURI> .
        <https://example.edu/issuers/565049> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#email> "registrar@example.edu" .
        <did:example:ebfeb1f712ebc6f1c276e12ec21> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#AchievementSubject> .
        <did:example:ebfeb1f712ebc6f1c276e12ec21> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievement> <https://example.edu/achievements/21st-century-skills/teamwork> .
        <did:example:ebfeb1f712ebc6f1c276e12ec21> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#result> _:b1 .
        <https://example.edu/achievements/21st-century-skills/teamwork> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement> .
        <https://example.edu/achievements/21st-century-skills/teamwork> <https://schema.org/name> "Teamwork" .
        <https://example.edu/achievements/21st-century-skills/teamwork> <https://schema.org/description> "This badge recognizes the development of the capacity to collaborate within a group environment." .
        <https://example.edu/achievements/21st-century-skills/teamwork> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Criteria> _:b0 .
        <https://example.edu/achievements/21st-century-skills/teamwork> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#achievementType> "Badge" .
        <https://example.edu/achievements/21st-century-skills/teamwork> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#image> <https://example.edu/achievements/teamwork.png> .
        <https://example.edu/achievements/21st-century-skills/teamwork> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#creator> <https://example.edu/issuers/565049> .
        <https://example.edu/achievements/teamwork.png> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Image> .
        _:b0 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative> "Team members are nominated for this badge by their peers and recognized upon review by Example Corp management." .
        _:b1 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Result> .
        _:b1 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#status> "Completed" .
        _:b2 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vc/ob/vocab.html#Evidence> .
        _:b2 <https://schema.org/name> "Team project report" .
        _:b2 <https://purl.imsglobal.org/spec/vc/ob/vocab.html#narrative> "Led a four-person team through a semester-long project; see the final report." .
        <https://example.edu/status/1#94567> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/ns/credentials/status#BitstringStatusListEntry> .
        <https://example.edu/status/1#94567> <https://www.w3.org/ns/credentials/status#statusPurpose> "revocation" .
        <https://example.edu/status/1#94567> <https://www.w3.org/ns/credentials/status#statusListIndex> "94567" .
        <https://example.edu/status/1#94567> <https://www.w3.org/ns/credentials/status#statusListCredential> <https://example.edu/status/1> .
        <https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://purl.imsglobal.org/spec/vccs/v1p0/context.json#1EdTechJsonSchemaValidator2019> .
        _:b3 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/security#DataIntegrityProof> _:b4 .
        _:b3 <https://w3id.org/security#cryptosuite> "eddsa-rdfc-2022"^^<https://w3id.org/security#cryptosuiteString> _:b4 .
        _:b3 <http://purl.org/dc/terms/created> "2010-01-01T19:23:24Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> _:b4 .
        _:b3 <https://w3id.org/security#verificationMethod> <https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi> _:b4 .
        _:b3 <https://w3id.org/security#proofPurpose> <https://w3id.org/security#assertionMethod> _:b4 .
        _:b3 <https://w3id.org/security#proofValue> "z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr"^^<https://w3id.org/security#multibase> _:b4 .

        """#
}

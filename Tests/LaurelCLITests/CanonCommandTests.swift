import Foundation
import Testing

@Suite("laurel canon (end to end, running the built binary)")
struct CanonCommandTests {
    /// `TestVectors/unsigned.json` of w3c/vc-di-eddsa @ abb673eb (W3C Software and Document License) and its
    /// canonical N-Quads (`TestVectors/eddsa-rdfc-2022/canonDocDataInt.txt`).
    static let unsigned = """
        {"@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
         "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33", "type": ["VerifiableCredential", "AlumniCredential"],
         "name": "Alumni Credential", "description": "A minimum viable example of an Alumni Credential.",
         "issuer": "https://vc.example/issuers/5678", "validFrom": "2023-01-01T00:00:00Z",
         "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"}}
        """
    static let canonical = """
        <did:example:abcdefgh> <https://www.w3.org/ns/credentials/examples#alumniOf> "The School of Examples" .
        <urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .
        <urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/ns/credentials/examples#AlumniCredential> .
        <urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://schema.org/description> "A minimum viable example of an Alumni Credential." .
        <urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://schema.org/name> "Alumni Credential" .
        <urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://www.w3.org/2018/credentials#credentialSubject> <did:example:abcdefgh> .
        <urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://www.w3.org/2018/credentials#issuer> <https://vc.example/issuers/5678> .
        <urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33> <https://www.w3.org/2018/credentials#validFrom> "2023-01-01T00:00:00Z"^^<http://www.w3.org/2001/XMLSchema#dateTime> .

        """
    /// `docHashDataInt.txt` of the same vector.
    static let documentHash = "517744132ae165a5349155bef0bb0cf2258fff99dfe1dbd914b938d775a36017"

    @Test("prints the canonical N-Quads and their SHA-256 of the W3C vector document, from a file or stdin")
    func canonical() throws {
        let folder = try ScratchFolder()
        let file = try folder.write("unsigned.json", Self.unsigned)
        let nquads = try LaurelBinary.run(["canon", file])
        #expect(nquads.status == 0, "\(nquads.standardError)")
        #expect(nquads.standardOutput == Self.canonical)
        let hash = try LaurelBinary.run(["canon", "--hash", file])
        #expect(hash.standardOutput == Self.documentHash + "\n")
        let stdin = try LaurelBinary.run(["canon", "-"], input: Self.unsigned)
        #expect(stdin.standardOutput == Self.canonical)
        let expanded = try LaurelBinary.run(["canon", "--expanded", file])
        #expect(expanded.status == 0)
        #expect(expanded.standardOutput.contains("\"https://www.w3.org/ns/credentials/examples#alumniOf\""))
    }

    @Test("a signed credential: --unsecured leaves out the proof, --proof-config N gives the proof configuration")
    func proofParts() throws {
        let folder = try ScratchFolder()
        let signed = String(Self.unsigned.dropLast()) + """
            , "proof": {"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022",
              "created": "2023-02-24T23:36:38Z", "proofPurpose": "assertionMethod",
              "verificationMethod": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
              "proofValue": "z2YwC8z3ap7yx1nZYCg4L3j3ApHsF8kgPdSb5xoS1VR7vPG3F561B52hYnQF9iseabecm3ijx4K1FBTQsCZahKZme"}}
            """
        let file = try folder.write("signed.json", signed)
        #expect(try LaurelBinary.run(["canon", "--unsecured", file]).standardOutput == Self.canonical)
        let whole = try LaurelBinary.run(["canon", file]).standardOutput
        #expect(whole.contains("<https://w3id.org/security#proof> _:c14n"))
        // proofHashDataInt.txt of the W3C vector.
        let proofHash = try LaurelBinary.run(["canon", "--proof-config", "0", "--hash", file])
        #expect(proofHash.standardOutput == "bea7b7acfbad0126b135104024a5f1733e705108f42d59668b05c0c50004c6b0\n")
        let missing = try LaurelBinary.run(["canon", "--proof-config", "1", file])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("there is no proof 1"))
    }

    @Test("errors name the file and the JSON path or position; exit 1, usage errors exit 2")
    func errors() throws {
        let folder = try ScratchFolder()
        // The VC 2.0 context has no @vocab: an undefined member would be dropped, unsigned.
        let undefined = try folder.write(
            "undefined.json",
            #"{"@context": "https://www.w3.org/ns/credentials/v2", "id": "urn:uuid:1", "type": "VerifiableCredential", "#
                + #""issuer": "https://example.edu/issuers/1", "favouriteColour": "teal"}"#)
        let safe = try LaurelBinary.run(["canon", undefined])
        #expect(safe.status == 1)
        #expect(safe.standardOutput.isEmpty)
        #expect(safe.standardError.contains("undefined.json"))
        #expect(safe.standardError.contains("safe mode"))
        #expect(safe.standardError.contains("favouriteColour"))
        let unsafe = try LaurelBinary.run(["canon", "--no-safe-mode", undefined])
        #expect(unsafe.status == 0)
        #expect(
            unsafe.standardOutput == """
                <urn:uuid:1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://www.w3.org/2018/credentials#VerifiableCredential> .
                <urn:uuid:1> <https://www.w3.org/2018/credentials#issuer> <https://example.edu/issuers/1> .

                """)

        let broken = try folder.write("broken.json", "{\n  \"a\": [1,\n}\n")
        let json = try LaurelBinary.run(["canon", broken])
        #expect(json.status == 1)
        #expect(json.standardError.contains("broken.json: not valid JSON: line 3, column 1"))

        let context = try folder.write("context.json", #"{"@context": "https://example.com/ctx", "name": "x"}"#)
        let unknown = try LaurelBinary.run(["canon", context])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("https://example.com/ctx"))

        let absent = try LaurelBinary.run(["canon", folder.url.appendingPathComponent("absent.json").path])
        #expect(absent.status == 1)
        #expect(absent.standardError.contains("absent.json"))

        let both = try LaurelBinary.run(["canon", "--hash", "--expanded", undefined])
        #expect(both.status == 2)
        #expect(both.standardError.contains("--expanded and --hash"))
    }

    @Test("--help explains the command with examples")
    func help() throws {
        let help = try LaurelBinary.run(["canon", "--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("Examples:"))
        #expect(help.standardOutput.contains("laurel canon --hash --unsecured credential.json"))
        #expect(help.standardOutput.contains("--no-safe-mode"))
    }
}

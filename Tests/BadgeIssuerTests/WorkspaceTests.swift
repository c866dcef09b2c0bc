import BadgeCrypto
import BadgeIssuer
import BadgeStore
import Foundation
import LinkedData
import OpenBadges
import Testing

@Suite struct WorkspaceTests {
    @Test("init creates the profile, a 0600 key, a did:key issuer and the ledger; open reads them back")
    func createAndOpen() throws {
        let directory = TemporaryDirectory()
        let created = try IssuerFixtures.workspace(directory)
        #expect(created.config.issuerID == DIDKey.did(for: created.key.publicKey))
        #expect(FileIO.mode(directory.file("ws/issuer-key.pem")) == 0o600)
        #expect(created.verificationMethod == DIDKey.verificationMethod(for: created.key.publicKey))
        let opened = try Workspace.open(at: directory.file("ws"))
        #expect(opened.config == created.config)
        #expect(opened.key.publicKey == created.key.publicKey)
        #expect(throws: IssuerError.self) { try IssuerFixtures.workspace(directory) }
    }

    @Test("did:web issuers get a DID document and an issuer#z6Mk verification method")
    func didWeb() throws {
        let directory = TemporaryDirectory()
        let workspace = try Workspace.create(
            at: directory.file("ws"),
            options: .init(name: "Example", url: "https://example.edu", didWeb: "example.edu:8443/badges/issuer"))
        #expect(workspace.config.issuerID == "did:web:example.edu%3A8443:badges:issuer")
        #expect(workspace.config.baseURL == "https://example.edu:8443/badges/issuer")
        #expect(workspace.verificationMethod == workspace.config.issuerID + "#" + Multikey.encode(workspace.key.publicKey))
        let document = try JSONValue(parsing: try FileIO.read(directory.file("ws/did.json")))
        #expect(document["id"]?.stringValue == workspace.config.issuerID)
        #expect(document["assertionMethod"]?.arrayValue?.first?.stringValue == workspace.verificationMethod)
        #expect(throws: IssuerError.self) { try Workspace.didWeb("exa mple.com") }
    }

    @Test("bad init input is refused and leaves no workspace")
    func badInit() throws {
        let directory = TemporaryDirectory()
        for options in [
            Workspace.Options(name: "", url: "https://example.edu"),
            Workspace.Options(name: "X", url: "not a url"),
            Workspace.Options(name: "X", url: "https://example.edu", email: "nope"),
        ] {
            #expect(throws: IssuerError.self) { try Workspace.create(at: directory.file("bad"), options: options) }
            #expect(!FileIO.exists(directory.file("bad/laurel.json")))
        }
    }

    @Test("a key readable by others is refused")
    func keyMode() throws {
        let directory = TemporaryDirectory()
        _ = try IssuerFixtures.workspace(directory)
        chmod(directory.file("ws/issuer-key.pem"), 0o644)
        #expect(throws: IssuerError.self) { try Workspace.open(at: directory.file("ws")) }
    }
}

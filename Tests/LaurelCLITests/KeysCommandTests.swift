import Foundation
import Testing

@Suite("laurel keys (end to end, running the built binary)")
struct KeysCommandTests {
    @Test("generate writes a 0600 PKCS#8 PEM, prints the did:key and paths, and never the private key")
    func generate() throws {
        let folder = try ScratchFolder()
        let result = try LaurelBinary.run(
            ["keys", "generate", "--out", folder.path("issuer.pem"), "--public-out", folder.path("issuer.public.pem")])
        #expect(result.status == 0, "stderr: \(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        let did = try #require(lines.first)
        #expect(did.hasPrefix("did:key:z6Mk"))
        #expect(result.standardOutput.contains(folder.path("issuer.pem")))
        #expect(result.standardOutput.contains(folder.path("issuer.public.pem")))

        let privatePEM = try folder.read("issuer.pem")
        #expect(privatePEM.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try folder.mode("issuer.pem") == 0o600)
        #expect(try folder.mode("issuer.public.pem") == 0o644)
        // Nothing of the private key appears in the output.
        let body = privatePEM.split(separator: "\n")[1]
        #expect(!result.standardOutput.contains(body))
        #expect(!result.standardOutput.contains("PRIVATE KEY-----"))
        #expect(!result.standardError.contains(body))
        // No temporary files are left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted()
        #expect(names == ["issuer.pem", "issuer.public.pem"])

        // The printed did:key is the key's: show agrees for both files.
        let fromPrivate = try LaurelBinary.run(["keys", "show", folder.path("issuer.pem"), "--format", "did"])
        #expect(fromPrivate.standardOutput == did + "\n")
        let fromPublic = try LaurelBinary.run(["keys", "show", folder.path("issuer.public.pem")])
        #expect(fromPublic.standardOutput == did + "\n")
    }

    @Test("generate refuses to overwrite without --force and replaces with --force")
    func overwrite() throws {
        let folder = try ScratchFolder()
        let path = folder.path("key.pem")
        #expect(try LaurelBinary.run(["keys", "generate", "--out", path]).status == 0)
        let original = try folder.read("key.pem")

        let refused = try LaurelBinary.run(["keys", "generate", "--out", path])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains(path))
        #expect(refused.standardError.contains("--force"))
        #expect(try folder.read("key.pem") == original, "the existing key is untouched")

        let replaced = try LaurelBinary.run(["keys", "generate", "--out", path, "--force"])
        #expect(replaced.status == 0)
        #expect(try folder.read("key.pem") != original)
        #expect(try folder.mode("key.pem") == 0o600)
    }

    @Test("generate into a missing folder fails with exit 1 naming the folder")
    func missingFolder() throws {
        let folder = try ScratchFolder()
        let path = folder.path("no-such-folder/key.pem")
        let result = try LaurelBinary.run(["keys", "generate", "--out", path])
        #expect(result.status == 1)
        #expect(result.standardError.contains("no-such-folder"))
    }

    @Test("show prints the public key in every format, and each output reads back as the same key")
    func showFormats() throws {
        let folder = try ScratchFolder()
        let keyPath = folder.path("k.pem")
        #expect(try LaurelBinary.run(["keys", "generate", "--out", keyPath]).status == 0)
        let did = try LaurelBinary.run(["keys", "show", keyPath]).standardOutput
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let multibase = String(did.dropFirst("did:key:".count))

        let vm = try LaurelBinary.run(["keys", "show", keyPath, "--format", "vm"])
        #expect(vm.standardOutput == "\(did)#\(multibase)\n")
        let multikey = try LaurelBinary.run(["keys", "show", keyPath, "--format", "multikey"])
        #expect(multikey.standardOutput == multibase + "\n")

        let pem = try LaurelBinary.run(["keys", "show", keyPath, "--format", "pem"])
        #expect(pem.standardOutput.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(pem.standardOutput.hasSuffix("-----END PUBLIC KEY-----\n"))

        let jwk = try LaurelBinary.run(["keys", "show", keyPath, "--format", "jwk"])
        let jwkObject = try #require(
            JSONSerialization.jsonObject(with: Data(jwk.standardOutput.utf8)) as? [String: Any])
        #expect(jwkObject["kty"] as? String == "OKP")
        #expect(jwkObject["crv"] as? String == "Ed25519")
        #expect(jwkObject["d"] == nil, "the private member is never shown")

        let jwks = try LaurelBinary.run(["keys", "show", keyPath, "--format", "jwks"])
        let set = try #require(JSONSerialization.jsonObject(with: Data(jwks.standardOutput.utf8)) as? [String: Any])
        let keys = try #require(set["keys"] as? [[String: Any]])
        #expect(keys.count == 1)
        #expect(keys[0]["x"] as? String == jwkObject["x"] as? String)
        #expect(keys[0]["kid"] is String)
        #expect(keys[0]["d"] == nil)

        // Each public form, given back to show (by file or standard input), names the same did:key.
        try folder.write("k.jwk", jwk.standardOutput)
        try folder.write("k.pub.pem", pem.standardOutput)
        try folder.write("k.multikey", multikey.standardOutput)
        try folder.write("k.jwks", jwks.standardOutput)
        for name in ["k.jwk", "k.pub.pem", "k.multikey", "k.jwks"] {
            let again = try LaurelBinary.run(["keys", "show", folder.path(name)])
            #expect(again.status == 0, "\(name): \(again.standardError)")
            #expect(again.standardOutput == did + "\n", "\(name)")
        }
        let fromInput = try LaurelBinary.run(["keys", "show", "-", "--format", "did"], input: vm.standardOutput)
        #expect(fromInput.standardOutput == did + "\n")
    }

    @Test("show fails clearly, naming the file: missing file, not a key, a key of another type")
    func showErrors() throws {
        let folder = try ScratchFolder()
        let missing = try LaurelBinary.run(["keys", "show", folder.path("absent.pem")])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("absent.pem"))

        try folder.write("junk.txt", "hello, world\n")
        let junk = try LaurelBinary.run(["keys", "show", folder.path("junk.txt")])
        #expect(junk.status == 1)
        #expect(junk.standardError.contains("junk.txt"))
        #expect(junk.standardError.contains("not a usable Ed25519 key"))

        // A P-256 public key (test-only) where an Ed25519 key is required.
        try folder.write("ec.pem", """
            -----BEGIN PUBLIC KEY-----
            MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEJVhYuj3ny6vDpYcP8rS5pA21ZdCJ
            0qDEpqhQAxlnNj5IZxjO9LFJN+cvrJFNGMH96VQAAHVI6cYgwpmwM9z6GQ==
            -----END PUBLIC KEY-----

            """)
        let wrongType = try LaurelBinary.run(["keys", "show", folder.path("ec.pem")])
        #expect(wrongType.status == 1)
        #expect(wrongType.standardError.contains("ec.pem"))
        #expect(wrongType.standardError.contains("Ed25519 key is required"))

        // An RSA JWK where an Ed25519 key is required.
        try folder.write("rsa.jwk", #"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#)
        let rsa = try LaurelBinary.run(["keys", "show", folder.path("rsa.jwk")])
        #expect(rsa.status == 1)
        #expect(rsa.standardError.contains("RSA"))
    }

    @Test("show warns when a private key file is readable by others, and still shows only the public key")
    func permissiveModeWarning() throws {
        let folder = try ScratchFolder()
        let path = folder.path("k.pem")
        #expect(try LaurelBinary.run(["keys", "generate", "--out", path]).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
        let result = try LaurelBinary.run(["keys", "show", path])
        #expect(result.status == 0)
        #expect(result.standardError.contains("chmod 600"))
        #expect(result.standardOutput.hasPrefix("did:key:z6Mk"))
    }

    @Test("usage errors exit with 2 and say what is wrong")
    func usageErrors() throws {
        let noOut = try LaurelBinary.run(["keys", "generate"])
        #expect(noOut.status == 2)
        #expect(noOut.standardError.contains("--out"))
        let badFormat = try LaurelBinary.run(["keys", "show", "x.pem", "--format", "xml"])
        #expect(badFormat.status == 2)
        #expect(badFormat.standardError.contains("xml"))
        let samePaths = try LaurelBinary.run(["keys", "generate", "--out", "a.pem", "--public-out", "a.pem"])
        #expect(samePaths.status == 2)
        let unknown = try LaurelBinary.run(["keys", "rotate"])
        #expect(unknown.status == 2)
    }

    @Test("--help on each keys command teaches with examples and documents the exit codes", arguments: [
        ["keys", "--help"], ["keys", "generate", "--help"], ["keys", "show", "--help"],
    ])
    func help(arguments: [String]) throws {
        let result = try LaurelBinary.run(arguments)
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("Examples:"))
        #expect(result.standardOutput.contains("laurel keys "))
        // The help text is wrapped to the terminal width: compare with whitespace collapsed.
        let text = result.standardOutput.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Exit codes: 0"))
        #expect(text.contains("1 failure"))
        #expect(text.contains("2 usage error"))
    }

    @Test("laurel --version prints the version")
    func version() throws {
        let result = try LaurelBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(!result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    @Test("the demo keys in Keys/ load, pair up, and are the did:keys Keys/README.md lists")
    func demoKeys() throws {
        // The package folder is the nearest parent of the built binary that holds Package.swift and Keys/.
        var folder = try #require(LaurelBinary.url).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Keys/README.md").path) {
            let parent = folder.deletingLastPathComponent()
            try #require(parent.path != folder.path, "the package folder with Keys/ was not found")
            folder = parent
        }
        let keys = folder.appendingPathComponent("Keys")
        let readme = try String(contentsOf: keys.appendingPathComponent("README.md"), encoding: .utf8)
        for who in ["issuer", "learner"] {
            let privateDID = try LaurelBinary.run(["keys", "show", keys.appendingPathComponent("demo-\(who).pem").path])
            let publicDID = try LaurelBinary.run(
                ["keys", "show", keys.appendingPathComponent("demo-\(who).public.pem").path])
            #expect(privateDID.status == 0 && publicDID.status == 0)
            #expect(privateDID.standardOutput == publicDID.standardOutput)
            let did = privateDID.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(did.hasPrefix("did:key:z6Mk"))
            #expect(readme.contains("`\(did)`"), "Keys/README.md lists the demo \(who)'s did:key")
            let text = try String(contentsOf: keys.appendingPathComponent("demo-\(who).pem"), encoding: .utf8)
            #expect(text.hasPrefix("DEMO PRIVATE KEY"), "the file says it is a demo key")
        }
    }
}

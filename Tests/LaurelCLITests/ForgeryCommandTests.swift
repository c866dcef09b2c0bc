import Foundation
import Testing

/// The six forgeries of the trust issue (built and checked in BadgeVerifierTests' `Forgeries`), through
/// `laurel verify` as an employer runs it: text and `--format json`, offline, with the resources they were handed.
@Suite struct ForgeryCommandTests {
    static func folder() throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("forgeries")
    }

    static func manifest() throws -> [[String: Any]] {
        let data = try Data(contentsOf: try folder().appendingPathComponent("manifest.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    @Test("laurel verify gives each forgery its verdict and exit code, in text and JSON")
    func forgeries() throws {
        let folder = try Self.folder()
        let cases = try Self.manifest()
        #expect(cases.count == 6)
        for entry in cases {
            let file = try #require(entry["file"] as? String)
            let verdict = try #require(entry["verdict"] as? String)
            let check = try #require(entry["check"] as? String)
            var arguments = ["verify", folder.appendingPathComponent(file).path, "--offline", "--at", "2026-06-01T00:00:00Z"]
            for (url, name) in entry["resources"] as? [String: String] ?? [:] {
                arguments += ["--resource", "\(url)=\(folder.appendingPathComponent(name).path)"]
            }
            let text = try LaurelBinary.run(arguments)
            let json = try LaurelBinary.run(arguments + ["--format", "json"])
            let exit: Int32 = verdict == "valid" ? 0 : verdict == "invalid" ? 1 : 2
            #expect(text.status == exit && json.status == exit, "\(file): \(text.standardOutput)")
            let headline = ["valid": "VALID — ", "invalid": "NOT VALID — ", "indeterminate": "CANNOT TELL — "][verdict]!
            #expect(text.standardOutput.contains(": " + headline), "\(file): \(text.standardOutput)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
            #expect(report["verdict"] as? String == verdict, "\(file)")
            let checks = report["checks"] as? [[String: Any]] ?? []
            let decisive = checks.filter { $0["id"] as? String == check }
            switch verdict {
            case "invalid": #expect(decisive.contains { $0["outcome"] as? String == "fail" }, "\(file): \(json.standardOutput)")
            case "indeterminate": #expect(decisive.contains { $0["indeterminate"] as? Bool == true }, "\(file): \(json.standardOutput)")
            default: #expect(decisive.allSatisfy { $0["outcome"] as? String == "pass" }, "\(file)")
            }
        }
    }

    @Test("a self-named did:key: the headline names the key's holder; with --trust (plain or DCC registry) it is 'issued by'")
    func trust() throws {
        let folder = try Self.folder()
        let badge = folder.appendingPathComponent("5-self-named-harvard.json").path
        let plain = try LaurelBinary.run(["verify", badge, "--offline"])
        #expect(plain.status == 0)
        #expect(plain.standardOutput.contains("VALID — signed by the holder of did:key:"))
        #expect(plain.standardOutput.contains("which calls itself 'Harvard University' (no trust list was given)"))
        #expect(!plain.standardOutput.contains("genuine"))

        let data = try Data(contentsOf: URL(fileURLWithPath: badge))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let did = try #require((object["issuer"] as? [String: Any])?["id"] as? String)
        let scratch = try ScratchFolder()
        let list = try scratch.write("trusted.txt", "# issuers we trust\n\(did)\n")
        let trusted = try LaurelBinary.run(["verify", badge, "--offline", "--trust", list])
        #expect(trusted.status == 0)
        #expect(trusted.standardOutput.contains("VALID — issued by Harvard University (\(did)), on your trust list (\(list))"))
        let registry = try scratch.write("registry.json", """
            {"meta": {"created": "2026-01-01T00:00:00Z"}, "registry": {"\(did)": {"name": "Harvard University", "url": "https://harvard.edu"}}}
            """)
        let json = try LaurelBinary.run(["verify", badge, "--offline", "--trust", registry, "--format", "json"])
        #expect(json.standardOutput.contains("\"identity\":\"trusted\""), "\(json.standardOutput)")
        let other = try scratch.write("other.txt", "did:web:harvard.edu\n")
        let untrusted = try LaurelBinary.run(["verify", badge, "--offline", "--trust", other])
        #expect(untrusted.standardOutput.contains("(not in your trust list)"))
        let broken = try scratch.write("broken.json", "{\n  \"registry\": {,}\n}\n")
        let refused = try LaurelBinary.run(["verify", badge, "--trust", broken])
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("broken.json") && refused.standardError.contains("line 2"))
    }
}

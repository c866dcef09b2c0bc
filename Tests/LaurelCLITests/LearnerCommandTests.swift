import BadgeStore
import Foundation
import Testing

@Suite("laurel bake / extract / present / clr / share (end to end, running the built binary)")
struct LearnerCommandTests {
    /// A verification moment inside the 1EdTech fixtures' validity window.
    static let at = "2026-11-29T00:00:00Z"

    static func fixture(_ name: String) throws -> Data {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try Data(contentsOf: directory.appendingPathComponent("baking").appendingPathComponent(name))
    }

    /// A workspace (eddsa-rdfc-2022) with the data-literacy achievement, and a learner key.
    struct Setup {
        let folder: ScratchFolder
        let ws: String
        let learnerKey: String
        let learnerDID: String

        /// The published status lists as `--resource` arguments.
        func resources() throws -> [String] {
            let publish = try LaurelBinary.run(["status", "publish", "--workspace", ws])
            #expect(publish.status == 0, "\(publish.standardError)")
            let lines = publish.standardOutput.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }
            var arguments: [String] = []
            for index in stride(from: 0, to: lines.count - 1, by: 2) {
                arguments += ["--resource", "\(lines[index])=\(lines[index + 1])"]
            }
            return arguments
        }

        func issue(_ recipient: String, to name: String, _ extra: [String] = []) throws {
            let result = try LaurelBinary.run(
                ["issue", "--workspace", ws, "--achievement", "data-literacy", "--recipient", recipient,
                 "--result", "analysis=proficient", "--out", folder.path(name)] + extra)
            #expect(result.status == 0, "\(result.standardError)")
        }
    }

    static func setup() throws -> Setup {
        let folder = try ScratchFolder()
        let ws = try IssuerCommandTests.workspace(folder, proof: "eddsa-rdfc-2022")
        let key = try LaurelBinary.run(["keys", "generate", "--out", folder.path("learner.pem")])
        #expect(key.status == 0, "\(key.standardError)")
        let did = try #require(key.standardOutput.split(separator: "\n").first.map(String.init))
        return Setup(folder: folder, ws: ws, learnerKey: folder.path("learner.pem"), learnerDID: did)
    }

    @Test("bake → extract → verify: JSON and VC-JWT credentials, default SVG badge and a 1EdTech PNG")
    func bakeExtractVerify() throws {
        let setup = try Self.setup()
        let folder = setup.folder
        try setup.issue(setup.learnerDID, to: "ada.json")
        try setup.issue(setup.learnerDID, to: "ada.jwt", ["--proof", "vc-jwt"])
        try Self.fixture("simple-json.png").write(to: folder.url.appendingPathComponent("logo.png"))

        let svg = try LaurelBinary.run(["bake", folder.path("ada.json"), "--out", folder.path("ada.svg")])
        #expect(svg.status == 0, "\(svg.standardError)")
        #expect(svg.standardError.contains("(default badge image)"))
        let png = try LaurelBinary.run(
            ["bake", folder.path("ada.json"), "--image", folder.path("logo.png"), "--out", folder.path("ada.png")])
        #expect(png.status == 0, "\(png.standardError)")
        #expect(png.standardError.contains("the credential that was in the image was replaced"))
        let jwtSVG = try LaurelBinary.run(["bake", folder.path("ada.jwt"), "--out", folder.path("ada-jwt.svg")])
        #expect(jwtSVG.status == 0, "\(jwtSVG.standardError)")

        let original = try folder.read("ada.json").trimmingCharacters(in: .whitespacesAndNewlines)
        for image in ["ada.svg", "ada.png"] {
            let extracted = try LaurelBinary.run(["extract", folder.path(image)])
            #expect(extracted.status == 0, "\(extracted.standardError)")
            #expect(extracted.standardOutput == original + "\n", "\(image)")
        }
        let toFile = try LaurelBinary.run(["extract", folder.path("ada-jwt.svg"), "--out", folder.path("extracted.jwt")])
        #expect(toFile.status == 0, "\(toFile.standardError)")
        #expect(try folder.read("extracted.jwt") == (try folder.read("ada.jwt")) + "\n")

        let verify = try LaurelBinary.run(
            ["verify", folder.path("ada.svg"), folder.path("ada.png"), folder.path("ada-jwt.svg"), folder.path("extracted.jwt"),
             "--format", "json"] + (try setup.resources()))
        #expect(verify.status == 0, "\(verify.standardOutput)")
        let lines = verify.standardOutput.split(separator: "\n").filter { !$0.contains("\"summary\":") }
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.contains("\"verdict\":\"valid\"") }, "\(verify.standardOutput)")
        #expect(lines[1].contains("\"format\":\"png\"") && lines[2].contains("\"format\":\"svg\""))
    }

    @Test("the 1EdTech baked fixtures extract, and both the images and the extracted credentials verify",
          arguments: ["simple-json.png", "simple-json.svg", "simple-jwt.png", "simple-jwt.svg"])
    func oneEdTechFixtures(name: String) throws {
        let folder = try ScratchFolder()
        try Self.fixture(name).write(to: folder.url.appendingPathComponent(name))
        let extracted = try LaurelBinary.run(["extract", folder.path(name), "--out", folder.path("credential")])
        #expect(extracted.status == 0, "\(extracted.standardError)")
        let text = try folder.read("credential")
        #expect(name.contains("jwt") ? text.hasPrefix("eyJ") : text.hasPrefix("{"))
        // The 1EdTech issuer's key is only in the method's fragment: it is proven by the issuer's own controller
        // document, given here as a local copy (so the identity is self-asserted). The VC-JWT fixtures carry their
        // RS256 key in the token's header, which proves nothing about the issuer: "cannot tell".
        let issuer = "https://example.com/issuers/876543"
        let method = issuer + "#z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x"
        let document = try folder.write("issuer.json", """
            {"id": "\(issuer)", "verificationMethod": [{"id": "\(method)", "type": "Multikey", "controller": "\(issuer)",
             "publicKeyMultibase": "z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x"}], "assertionMethod": ["\(method)"]}
            """)
        let verify = try LaurelBinary.run([
            "verify", folder.path(name), folder.path("credential"), "--at", Self.at, "--offline",
            "--resource", "\(issuer)=\(document)",
        ])
        if name.contains("jwt") {
            #expect(verify.status == 2, "\(verify.standardOutput)")
            #expect(verify.standardOutput.components(separatedBy: "CANNOT TELL — The signature is intact, but nothing shows").count == 3)
        } else {
            #expect(verify.status == 0, "\(verify.standardOutput)")
            #expect(verify.standardOutput.components(separatedBy: "VALID — signed by the holder of \(issuer)").count == 3)
        }
    }

    /// The chunks of a PNG: (offset, type, total length including length, type and CRC).
    static func chunks(_ png: [UInt8]) -> [(offset: Int, type: String, size: Int)] {
        var result: [(Int, String, Int)] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
            result.append((offset, type, length + 12))
            offset += length + 12
        }
        return result
    }

    @Test("bad images and non-credentials get a clear error and nothing is written or changed")
    func badInput() throws {
        let setup = try Self.setup()
        let folder = setup.folder
        try setup.issue(setup.learnerDID, to: "ada.json")
        let good = [UInt8](try Self.fixture("simple-json.png"))
        let list = Self.chunks(good)

        // A chunk whose length field lies (says far more bytes than the file holds).
        var lying = good
        let second = list[1].offset
        lying.replaceSubrange(second..<second + 4, with: [0x00, 0xFF, 0xFF, 0xF0])
        try Data(lying).write(to: folder.url.appendingPathComponent("lying.png"))
        // The credential chunk twice.
        let itxt = try #require(list.first { $0.type == "iTXt" })
        let iend = try #require(list.first { $0.type == "IEND" })
        var twice = good
        twice.insert(contentsOf: good[itxt.offset..<itxt.offset + itxt.size], at: iend.offset)
        try Data(twice).write(to: folder.url.appendingPathComponent("twice.png"))
        try folder.write("entity.svg", """
            <?xml version="1.0"?>
            <!DOCTYPE svg [ <!ENTITY boom "boom"> ]>
            <svg xmlns="http://www.w3.org/2000/svg">&boom;</svg>
            """)
        try folder.write("existing.json", "keep me\n")

        let extractCases: [(String, String)] = [
            ("lying.png", "declares 16777200 data bytes"),
            ("twice.png", "has 2 iTXt chunks with keyword 'openbadgecredential'"),
            ("entity.svg", "entit"),
        ]
        for (image, expected) in extractCases {
            let result = try LaurelBinary.run(["extract", folder.path(image), "--out", folder.path("out.json")])
            #expect(result.status == 1, "\(image)")
            #expect(result.standardError.contains(image) && result.standardError.contains(expected), "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: folder.path("out.json")))
            let forced = try LaurelBinary.run(
                ["extract", folder.path(image), "--out", folder.path("existing.json"), "--force"])
            #expect(forced.status == 1)
            #expect(try folder.read("existing.json") == "keep me\n")
        }
        for image in ["lying.png", "entity.svg"] {
            let result = try LaurelBinary.run(
                ["bake", folder.path("ada.json"), "--image", folder.path(image), "--out", folder.path("out.png")])
            #expect(result.status == 1, "\(image)")
            #expect(result.standardError.contains("cannot bake into this image"), "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: folder.path("out.png")))
        }

        // Not credentials.
        let present = try LaurelBinary.run(
            ["present", folder.path("ada.json"), "--holder-key", setup.learnerKey, "--out", folder.path("vp.json")])
        #expect(present.status == 0, "\(present.standardError)")
        var unsigned = try folder.read("ada.json")
        let proofStart = try #require(unsigned.range(of: ",\n  \"proof\"")).lowerBound
        unsigned = String(unsigned[..<proofStart]) + "\n}\n"
        try folder.write("unsigned.json", unsigned)
        try folder.write("notes.txt", "my notes\n")
        let bakeCases: [(String, String)] = [
            ("vp.json", "this is a presentation, not a credential"),
            ("unsigned.json", "this credential is not signed"),
            ("notes.txt", "this is not a credential: it is neither a JSON credential nor a compact JWS"),
        ]
        for (file, expected) in bakeCases {
            let result = try LaurelBinary.run(["bake", folder.path(file), "--out", folder.path("out.svg")])
            #expect(result.status == 1, "\(file)")
            #expect(result.standardError.contains("\(folder.path(file)): \(expected)"), "\(result.standardError)")
            #expect(!FileManager.default.fileExists(atPath: folder.path("out.svg")))
        }
        let existing = try LaurelBinary.run(["bake", folder.path("ada.json"), "--out", folder.path("existing.json")])
        #expect(existing.status == 1)
        #expect(existing.standardError.contains("already exists"))
        let wrongKind = try LaurelBinary.run(["bake", folder.path("ada.json"), "--out", folder.path("ada.png")])
        #expect(wrongKind.status == 1)
        #expect(wrongKind.standardError.contains("the default badge is an SVG"))
        #expect(try folder.read("existing.json") == "keep me\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test("revoking an unknown id is refused and changes neither the ledger nor the published lists")
    func revokeUnknown() throws {
        let setup = try Self.setup()
        try setup.issue(setup.learnerDID, to: "ada.json")
        _ = try setup.resources()
        let listFile = setup.ws + "/status/revocation/1.json"
        let before = try Data(contentsOf: URL(fileURLWithPath: listFile))
        let ledger = try Ledger.open(at: setup.ws + "/ledger.sqlite")
        let counts = try ledger.counts()
        let result = try LaurelBinary.run(
            ["revoke", "urn:uuid:00000000-0000-4000-8000-000000000000", "--workspace", setup.ws, "--reason", "typo"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("cannot revoke credential urn:uuid:00000000-0000-4000-8000-000000000000: it is not in"),
            "\(result.standardError)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: listFile)) == before)
        #expect(try ledger.counts() == counts)
    }

    @Test("present → verify: the challenge and domain must match, and the holder must be the subject")
    func presentAndVerify() throws {
        let setup = try Self.setup()
        let folder = setup.folder
        try setup.issue(setup.learnerDID, to: "ada.json")
        try setup.issue(setup.learnerDID, to: "ada.jwt", ["--proof", "vc-jwt"])
        try setup.issue("ada@example.org", to: "email.json")
        let bake = try LaurelBinary.run(["bake", folder.path("ada.jwt"), "--out", folder.path("ada.svg")])
        #expect(bake.status == 0)
        let present = try LaurelBinary.run([
            "present", folder.path("ada.json"), folder.path("ada.svg"), "--holder-key", setup.learnerKey,
            "--challenge", "n-0S6_WzA2Mj", "--domain", "https://jobs.example.com", "--out", folder.path("vp.json"),
        ])
        #expect(present.status == 0, "\(present.standardError)")
        #expect(present.standardError.contains("Presented 2 credential(s) as \(setup.learnerDID)"))
        let vp = try folder.read("vp.json")
        #expect(vp.contains("\"proofPurpose\": \"authentication\"") && vp.contains("\"holder\": \"\(setup.learnerDID)\""))
        #expect(vp.contains("\"id\": \"data:application/vc+jwt,eyJ"))

        let resources = try setup.resources()
        let good = try LaurelBinary.run(
            ["verify", folder.path("vp.json"), "--challenge", "n-0S6_WzA2Mj", "--domain", "https://jobs.example.com"] + resources)
        #expect(good.status == 0, "\(good.standardOutput)")
        #expect(good.standardOutput.contains("✓ presentation    The holder presented 2 credential(s) awarded to them"))
        let replayed = try LaurelBinary.run(
            ["verify", folder.path("vp.json"), "--challenge", "another", "--domain", "https://jobs.example.com"] + resources)
        #expect(replayed.status == 1)
        #expect(replayed.standardOutput.contains("✗ proof"))

        let notMine = try LaurelBinary.run(
            ["present", folder.path("email.json"), "--holder-key", setup.learnerKey, "--out", folder.path("vp2.json")])
        #expect(notMine.status == 1)
        #expect(notMine.standardError.contains("is not the subject of every credential"))
        #expect(notMine.standardError.contains("email.json: awarded to an email address"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("vp2.json")))

        let publicOnly = try LaurelBinary.run(["keys", "show", setup.learnerKey, "--format", "pem"])
        try folder.write("learner.public.pem", publicOnly.standardOutput)
        let noPrivate = try LaurelBinary.run(
            ["present", folder.path("ada.json"), "--holder-key", folder.path("learner.public.pem")])
        #expect(noPrivate.status == 1)
        #expect(noPrivate.standardError.contains("holds only a public key"))
    }

    @Test("clr → verify: a record of the learner's credentials verifies; a tampered inner credential fails clr")
    func clrAndVerify() throws {
        let setup = try Self.setup()
        let folder = setup.folder
        let programme = try LaurelBinary.run([
            "achievement", "new", "--workspace", setup.ws, "--name", "Data Science Certificate", "--description",
            "Completes the programme.", "--criteria", "Pass every module.",
        ])
        #expect(programme.status == 0, "\(programme.standardError)")
        try setup.issue(setup.learnerDID, to: "ada.json")
        let second = try LaurelBinary.run([
            "issue", "--workspace", setup.ws, "--achievement", "data-science-certificate", "--recipient", setup.learnerDID,
            "--proof", "vc-jwt", "--out", folder.path("cert.jwt"),
        ])
        #expect(second.status == 0, "\(second.standardError)")
        try setup.issue("someone@example.org", to: "other.json")

        let clr = try LaurelBinary.run([
            "clr", "--workspace", setup.ws, "--learner", setup.learnerDID,
            "--association", "data-literacy=isPartOf=data-science-certificate", "--out", folder.path("record.json"),
        ])
        #expect(clr.status == 0, "\(clr.standardError)")
        #expect(clr.standardOutput.contains("with 2 credential(s)"))
        let record = try folder.read("record.json")
        #expect(record.contains("\"ClrCredential\"") && record.contains("\"associationType\": \"isPartOf\""))
        #expect(record.contains("https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json"))

        let resources = try setup.resources()
        let verify = try LaurelBinary.run(["verify", folder.path("record.json")] + resources)
        #expect(verify.status == 0, "\(verify.standardOutput)")
        #expect(verify.standardOutput.contains("✓ clr             All 2 credentials in the learner record verified."))

        // A credential changed after it was issued is refused before anything is recorded.
        let original = try folder.read("ada.json")
        try folder.write("tampered.json", original.replacingOccurrences(
            of: "\"name\": \"Data Literacy\"", with: "\"name\": \"Data Literacy (honours)\""))
        let refused = try LaurelBinary.run([
            "clr", "--workspace", setup.ws, "--learner", setup.learnerDID, "--credential", folder.path("tampered.json"),
            "--out", folder.path("record2.json"),
        ])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("tampered.json: this credential cannot go into a learner record"),
            "\(refused.standardError)")
        #expect(!FileManager.default.fileExists(atPath: folder.path("record2.json")))

        // A record whose inner credential was changed fails clr (and its own proof).
        try folder.write("record-tampered.json", record.replacingOccurrences(
            of: "\"name\": \"Data Literacy\"", with: "\"name\": \"Data Literacy (honours)\""))
        let tampered = try LaurelBinary.run(["verify", folder.path("record-tampered.json")] + resources)
        #expect(tampered.status == 1)
        #expect(tampered.standardOutput.contains("✗ clr") && tampered.standardOutput.contains("✗ proof"))

        let bad = try LaurelBinary.run([
            "clr", "--workspace", setup.ws, "--learner", setup.learnerDID, "--association", "data-literacy=contains=x",
            "--out", folder.path("record3.json"),
        ])
        #expect(bad.status == 1)
        #expect(bad.standardError.contains("is not SOURCE=TYPE=TARGET"))
    }

    @Test("share prints the verification page and the exact LinkedIn 'Add to profile' URL")
    func share() throws {
        let setup = try Self.setup()
        let folder = setup.folder
        try setup.issue(
            setup.learnerDID, to: "ada.json", ["--valid-from", "2026-03-01T09:00:00Z", "--valid-until", "2028-02-01T00:00:00Z"])
        let text = try folder.read("ada.json")
        let idLine = try #require(text.split(separator: "\n").first { $0.hasPrefix("  \"id\": ") })
        let id = String(idLine.dropFirst("  \"id\": \"".count).dropLast(2))
        #expect(id.hasPrefix("urn:uuid:"))
        let encodedID = "urn%3Auuid%3A" + id.dropFirst("urn:uuid:".count)

        let result = try LaurelBinary.run(["share", folder.path("ada.json"), "--workspace", setup.ws])
        #expect(result.status == 0, "\(result.standardError)")
        let verifyURL = "https://example.edu/verify?id=\(encodedID)"
        let linkedIn = "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Data%20Literacy"
            + "&organizationName=Example%20College&issueYear=2026&issueMonth=3&expirationYear=2028&expirationMonth=2"
            + "&certUrl=https%3A%2F%2Fexample.edu%2Fverify%3Fid%3Durn%253Auuid%253A\(id.dropFirst("urn:uuid:".count))"
            + "&certId=\(encodedID)"
        #expect(result.standardOutput == """
            Badge:          Data Literacy
            Issued by:      Example College
            Awarded:        2026-03
            Expires:        2028-02
            Credential ID:  \(id)
            Verify at:      \(verifyURL)
            LinkedIn:       \(linkedIn)

            Anyone can also check the file itself: laurel verify \(folder.path("ada.json"))

            """)
        let json = try LaurelBinary.run(["share", folder.path("ada.json"), "--base-url", "https://badges.example.org", "--format", "json"])
        #expect(json.status == 0)
        #expect(json.standardOutput.contains("\"verificationUrl\": \"https://badges.example.org/verify?id=\(encodedID)\""))
        // Outside the workspace and without --base-url there is no verification page.
        let bare = try LaurelBinary.run(["share", folder.path("ada.json")], in: folder.url)
        #expect(bare.status == 0)
        #expect(bare.standardOutput.contains(
            "Verify at:      not known; pass --base-url https://example.edu (where laurel serve hosts this issuer) "
                + "to include the verification page\n"))
        #expect(!bare.standardOutput.contains("certUrl") && !bare.standardOutput.contains("/verify?id="))
        let bareJSON = try LaurelBinary.run(["share", folder.path("ada.json"), "--format", "json"], in: folder.url)
        #expect(bareJSON.standardOutput.contains("\"verificationUrl\": null"))
        #expect(bareJSON.standardError.contains("note: pass --base-url https://example.edu (where laurel serve"))
        // Run inside the workspace, its base URL is found without --workspace.
        let inside = try LaurelBinary.run(["share", folder.path("ada.json")], in: URL(fileURLWithPath: setup.ws))
        #expect(inside.standardOutput.contains("Verify at:      \(verifyURL)\n"), "\(inside.standardError)")
    }

    @Test("share --qr writes the verification page's QR code as SVG or PNG, and refuses without a page")
    func shareQRCode() throws {
        let setup = try Self.setup()
        let folder = setup.folder
        try setup.issue(setup.learnerDID, to: "ada.json")
        let svg = try LaurelBinary.run([
            "share", folder.path("ada.json"), "--base-url", "https://badges.example.org/",
            "--qr", folder.path("qr.svg"),
        ])
        #expect(svg.status == 0, "\(svg.standardError)")
        #expect(svg.standardOutput.contains("QR code:        \(folder.path("qr.svg"))\n"))
        let verifyLine = try #require(svg.standardOutput.split(separator: "\n").first { $0.hasPrefix("Verify at:") })
        let url = String(verifyLine.dropFirst("Verify at:      ".count))
        #expect(url.hasPrefix("https://badges.example.org/verify?id=urn%3Auuid%3A"))
        let drawn = try folder.read("qr.svg")
        #expect(drawn.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(drawn.contains("role=\"img\""))
        #expect(drawn.contains("aria-label=\"QR code of the verification page, \(url)\""))

        let png = try LaurelBinary.run([
            "share", folder.path("ada.json"), "--workspace", setup.ws, "--qr", folder.path("qr.png"),
            "--format", "json",
        ])
        #expect(png.status == 0, "\(png.standardError)")
        #expect(png.standardOutput.contains("\"qrCode\": \"\(folder.path("qr.png"))\""))
        let bytes = try [UInt8](Data(contentsOf: folder.url.appendingPathComponent("qr.png")))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        if ZBar.path != nil {
            let expected = try #require(png.standardOutput.split(separator: "\"").drop { $0 != "verificationUrl" }
                .dropFirst(2).first.map(String.init))
            #expect(try ZBar.decode(png: bytes) == expected)
            #expect(expected.hasPrefix("https://example.edu/verify?id=urn%3Auuid%3A"))
        }

        let none = try LaurelBinary.run(
            ["share", folder.path("ada.json"), "--qr", folder.path("none.png")], in: folder.url)
        #expect(none.status == 1)
        #expect(none.standardError.contains("no QR code written: the verification page is not known; pass --base-url"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("none.png")))
        let wrongType = try LaurelBinary.run(["share", folder.path("ada.json"), "--qr", folder.path("qr.gif")])
        #expect(wrongType.status != 0)
        #expect(wrongType.standardError.contains("--qr '\(folder.path("qr.gif"))' must end in .svg or .png"))
    }

    @Test(
        "share --qr's PNG reads back as the exact verification URL",
        .enabled(if: ZBar.path != nil, "zbarimg is not installed (apt-get install zbar-tools): the QR was not decoded"))
    func shareQRCodeDecodes() throws {
        let setup = try Self.setup()
        try setup.issue(setup.learnerDID, to: "ada.json")
        let result = try LaurelBinary.run([
            "share", setup.folder.path("ada.json"), "--base-url", "https://badges.example.edu",
            "--qr", setup.folder.path("qr.png"),
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let line = try #require(result.standardOutput.split(separator: "\n").first { $0.hasPrefix("Verify at:") })
        let url = String(line.dropFirst("Verify at:      ".count))
        let bytes = try [UInt8](Data(contentsOf: setup.folder.url.appendingPathComponent("qr.png")))
        #expect(try ZBar.decode(png: bytes) == url)
    }

    @Test("certificate shows the verification page's QR code from the workspace or --base-url, and says what to pass")
    func certificateQRCode() throws {
        let setup = try Self.setup()
        let folder = setup.folder
        try setup.issue(setup.learnerDID, to: "ada.json")
        let inWorkspace = try LaurelBinary.run([
            "certificate", "--workspace", setup.ws, folder.path("ada.json"), "--html", folder.path("a.html"),
            "--offline",
        ])
        #expect(inWorkspace.status == 0, "\(inWorkspace.standardError)")
        let page = try folder.read("a.html")
        #expect(page.contains("Scan to check this badge"))
        #expect(page.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(page.contains(">https://example.edu/verify?id=urn%3Auuid%3A"))

        let given = try LaurelBinary.run([
            "certificate", folder.path("ada.json"), "--html", folder.path("b.html"), "--offline",
            "--base-url", "https://badges.example.org",
        ], in: folder.url)
        let other = try folder.read("b.html")
        #expect(given.status == 0, "\(given.standardError)")
        #expect(other.contains(">https://badges.example.org/verify?id=urn%3Auuid%3A") && other.contains("<svg"))

        let bare = try LaurelBinary.run(
            ["certificate", folder.path("ada.json"), "--html", folder.path("c.html"), "--offline"], in: folder.url)
        #expect(!(try folder.read("c.html")).contains("<svg"))
        #expect(bare.standardError.contains(
            "note: no verification page or QR code on the certificate; pass --base-url https://example.edu"))
    }
}

/// The `zbarimg` bar code reader (zbar-tools), when installed.
enum ZBar {
    static let path: String? = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        .split(separator: ":").map { "\($0)/zbarimg" }
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// The text of the one QR code in a PNG, as zbarimg reads it (raw bytes, without a charset guess).
    static func decode(png: [UInt8]) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
        try Data(png).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(path))
        process.arguments = ["--quiet", "--raw", "--nodbus", "-Sdisable", "-Sqrcode.enable", file.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "zbarimg found no QR code")
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}

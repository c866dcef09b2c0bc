import Foundation
import LinkedData
import Testing
@testable import OpenBadges

@Suite struct BakingPNGTests {
    // MARK: CRC-32

    @Test("CRC-32 matches the standard check values")
    func crcKnownAnswers() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.checksum(Array("The quick brown fox jumps over the lazy dog".utf8)) == 0x414F_A339)
        #expect(CRC32.checksum(Array("IEND".utf8)) == 0xAE42_6082)
    }

    @Test("slicing-by-8 CRC-32 agrees with the bit-at-a-time definition at every length and alignment")
    func crcAgreesWithReference() {
        var generator = SeededGenerator(seed: 42)
        let data = (0..<1500).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for start in 0..<9 {
            for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 255, 1024, 1491 - start] {
                let slice = data[start..<(start + length)]
                #expect(CRC32.checksum(slice) == TestPNG.referenceCRC(slice), "start \(start) length \(length)")
            }
        }
    }

    // MARK: 1EdTech fixtures

    @Test("extracts the JSON credential from 1EdTech's simple-json.png")
    func extractJSONFixture() throws {
        let payload = try BadgeBaker.extract(fromPNG: try BakingFixtures.bytes("simple-json.png"))
        let credential = try JSONValue(parsing: payload)
        #expect(credential.objectValue?["id"]?.stringValue == "http://example.com/credentials/3527")
        #expect(credential.objectValue?["proof"] != nil)
    }

    @Test("extracts the VC-JWT from 1EdTech's simple-jwt.png and simple-jwt_v1.png")
    func extractJWTFixtures() throws {
        for (file, id) in [
            ("simple-jwt.png", "http://example.com/credentials/3527"),
            ("simple-jwt_v1.png", "http://example.edu/credentials/3732"),
        ] {
            let payload = try BadgeBaker.extract(fromPNG: try BakingFixtures.bytes(file))
            let parts = payload.split(separator: ".", omittingEmptySubsequences: false)
            #expect(parts.count == 3, "\(file)")
            let claims = try JSONValue(parsing: try #require(base64URLDecode(parts[1])))
            #expect(claims.objectValue?["jti"]?.stringValue == id, "\(file)")
            #expect(BakedPayloadFormat.of(payload) == .compactJWS)
        }
    }

    @Test("re-baking a 1EdTech PNG replaces its credential and keeps every other chunk byte for byte")
    func rebakeFixture() throws {
        let original = try BakingFixtures.bytes("simple-json.png")
        let baked = try BadgeBaker.bake(BakingSamples.jws, intoPNG: original)
        #expect(try BadgeBaker.extract(fromPNG: baked) == BakingSamples.jws)
        let before = TestPNG.chunks(original).filter { !($0.type == "iTXt") }
        let after = TestPNG.chunks(baked)
        #expect(after.filter { $0.type == "iTXt" }.count == 1)
        #expect(after.filter { $0.type != "iTXt" }.map(\.data) == before.map(\.data))
        #expect(after.map(\.type).last == "IEND")
        #expect(after[after.count - 2].type == "iTXt")
    }

    // MARK: Round trips

    @Test("bakes JSON and JWS payloads, with non-ASCII text and ']]>', and extracts them unchanged")
    func roundTrips() throws {
        let png = TestPNG.tiny()
        for payload in [BakingSamples.json, BakingSamples.jws] {
            let baked = try BadgeBaker.bake(payload, intoPNG: png)
            #expect(try BadgeBaker.extract(fromPNG: baked) == payload)
            let generic = try BadgeBaker.extract(from: baked)
            #expect(generic.kind == .png)
            #expect(generic.payload == payload)
            #expect(try BadgeBaker.bake(payload, into: png) == baked)
        }
        let extracted = try BadgeBaker.extract(fromPNG: try BadgeBaker.bake(BakingSamples.json, intoPNG: png))
        #expect(try JSONValue(parsing: extracted).objectValue?["id"]?.stringValue == BakingSamples.jsonID)
    }

    @Test("the baked chunk is an uncompressed iTXt with empty language and translated keyword, with a correct CRC")
    func chunkLayout() throws {
        let baked = try BadgeBaker.bake(BakingSamples.jws, intoPNG: TestPNG.tiny())
        let chunks = TestPNG.chunks(baked)
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "iTXt", "IEND"])
        let expected = TestPNG.iTXt(keyword: "openbadgecredential", text: BakingSamples.jws)
        let expectedBytes = TestPNG.tiny(trailer: [expected])
        #expect(baked == expectedBytes)
    }

    @Test("re-baking replaces the credential: exactly one chunk, holding the new payload")
    func rebakeReplaces() throws {
        var png = TestPNG.tiny()
        for payload in [BakingSamples.json, BakingSamples.jws, BakingSamples.json] {
            png = try BadgeBaker.bake(payload, intoPNG: png)
            #expect(TestPNG.chunks(png).filter { $0.type == "iTXt" }.count == 1)
            #expect(try BadgeBaker.extract(fromPNG: png) == payload)
        }
        // A stray tEXt chunk with the keyword is removed too.
        let stray = TestPNG.chunk("tEXt", Array("openbadgecredential\u{0}{}".utf8))
        let cleaned = try BadgeBaker.bake(BakingSamples.jws, intoPNG: TestPNG.tiny(extra: [stray]))
        #expect(TestPNG.chunks(cleaned).map(\.type) == ["IHDR", "IDAT", "iTXt", "IEND"])
    }

    @Test("a JWS is baked without surrounding whitespace; JSON exactly as given")
    func payloadNormalization() throws {
        let baked = try BadgeBaker.bake("  \(BakingSamples.jws)\n", intoPNG: TestPNG.tiny())
        #expect(try BadgeBaker.extract(fromPNG: baked) == BakingSamples.jws)
        let json = "\n  {\"id\": \"x\"}  \n"
        #expect(try BadgeBaker.extract(fromPNG: try BadgeBaker.bake(json, intoPNG: TestPNG.tiny())) == json)
    }

    @Test("refuses payloads that are not one JSON object or a compact JWS")
    func badPayloads() {
        for payload in ["", "   ", "[1, 2]", "{\"a\": }", "not a credential", "a.b", "a.b.c.d", "a..c", "a.b!.c"] {
            let error = bakingError { try BadgeBaker.bake(payload, intoPNG: TestPNG.tiny()) }
            #expect(error?.code == .invalidPayload, "\(payload.debugDescription): \(String(describing: error))")
        }
        let limits = BakingLimits(maxPayloadBytes: 10)
        let error = bakingError { try BadgeBaker.bake(BakingSamples.jws, intoPNG: TestPNG.tiny(), limits: limits) }
        #expect(error?.code == .payloadTooLarge)
    }

    // MARK: Bad images

    @Test("bad PNGs give a clear error naming the chunk and byte offset")
    func badImages() throws {
        let good = try BadgeBaker.bake(BakingSamples.jws, intoPNG: TestPNG.tiny())
        var cases: [(String, [UInt8], BakingError.Code)] = []

        cases.append(("empty", [], .notPNG))
        cases.append(("signature only", TestPNG.signature, .truncated))
        cases.append(("truncated in the middle", Array(good.prefix(good.count / 2)), .truncated))
        cases.append(("truncated before IEND's CRC", Array(good.dropLast(2)), .truncated))
        cases.append(("no IEND", Array(good.dropLast(12)), .truncated))

        var lying = good
        lying[8 + 3] = 0xF0  // IHDR claims 240 bytes, more than the file holds
        cases.append(("IHDR with a lying length", lying, .truncated))
        var shifted = good
        shifted[8 + 3] = 20  // IHDR claims 20 bytes: still inside the file, so the CRC lands on the wrong bytes
        cases.append(("IHDR with a wrong length inside the file", shifted, .badCRC))
        var huge = good
        huge.replaceSubrange(8..<12, with: [0xFF, 0xFF, 0xFF, 0xFF])
        cases.append(("length above 2^31 - 1", huge, .chunkTooLarge))
        var beyond = good
        // The IDAT chunk (after the 25-byte IHDR) claims 1000 bytes and its CRC is "fixed up" to match nothing.
        beyond.replaceSubrange(33..<37, with: [0x00, 0x00, 0x03, 0xE8])
        cases.append(("IDAT length beyond the end", beyond, .truncated))

        var crc = good
        crc[good.count - 13] ^= 0x01  // last byte of the iTXt CRC
        cases.append(("bad CRC", crc, .badCRC))
        var data = good
        data[50] ^= 0x20  // a byte of the IDAT/iTXt data
        cases.append(("flipped data byte", data, .badCRC))

        let noIHDR = TestPNG.signature + TestPNG.chunk("IDAT", [1, 2, 3]) + TestPNG.chunk("IEND", [])
        cases.append(("IDAT first", noIHDR, .missingIHDR))
        let twoIHDR = TestPNG.tiny(extra: [TestPNG.chunk("IHDR", [UInt8](repeating: 1, count: 13))])
        cases.append(("two IHDR", twoIHDR, .missingIHDR))
        cases.append(("data after IEND", good + [0, 0, 0, 0], .dataAfterIEND))
        cases.append(("chunk after IEND", good + TestPNG.chunk("tEXt", Array("a\u{0}b".utf8)), .dataAfterIEND))
        cases.append(("bad chunk type", TestPNG.tiny(extra: [TestPNG.chunk("ab1d", [])]), .badChunkType))

        for (name, bytes, code) in cases {
            let extractError = bakingError { try BadgeBaker.extract(fromPNG: bytes) }
            #expect(extractError?.code == code, "extract, \(name): \(String(describing: extractError))")
            let bakeError = bakingError { try BadgeBaker.bake(BakingSamples.jws, intoPNG: bytes) }
            #expect(bakeError?.code == code, "bake, \(name): \(String(describing: bakeError))")
        }
    }

    @Test("the error for a lying chunk length says which chunk, where, and how many bytes remain")
    func lyingLengthMessage() throws {
        var png = TestPNG.tiny()
        png.replaceSubrange(33..<37, with: [0x00, 0x01, 0x00, 0x00])
        let error = try #require(bakingError { try BadgeBaker.extract(fromPNG: png) })
        #expect(error.code == .truncated)
        #expect(error.reason.contains("IDAT chunk at byte 33"))
        #expect(error.reason.contains("65536"))
        #expect(error.offset == 33)
    }

    @Test("chunk lengths above the configured limit are refused before anything is read")
    func chunkLimit() throws {
        let png = try BadgeBaker.bake(BakingSamples.json, intoPNG: TestPNG.tiny())
        let error = bakingError { try BadgeBaker.extract(fromPNG: png, limits: BakingLimits(maxChunkLength: 100)) }
        #expect(error?.code == .chunkTooLarge)
        let tooBig = bakingError { try BadgeBaker.extract(fromPNG: png, limits: BakingLimits(maxImageBytes: 100)) }
        #expect(tooBig?.code == .imageTooLarge)
        let many = bakingError { try BadgeBaker.extract(fromPNG: png, limits: BakingLimits(maxPNGChunks: 3)) }
        #expect(many?.code == .tooManyChunks)
    }

    @Test("two credential chunks are ambiguous; none, OB 2.0, compressed and non-UTF-8 chunks are reported")
    func credentialChunkCases() throws {
        let first = TestPNG.iTXt(keyword: "openbadgecredential", text: BakingSamples.jws)
        let second = TestPNG.iTXt(keyword: "openbadgecredential", text: "{}")
        let cases: [(String, [UInt8], BakingError.Code)] = [
            ("two credentials", TestPNG.tiny(trailer: [first, second]), .multipleCredentials),
            ("no credential", TestPNG.tiny(), .noCredential),
            (
                "only other text", TestPNG.tiny(extra: [TestPNG.iTXt(keyword: "Comment", text: "hi")]),
                .noCredential
            ),
            (
                "tEXt with the OB 3.0 keyword",
                TestPNG.tiny(extra: [TestPNG.chunk("tEXt", Array("openbadgecredential\u{0}{}".utf8))]), .noCredential
            ),
            (
                "OB 2.0 tEXt", TestPNG.tiny(extra: [TestPNG.chunk("tEXt", Array("openbadges\u{0}https://x".utf8))]),
                .legacyBadge
            ),
            ("OB 2.0 iTXt", TestPNG.tiny(extra: [TestPNG.iTXt(keyword: "openbadges", text: "{}")]), .legacyBadge),
            (
                "compressed",
                TestPNG.tiny(extra: [TestPNG.iTXt(keyword: "openbadgecredential", text: "x\u{1}", compressed: true)]),
                .compressedCredential
            ),
            (
                "empty text", TestPNG.tiny(extra: [TestPNG.iTXt(keyword: "openbadgecredential", text: "")]),
                .invalidPayload
            ),
            (
                "no NUL after language",
                TestPNG.tiny(extra: [TestPNG.chunk("iTXt", Array("openbadgecredential\u{0}\u{0}\u{0}en".utf8))]),
                .malformedChunk
            ),
            (
                "flag 7",
                TestPNG.tiny(extra: [
                    TestPNG.chunk("iTXt", Array("openbadgecredential\u{0}\u{7}\u{0}\u{0}\u{0}x".utf8))
                ]),
                .malformedChunk
            ),
            (
                "invalid UTF-8",
                TestPNG.tiny(extra: [
                    TestPNG.chunk("iTXt", Array("openbadgecredential".utf8) + [0, 0, 0, 0, 0, 0xC3, 0x28])
                ]), .invalidUTF8
            ),
        ]
        for (name, png, code) in cases {
            let error = bakingError { try BadgeBaker.extract(fromPNG: png) }
            #expect(error?.code == code, "\(name): \(String(describing: error))")
        }
        // A language tag and translated keyword are skipped; the OB 3.0 chunk wins over an OB 2.0 one.
        let tagged = TestPNG.tiny(extra: [
            TestPNG.iTXt(keyword: "openbadges", text: "{}"),
            TestPNG.iTXt(keyword: "openbadgecredential", text: "{\"a\":1}", language: "en", translated: "Badge"),
        ])
        #expect(try BadgeBaker.extract(fromPNG: tagged) == "{\"a\":1}")
    }

    @Test("random bytes, with or without a PNG signature, end in a BakingError")
    func randomBytes() {
        var generator = SeededGenerator(seed: 7)
        for round in 0..<200 {
            var bytes = (0..<Int.random(in: 0...300, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            if round % 2 == 0 { bytes = TestPNG.signature + bytes }
            #expect(bakingError { try BadgeBaker.extract(fromPNG: bytes) } != nil)
            #expect(bakingError { try BadgeBaker.extract(from: bytes) } != nil)
        }
    }
}

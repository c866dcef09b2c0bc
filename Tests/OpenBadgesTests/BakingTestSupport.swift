import Foundation
import LinkedData
import Testing
@testable import OpenBadges

/// Files under `Fixtures/baking/` (see `SOURCES.md` there).
enum BakingFixtures {
    static func bytes(_ name: String) throws -> [UInt8] {
        let directory = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let url = directory.appendingPathComponent("baking").appendingPathComponent(name)
        return [UInt8](try Data(contentsOf: url))
    }

    static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }
}

/// Payloads used across the baking tests.
enum BakingSamples {
    /// A credential whose JSON holds non-ASCII text and the CDATA terminator `]]>`.
    static let json = """
        {
          "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
          ],
          "id": "urn:uuid:8c1f4c1e-2b59-4bd3-9f0e-3f7e2a1b0c01",
          "type": ["VerifiableCredential", "OpenBadgeCredential"],
          "issuer": {"id": "https://example.com/issuers/1", "type": ["Profile"], "name": "École 中文 🎓"},
          "validFrom": "2025-01-01T00:00:00Z",
          "name": "Café <tag> & \\"quotes\\" ]]> and ]]]]> too",
          "credentialSubject": {"type": ["AchievementSubject"], "achievement": {"name": "Teamwork ✓"}}
        }
        """

    static let jsonID = "urn:uuid:8c1f4c1e-2b59-4bd3-9f0e-3f7e2a1b0c01"

    /// A compact JWS (header {"alg":"EdDSA"}, payload {"jti":"urn:x"}, a made-up signature).
    static let jws = "eyJhbGciOiJFZERTQSJ9.eyJqdGkiOiJ1cm46eCJ9.c2lnbmF0dXJlLWJ5dGVzLWhlcmU"

    static let minimalSVG = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">
          <!-- a comment with <svg> inside -->
          <rect width="10" height="10" fill="#123456"/>
        </svg>
        """
}

/// Builds small, valid PNGs byte by byte (with a bit-at-a-time CRC, independent of the code under test).
enum TestPNG {
    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func referenceCRC(_ bytes: some Sequence<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1
            }
        }
        return crc ^ 0xFFFF_FFFF
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(referenceCRC(typeBytes + data))
    }

    /// A 1 × 1 RGBA PNG (a real zlib stream with one stored block); `extra` chunks go between IHDR and IDAT.
    static func tiny(extra: [[UInt8]] = [], trailer: [[UInt8]] = []) -> [UInt8] {
        let ihdr: [UInt8] = bigEndian(1) + bigEndian(1) + [8, 6, 0, 0, 0]
        let raw: [UInt8] = [0, 0x2A, 0x6E, 0xC1, 0xFF]  // filter byte, one RGBA pixel
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in raw {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let zlib: [UInt8] = [0x78, 0x01, 0x01, 0x05, 0x00, 0xFA, 0xFF] + raw + bigEndian(b << 16 | a)
        var png = signature + chunk("IHDR", ihdr)
        for item in extra { png += item }
        png += chunk("IDAT", zlib)
        for item in trailer { png += item }
        return png + chunk("IEND", [])
    }

    /// `iTXt` chunk data: keyword, NUL, flag, method, language, NUL, translated keyword, NUL, text.
    static func iTXt(
        keyword: String, text: String, compressed: Bool = false, language: String = "", translated: String = ""
    ) -> [UInt8] {
        chunk(
            "iTXt",
            Array(keyword.utf8) + [0, compressed ? 1 : 0, 0] + Array(language.utf8) + [0] + Array(translated.utf8)
                + [0] + Array(text.utf8))
    }

    /// The chunks of a PNG, read independently of the code under test (no checks beyond bounds).
    static func chunks(_ png: [UInt8]) -> [(type: String, data: [UInt8])] {
        var result: [(String, [UInt8])] = []
        var offset = 8
        while offset + 12 <= png.count {
            let length = Int(png[offset]) << 24 | Int(png[offset + 1]) << 16 | Int(png[offset + 2]) << 8
                | Int(png[offset + 3])
            guard offset + 12 + length <= png.count else { break }
            let type = String(decoding: png[(offset + 4)..<(offset + 8)], as: UTF8.self)
            result.append((type, Array(png[(offset + 8)..<(offset + 8 + length)])))
            offset += 12 + length
        }
        return result
    }

    /// Rewrites every chunk's CRC so that a mutated PNG gets past the CRC check into the structural checks.
    static func repairingCRCs(_ png: [UInt8]) -> [UInt8] {
        var png = png
        var offset = 8
        while offset + 12 <= png.count {
            let length = Int(png[offset]) << 24 | Int(png[offset + 1]) << 16 | Int(png[offset + 2]) << 8
                | Int(png[offset + 3])
            guard length <= png.count - offset - 12 else { break }
            let crc = bigEndian(referenceCRC(png[(offset + 4)..<(offset + 8 + length)]))
            png.replaceSubrange((offset + 8 + length)..<(offset + 12 + length), with: crc)
            offset += 12 + length
        }
        return png
    }
}

/// SplitMix64: a small, seeded, reproducible generator for the mini-fuzz tests.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Decodes unpadded base64url, or nil.
func base64URLDecode(_ text: some StringProtocol) -> [UInt8]? {
    var value: UInt32 = 0
    var bits = 0
    var output: [UInt8] = []
    for byte in text.utf8 {
        let digit: UInt8
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): digit = byte - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): digit = byte - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): digit = 62
        case UInt8(ascii: "_"): digit = 63
        default: return nil
        }
        value = value << 6 | UInt32(digit)
        bits += 6
        if bits >= 8 {
            bits -= 8
            output.append(UInt8((value >> UInt32(bits)) & 0xFF))
        }
    }
    return output
}

/// Runs `body` and returns the `BakingError` it throws, or nil if it succeeds. Any other error fails the test.
func bakingError<T>(_ body: () throws -> T) -> BakingError? {
    do {
        _ = try body()
        return nil
    } catch let error as BakingError {
        return error
    } catch {
        Issue.record("expected a BakingError, got \(error)")
        return nil
    }
}

/// Counts non-overlapping occurrences of `needle` in `text`.
func occurrences(of needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
}

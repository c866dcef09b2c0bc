import BadgeCrypto
import Foundation
import LinkedData
import Testing

/// Reads the test fixtures (see Fixtures/SOURCES.md).
enum Fixtures {
    static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

    static func bytes(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(path)))
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try bytes(path), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func object(_ path: String) throws -> JSONObject {
        try #require(try JSONValue(parsing: try bytes(path)).objectValue)
    }

    /// The W3C vc-di-eddsa test key pair (TestVectors/keyPair.json).
    static func w3cPrivateKey() throws -> Ed25519PrivateKey {
        let pair = try object("vc-di-eddsa/keyPair.json")
        return try Multikey.privateKey(from: try #require(pair["privateKeyMultibase"]?.stringValue))
    }

    /// A deterministic test key from a one-byte pattern (test keys only).
    static func testKey(_ byte: UInt8) throws -> Ed25519PrivateKey {
        try Ed25519PrivateKey(seed: [UInt8](repeating: byte, count: 32))
    }

    /// The compact JWS in the `verify` attribute of an SVG's `<openbadges:credential>` (simple text search).
    static func jwtFromSVG(_ path: String) throws -> String {
        let svg = try text(path)
        let element = try #require(svg.range(of: "<openbadges:credential"))
        let attribute = try #require(svg.range(of: "verify=\"", range: element.upperBound..<svg.endIndex))
        let end = try #require(svg[attribute.upperBound...].firstIndex(of: "\""))
        return String(svg[attribute.upperBound..<end])
    }

    /// The text of the first `iTXt` chunk with keyword `openbadgecredential` in a PNG (uncompressed only).
    static func jwtFromPNG(_ path: String) throws -> String {
        let png = try bytes(path)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var offset = 8
        while offset + 12 <= png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            let type = String(decoding: png[offset + 4..<offset + 8], as: UTF8.self)
            let data = Array(png[offset + 8..<offset + 8 + length])
            if type == "iTXt", let nul = data.firstIndex(of: 0),
                String(decoding: data[..<nul], as: UTF8.self) == "openbadgecredential"
            {
                #expect(data[nul + 1] == 0, "compressed iTXt is not expected here")
                var index = nul + 3  // keyword NUL, compression flag, compression method
                index = try #require(data[index...].firstIndex(of: 0)) + 1  // language tag
                index = try #require(data[index...].firstIndex(of: 0)) + 1  // translated keyword
                return String(decoding: data[index...], as: UTF8.self)
            }
            offset += 12 + length
        }
        Issue.record("no openbadgecredential iTXt chunk in \(path)")
        return ""
    }

    /// Signs arbitrary header and payload JSON as a compact JWS with an Ed25519 key (for negative tests).
    static func signJWS(header: String, payload: String, key: Ed25519PrivateKey) throws -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "." + Base64URL.encode(try key.signature(for: Array(input.utf8)))
    }
}

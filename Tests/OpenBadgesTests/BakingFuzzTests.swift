import Testing
@testable import OpenBadges

/// Deterministic mini-fuzzing: seeded mutations of baked images must end in a payload or a `BakingError`, never a
/// crash, a hang or another error.
@Suite struct BakingFuzzTests {
    struct Tally: CustomStringConvertible {
        var extracted = 0
        var refused: [BakingError.Code: Int] = [:]

        mutating func record(_ body: () throws -> Void) {
            if let error = bakingError(body) {
                refused[error.code, default: 0] += 1
            } else {
                extracted += 1
            }
        }

        var description: String {
            let codes = refused.sorted { $0.value > $1.value }.map { "\($0.key.rawValue) \($0.value)" }
            return "\(extracted) succeeded; refused: " + codes.joined(separator: ", ")
        }
    }

    static func mutate(
        _ input: [UInt8], using generator: inout SeededGenerator, tokens: [[UInt8]],
        randomBytes: ClosedRange<UInt8> = 0...255
    ) -> [UInt8] {
        var bytes = input
        let rounds = Int.random(in: 1...4, using: &generator)
        for _ in 0..<rounds {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<8, using: &generator) {
            case 0 where !bytes.isEmpty:
                bytes[position] ^= UInt8(1) << UInt8.random(in: 0...7, using: &generator)
            case 1 where !bytes.isEmpty:
                bytes[position] = UInt8.random(in: randomBytes, using: &generator)
            case 2:
                bytes = Array(bytes.prefix(position))
            case 3:
                let count = Int.random(in: 1...16, using: &generator)
                bytes.insert(
                    contentsOf: (0..<count).map { _ in UInt8.random(in: randomBytes, using: &generator) }, at: position)
            case 4 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...32, using: &generator))
                bytes.removeSubrange(position..<end)
            case 5 where !bytes.isEmpty:
                let end = min(bytes.count, position + Int.random(in: 1...64, using: &generator))
                let copy = Array(bytes[position..<end])
                bytes.insert(contentsOf: copy, at: Int.random(in: 0...bytes.count, using: &generator))
            case 6:
                bytes.insert(contentsOf: tokens.randomElement(using: &generator)!, at: position)
            default:
                // A big-endian length-sized field set to an interesting value.
                let values: [UInt32] = [0, 1, 12, 13, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, UInt32(bytes.count)]
                let value = values.randomElement(using: &generator)!
                if position + 4 <= bytes.count {
                    bytes.replaceSubrange(position..<(position + 4), with: TestPNG.bigEndian(value))
                }
            }
        }
        return bytes
    }

    @Test("seeded mutations of a baked PNG never crash: each ends in a payload or a BakingError")
    func fuzzPNG() throws {
        var generator = SeededGenerator(seed: 0x0B3_0BAD6E)
        let base = try BadgeBaker.bake(BakingSamples.json, intoPNG: TestPNG.tiny(extra: [
            TestPNG.chunk("tEXt", Array("Comment\u{0}hello".utf8))
        ]))
        let tokens: [[UInt8]] = [
            Array("iTXt".utf8), Array("IEND".utf8), Array("IHDR".utf8), Array("openbadgecredential\u{0}".utf8),
            Array("openbadges\u{0}".utf8), [0, 0, 0, 0], [0xFF, 0xFF, 0xFF, 0xFF], TestPNG.signature,
            TestPNG.iTXt(keyword: "openbadgecredential", text: "{}"), TestPNG.chunk("IEND", []),
        ]
        var tally = Tally()
        for iteration in 0..<3000 {
            var mutated = Self.mutate(base, using: &generator, tokens: tokens)
            // Half the time, fix the CRCs so the mutation reaches the structural and text-chunk checks.
            if iteration % 2 == 1 { mutated = TestPNG.repairingCRCs(mutated) }
            tally.record { _ = try BadgeBaker.extract(fromPNG: mutated) }
            _ = bakingError { try BadgeBaker.extract(from: mutated) }
            _ = bakingError { try BadgeBaker.bake(BakingSamples.jws, intoPNG: mutated) }
        }
        print("PNG mini-fuzz, 3000 mutations: \(tally)")
        #expect(tally.extracted > 0)
        #expect(tally.refused[.badCRC, default: 0] > 0)
        #expect(tally.refused.count >= 5)
    }

    @Test("seeded mutations of a baked SVG never crash: each ends in a payload or a BakingError")
    func fuzzSVG() throws {
        var generator = SeededGenerator(seed: 0x5_6B_ADE)
        let baked = try BadgeBaker.bake(BakingSamples.json, intoSVG: BakingSamples.minimalSVG)
        let base = Array(try BadgeBaker.bake(BakingSamples.jws, intoSVG: baked).utf8)
            + Array("<!-- tail -->".utf8)
        let tokens: [[UInt8]] = [
            "<", ">", "&", "]]>", "<![CDATA[", "<!--", "-->", "<!DOCTYPE svg [", "<!DOCTYPE svg>", "<!ENTITY",
            "\"", "'", "&amp;", "&#x10FFFF;", "&#xD800;", "&#99999999;", "&bogus;", "</svg>", "<svg>", "/>", "<?", "?>",
            " xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"", "<openbadges:credential>",
            "</openbadges:credential>", " verify=\"a.b.c\"", " xmlns=\"\"", "\u{0}", "é", "🎓",
        ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xEF, 0xBB, 0xBF]]
        var tally = Tally()
        for _ in 0..<3000 {
            // Mostly printable ASCII, so most mutations stay UTF-8 and reach the XML checks; the tokens add the rest.
            let mutated = Self.mutate(base, using: &generator, tokens: tokens, randomBytes: 0x09...0x7E)
            tally.record { _ = try BadgeBaker.extract(from: mutated) }
            let text = String(decoding: mutated, as: UTF8.self)
            _ = bakingError { try BadgeBaker.extract(fromSVG: text) }
            if let rebaked = try? BadgeBaker.bake(BakingSamples.jws, intoSVG: text) {
                // Whatever was accepted, baking leaves exactly one credential that extracts to the new payload.
                #expect(try BadgeBaker.extract(fromSVG: rebaked) == BakingSamples.jws)
            }
        }
        print("SVG mini-fuzz, 3000 mutations: \(tally)")
        #expect(tally.extracted > 0)
        #expect(tally.refused[.malformedXML, default: 0] > 0)
        #expect(tally.refused.count >= 4)
    }
}

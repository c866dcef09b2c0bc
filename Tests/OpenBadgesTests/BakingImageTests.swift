import Foundation
import LinkedData
import Testing
@testable import OpenBadges

@Suite struct BakingImageKindTests {
    @Test("recognises PNG and SVG by content, not by name")
    func sniffing() throws {
        #expect(BakedImage.kind(of: try BakingFixtures.bytes("simple-json.png")) == .png)
        #expect(BakedImage.kind(of: TestPNG.tiny()) == .png)
        for file in ["simple-json.svg", "simple-jwt.svg", "simple-jwt_v1.svg"] {
            #expect(BakedImage.kind(of: try BakingFixtures.bytes(file)) == .svg, "\(file)")
        }
        let svgs = [
            BakingSamples.minimalSVG,
            "<svg/>",
            "\n\t <svg\nwidth=\"1\"></svg>",
            "<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"/>",
            "<?xml version=\"1.0\"?><!-- <html> --><?pi x?><!DOCTYPE svg [<!ENTITY a \"b\">]><svg/>",
            "\u{FEFF}<svg/>",
            "<!--" + String(repeating: "x", count: 50_000) + "--><svg/>",
        ]
        for text in svgs {
            #expect(BakedImage.kind(of: Array(text.utf8)) == .svg, "\(text.prefix(60))")
        }
        let others: [[UInt8]] = [
            [],
            Array("<html><svg/></html>".utf8),
            Array("<?xml version=\"1.0\"?><feed/>".utf8),
            Array("<svgfoo/>".utf8),
            Array("svg".utf8),
            Array("{\"@context\": []}".utf8),
            [0xFF, 0xD8, 0xFF, 0xE0],
            Array("GIF89a".utf8),
            [0x1F, 0x8B, 0x08, 0x00],
            [0xFF, 0xFE, 0x3C, 0x00, 0x73, 0x00],
            Array(TestPNG.signature.prefix(7)),
            Array(("<!--" + String(repeating: "x", count: 70_000) + "--><svg/>").utf8),
        ]
        for bytes in others {
            #expect(BakedImage.kind(of: bytes) == .unknown, "\(bytes.prefix(20))")
        }
    }

    @Test("an image that is neither PNG nor SVG gets an error that says what it is")
    func unsupported() throws {
        let jpeg = try #require(bakingError { try BadgeBaker.extract(from: [0xFF, 0xD8, 0xFF, 0xE0, 0, 0]) })
        #expect(jpeg.code == .unsupportedImage)
        #expect(jpeg.reason.contains("JPEG"))
        let svgz = try #require(bakingError { try BadgeBaker.bake(BakingSamples.jws, into: [0x1F, 0x8B, 0x08]) })
        #expect(svgz.code == .unsupportedImage)
        #expect(svgz.reason.contains("gzip"))
        #expect(bakingError { try BadgeBaker.extract(from: []) }?.code == .unsupportedImage)
    }
}

@Suite struct BakingDefaultImageTests {
    /// WCAG 2 relative luminance of `#RRGGBB`.
    static func luminance(_ hex: String) -> Double {
        let digits = Array(hex.dropFirst())
        func channel(_ index: Int) -> Double {
            let value = Double(Int(String(digits[index..<(index + 2)]), radix: 16)!) / 255
            return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
    }

    static func contrast(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    /// The contents of every `<text …>` element, XML-unescaped.
    static func texts(_ svg: String) -> [String] {
        svg.components(separatedBy: "<text ").dropFirst().map { part in
            let body = part[part.index(after: part.firstIndex(of: ">")!)...]
            return String(body[..<body.range(of: "</text>")!.lowerBound])
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
                .replacingOccurrences(of: "&amp;", with: "&")
        }
    }

    @Test("white text on every palette colour has at least 7:1 contrast; accents at least 3:1")
    func contrastRatios() {
        #expect(Self.contrast("#FFFFFF", "#000000") > 20.9)
        for colors in DefaultBadgeImage.palette {
            #expect(Self.contrast("#FFFFFF", colors.background) >= 7, "\(colors.background)")
            #expect(Self.contrast(colors.accent, colors.background) >= 3, "\(colors.accent) on \(colors.background)")
        }
    }

    @Test("is a well-formed, accessible SVG with escaped title, description and text")
    func accessibleAndEscaped() throws {
        let svg = DefaultBadgeImage.svg(achievementName: "R&D <Lead> \"Pro\"", issuerName: "O'Brien & Co")
        let document = try SVGBadgeDocument(bytes: Array(svg.utf8), limits: .default)
        #expect(document.root.attribute("role").map(document.value(of:)) == "img")
        #expect(document.root.attribute("aria-labelledby").map(document.value(of:)) == "badge-title badge-desc")
        #expect(svg.contains("<title id=\"badge-title\">R&amp;D &lt;Lead&gt; &quot;Pro&quot;</title>"))
        #expect(
            svg.contains(
                "<desc id=\"badge-desc\">Open Badge: R&amp;D &lt;Lead&gt; &quot;Pro&quot;, issued by O&apos;Brien "
                    + "&amp; Co.</desc>"))
        let texts = Self.texts(svg)
        #expect(texts.dropLast().joined(separator: " ") == "R&D <Lead> \"Pro\"")
        #expect(texts.last == "O'Brien & Co")
        #expect(BakedImage.kind(of: Array(svg.utf8)) == .svg)
        // It is ready to bake.
        let baked = try BadgeBaker.bake(BakingSamples.json, intoSVG: svg)
        #expect(try BadgeBaker.extract(fromSVG: baked) == BakingSamples.json)
    }

    @Test("long names wrap onto at most three lines that fit, then shrink, then end with an ellipsis; issuers wrap")
    func wrapping() throws {
        let short = DefaultBadgeImage.svg(achievementName: "Teamwork", issuerName: "Example Corp")
        #expect(Self.texts(short) == ["Teamwork", "Example Corp"])
        #expect(short.contains("font-size=\"44\""))

        let medium = "Advanced Collaborative Problem Solving in Distributed Teams"
        let mediumLines = Self.texts(DefaultBadgeImage.svg(achievementName: medium, issuerName: "X")).dropLast()
        #expect(mediumLines.count >= 2 && mediumLines.count <= 3)
        #expect(mediumLines.joined(separator: " ") == medium)

        let long = String(repeating: "Extraordinarily long achievement name ", count: 10)
        let svg = DefaultBadgeImage.svg(achievementName: long, issuerName: String(repeating: "Issuer ", count: 30))
        let lines = Self.texts(svg)
        #expect(lines[2].hasSuffix("…"))
        for line in lines.prefix(3) {
            #expect(DefaultBadgeImage.width(line) * 24 <= Double(DefaultBadgeImage.nameWidth) + 0.001, "\(line)")
        }
        // The issuer's name is never cut off: it wraps onto smaller lines that each fit.
        let issuerLines = Array(lines.dropFirst(3))
        #expect(issuerLines.count > 1)
        #expect(issuerLines.joined(separator: " ") == String(repeating: "Issuer ", count: 30).trimmingCharacters(in: .whitespaces))
        for line in issuerLines {
            #expect(DefaultBadgeImage.width(line) * 12 <= Double(DefaultBadgeImage.issuerWidth) + 0.001, "\(line)")
        }
        // The title keeps the name even when the drawing truncates it.
        #expect(svg.contains("<title id=\"badge-title\">Extraordinarily long achievement name Extraordinarily"))

        let cjk = DefaultBadgeImage.svg(
            achievementName: String(repeating: "团队合作精神", count: 6), issuerName: "大学 🎓")
        let cjkLines = Self.texts(cjk)
        #expect(cjkLines.count <= 4)
        #expect(cjkLines.last == "大学 🎓")
        for line in cjkLines.dropLast() {
            #expect(DefaultBadgeImage.width(line) * 24 <= Double(DefaultBadgeImage.nameWidth) + 0.001, "\(line)")
        }
    }

    @Test("control characters are dropped, empty names fall back, and the same names give the same image")
    func cleaning() throws {
        let svg = DefaultBadgeImage.svg(achievementName: "  a\u{0}b\u{7}\n\tc\u{FFFE} ", issuerName: " \u{1} ")
        #expect(Self.texts(svg) == ["a b c"])
        #expect(!svg.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        _ = try SVGBadgeDocument(bytes: Array(svg.utf8), limits: .default)
        let empty = DefaultBadgeImage.svg(achievementName: "", issuerName: "")
        #expect(Self.texts(empty) == ["Badge"])
        #expect(empty.contains("<desc id=\"badge-desc\">Open Badge: Badge.</desc>"))
        #expect(
            DefaultBadgeImage.svg(achievementName: "Teamwork", issuerName: "Ex")
                == DefaultBadgeImage.svg(achievementName: "Teamwork", issuerName: "Ex"))
        let colours = Set(["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"].map {
            DefaultBadgeImage.svg(achievementName: $0, issuerName: "").components(separatedBy: "r=\"230\" fill=\"")[1]
                .prefix(7)
        })
        #expect(colours.count > 1)
    }
}

import Foundation
@testable import OpenBadges
import Testing

@Suite("The default badge drawn as a PNG")
struct DefaultBadgePNGTests {
    @Test("a 512 × 512 RGB PNG that a credential bakes into and is read back from")
    func bakes() throws {
        let png = DefaultBadgeImage.png(achievementName: "Community Project", issuerName: "Riverside College")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(Array(png[16..<24]) == [0, 0, 2, 0, 0, 0, 2, 0], "512 × 512")
        #expect(png[24] == 8 && png[25] == 2, "8-bit RGB")
        let credential = #"{"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"]}"#
        let baked = try BadgeBaker.bake(credential, intoPNG: png)
        #expect(try BadgeBaker.extract(from: baked).payload == credential)
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/artefacts")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(png).write(to: folder.appendingPathComponent("default-badge.png"))
        let long = DefaultBadgeImage.png(
            achievementName: "Advanced Community Leadership and Civic Engagement Practice",
            issuerName: "The Riverside Metropolitan College of Further and Higher Education")
        try Data(long).write(to: folder.appendingPathComponent("default-badge-long.png"))
        #expect(long != png)
    }

    @Test("the SVG badge keeps every word of a long issuer name, on more lines")
    func svgIssuerWhole() {
        let issuer = "The Riverside Metropolitan College of Further and Higher Education"
        let svg = DefaultBadgeImage.svg(achievementName: "Community Project", issuerName: issuer)
        #expect(!svg.contains("…"))
        let drawn = svg.components(separatedBy: "\">").compactMap { $0.components(separatedBy: "</text>").first }
            .filter { !$0.contains("<") }
        for word in issuer.split(separator: " ") { #expect(drawn.contains { $0.contains(word) }, "\(word)") }
    }

    @Test("names wrap and shrink rather than being cut off; accents are dropped, not the letters")
    func layout() {
        let issuer = "The Riverside Metropolitan College of Further and Higher Education"
        let block = TextBlock.fit(issuer, maxWidth: 330, scales: [3, 2], maxLines: 3)
        #expect(block.lines.joined(separator: " ") == PixelFont.normalize(issuer), "every word is drawn")
        #expect(block.lines.allSatisfy { TextBlock.width($0, scale: block.scale) <= 330 })
        #expect(PixelFont.normalize("Café  Olé") == "CAFE OLE")
        let huge = TextBlock.fit(String(repeating: "word ", count: 60), maxWidth: 330, scales: [6, 3], maxLines: 4)
        #expect(huge.scale == 3 && huge.lines.joined(separator: " ").split(separator: " ").count == 60)
    }
}

import Foundation
import Testing
@testable import OpenBadges

@Suite struct QRCodeTests {
    static let verificationURL =
        "https://badges.example.edu/verify?id=urn%3Auuid%3A5f0c6a0e-3b1d-4c8e-9a61-2f7d3c9b8e10"

    @Test("the symbol grows with the text, 17 + 4 × version modules wide")
    func sizeGrowsWithText() throws {
        let short = try QRCode(text: "hi")
        let url = try QRCode(text: Self.verificationURL)
        let long = try QRCode(text: String(repeating: "https://badges.example.edu/", count: 20))
        #expect(short.version == 1 && short.size == 21)
        #expect(url.version > short.version && long.version > url.version)
        for code in [short, url, long] { #expect(code.size == 17 + 4 * code.version) }
        let quartile = try QRCode(text: Self.verificationURL, correction: .high)
        #expect(quartile.version > url.version)
        #expect(url.correction == .medium && url.text == Self.verificationURL)
    }

    @Test("empty and too-long text are refused with the reason")
    func refusals() {
        #expect(throws: QRCodeError.self) { try QRCode(text: "") }
        do {
            _ = try QRCode(text: String(repeating: "é", count: 1200))  // 2400 bytes > 2331 at medium
            Issue.record("2400 bytes fit at medium correction")
        } catch {
            #expect(error.code == .textTooLong)
            #expect(error.reason.contains("2400 bytes") && error.reason.contains("medium"))
        }
        #expect((try? QRCode(text: String(repeating: "é", count: 1200), correction: .low)) != nil)
    }

    @Test("the three finder patterns are dark rings around dark centres, with light separators")
    func finderPatterns() throws {
        let code = try QRCode(text: Self.verificationURL)
        let n = code.size
        for (left, top) in [(0, 0), (n - 7, 0), (0, n - 7)] {
            for dy in 0..<7 {
                for dx in 0..<7 {
                    let ring = max(abs(dx - 3), abs(dy - 3))
                    #expect(code.isDark(x: left + dx, y: top + dy) == (ring != 2), "finder at \(left),\(top)")
                }
            }
            // The separator: a light line just inside the symbol around each finder.
            for step in -1...7 {
                let around = [
                    (left + step, top - 1), (left + step, top + 7), (left - 1, top + step), (left + 7, top + step),
                ]
                for (x, y) in around where x >= 0 && y >= 0 && x < n && y < n {
                    #expect(!code.isDark(x: x, y: y), "separator at \(x),\(y)")
                }
            }
        }
        // Bottom right has no finder; the timing pattern alternates along row 6 and column 6.
        for i in 8..<(n - 8) {
            #expect(code.isDark(x: i, y: 6) == (i % 2 == 0))
            #expect(code.isDark(x: 6, y: i) == (i % 2 == 0))
        }
        #expect(!code.isDark(x: -1, y: 0) && !code.isDark(x: n, y: n))
    }

    @Test("the PNG is a valid 1-bit grayscale image: signature, IHDR, CRCs, and rows that match the modules")
    func pngParses() throws {
        let code = try QRCode(text: Self.verificationURL)
        let moduleSize = 3, quietZone = 4
        let png = code.png(moduleSize: moduleSize, quietZone: quietZone)
        let chunks = try png.withUnsafeBytes { try PNGDatastream.chunks(in: $0, limits: .default) }
        #expect(chunks.map(\.typeName) == ["IHDR", "IDAT", "IEND"])
        let pixels = (code.size + 2 * quietZone) * moduleSize
        let header = Array(png[chunks[0].dataStart..<chunks[0].dataEnd])
        #expect(header.count == 13)
        let width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == pixels && height == pixels)
        #expect(Array(header[8...]) == [1, 0, 0, 0, 0])
        let rowBytes = (pixels + 7) / 8
        let data = Array(png[chunks[1].dataStart..<chunks[1].dataEnd])
        let raw = try #require(Zlib.decompress(data, expectedCount: pixels * (rowBytes + 1)))
        for pixelY in 0..<pixels {
            let row = raw[(pixelY * (rowBytes + 1))...]
            #expect(row.first == 0)
            for pixelX in 0..<pixels {
                let white = row[row.startIndex + 1 + pixelX / 8] & (0x80 >> UInt8(pixelX % 8)) != 0
                let dark = code.isDark(x: pixelX / moduleSize - quietZone, y: pixelY / moduleSize - quietZone)
                if white == dark {
                    Issue.record("pixel \(pixelX),\(pixelY) is \(white ? "white" : "black")")
                    return
                }
            }
        }
    }

    @Test("the SVG is one path whose squares are exactly the dark modules, on white, named for what it encodes")
    func svgMatchesModules() throws {
        let text = Self.verificationURL + "&x=<\"'>"
        let code = try QRCode(text: text)
        let svg = code.svg(moduleSize: 5, quietZone: 4)
        let span = code.size + 8
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(span * 5)\" height=\"\(span * 5)\""))
        #expect(svg.contains("viewBox=\"0 0 \(span) \(span)\""))
        #expect(svg.contains("role=\"img\"") && svg.contains("shape-rendering=\"crispEdges\""))
        #expect(svg.contains("aria-label=\"QR code for https://badges.example.edu/verify?id=urn%3Auuid%3A"))
        #expect(svg.contains("&amp;x=&lt;&quot;&apos;&gt;\""))
        #expect(!svg.contains("<\"'>"))
        #expect(svg.contains("<rect width=\"\(span)\" height=\"\(span)\" fill=\"#fff\"/>"))
        #expect(svg.components(separatedBy: "<path").count == 2)

        let dark = try Self.squares(inSVG: svg)
        var expected = Set<[Int]>()
        for y in 0..<code.size {
            for x in 0..<code.size where code.isDark(x: x, y: y) { expected.insert([x + 4, y + 4]) }
        }
        #expect(dark == expected)
        #expect(code.svg(label: "Verify <Ada>").contains("aria-label=\"Verify &lt;Ada&gt;\""))
    }

    @Test(
        "zbarimg reads the PNG back as the exact verification URL",
        .enabled(if: ZBar.path != nil, "zbarimg is not installed (apt-get install zbar-tools): the QR was not decoded"))
    func zbarDecodesPNG() throws {
        for (text, correction) in [
            (Self.verificationURL, QRCode.Correction.medium),
            ("https://badges.example.edu/verify?id=https%3A%2F%2Fbadges.example.edu%2Fcredentials%2F42", .high),
            ("Ada Lovelace — Analytical Engine, 1843", .low),
        ] {
            let code = try QRCode(text: text, correction: correction)
            #expect(try ZBar.decode(png: code.png(moduleSize: 4)) == text)
        }
    }

    /// The unit squares a QR SVG's path covers, as [x, y] in view-box units.
    static func squares(inSVG svg: String) throws -> Set<[Int]> {
        let start = try #require(svg.range(of: " d=\""))
        let end = try #require(svg[start.upperBound...].firstIndex(of: "\""))
        var result = Set<[Int]>()
        let commands = svg[start.upperBound..<end].split(separator: "z")
        for command in commands {
            // Each is "M<x> <y>h<run>v1h-<run>".
            let parts = command.dropFirst().split(whereSeparator: { " hv".contains($0) })
            #expect(parts.count == 5, "unexpected path command \(command)")
            guard parts.count == 5, let x = Int(parts[0]), let y = Int(parts[1]), let run = Int(parts[2]) else {
                continue
            }
            #expect(parts[3] == "1" && parts[4] == "-\(run)")
            for dx in 0..<run { result.insert([x + dx, y]) }
        }
        return result
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

internal import Foundation

extension DefaultBadgeImage {
    /// The default badge as a 512 × 512 PNG: the same medal, colours and names as `svg(achievementName:issuerName:)`,
    /// drawn without a font library (names in capitals from a built-in 5 × 7 pixel font; letters with accents
    /// drawn without them). The names wrap onto more lines and shrink rather than being cut off.
    public static func png(achievementName: String, issuerName: String) -> [UInt8] {
        let name = clean(achievementName).nonEmpty ?? "Badge"
        let issuer = clean(issuerName)
        let colors = palette[Int(fnv1a(name) % UInt32(palette.count))]
        var canvas = Canvas(size: 512)
        let accent = RGB(hex: colors.accent)
        let background = RGB(hex: colors.background)
        canvas.disc(center: 256, radius: 248, color: accent)
        canvas.disc(center: 256, radius: 230, color: background)
        canvas.ring(center: 256, radius: 214, width: 2, color: RGB.white.mixed(with: background, weight: 0.3))
        canvas.polygon(starPoints, color: accent)
        let nameBlock = TextBlock.fit(name, maxWidth: 330, scales: [6, 5, 4, 3], maxLines: 4)
        let issuerBlock = issuer.isEmpty ? nil : TextBlock.fit(issuer, maxWidth: 330, scales: [3, 2], maxLines: 3)
        let gap = 36
        let total = nameBlock.height + (issuerBlock.map { gap + $0.height } ?? 0)
        var top = 268 - total / 2
        canvas.text(nameBlock, top: top, color: .white)
        top += nameBlock.height
        if let issuerBlock {
            canvas.line(fromX: 206, toX: 306, y: top + gap / 2, width: 3, color: accent)
            canvas.text(issuerBlock, top: top + gap, color: .white)
        }
        return canvas.png()
    }

    /// The star's corners, from the SVG's path.
    static let starPoints: [(Double, Double)] = {
        let numbers = starPath.split(whereSeparator: { "MLZ".contains($0) }).flatMap { $0.split(separator: " ") }
            .compactMap { Double($0) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }()
}

struct RGB: Equatable {
    var r: UInt8
    var g: UInt8
    var b: UInt8

    static let white = RGB(r: 255, g: 255, b: 255)

    init(r: UInt8, g: UInt8, b: UInt8) {
        self.r = r
        self.g = g
        self.b = b
    }

    init(hex: String) {
        let digits = Array(hex.utf8.dropFirst())
        func byte(_ index: Int) -> UInt8 {
            guard index + 1 < digits.count, let value = UInt8(String(decoding: digits[index...index + 1], as: UTF8.self), radix: 16)
            else { return 0 }
            return value
        }
        self.init(r: byte(0), g: byte(2), b: byte(4))
    }

    /// This colour over `other` at `weight` (0: other, 1: this).
    func mixed(with other: RGB, weight: Double) -> RGB {
        func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8((Double(a) * weight + Double(b) * (1 - weight)).rounded()) }
        return RGB(r: mix(r, other.r), g: mix(g, other.g), b: mix(b, other.b))
    }
}

/// Lines of text laid out in the pixel font at one scale.
struct TextBlock {
    var lines: [String]
    var scale: Int

    var lineHeight: Int { 9 * scale }
    var height: Int { lines.count * lineHeight - 2 * scale }

    static func width(_ line: String, scale: Int) -> Int { max(0, line.count * 6 * scale - scale) }

    /// The largest scale at which `text` wraps into at most `maxLines` lines of `maxWidth` pixels; at the smallest
    /// scale, as many lines as it takes (never cut off).
    static func fit(_ text: String, maxWidth: Int, scales: [Int], maxLines: Int) -> TextBlock {
        let upper = PixelFont.normalize(text)
        for scale in scales {
            let lines = wrap(upper, perLine: maxWidth / (6 * scale))
            if lines.count <= maxLines { return TextBlock(lines: lines, scale: scale) }
        }
        let smallest = scales.last ?? 2
        return TextBlock(lines: wrap(upper, perLine: maxWidth / (6 * smallest)), scale: smallest)
    }

    /// Words onto lines of at most `perLine` characters; a longer word is split.
    static func wrap(_ text: String, perLine: Int) -> [String] {
        let limit = max(1, perLine)
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            var word = String(word)
            while word.count > limit {
                if !current.isEmpty {
                    lines.append(current)
                    current = ""
                }
                lines.append(String(word.prefix(limit)))
                word = String(word.dropFirst(limit))
            }
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= limit {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [""] : lines
    }
}

/// An RGB image being drawn.
struct Canvas {
    let size: Int
    var pixels: [UInt8]

    init(size: Int) {
        self.size = size
        pixels = [UInt8](repeating: 255, count: size * size * 3)
    }

    mutating func set(_ x: Int, _ y: Int, _ color: RGB, coverage: Double = 1) {
        guard x >= 0, y >= 0, x < size, y < size, coverage > 0 else { return }
        let index = (y * size + x) * 3
        let under = RGB(r: pixels[index], g: pixels[index + 1], b: pixels[index + 2])
        let out = coverage >= 1 ? color : color.mixed(with: under, weight: coverage)
        pixels[index] = out.r
        pixels[index + 1] = out.g
        pixels[index + 2] = out.b
    }

    /// A filled circle, its edge smoothed over one pixel.
    mutating func disc(center: Double, radius: Double, color: RGB) {
        let low = max(0, Int(center - radius) - 1)
        let high = min(size - 1, Int(center + radius) + 1)
        for y in low...high {
            for x in low...high {
                let distance = ((Double(x) + 0.5 - center) * (Double(x) + 0.5 - center)
                    + (Double(y) + 0.5 - center) * (Double(y) + 0.5 - center)).squareRoot()
                set(x, y, color, coverage: min(1, max(0, radius - distance + 0.5)))
            }
        }
    }

    mutating func ring(center: Double, radius: Double, width: Double, color: RGB) {
        let low = max(0, Int(center - radius - width) - 1)
        let high = min(size - 1, Int(center + radius + width) + 1)
        for y in low...high {
            for x in low...high {
                let distance = ((Double(x) + 0.5 - center) * (Double(x) + 0.5 - center)
                    + (Double(y) + 0.5 - center) * (Double(y) + 0.5 - center)).squareRoot()
                set(x, y, color, coverage: min(1, max(0, width / 2 - abs(distance - radius) + 0.5)))
            }
        }
    }

    /// A filled polygon (even-odd rule), sampled at pixel centres.
    mutating func polygon(_ points: [(Double, Double)], color: RGB) {
        guard points.count >= 3 else { return }
        let ys = points.map(\.1)
        let top = max(0, Int(ys.min()!))
        let bottom = min(size - 1, Int(ys.max()!) + 1)
        for y in top...bottom {
            let sample = Double(y) + 0.5
            var crossings: [Double] = []
            for index in points.indices {
                let (x1, y1) = points[index]
                let (x2, y2) = points[(index + 1) % points.count]
                if (y1 <= sample && y2 > sample) || (y2 <= sample && y1 > sample) {
                    crossings.append(x1 + (sample - y1) / (y2 - y1) * (x2 - x1))
                }
            }
            crossings.sort()
            var index = 0
            while index + 1 < crossings.count {
                for x in Int(crossings[index].rounded())..<Int(crossings[index + 1].rounded()) { set(x, y, color) }
                index += 2
            }
        }
    }

    mutating func line(fromX: Int, toX: Int, y: Int, width: Int, color: RGB) {
        for row in (y - width / 2)..<(y - width / 2 + width) {
            for x in fromX..<toX { set(x, row, color) }
        }
    }

    /// Each line of `block` centred, starting at `top`.
    mutating func text(_ block: TextBlock, top: Int, color: RGB) {
        for (number, line) in block.lines.enumerated() {
            let width = TextBlock.width(line, scale: block.scale)
            var x = (size - width) / 2
            let y = top + number * block.lineHeight
            for character in line {
                let rows = PixelFont.glyph(character)
                for (row, bits) in rows.enumerated() {
                    for column in 0..<5 where bits & (1 << (4 - column)) != 0 {
                        for dy in 0..<block.scale {
                            for dx in 0..<block.scale {
                                set(x + column * block.scale + dx, y + row * block.scale + dy, color)
                            }
                        }
                    }
                }
                x += 6 * block.scale
            }
        }
    }

    /// The image as an 8-bit RGB PNG (no interlace, filter 0 on every row).
    func png() -> [UInt8] {
        var raw: [UInt8] = []
        raw.reserveCapacity(size * (size * 3 + 1))
        for y in 0..<size {
            raw.append(0)
            raw.append(contentsOf: pixels[(y * size * 3)..<((y + 1) * size * 3)])
        }
        var header: [UInt8] = []
        PNGDatastream.appendUInt32(UInt32(size), to: &header)
        PNGDatastream.appendUInt32(UInt32(size), to: &header)
        header += [8, 2, 0, 0, 0]
        var png = PNGDatastream.signature
        PNGDatastream.appendChunk(PNGChunk.IHDR, header, to: &png)
        PNGDatastream.appendChunk(PNGChunk.IDAT, Zlib.compress(raw), to: &png)
        PNGDatastream.appendChunk(PNGChunk.IEND, [], to: &png)
        return png
    }
}

/// A 5 × 7 pixel font of capitals, digits and common punctuation; each glyph is seven rows of five bits.
enum PixelFont {
    static let glyphs: [Character: [UInt8]] = [
        "A": [14, 17, 17, 31, 17, 17, 17], "B": [30, 17, 17, 30, 17, 17, 30], "C": [14, 17, 16, 16, 16, 17, 14],
        "D": [30, 17, 17, 17, 17, 17, 30], "E": [31, 16, 16, 30, 16, 16, 31], "F": [31, 16, 16, 30, 16, 16, 16],
        "G": [14, 17, 16, 23, 17, 17, 15], "H": [17, 17, 17, 31, 17, 17, 17], "I": [14, 4, 4, 4, 4, 4, 14],
        "J": [7, 2, 2, 2, 2, 18, 12], "K": [17, 18, 20, 24, 20, 18, 17], "L": [16, 16, 16, 16, 16, 16, 31],
        "M": [17, 27, 21, 21, 17, 17, 17], "N": [17, 17, 25, 21, 19, 17, 17], "O": [14, 17, 17, 17, 17, 17, 14],
        "P": [30, 17, 17, 30, 16, 16, 16], "Q": [14, 17, 17, 17, 21, 18, 13], "R": [30, 17, 17, 30, 20, 18, 17],
        "S": [15, 16, 16, 14, 1, 1, 30], "T": [31, 4, 4, 4, 4, 4, 4], "U": [17, 17, 17, 17, 17, 17, 14],
        "V": [17, 17, 17, 17, 17, 10, 4], "W": [17, 17, 17, 21, 21, 21, 10], "X": [17, 17, 10, 4, 10, 17, 17],
        "Y": [17, 17, 10, 4, 4, 4, 4], "Z": [31, 1, 2, 4, 8, 16, 31],
        "0": [14, 17, 19, 21, 25, 17, 14], "1": [4, 12, 4, 4, 4, 4, 14], "2": [14, 17, 1, 2, 4, 8, 31],
        "3": [31, 2, 4, 2, 1, 17, 14], "4": [2, 6, 10, 18, 31, 2, 2], "5": [31, 16, 30, 1, 1, 17, 14],
        "6": [6, 8, 16, 30, 17, 17, 14], "7": [31, 1, 2, 4, 8, 8, 8], "8": [14, 17, 17, 14, 17, 17, 14],
        "9": [14, 17, 17, 15, 1, 2, 12],
        " ": [0, 0, 0, 0, 0, 0, 0], ".": [0, 0, 0, 0, 0, 12, 12], ",": [0, 0, 0, 0, 12, 4, 8],
        ":": [0, 12, 12, 0, 12, 12, 0], ";": [0, 12, 12, 0, 12, 4, 8], "!": [4, 4, 4, 4, 4, 0, 4],
        "?": [14, 17, 1, 2, 4, 0, 4], "-": [0, 0, 0, 31, 0, 0, 0], "'": [12, 4, 8, 0, 0, 0, 0],
        "&": [12, 18, 20, 8, 21, 18, 13], "/": [0, 1, 2, 4, 8, 16, 0], "(": [2, 4, 8, 8, 8, 4, 2],
        ")": [8, 4, 2, 2, 2, 4, 8], "+": [0, 4, 4, 31, 4, 4, 0], "#": [10, 10, 31, 10, 31, 10, 10],
        "\"": [10, 10, 0, 0, 0, 0, 0], "@": [14, 17, 23, 21, 23, 16, 15], "%": [24, 25, 2, 4, 8, 19, 3],
    ]

    static let unknown: [UInt8] = [14, 17, 1, 2, 4, 0, 4]

    static func glyph(_ character: Character) -> [UInt8] { glyphs[character] ?? unknown }

    /// Capitals without accents ("Café" → "CAFE"), runs of spaces as one.
    static func normalize(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).uppercased()
        return folded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// A clean default badge image for an achievement that has none of its own: a medal in one of a few calm colours
/// with the achievement name and the issuer name, ready to be baked.
///
/// The SVG is accessible: `role="img"` with a `<title>` (the achievement name) and a `<desc>` (achievement and
/// issuer), the drawn text is hidden from assistive technology (the title already says it), and white text sits
/// on backgrounds with a contrast ratio of at least 7:1 (WCAG AAA). Long achievement names are wrapped onto up to
/// three lines, shrunk, and truncated with an ellipsis when they still do not fit; the issuer's name wraps and
/// shrinks but is never cut off. All text is XML-escaped. The same names
/// always give the same image.
public enum DefaultBadgeImage {
    /// The SVG document text (UTF-8, 512 × 512).
    public static func svg(achievementName: String, issuerName: String) -> String {
        let name = clean(achievementName).nonEmpty ?? "Badge"
        let issuer = clean(issuerName)
        let colors = palette[Int(fnv1a(name) % UInt32(palette.count))]
        let layout = layoutName(name)

        let description = issuer.isEmpty ? "Open Badge: \(name)." : "Open Badge: \(name), issued by \(issuer)."
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512" \
            role="img" aria-labelledby="badge-title badge-desc">
              <title id="badge-title">\(escape(limit(name, 300)))</title>
              <desc id="badge-desc">\(escape(limit(description, 700)))</desc>
              <circle cx="256" cy="256" r="248" fill="\(colors.accent)"/>
              <circle cx="256" cy="256" r="230" fill="\(colors.background)"/>
              <circle cx="256" cy="256" r="214" fill="none" stroke="#FFFFFF" stroke-opacity="0.3" stroke-width="2"/>
              <path d="\(starPath)" fill="\(colors.accent)"/>
              <g aria-hidden="true" fill="#FFFFFF" font-family="\(fontFamily)" text-anchor="middle">

            """
        let lineHeight = layout.fontSize * 6 / 5
        let blockHeight = lineHeight * layout.lines.count
        let top = 262 - blockHeight / 2
        for (index, line) in layout.lines.enumerated() {
            let baseline = top + index * lineHeight + layout.fontSize * 9 / 10
            svg += "    <text x=\"256\" y=\"\(baseline)\" font-size=\"\(layout.fontSize)\" font-weight=\"700\">"
                + "\(escape(line))</text>\n"
        }
        if !issuer.isEmpty {
            // The issuer's name is never cut off: it wraps onto more lines, smaller, as it needs.
            let divider = top + blockHeight + 20
            let issuerLayout = layoutIssuer(issuer)
            svg += "    <path d=\"M206 \(divider)H306\" stroke=\"\(colors.accent)\" stroke-width=\"3\" "
                + "stroke-linecap=\"round\"/>\n"
            for (index, line) in issuerLayout.lines.enumerated() {
                let baseline = divider + 16 + issuerLayout.fontSize + index * issuerLayout.fontSize * 6 / 5
                svg += "    <text x=\"256\" y=\"\(baseline)\" font-size=\"\(issuerLayout.fontSize)\">"
                    + "\(escape(line))</text>\n"
            }
        }
        svg += "  </g>\n</svg>\n"
        return svg
    }

    /// Background (behind white text) and accent colours; white on every background is at least 7:1.
    static let palette: [(background: String, accent: String)] = [
        ("#1F3A5F", "#F2C14E"),  // navy, gold
        ("#0B5D4B", "#F2C14E"),  // deep green
        ("#5B2A86", "#F2C14E"),  // violet
        ("#8A2F1B", "#F6D365"),  // brick
        ("#2F3E46", "#E9C46A"),  // slate
        ("#1E4D8C", "#F2C14E"),  // blue
        ("#7A1F4E", "#F6D365"),  // plum
        ("#264653", "#E9C46A"),  // teal
    ]

    static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
    static let starPath =
        "M256 88L263.3 107.9L284.5 108.7L267.9 121.9L273.6 142.3L256 130.5L238.4 142.3L244.1 121.9L227.5 108.7"
        + "L248.7 107.9Z"
    static let nameWidth = 320
    static let issuerWidth = 300
    static let issuerFontSize = 22
    static let nameFontSizes = [44, 38, 32, 28, 24]
    static let maxNameLines = 3

    /// The achievement name broken into at most three lines at the largest font size that fits.
    static func layoutName(_ name: String) -> (fontSize: Int, lines: [String]) {
        for size in nameFontSizes {
            let lines = wrap(name, maxUnits: Double(nameWidth) / Double(size))
            if lines.count <= maxNameLines { return (size, lines) }
        }
        let size = nameFontSizes[nameFontSizes.count - 1]
        let maxUnits = Double(nameWidth) / Double(size)
        var lines = Array(wrap(name, maxUnits: maxUnits).prefix(maxNameLines))
        lines[lines.count - 1] = truncate(lines[lines.count - 1], maxUnits: maxUnits, force: true)
        return (size, lines)
    }

    /// The issuer's name on one to four lines at the largest size that fits, every word kept.
    static func layoutIssuer(_ issuer: String) -> (fontSize: Int, lines: [String]) {
        let sizes = [issuerFontSize, 18, 15, 12]
        for size in sizes {
            let lines = wrap(issuer, maxUnits: Double(issuerWidth) / Double(size))
            if lines.count <= (size == issuerFontSize ? 1 : 3) { return (size, lines) }
        }
        let size = sizes[sizes.count - 1]
        return (size, wrap(issuer, maxUnits: Double(issuerWidth) / Double(size)))
    }

    /// Greedy word wrap by estimated width; a word wider than a line is broken between characters.
    static func wrap(_ text: String, maxUnits: Double) -> [String] {
        var lines: [String] = []
        var line = ""
        var lineUnits = 0.0
        for word in text.split(separator: " ") {
            let units = width(word)
            let spaceUnits = line.isEmpty ? 0 : width(" ")
            if lineUnits + spaceUnits + units <= maxUnits {
                line += (line.isEmpty ? "" : " ") + word
                lineUnits += spaceUnits + units
                continue
            }
            if !line.isEmpty {
                lines.append(line)
                line = ""
                lineUnits = 0
            }
            for character in word {
                let characterUnits = width(String(character))
                if lineUnits + characterUnits > maxUnits, !line.isEmpty {
                    lines.append(line)
                    line = ""
                    lineUnits = 0
                }
                line.append(character)
                lineUnits += characterUnits
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// `text` cut to fit `maxUnits` with a trailing ellipsis (or unchanged when it fits and `force` is false).
    static func truncate(_ text: String, maxUnits: Double, force: Bool = false) -> String {
        if !force, width(text) <= maxUnits { return text }
        var result = text
        while !result.isEmpty, width(result) + width("…") > maxUnits {
            result.removeLast()
        }
        while result.last == " " { result.removeLast() }
        return result + "…"
    }

    /// Estimated rendered width of `text` in units of the font size (bold sans-serif).
    static func width(_ text: some StringProtocol) -> Double {
        var total = 0.0
        for character in text {
            guard let scalar = character.unicodeScalars.first else { continue }
            switch scalar.value {
            case 0x20, 0x21, 0x27, 0x2C, 0x2E, 0x3A, 0x3B, 0x49, 0x69, 0x6A, 0x6C, 0x7C: total += 0.3
            case 0x66, 0x72, 0x74, 0x28, 0x29, 0x2D, 0x2F: total += 0.4
            case 0x4D, 0x57, 0x6D, 0x77: total += 0.9
            case 0x41...0x5A: total += 0.7
            case 0x00...0x7F: total += 0.6
            case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
                0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F000...0x1FAFF, 0x20000...0x3FFFD:
                total += 1.0
            default: total += 0.65
            }
        }
        return total
    }

    /// One line of text: characters XML cannot carry and control characters become spaces, runs of whitespace
    /// collapse, and the ends are trimmed.
    static func clean(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.properties.isWhitespace || !isXMLChar(scalar) || scalar.value < 0x20
                || (0x7F...0x9F).contains(scalar.value)
            if isSpace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result += " " }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func limit(_ text: String, _ characters: Int) -> String {
        text.count <= characters ? text : String(text.prefix(characters - 1)) + "…"
    }

    /// `text` with `&`, `<`, `>`, `"` and `'` escaped.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// FNV-1a over the UTF-8 bytes: a stable choice of colour (Swift's `Hasher` is seeded per process).
    static func fnv1a(_ text: String) -> UInt32 {
        var hash: UInt32 = 0x811C_9DC5
        for byte in text.utf8 {
            hash = (hash ^ UInt32(byte)) &* 0x0100_0193
        }
        return hash
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

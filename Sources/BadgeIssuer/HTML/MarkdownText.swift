internal import Ink

/// Markdown in the narrative texts that Laurel's pages show (criteria narratives, rubric level descriptions,
/// reviewers' feedback, evidence narratives), as HTML, through Ink. The only place in Laurel that calls Ink.
///
/// Raw HTML is disabled: Ink passes raw HTML through, so the text's `<`, `>`, `&` and `"` are escaped before
/// Ink reads it; Markdown's syntax uses none of them except `>` opening a line (a block quote), which is kept.
/// Only `http:`, `https:` and `mailto:` links become `<a href>`; any other link (`javascript:`, `data:`, relative)
/// is shown as its text alone. Images are never loaded: an image becomes a link to it (or its alt text alone).
/// Headings start at `<h4>`, below the page's own headings.
public enum MarkdownText {
    /// The HTML for Markdown `text`, in a `<div class="markdown">`.
    public static func html(_ text: String) -> String {
        let parser = MarkdownParser(modifiers: [
            Modifier(target: .html) { HTMLPage.escape(String($0.markdown)) },
            Modifier(target: .links) { link($0.html) },
            Modifier(target: .images) { image($0.html) },
            Modifier(target: .inlineCode) { "<code>" + unescapeAmpersands(inner($0.html)) + "</code>" },
            Modifier(target: .codeBlocks) { "<pre><code>" + unescapeAmpersands(inner($0.html)) + "</code></pre>" },
            Modifier(target: .headings) { heading($0.html) },
            Modifier(target: .tables) { "<div class=\"scroll\">" + $0.html + "</div>" },
        ])
        return "<div class=\"markdown\">" + parser.html(from: escapeRawHTML(text)) + "</div>"
    }

    /// `text` with `&`, `<`, `"` and `>` escaped, except a `>` that opens a line (after at most three spaces).
    static func escapeRawHTML(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var lineStart = true
        var indent = 0
        for character in text.replacing("\r\n", with: "\n").unicodeScalars {
            switch character {
            case "\n", "\r":
                lineStart = true
                indent = 0
                out.unicodeScalars.append("\n")
                continue
            case " " where lineStart && indent < 3:
                indent += 1
                out.unicodeScalars.append(character)
                continue
            case ">" where lineStart: out += ">"
            case ">": out += "&gt;"
            case "<": out += "&lt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(character)
            }
            lineStart = false
        }
        return out
    }

    /// Whether an (escaped) link target may become an `href`: http(s) and mailto only.
    static func isSafeURL(_ escapedURL: some StringProtocol) -> Bool {
        let url = String(escapedURL).replacing("&quot;", with: "\"").replacing("&lt;", with: "<")
            .replacing("&gt;", with: ">").replacing("&amp;", with: "&").lowercased()
        return ["https://", "http://", "mailto:"].contains { url.hasPrefix($0) }
            && !url.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Ink's `<a href="URL">TITLE</a>`, kept when URL is safe, else TITLE alone.
    static func link(_ html: String) -> String {
        let open = "<a href=\""
        guard html.hasPrefix(open), html.hasSuffix("</a>") else { return HTMLPage.escape(html) }
        let rest = html.dropFirst(open.count).dropLast(4)
        guard let end = rest.firstRange(of: "\">") else { return HTMLPage.escape(html) }
        let url = rest[..<end.lowerBound]
        let title = rest[end.upperBound...]
        return isSafeURL(url) ? "<a href=\"\(url)\">\(title)</a>" : String(title)
    }

    /// Ink's `<img src="URL" alt="ALT"/>`, as a link to the image (or ALT alone): pages never load images
    /// named in a text.
    static func image(_ html: String) -> String {
        let open = "<img src=\""
        guard html.hasPrefix(open), html.hasSuffix("/>") else { return HTMLPage.escape(html) }
        let rest = html.dropFirst(open.count).dropLast(2)
        guard let end = rest.firstIndex(of: "\"") else { return HTMLPage.escape(html) }
        let url = rest[..<end]
        var alt = "image"
        let tail = rest[rest.index(after: end)...]
        if tail.hasPrefix(" alt=\""), tail.hasSuffix("\""), tail.count > 7 { alt = String(tail.dropFirst(6).dropLast()) }
        return isSafeURL(url) ? "<a href=\"\(url)\">\(alt)</a>" : alt
    }

    /// Ink escapes `&` inside code, where the text was already escaped: undo Ink's layer, so `a < b` shows as is.
    static func unescapeAmpersands(_ code: String) -> String {
        code.replacing("&amp;", with: "&")
    }

    /// The code between Ink's `<code…>` (inside `<pre>` for a block) and `</code>`.
    static func inner(_ html: String) -> String {
        var rest = Substring(html)
        if rest.hasPrefix("<pre>") { rest = rest.dropFirst(5) }
        if rest.hasSuffix("</pre>") { rest = rest.dropLast(6) }
        guard rest.hasPrefix("<code"), rest.hasSuffix("</code>"), let start = rest.firstIndex(of: ">") else { return "" }
        return String(rest[rest.index(after: start)...].dropLast(7))
    }

    /// `<hN>…</hN>` as `<h(N+3)>` (at most `<h6>`), under the page's own `<h1>`–`<h3>`.
    static func heading(_ html: String) -> String {
        guard html.count > 9, html.hasPrefix("<h"), let level = Int(String(html[html.index(html.startIndex, offsetBy: 2)])) else {
            return html
        }
        let shifted = min(level + 3, 6)
        let body = html.dropFirst(4).dropLast(5)
        return "<h\(shifted)>\(body)</h\(shifted)>"
    }
}

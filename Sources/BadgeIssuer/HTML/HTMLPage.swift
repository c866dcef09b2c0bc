/// Small helpers for Laurel's printable, accessible HTML pages: every text is escaped, pages have a language,
/// a title, landmarks and print styles, and colours keep a contrast of at least 7:1 on white.
public enum HTMLPage {
    /// Escapes text for HTML element content and quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }

    /// Escaped text with line breaks kept as paragraphs.
    static func paragraphs(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true)
            .map { "<p>\(escape(String($0)))</p>" }.joined(separator: "\n")
    }

    static let baseStyle = """
        :root { color: #1a1a1a; background: #ffffff; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5;
               max-width: 60rem; margin: 0 auto; padding: 1.5rem; font-size: 1rem; }
        h1, h2, h3 { line-height: 1.25; }
        a { color: #0b4a8b; }
        table { border-collapse: collapse; width: 100%; margin: 1rem 0 2rem; }
        caption { text-align: left; font-weight: 700; font-size: 1.1rem; padding: 0.5rem 0; }
        th, td { border: 1px solid #595959; padding: 0.5rem; vertical-align: top; text-align: left; }
        thead th { background: #e8e8e8; }
        .required { background: #fff4c2; border: 3px solid #1a1a1a; }
        .tag { font-weight: 700; }
        .met { font-weight: 700; }
        .muted { color: #404040; }
        time { white-space: nowrap; }
        /* Long digests, DIDs, URLs and ids wrap instead of widening the page. */
        a, code, .digest { overflow-wrap: anywhere; }
        th, td, li, p, dd { overflow-wrap: break-word; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; }
        .scroll { overflow-x: auto; max-width: 100%; }
        .markdown > :first-child { margin-top: 0; }
        .markdown > :last-child { margin-bottom: 0; }
        .markdown blockquote { margin: 0.5rem 0; padding-left: 0.75rem; border-left: 3px solid #595959; }
        blockquote.words { margin: 0.25rem 0 0.5rem; padding-left: 0.75rem; border-left: 3px solid #595959; }
        dl.said { margin: 0.5rem 0 1rem; }
        dl.said dt { font-weight: 700; }
        dl.said dd { margin: 0 0 0.5rem; }
        /* Narrow screens (a 390 px phone): each table row becomes a card, every cell labelled, nothing hidden. */
        @media (max-width: 40rem) {
          body { padding: 0.75rem; }
          table.cards, table.cards caption, table.cards tbody, table.cards tr, table.cards th, table.cards td {
            display: block; width: auto;
          }
          table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
          table.cards tr { border: 1px solid #595959; margin: 0 0 0.75rem; }
          table.cards tr.required { border: 3px solid #1a1a1a; }
          table.cards th, table.cards td { border: 0; }
          table.cards td + td, table.cards th + td { border-top: 1px solid #bfbfbf; }
          table.cards td[data-label]::before { content: attr(data-label) ": "; font-weight: 700; }
          table.cards th[data-label]::before { content: attr(data-label) " "; }
          table.cards td.empty { display: none; }
        }
        @media print {
          body { max-width: none; padding: 0; font-size: 11pt; }
          a { color: #000000; text-decoration: underline; }
          a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 9pt; }
          table, tr, section { break-inside: avoid; }
          .no-print { display: none; }
        }
        """

    /// A complete document.
    static func document(title: String, style: String = "", body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(baseStyle)
        \(style)
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// The rubric of an achievement as a table: one table per criterion, a row per level with its description
    /// and points, the required level marked in words (not only by colour).
    static func rubricTables(_ definition: AchievementDefinition, highlight: [String: String] = [:]) -> String {
        var out = ""
        for criterion in definition.rubric {
            let required = criterion.required?.name ?? criterion.requiredLevel
            out += "<section aria-labelledby=\"criterion-\(escape(criterion.id))\">\n"
            out += "<h3 id=\"criterion-\(escape(criterion.id))\">\(escape(criterion.name))</h3>\n"
            if let text = criterion.description, !text.isEmpty { out += MarkdownText.html(text) + "\n" }
            out += "<p>Required level: <strong>\(escape(required))</strong> or higher.</p>\n"
            out += "<table class=\"cards\">\n<caption>\(escape(criterion.name)): levels from lowest to highest</caption>\n"
            out += "<thead><tr><th scope=\"col\">Level</th><th scope=\"col\">What it looks like</th>"
            out += "<th scope=\"col\">Points</th><th scope=\"col\">Note</th></tr></thead>\n<tbody>\n"
            for level in criterion.levels {
                let isRequired = level.id == criterion.requiredLevel
                var notes: [String] = []
                if isRequired { notes.append("<span class=\"tag\">Required level</span>") }
                if let label = highlight[criterion.id + "/" + level.id] {
                    notes.append("<span class=\"tag\">\(escape(label))</span>")
                }
                out += "<tr\(isRequired ? " class=\"required\"" : "")><th scope=\"row\">\(escape(level.name))</th>"
                let description = level.description.map { $0.isEmpty ? "" : MarkdownText.html($0) } ?? ""
                out += "<td data-label=\"What it looks like\">\(description)</td>"
                out += "<td data-label=\"Points\">\(escape(level.points ?? "–"))</td>"
                out += notes.isEmpty ? "<td class=\"empty\"></td></tr>\n" : "<td data-label=\"Note\">\(notes.joined(separator: "; "))</td></tr>\n"
            }
            out += "</tbody>\n</table>\n</section>\n"
        }
        return out
    }
}

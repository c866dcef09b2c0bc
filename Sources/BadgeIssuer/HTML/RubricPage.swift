/// The public page that shows learners, before they start, exactly how an achievement is assessed.
public enum RubricPage {
    /// The HTML page for an achievement's rubric.
    public static func render(_ definition: AchievementDefinition, issuerName: String?) -> String {
        let e = HTMLPage.escape
        var body = "<header>\n<h1>\(e(definition.name)): how it is assessed</h1>\n"
        if let issuerName { body += "<p class=\"muted\">Offered by \(e(issuerName))</p>\n" }
        body += "</header>\n"
        body += "<section aria-labelledby=\"about\">\n<h2 id=\"about\">About this achievement</h2>\n"
        body += HTMLPage.paragraphs(definition.description) + "\n</section>\n"
        body += "<section aria-labelledby=\"earn\">\n<h2 id=\"earn\">How to earn it</h2>\n"
        if let narrative = definition.criteriaNarrative, !narrative.isEmpty { body += MarkdownText.html(narrative) + "\n" }
        body += "<p>You earn this achievement when every criterion below reaches its <strong>required level</strong>"
        body += " or higher. If a criterion is not there yet, you get feedback and next steps, and you can submit"
        body += " again: there is no deadline and earlier attempts never count against you.</p>\n"
        if let credits = definition.creditsAvailable { body += "<p>Credits: \(e(credits)).</p>\n" }
        body += "</section>\n"
        if !definition.alignments.isEmpty {
            body += "<section aria-labelledby=\"aligned\">\n<h2 id=\"aligned\">Skills it aligns to</h2>\n<ul>\n"
            for alignment in definition.alignments {
                let url = alignment.targetUrl
                body += url.hasPrefix("https://") || url.hasPrefix("http://")
                    ? "<li><a href=\"\(e(url))\">\(e(alignment.targetName))</a></li>\n"
                    : "<li>\(e(alignment.targetName)) (\(e(url)))</li>\n"
            }
            body += "</ul>\n</section>\n"
        }
        body += "<section aria-labelledby=\"rubric\">\n<h2 id=\"rubric\">Rubric</h2>\n"
        body += definition.rubric.isEmpty ? "<p>This achievement has no rubric.</p>\n" : HTMLPage.rubricTables(definition)
        body += "</section>\n"
        return HTMLPage.document(title: "\(definition.name) — rubric", body: body)
    }
}

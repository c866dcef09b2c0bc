import BadgeIssuer
import BadgeStore

/// The learners', assessors' and staff's pages: one layout, plain forms (no script needed), every person-supplied
/// string escaped.
enum WebHTML {
    static func escape(_ text: String) -> String { HTML.escape(text) }

    /// A whole page with the navigation for the signed-in person's role.
    static func page(title: String, body: String, person: SignedIn?, issuerName: String, notice: String? = nil) -> String {
        var nav = ""
        if let person {
            var links: [(String, String)] = []
            switch person.account.role {
            case .learner: links = [("/learn", "My learning")]
            case .assessor: links = [("/assess", "Queue"), ("/assess/history", "My reviews")]
            case .admin: links = [("/admin", "Overview"), ("/assess", "Queue"), ("/admin/people", "People"),
                                  ("/admin/achievements", "Achievements"), ("/admin/programs", "Programs"),
                                  ("/admin/awards", "Awards")]
            }
            nav = "<nav aria-label=\"Main\"><ul>"
                + links.map { "<li><a href=\"\($0.0)\">\(escape($0.1))</a></li>" }.joined()
                + "<li><form method=\"post\" action=\"/signout\" class=\"inline\">\(csrf(person.csrf))"
                + "<button type=\"submit\" class=\"link\">Sign out \(escape(person.account.displayName))</button></form></li>"
                + "</ul></nav>"
        } else {
            nav = "<nav aria-label=\"Main\"><ul><li><a href=\"/signin\">Sign in</a></li></ul></nav>"
        }
        let shownNotice = notice.map { "<p class=\"notice\" role=\"status\">\(escape($0))</p>\n" } ?? ""
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title)) · \(escape(issuerName))</title>
            <link rel="stylesheet" href="/static/style.css">
            </head>
            <body class="web">
            <a class="skip" href="#main">Skip to content</a>
            <header><p class="brand"><a href="/">\(escape(issuerName))</a> · badges</p>\(nav)</header>
            <main id="main">
            \(shownNotice)\(body)
            </main>
            <footer><p>Open Badges 3.0 credentials issued with Laurel. Target dates are advice, never deadlines.</p></footer>
            </body>
            </html>

            """
    }

    static func csrf(_ token: String) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(escape(token))\">"
    }

    /// A learner's state in words.
    static func stateText(_ state: SubmissionState, waitingForReader: Bool = false) -> String {
        switch state {
        case .submitted: waitingForReader ? "with assessors (waiting for another reader)" : "with assessors"
        case .needsThirdRead: "with assessors (a third reader decides)"
        case .notYet: "not yet"
        case .earned: "earned"
        }
    }

    /// The rubric as a table: a row per criterion, its levels from lowest to highest, the required one marked.
    static func rubric(_ definition: AchievementDefinition) -> String {
        guard !definition.rubric.isEmpty else {
            return "<p>This achievement has no rubric: \(escape(definition.criteriaNarrative ?? definition.description))</p>"
        }
        var out = "<div class=\"table-wrap\"><table class=\"rubric\">\n<caption>Rubric: each criterion's levels, "
            + "lowest first; the level needed is marked</caption>\n<thead><tr><th scope=\"col\">Criterion</th>"
            + "<th scope=\"col\">Levels</th></tr></thead>\n<tbody>\n"
        for criterion in definition.rubric {
            out += "<tr><th scope=\"row\">\(escape(criterion.name))"
            if let description = criterion.description { out += "<p class=\"hint\">\(escape(description))</p>" }
            out += "</th><td><ol class=\"levels\">"
            for level in criterion.levels {
                let needed = level.id == criterion.requiredLevel
                out += "<li\(needed ? " class=\"required\"" : "")><strong>\(escape(level.name))</strong>"
                    + (needed ? " <em>(needed)</em>" : "")
                if let description = level.description { out += ": \(escape(description))" }
                out += "</li>"
            }
            out += "</ol></td></tr>\n"
        }
        return out + "</tbody></table></div>\n"
    }

    /// A short, stable stand-in for a learner's name, so assessors read the work before the person.
    static func pseudonym(_ learner: String) -> String {
        "Learner " + String(WebState.hash("laurel-pseudonym\u{0}" + learner).prefix(6))
    }

    /// An evidence item as a list entry: a file with its download link, a link, a narrative or reflection.
    static func evidenceItem(_ item: SubmissionEvidenceRecord, fileLink: (String) -> String) -> String {
        switch item.kind {
        case .file:
            let name = item.name ?? "file"
            return "<li>File: <a href=\"\(escape(fileLink(item.sha256 ?? "")))\">\(escape(name))</a></li>"
        case .url:
            let url = item.url ?? ""
            return "<li>Link: <a href=\"\(escape(url))\" rel=\"noopener noreferrer nofollow\">\(escape(url))</a></li>"
        case .narrative:
            return "<li>In their words: <blockquote>\(escape(item.text ?? ""))</blockquote></li>"
        case .reflection:
            return "<li>Reflection: <blockquote>\(escape(item.text ?? ""))</blockquote></li>"
        }
    }

    static func paragraphs(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: true).map { "<p>\(escape(String($0)))</p>" }.joined()
    }
}

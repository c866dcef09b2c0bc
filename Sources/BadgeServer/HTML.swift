import BadgeIssuer
import BadgeVerifier
import OpenBadges

/// Server-rendered pages. Every piece of text from a badge or a request goes through `HTML.escape`.
enum HTML {
    /// Escapes text for HTML element content and quoted attribute values (the same escaping as the issuer's pages).
    static func escape(_ text: String) -> String {
        HTMLPage.escape(text)
    }

    /// A whole page: one stylesheet and one script, both served by the app (no inline code, so the CSP holds).
    static func page(title: String, body: String, issuerName: String? = nil) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <link rel="stylesheet" href="/static/style.css">
        <script src="/static/app.js" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header><p class="brand"><a href="/">Badge check</a>\(issuerName.map { " · " + escape($0) } ?? "")</p></header>
        <main id="main">
        \(body)
        </main>
        <footer><p>Checked by Laurel, an Open Badges 2.0 and 3.0 verifier. Nothing you upload is stored.</p></footer>
        </body>
        </html>

        """
    }

    /// The verification form: a file upload or pasted text, and an optional email to check the recipient.
    static func verificationForm(issuer: String?, basePath: String = "") -> String {
        """
        <h1>Check a badge</h1>
        <p>Upload a badge image (PNG or SVG) or a credential file (JSON or JWT), or paste the credential below.
        We check the issuer's signature, the dates, whether it was revoked, and who it was awarded to.</p>
        <form id="verify-form" method="post" action="/verify" enctype="multipart/form-data">
        <div class="drop" id="drop-zone">
        <label for="file">Badge file (PNG, SVG, JSON or JWT)</label>
        <input type="file" id="file" name="file" accept=".png,.svg,.json,.jwt,.jsonld,.txt,image/png,image/svg+xml,application/json">
        <p class="hint" id="drop-hint">You can also drop a file here.</p>
        </div>
        <label for="text">Or paste the credential (JSON or JWT)</label>
        <textarea id="text" name="text" rows="6" spellcheck="false"></textarea>
        <label for="email">Recipient's email (optional: checks the badge was awarded to them)</label>
        <input type="email" id="email" name="email" autocomplete="off">
        <button type="submit">Check this badge</button>
        </form>
        <div id="result" role="status" aria-live="polite"></div>
        \(issuer.map { issuerLinks($0, basePath: basePath) } ?? "")
        """
    }

    static func issuerLinks(_ issuer: String, basePath: String) -> String {
        let base = escape(basePath)
        return "<p class=\"issuer-link\">Badges from \(escape(issuer)): <a href=\"\(base)/issuer\">issuer profile</a> · "
            + "<a href=\"\(base)/achievements\">achievements</a></p>"
    }

    /// The plain-language answer for a verdict.
    static func headline(_ report: VerificationReport) -> (css: String, title: String, why: String) {
        switch report.verdict {
        case .valid:
            let warnings = report.checks.filter { $0.outcome == .warning }.map(\.message)
            let title = report.issuer?.level == .trusted
                ? "Valid: this badge is genuine and in good standing."
                : "Valid: the badge is intact and in good standing. Check who the issuer is."
            let who = report.headline.prefix(1).uppercased() + report.headline.dropFirst()
            return ("valid", title, warnings.isEmpty ? who : who + " Note: " + warnings.joined(separator: " "))
        case .invalid:
            let reasons = report.checks.filter { $0.outcome == .fail }.map(\.message)
            if report.holdsNoBadge { return ("invalid", "No badge found in this file.", reasons.joined(separator: " ")) }
            return ("invalid", invalidTitle(report), reasons.joined(separator: " "))
        case .indeterminate:
            let reasons = report.checks.filter(\.indeterminate).map(\.message)
            return ("indeterminate", "Cannot tell whether this badge is valid.", reasons.joined(separator: " "))
        }
    }

    /// The title for an invalid badge: "do not trust" only when something points to forgery, tampering or
    /// revocation; a badge that is only expired, not yet valid or awarded to someone else says just that.
    static func invalidTitle(_ report: VerificationReport) -> String {
        let failed = Set(report.checks.filter { $0.outcome == .fail }.map(\.id))
        if failed == [.validUntil] { return "Not valid: this badge has expired." }
        if failed == [.recipient] { return "Not valid: this badge was awarded to someone else." }
        if failed.isSubset(of: [.validUntil, .validFrom, .recipient]) {
            return "Not valid: this badge is expired, not yet valid, or awarded to someone else."
        }
        return "Not valid: do not trust this badge."
    }

    /// The result page body: the answer first, then the badge, then each check.
    static func report(_ report: VerificationReport, bakedImage: String?) -> String {
        let head = headline(report)
        var out = """
            <section class="verdict \(head.css)" role="status" aria-live="polite">
            <h1 id="verdict">\(escape(head.title))</h1>
            <p>\(escape(head.why))</p>
            </section>

            """
        if let badge = report.credential {
            out += "<section class=\"badge\" aria-labelledby=\"badge-name\">\n"
            let image = bakedImage ?? badge.image.flatMap { $0.hasPrefix("data:image/") ? $0 : nil }
            if let image {
                out += "<img class=\"badge-image\" src=\"\(escape(image))\" alt=\"Badge image: \(escape(badge.name ?? "badge"))\">\n"
            }
            let unnamed = report.openBadges2 != nil ? "An Open Badges 2.0 badge (its BadgeClass could not be read)" : "Unnamed badge"
            out += "<h2 id=\"badge-name\">\(escape(badge.name ?? badge.achievementName ?? unnamed))</h2>\n"
            if let description = badge.description { out += "<p>\(escape(description))</p>\n" }
            out += "<dl>\n"
            func row(_ label: String, _ value: String?) {
                guard let value, !value.isEmpty else { return }
                out += "<dt>\(escape(label))</dt><dd>\(escape(value))</dd>\n"
            }
            let issuer = [badge.issuerName, badge.issuerID.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
            row("Issued by", issuer)
            row("Issuer's website", badge.issuerURL)
            func readable(_ text: String?) -> String? { text.map { DateTimeZ(lenient: $0)?.readable ?? $0 } }
            row("Issued on", readable(badge.validFrom))
            row("Expires", readable(badge.validUntil) ?? "Does not expire")
            row("Awarded to", badge.recipient)
            if let recipient = report.checks.first(where: { $0.id == .recipient && $0.outcome != .skipped }) {
                row("Recipient check", recipient.message)
            }
            row("Achievement type", badge.achievementType)
            row("Criteria", badge.criteria)
            out += "</dl>\n"
            if !badge.results.isEmpty {
                out += "<h3>Rubric levels achieved</h3>\n<table><thead><tr><th scope=\"col\">Criterion</th>"
                out += "<th scope=\"col\">Achieved</th><th scope=\"col\">Required</th></tr></thead><tbody>\n"
                for line in badge.results {
                    out += "<tr><td>\(escape(line.criterion))</td><td>\(escape(line.achieved))</td>"
                    out += "<td>\(escape(line.required ?? "—"))</td></tr>\n"
                }
                out += "</tbody></table>\n"
            }
            if !badge.evidence.isEmpty {
                out += "<h3>Evidence</h3>\n<ul>\n"
                for item in badge.evidence {
                    let label = item.name ?? item.description ?? item.id ?? "Evidence"
                    out += "<li>"
                    if let id = item.id, id.hasPrefix("https://") || id.hasPrefix("http://") {
                        out += "<a href=\"\(escape(id))\" rel=\"noopener noreferrer\">\(escape(label))</a>"
                    } else {
                        out += escape(label)
                    }
                    if let narrative = item.narrative { out += ": \(escape(narrative))" }
                    out += "</li>\n"
                }
                out += "</ul>\n"
            }
            if !badge.endorsements.isEmpty || !report.nested.isEmpty {
                out += "<h3>Endorsements and included credentials</h3>\n<ul>\n"
                for nested in report.nested {
                    let name = nested.credential?.name ?? nested.credential?.issuerName ?? "A credential"
                    out += "<li>\(escape(name)): \(escape(headline(nested).title))</li>\n"
                }
                if report.nested.isEmpty {
                    for endorsement in badge.endorsements { out += "<li>\(escape(endorsement))</li>\n" }
                }
                out += "</ul>\n"
            }
            out += "</section>\n"
        }
        out += "<section class=\"checks\"><h2>Every check</h2>\n<ul>\n"
        for check in report.checks {
            let mark: String
            switch check.outcome {
            case .pass: mark = "Passed"
            case .fail: mark = "Failed"
            case .warning: mark = check.indeterminate ? "Could not check" : "Warning"
            case .skipped: mark = "Not applicable"
            }
            out += "<li class=\"\(check.outcome.rawValue)\"><strong>\(mark)</strong> "
            out += "<span class=\"check-id\">\(escape(check.id.rawValue))</span>: \(escape(check.message))</li>\n"
        }
        out += "</ul></section>\n<p><a href=\"/\">Check another badge</a></p>\n"
        return out
    }

    /// An error page: the status and a plain sentence, never internals.
    static func errorPage(status: Int, title: String, message: String) -> String {
        page(title: title, body: """
            <section class="verdict error" role="alert">
            <h1>\(escape(title))</h1>
            <p>\(escape(message))</p>
            </section>
            <p><a href="/">Back to the badge check</a></p>
            """)
    }

    /// A human page for an achievement, with its rubric.
    static func achievement(_ definition: AchievementDefinition, jsonURL: String) -> String {
        var out = "<article class=\"achievement\">\n<h1>\(escape(definition.name))</h1>\n"
        if let image = definition.image, image.hasPrefix("data:image/") {
            out += "<img class=\"badge-image\" src=\"\(escape(image))\" alt=\"\(escape(definition.name)) badge image\">\n"
        }
        out += "<p>\(escape(definition.description))</p>\n<dl>\n"
        if let type = definition.achievementType { out += "<dt>Type</dt><dd>\(escape(type))</dd>\n" }
        if let narrative = definition.criteriaNarrative { out += "<dt>Criteria</dt><dd>\(escape(narrative))</dd>\n" }
        if let url = definition.criteriaURL { out += "<dt>Criteria page</dt><dd>\(escape(url))</dd>\n" }
        if !definition.tags.isEmpty { out += "<dt>Tags</dt><dd>\(escape(definition.tags.joined(separator: ", ")))</dd>\n" }
        for target in definition.alignments {
            out += "<dt>Aligned to</dt><dd>\(escape(target.targetName))"
            if let framework = target.targetFramework { out += " (\(escape(framework)))" }
            out += "</dd>\n"
        }
        out += "</dl>\n"
        if !definition.rubric.isEmpty {
            out += "<h2>Rubric</h2>\n"
            for criterion in definition.rubric {
                out += "<section class=\"criterion\"><h3>\(escape(criterion.name))</h3>\n"
                if let description = criterion.description { out += "<p>\(escape(description))</p>\n" }
                out += "<table><thead><tr><th scope=\"col\">Level</th><th scope=\"col\">What it looks like</th></tr></thead><tbody>\n"
                for level in criterion.levels {
                    let required = level.id == criterion.requiredLevel ? " <strong>(required)</strong>" : ""
                    out += "<tr><td>\(escape(level.name))\(required)</td><td>\(escape(level.description ?? ""))</td></tr>\n"
                }
                out += "</tbody></table></section>\n"
            }
        }
        out += "<p><a href=\"\(escape(jsonURL))\">This achievement as Open Badges JSON</a></p>\n</article>\n"
        return out
    }
}

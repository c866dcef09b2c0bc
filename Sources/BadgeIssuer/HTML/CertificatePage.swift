public import LinkedData
public import OpenBadges

/// A printable certificate (A4 or Letter) for an Open Badges credential: the learner's name, the achievement,
/// the issuer, the date, the results and how to verify it.
public enum CertificatePage {
    /// What verifying the credential found, shown on the page when it is not plainly valid.
    public enum Verification: Sendable, Hashable {
        case valid
        /// Expired: the page says so, with the sentence given.
        case expired(String)
        /// Not everything could be checked (e.g. the status list): the page says so.
        case cannotTell(String)
        /// Not verified (the page says nothing either way).
        case notChecked
    }

    /// The HTML page for a credential's JSON. `source` names the credential file for the verification hint;
    /// `verificationURL` is the issuer's hosted verification page for it, when known: the page then links to it and
    /// shows its QR code (an inline SVG, so the page still works offline), "Scan to check this badge".
    public static func render(
        credential: JSONObject, source: String, verification: Verification = .notChecked,
        verificationURL: String? = nil
    ) -> String {
        let e = HTMLPage.escape
        let subject = credential["credentialSubject"]?.objectValue ?? JSONObject()
        let achievement = subject["achievement"]?.objectValue ?? JSONObject()
        let issuer = credential["issuer"]
        let issuerName = issuer?.objectValue?["name"]?.stringValue ?? issuer?.stringValue ?? "the issuer"
        var learner: String?
        for identifier in subject["identifier"]?.arrayValue ?? [] {
            if identifier["identityType"]?.stringValue == "name" { learner = identifier["identityHash"]?.stringValue }
        }
        let achievementName = achievement["name"]?.stringValue ?? credential["name"]?.stringValue ?? "an achievement"
        let date = String((credential["validFrom"]?.stringValue ?? "").prefix(10))

        var levelNames: [String: (criterion: String, level: String)] = [:]
        for description in achievement["resultDescription"]?.arrayValue ?? [] {
            let criterion = description["name"]?.stringValue ?? ""
            for level in description["rubricCriterionLevel"]?.arrayValue ?? [] {
                if let id = level["id"]?.stringValue {
                    levelNames[id] = (criterion, level["name"]?.stringValue ?? id)
                }
            }
        }
        var body = "<article class=\"certificate\" aria-labelledby=\"title\">\n"
        switch verification {
        case .expired(let why):
            body += "<p class=\"notice expired\" role=\"alert\"><strong>Expired.</strong> \(e(why))</p>\n"
        case .cannotTell(let why):
            body += "<p class=\"notice cannot-tell\" role=\"alert\"><strong>Not fully verified.</strong> \(e(why))</p>\n"
        case .valid, .notChecked:
            break
        }
        body += "<p class=\"kicker\">\(e(issuerName)) certifies that</p>\n"
        body += "<h1 id=\"title\"><span class=\"learner\">\(e(learner ?? "the holder of this credential"))</span></h1>\n"
        body += "<p class=\"kicker\">has earned</p>\n<h2 class=\"achievement\">\(e(achievementName))</h2>\n"
        if let type = achievement["achievementType"]?.stringValue { body += "<p class=\"muted\">\(e(type))</p>\n" }
        if let description = achievement["description"]?.stringValue { body += "<p>\(e(description))</p>\n" }
        body += "<p>Issued by <strong>\(e(issuerName))</strong> on <time datetime=\"\(e(date))\">\(e(date))</time>.</p>\n"
        if let credits = subject["creditsEarned"]?.numberValue { body += "<p>Credits earned: \(e(credits.lexeme)).</p>\n" }
        let results = subject["result"]?.arrayValue ?? []
        if !results.isEmpty {
            body += "<table>\n<caption>Results</caption>\n<thead><tr><th scope=\"col\">Criterion</th>"
            body += "<th scope=\"col\">Level achieved</th></tr></thead>\n<tbody>\n"
            for result in results {
                let id = result["achievedLevel"]?.stringValue ?? ""
                let names = levelNames[id] ?? ("", id)
                body += "<tr><th scope=\"row\">\(e(names.criterion))</th><td>\(e(names.level))</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        if let narrative = subject["narrative"]?.stringValue, !narrative.isEmpty {
            body += "<section class=\"narrative\">\(MarkdownText.html(narrative))</section>\n"
        }
        body += "<footer>\n<h2 class=\"verify-title\">Verify this certificate</h2>\n"
        body += "<p>This page is a copy of a signed Open Badges 3.0 credential. To check it, verify the credential "
        body += "file (<code>\(e(source))</code>) with any Open Badges 3.0 verifier, for example "
        body += "<code>laurel verify \(e(source))</code>.</p>\n"
        if let verificationURL {
            body += "<p>Or open the issuer's verification page: <a href=\"\(e(verificationURL))\">\(e(verificationURL))</a></p>\n"
            if let svg = verificationQRCodeSVG(verificationURL) {
                body += "<figure class=\"qr\">\(svg)<figcaption>Scan to check this badge</figcaption></figure>\n"
            }
        }
        body += "<p class=\"muted\">Credential id: <code class=\"digest\">\(e(credential["id"]?.stringValue ?? ""))</code></p>\n"
        body += "</footer>\n</article>\n"
        let style = """
            .certificate { border: 6px double #1a1a1a; padding: 2.5rem; text-align: center; }
            .certificate .narrative { text-align: left; max-width: 40rem; margin: 1rem auto; }
            .notice { border: 3px solid #a4161a; padding: 0.5rem 1rem; font-size: 1.1rem; }
            .notice.cannot-tell { border-color: #8a5a00; }
            .certificate table { width: auto; margin: 1rem auto; }
            .kicker { font-size: 1.2rem; margin: 0.25rem 0; }
            .learner { font-size: 2.4rem; }
            .achievement { font-size: 2rem; margin: 0.5rem 0 1rem; }
            .verify-title { font-size: 1rem; margin-top: 2rem; }
            footer { font-size: 0.9rem; }
            .qr { margin: 1rem auto 0; }
            .qr svg { display: block; margin: 0 auto; width: 9rem; height: 9rem; }
            .qr figcaption { font-weight: 600; margin-top: 0.25rem; }
            /* Landscape on the printer's paper: fits both A4 (297 x 210 mm) and US Letter (279 x 216 mm). */
            @page { size: landscape; margin: 12mm; }
            @media (max-width: 40rem) {
              .certificate { padding: 1rem 0.75rem; border-width: 4px; }
              .kicker { font-size: 1rem; }
              .learner { font-size: 1.75rem; }
              .achievement { font-size: 1.4rem; }
            }
            @media print {
              .certificate { min-height: 170mm; max-width: 250mm; margin: 0 auto; box-sizing: border-box; }
            }
            """
        return HTMLPage.document(title: "Certificate — \(achievementName)", style: style, body: body)
    }

    /// The QR code the page shows for `verificationURL` (medium error correction); nil when the URL is too long
    /// for one, and the page then only links to it.
    public static func verificationQRCode(_ verificationURL: String) -> QRCode? {
        try? QRCode(text: verificationURL, correction: .medium)
    }

    /// That QR code as the page draws it: an inline SVG named "QR code of the verification page" and the URL.
    public static func verificationQRCodeSVG(_ verificationURL: String) -> String? {
        verificationQRCode(verificationURL)?.svg(
            moduleSize: 4, quietZone: 4, label: "QR code of the verification page, \(verificationURL)")
    }
}

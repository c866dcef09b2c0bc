import BadgeIssuer
import BadgeStore
import LinkedData
import Testing

/// Texts that try to smuggle HTML, scripts or script links into a page through Markdown.
private let hostile = """
    <script>alert(1)</script> and <img src=x onerror=alert(1)>

    [x](javascript:alert(1)) [y](JaVaScRiPt:alert(2)) [d](data:text/html,hi) ![i](javascript:alert(3))
    [q](https://ok.example/" onmouseover="alert(4)) <a href="javascript:alert(5)">a</a>
    [r][bad] `<b>code</b>`

    [bad]: javascript:alert(6)
    """

/// The marks of live HTML or script links in a page; none may appear.
private func expectInert(_ page: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let lower = page.lowercased()
    for live in ["<script", "<img", "href=\"javascript", "href=\"data:", "\" onmouseover=", " onerror=alert(1)>"] {
        #expect(!lower.contains(live), "\(name) contains \(live)", sourceLocation: sourceLocation)
    }
    #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(name): the script is shown as text",
            sourceLocation: sourceLocation)
    #expect(page.contains("&lt;img src=x onerror=alert(1)&gt;"), "\(name): the img is shown as text",
            sourceLocation: sourceLocation)
    #expect(page.contains("<code>&lt;b&gt;code&lt;/b&gt;</code>"), "\(name): code is escaped once",
            sourceLocation: sourceLocation)
}

private let criteria = """
    Reach **Proficient** in *every* criterion:

    - analyse the data
    - explain its limits

    Read [the guide](https://example.edu/guide) or write to [us](mailto:badges@example.edu).
    """

private func definition(narrative: String, levelText: String) -> AchievementDefinition {
    AchievementDefinition(
        id: "https://example.edu/achievements/md", name: "Markdown Literacy", description: "Writes plainly.",
        criteriaNarrative: narrative,
        rubric: [
            .init(
                id: "analysis", name: "Analysis", description: "Judged on **method**.",
                levels: [
                    .init(id: "developing", name: "Developing", description: levelText, points: "1"),
                    .init(id: "proficient", name: "Proficient", description: "Explains *why*.", points: "2"),
                ], requiredLevel: "proficient")
        ])
}

/// A workspace with one reviewed (not yet) submission whose texts are `text`, and its feedback page.
private func feedbackPage(_ text: String) throws -> String {
    let directory = TemporaryDirectory()
    let workspace = try IssuerFixtures.workspace(directory)
    let achievement = definition(narrative: text, levelText: text)
    _ = try workspace.saveAchievement(achievement, fileName: "md")
    let submission = try workspace.submit(
        SubmissionInput(
            achievement: achievement, learner: "ada@example.org", learnerName: "Ada Learner",
            narratives: [("analysis", text)], reflection: "I learned to **label** charts."),
        now: "2026-05-01T10:00:00Z")
    _ = try workspace.review(
        ReviewInput(
            submissionId: submission.id, reviewer: "Sam", levels: [("analysis", "developing")],
            feedback: [("analysis", text)], nextSteps: [("analysis", "Label the *axes*:\n\n1. x\n2. y")],
            overall: "A **good** start."),
        now: "2026-05-01T11:00:00Z")
    let details = try workspace.submissionDetails(submission.id)
    return FeedbackPage.render(details, history: try workspace.attemptHistory(of: submission), issuerName: "Example College")
}

private func certificatePage(narrative: String) throws -> String {
    var credential = try #require(JSONValue(parsing: """
        { "id": "urn:uuid:0f6c6a8e-2f0e-4b8a-9d43-0c3f1a2b3c4d", "issuer": { "name": "Example College" },
          "validFrom": "2026-05-01T10:00:00Z",
          "credentialSubject": {
            "identifier": [ { "identityType": "name", "identityHash": "Ada Learner" } ],
            "achievement": { "name": "Markdown Literacy", "description": "Writes plainly." } } }
        """).objectValue)
    var subject = try #require(credential["credentialSubject"]?.objectValue)
    subject["narrative"] = .string(narrative)
    credential["credentialSubject"] = .object(subject)
    return CertificatePage.render(credential: credential, source: "ada.json")
}

@Suite("Markdown in the rubric, feedback and certificate pages, with raw HTML disabled")
struct MarkdownPageTests {
    @Test("11: criteria with **bold** show bold, not literal asterisks, on the rubric page")
    func criteriaBold() {
        let page = RubricPage.render(definition(narrative: criteria, levelText: "Describes *with help*."), issuerName: nil)
        #expect(page.contains("<strong>Proficient</strong>"))
        #expect(!page.contains("**Proficient**"))
        #expect(page.contains("<em>every</em>"))
    }

    @Test("the rubric page renders emphasis, lists and links in the criteria, criterion and level texts")
    func rubricPage() {
        let page = RubricPage.render(definition(narrative: criteria, levelText: "Describes *with help*."), issuerName: nil)
        #expect(page.contains("<ul><li>analyse the data</li><li>explain its limits</li></ul>"))
        #expect(page.contains("<a href=\"https://example.edu/guide\">the guide</a>"))
        #expect(page.contains("<a href=\"mailto:badges@example.edu\">us</a>"))
        #expect(page.contains("<strong>method</strong>"))
        #expect(page.contains("<em>with help</em>"))
        #expect(page.contains("<em>why</em>"))
    }

    @Test("the feedback page renders Markdown in the reviewers' words, the learner's words and the rubric")
    func feedbackMarkdown() throws {
        let page = try feedbackPage(criteria)
        #expect(page.contains("<dt>What went well</dt>"))
        #expect(page.contains("<strong>Proficient</strong>"))
        #expect(page.contains("<ol><li>x</li><li>y</li></ol>"), "next steps keep their list")
        #expect(page.contains("A <strong>good</strong> start."))
        #expect(page.contains("I learned to <strong>label</strong> charts."))
        #expect(page.contains("<a href=\"https://example.edu/guide\">the guide</a>"))
        #expect(!page.contains("**"))
    }

    @Test("the certificate page renders Markdown in the credential's narrative")
    func certificateMarkdown() throws {
        let page = try certificatePage(narrative: criteria)
        #expect(page.contains("<strong>Proficient</strong>"))
        #expect(page.contains("<li>analyse the data</li>"))
        #expect(page.contains("<a href=\"https://example.edu/guide\">the guide</a>"))
    }

    @Test("raw HTML, javascript: and data: links and images come out escaped or inert on every page")
    func rawHTMLIsInert() throws {
        let rubric = RubricPage.render(definition(narrative: hostile, levelText: hostile), issuerName: nil)
        expectInert(rubric, "rubric")
        expectInert(try feedbackPage(hostile), "feedback")
        expectInert(try certificatePage(narrative: hostile), "certificate")
        let html = MarkdownText.html(hostile)
        // Unsafe links keep their text, without a link; the one https link keeps its quotes inside the href.
        #expect(html.contains("<p>x y d i"), "\(html)")
        #expect(html.contains("<a href=\"https://ok.example/&quot; onmouseover=&quot;alert(4)\">q</a>"), "\(html)")
    }

    @Test("MarkdownText: only http(s) and mailto links, code escaped once, headings below the page's, no images")
    func markdownText() {
        #expect(MarkdownText.html("*a*") == "<div class=\"markdown\"><p><em>a</em></p></div>")
        #expect(MarkdownText.html("`a < b && c`").contains("<code>a &lt; b &amp;&amp; c</code>"))
        #expect(MarkdownText.html("```\nif a < b {}\n```").contains("<pre><code>if a &lt; b {}\n</code></pre>"))
        #expect(MarkdownText.html("Tom & \"Jerry\" 1 > 0").contains("Tom &amp; &quot;Jerry&quot; 1 &gt; 0"))
        #expect(MarkdownText.html("&lt;b&gt;") .contains("&amp;lt;b&amp;gt;"), "entities typed are shown as typed")
        #expect(MarkdownText.html("# Title").contains("<h4>Title</h4>"))
        #expect(MarkdownText.html("### Deep").contains("<h6>Deep</h6>"))
        #expect(MarkdownText.html("> quoted").contains("<blockquote><p>quoted</p></blockquote>"))
        #expect(MarkdownText.html("[a](HTTPS://x.example)").contains("<a href=\"HTTPS://x.example\">a</a>"))
        #expect(MarkdownText.html("[a](/relative)") == "<div class=\"markdown\"><p>a</p></div>")
        #expect(MarkdownText.html("[a](vbscript:x)") == "<div class=\"markdown\"><p>a</p></div>")
        #expect(MarkdownText.html("![chart](https://x.example/c.png)").contains("<a href=\"https://x.example/c.png\">chart</a>"))
        #expect(MarkdownText.html("![chart](javascript:x)") == "<div class=\"markdown\">chart</div>")
        let table = MarkdownText.html("| a | b |\n| - | - |\n| 1 | 2 |")
        #expect(table.contains("<div class=\"scroll\"><table>"), "\(table)")
    }
}

import BadgeStore

/// The learner's page for a reviewed submission: their level against the required level per criterion, the
/// reviewers' words and next steps, the rubric and the history of attempts, in plain language.
public enum FeedbackPage {
    /// The HTML page for `details` (the attempt shown) with every attempt in `history`.
    public static func render(_ details: SubmissionDetails, history: [SubmissionDetails], issuerName: String?) -> String {
        let e = HTMLPage.escape
        let definition = details.achievement
        let submission = details.submission
        var body = "<header>\n<h1>Feedback on your work for \(e(definition.name))</h1>\n"
        body += "<p class=\"muted\">Attempt \(submission.attempt), submitted \(e(day(submission.createdAt)))"
        if let issuerName { body += " to \(e(issuerName))" }
        body += ". Submission \(e(submission.id)).</p>\n</header>\n"

        body += "<section aria-labelledby=\"result\">\n<h2 id=\"result\">Result</h2>\n"
        switch submission.state {
        case .earned:
            body += "<p><strong>Earned.</strong> Every criterion reached its required level. Well done.</p>\n"
        case .notYet:
            body += "<p><strong>Not yet.</strong> Some criteria have not reached the required level yet. "
            body += "Read the next steps below and submit again when you are ready: there is no deadline, "
            body += "and this attempt does not count against you.</p>\n"
        case .needsThirdRead:
            body += "<p><strong>Being checked.</strong> Your reviewers read your work differently, so a third "
            body += "reviewer will look at it. You do not need to do anything.</p>\n"
        case .submitted where details.reviews.isEmpty:
            body += "<p><strong>Waiting for review.</strong> Nobody has reviewed this attempt yet.</p>\n"
        case .submitted:
            let count = details.reviews.count
            body += "<p><strong>Waiting for \(e(RubricDecision.reader(count + 1))).</strong> "
            body += "\(count == 1 ? "One reviewer has" : "\(count) reviewers have") read this attempt; "
            body += "\(e(definition.name)) asks for \(details.decision.readers) before a decision, so the levels "
            body += "and feedback appear here once the next reviewer has read it too. You do not need to do "
            body += "anything.</p>\n"
        }
        body += "</section>\n"

        // While a submission waits for its next reader, the levels so far are not a decision: they stay hidden.
        if !details.reviews.isEmpty && submission.state != .submitted {
            body += "<section aria-labelledby=\"levels\">\n<h2 id=\"levels\">Your levels</h2>\n<table class=\"cards\">\n"
            body += "<caption>Your level and the required level for each criterion</caption>\n"
            body += "<thead><tr><th scope=\"col\">Criterion</th><th scope=\"col\">Your level</th>"
            body += "<th scope=\"col\">Required level</th><th scope=\"col\">Reached?</th></tr></thead>\n<tbody>\n"
            for criterion in definition.rubric {
                let outcome = details.decision.outcome(criterion.id)
                let levelName = outcome?.levelId.flatMap { id in criterion.levels.first { $0.id == id }?.name }
                let reached: String =
                    switch outcome?.met {
                    case true?: "Yes"
                    case false?: "Not yet"
                    case nil: "Being checked by a third reviewer"
                    }
                body += "<tr><th scope=\"row\">\(e(criterion.name))</th>"
                body += "<td data-label=\"Your level\">\(e(levelName ?? "–"))</td>"
                body += "<td data-label=\"Required level\">\(e(criterion.required?.name ?? criterion.requiredLevel))</td>"
                body += "<td class=\"met\" data-label=\"Reached?\">\(e(reached))</td></tr>\n"
            }
            body += "</tbody>\n</table>\n</section>\n"

            body += "<section aria-labelledby=\"words\">\n<h2 id=\"words\">What your reviewers said</h2>\n"
            for stored in details.reviews {
                body += "<article>\n<h3>From \(e(stored.review.reviewer))</h3>\n"
                for criterion in definition.rubric {
                    guard let score = stored.score(criterion.id) else { continue }
                    let level = criterion.levels.first { $0.id == score.levelId }?.name ?? score.levelId
                    body += "<h4>\(e(criterion.name)): \(e(level))</h4>\n"
                    body += said([("What went well", score.strengths), ("Next step", score.nextSteps)])
                }
                body += said([("Overall", stored.review.overallFeedback)])
                body += "</article>\n"
            }
            body += "</section>\n"
        }

        if !details.evidence.isEmpty {
            body += "<section aria-labelledby=\"submitted\">\n<h2 id=\"submitted\">What you submitted</h2>\n<ul>\n"
            for item in details.evidence {
                let criterion = item.criterionId.flatMap { definition.criterion($0)?.name } ?? "Reflection"
                let content: String =
                    switch item.kind {
                    case .file:
                        "file \(e(item.name ?? "")) <span class=\"muted\">(SHA-256 <code class=\"digest\">"
                            + "\(e(item.sha256 ?? ""))</code>)</span>"
                    case .url: "<a href=\"\(e(item.url ?? ""))\">\(e(item.url ?? ""))</a>"
                    case .narrative, .reflection:
                        "your words:\n<blockquote class=\"words\">\(MarkdownText.html(item.text ?? ""))</blockquote>"
                    }
                body += "<li><strong>\(e(criterion)):</strong> \(content)</li>\n"
            }
            body += "</ul>\n</section>\n"
        }

        body += "<section aria-labelledby=\"history\">\n<h2 id=\"history\">Your attempts</h2>\n<table class=\"cards\">\n"
        body += "<caption>Every attempt at \(e(definition.name)), oldest first</caption>\n"
        body += "<thead><tr><th scope=\"col\">Attempt</th><th scope=\"col\">Submitted</th>"
        body += "<th scope=\"col\">Result</th></tr></thead>\n<tbody>\n"
        for attempt in history {
            body += "<tr><th scope=\"row\" data-label=\"Attempt\">\(attempt.submission.attempt)</th>"
            body += "<td data-label=\"Submitted\">\(e(day(attempt.submission.createdAt)))</td>"
            body += "<td data-label=\"Result\">\(e(words(attempt.submission.state)))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n</section>\n"

        body += "<section aria-labelledby=\"rubric\">\n<h2 id=\"rubric\">The rubric</h2>\n"
        var marks: [String: String] = [:]
        for outcome in details.decision.criteria where submission.state != .submitted {
            if let level = outcome.levelId { marks[outcome.criterionId + "/" + level] = "Your level" }
        }
        body += HTMLPage.rubricTables(definition, highlight: marks) + "</section>\n"
        return HTMLPage.document(title: "Feedback — \(definition.name), attempt \(submission.attempt)", body: body)
    }

    /// The reviewer's texts that are present, as a definition list: a label and the text (Markdown) each.
    static func said(_ texts: [(label: String, text: String?)]) -> String {
        let present = texts.compactMap { item in item.text.flatMap { $0.isEmpty ? nil : (item.label, $0) } }
        guard !present.isEmpty else { return "" }
        let items = present.map { "<dt>\(HTMLPage.escape($0.0))</dt>\n<dd>\(MarkdownText.html($0.1))</dd>\n" }
        return "<dl class=\"said\">\n" + items.joined() + "</dl>\n"
    }

    static func words(_ state: SubmissionState) -> String {
        switch state {
        case .submitted: "Waiting for review"
        case .earned: "Earned"
        case .notYet: "Not yet"
        case .needsThirdRead: "Being checked by a third reviewer"
        }
    }

    static func day(_ time: String) -> String { String(time.prefix(10)) }
}

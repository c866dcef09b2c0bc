import BadgeIssuer
import BadgeStore
import Foundation
import Hummingbird

/// The assessors' pages: the queue (oldest first, names hidden by default, claimable), a submission beside its
/// rubric with the review form, and their history.
struct AssessorRoutes: Sendable {
    let web: WebState

    func register(on router: Router<BasicRequestContext>) {
        let web = self.web
        let readers: Set<AccountRole> = [.assessor, .admin]
        router.get("/assess") { request, _ in
            let person = try web.require(request, readers)
            let names = request.uri.queryParameters.get("names") == "shown"
            return Pages.html(try Self.queue(web, person, showNames: names, notice: LearnerRoutes.notice(request)))
        }
        router.get("/assess/history") { request, _ in
            let person = try web.require(request, readers)
            return Pages.html(try Self.history(web, person))
        }
        router.post("/assess/:id/claim") { request, context in
            let person = try web.require(request, readers)
            try web.checkCSRF(try await WebState.form(request), request: request, person: person)
            let details = try Self.readable(web, context.parameters.get("id") ?? "", by: person)
            let claim = try web.ledger.claim(
                submissionId: details.submission.id, assessorId: person.account.id, now: web.nowText,
                staleBefore: web.timeText(web.now() - web.configuration.claimLifetime))
            guard claim.assessorId == person.account.id else { return Response.seeOther("/assess?notice=claimed") }
            return Response.seeOther("/assess/\(details.submission.id)")
        }
        router.post("/assess/:id/release") { request, context in
            let person = try web.require(request, readers)
            try web.checkCSRF(try await WebState.form(request), request: request, person: person)
            let details = try Self.readable(web, context.parameters.get("id") ?? "", by: person)
            if try Self.claim(web, details.submission.id)?.assessorId == person.account.id {
                try web.ledger.releaseClaim(submissionId: details.submission.id)
            }
            return Response.seeOther("/assess?notice=released")
        }
        router.get("/assess/:id") { request, context in
            let person = try web.require(request, readers)
            let details = try Self.readable(web, context.parameters.get("id") ?? "", by: person)
            return Pages.html(try Self.reviewPage(web, person, details, showNames: request.uri.queryParameters.get("names") == "shown"))
        }
        router.get("/assess/:id/files/:sha") { request, context in
            let person = try web.require(request, readers)
            let details = try Self.readable(web, context.parameters.get("id") ?? "", by: person, forFiles: true)
            let hex = (context.parameters.get("sha") ?? "").lowercased()
            guard let item = details.evidence.first(where: { $0.sha256 == hex }) else { throw ServerError.notFound() }
            return try web.evidenceFile(hex, name: item.name ?? "evidence", mediaType: item.mediaType)
        }
        router.post("/assess/:id/review") { request, context in
            let person = try web.require(request, readers)
            let fields = try await WebState.form(request)
            try web.checkCSRF(fields, request: request, person: person)
            let details = try Self.readable(web, context.parameters.get("id") ?? "", by: person)
            guard try Self.claim(web, details.submission.id)?.assessorId == person.account.id else {
                throw ServerError(409, "not_claimed", "Claim this submission in the queue before you review it.")
            }
            return try Self.record(web, person, details, fields: fields)
        }
    }

    static func claim(_ web: WebState, _ id: String) throws -> AssignmentRecord? {
        try web.ledger.assignment(submissionId: id)
    }

    /// A submission this assessor may read: waiting for a read, not their own, not reviewed by them already
    /// (or, for files, one they have reviewed). Anything else is 404.
    static func readable(_ web: WebState, _ id: String, by person: SignedIn, forFiles: Bool = false) throws -> SubmissionDetails {
        guard let details = try? web.workspace.submissionDetails(id), details.submission.learner != person.account.email
        else { throw ServerError.notFound("There is no such submission.") }
        let reviewed = details.reviews.contains { $0.review.reviewer == person.account.email }
        let waiting = details.submission.state == .submitted || details.submission.state == .needsThirdRead
        guard (waiting && !reviewed) || (forFiles && reviewed) else {
            throw ServerError.notFound("This submission is not waiting for your read.")
        }
        return details
    }

    static func queue(_ web: WebState, _ person: SignedIn, showNames: Bool, notice: String?) throws -> String {
        let e = WebHTML.escape
        let waiting = try web.ledger.waitingSubmissions()
        let achievements = try web.achievementList()
        var rows = ""
        var count = 0
        for (submission, claim) in waiting where submission.learner != person.account.email {
            let reviews = try web.ledger.reviews(submissionId: submission.id)
            if reviews.contains(where: { $0.review.reviewer == person.account.email }) { continue }
            count += 1
            let name = achievements.first { $0.definition.id == submission.achievementId }?.definition.name ?? submission.achievementId
            let who = showNames ? (submission.learnerName ?? submission.learner) : WebHTML.pseudonym(submission.learner)
            let stale = web.timeText(web.now() - web.configuration.claimLifetime)
            var action: String
            if let claim, claim.assessorId != person.account.id, claim.claimedAt >= stale {
                let other = (try? web.ledger.account(id: claim.assessorId))?.displayName ?? "another assessor"
                action = "Being read by \(e(other))"
            } else if claim?.assessorId == person.account.id {
                action = "<a href=\"/assess/\(e(submission.id))\">Continue your read</a>"
            } else {
                action = "<form method=\"post\" action=\"/assess/\(e(submission.id))/claim\" class=\"inline\">"
                    + WebHTML.csrf(person.csrf) + "<button type=\"submit\">Claim and read</button></form>"
            }
            let reads = reviews.count == 0 ? "first read" : "read \(reviews.count + 1)"
            rows += "<tr><td data-label=\"Sent\">\(e(String(submission.createdAt.prefix(16)).replacingOccurrences(of: "T", with: " ")))</td>"
                + "<td data-label=\"Achievement\">\(e(name))</td><td data-label=\"Learner\">\(e(who))</td>"
                + "<td data-label=\"Attempt\">\(submission.attempt)</td>"
                + "<td data-label=\"Read\">\(e(reads))\(submission.state == .needsThirdRead ? " (readers disagree)" : "")</td>"
                + "<td data-label=\"Action\">\(action)</td></tr>\n"
        }
        var body = "<h1>Work waiting for a read</h1>\n<p>\(count) submission\(count == 1 ? "" : "s"), oldest first. "
            + "Claim one so no one else reads it at the same time.</p>\n"
        body += showNames
            ? "<p><a href=\"/assess\">Hide learners' names</a></p>\n"
            : "<p>Names are hidden so the work is read first. <a href=\"/assess?names=shown\">Show names</a></p>\n"
        body += rows.isEmpty
            ? "<p>Nothing is waiting. Thank you.</p>\n"
            : "<div class=\"table-wrap\"><table class=\"stack\"><thead><tr><th scope=\"col\">Sent</th><th scope=\"col\">Achievement</th>"
                + "<th scope=\"col\">Learner</th><th scope=\"col\">Attempt</th><th scope=\"col\">Read</th>"
                + "<th scope=\"col\">Action</th></tr></thead><tbody>\n\(rows)</tbody></table></div>\n"
        return WebHTML.page(title: "Queue", body: body, person: person, issuerName: web.issuerName, notice: notice)
    }

    static func reviewPage(_ web: WebState, _ person: SignedIn, _ details: SubmissionDetails, showNames: Bool) throws -> String {
        let e = WebHTML.escape
        let submission = details.submission
        let definition = details.achievement
        let claim = try claim(web, submission.id)
        let who = showNames ? (submission.learnerName ?? submission.learner) : WebHTML.pseudonym(submission.learner)
        var body = "<h1>\(e(definition.name)): attempt \(submission.attempt) by \(e(who))</h1>\n<div class=\"beside\">\n"
        body += "<section class=\"work\" aria-labelledby=\"work\"><h2 id=\"work\">The work</h2>\n"
        if let context = submission.context { body += "<h3>Context</h3>\n\(WebHTML.paragraphs(context))\n" }
        for criterion in definition.rubric {
            let items = details.evidence.filter { $0.criterionId == criterion.id }
            body += "<h3>\(e(criterion.name))</h3>\n"
                + (items.isEmpty ? "<p>No evidence for this criterion.</p>" : "<ul>"
                    + items.map { WebHTML.evidenceItem($0) { "/assess/\(submission.id)/files/\($0)" } }.joined() + "</ul>")
                + "\n"
        }
        if let reflection = details.evidence.first(where: { $0.kind == .reflection })?.text {
            body += "<h3>Reflection</h3>\n\(WebHTML.paragraphs(reflection))\n"
        }
        if submission.attempt > 1 { body += earlierFeedback(web, submission) }
        body += "</section>\n<section class=\"review\" aria-labelledby=\"review\"><h2 id=\"review\">Your read</h2>\n"
        guard claim?.assessorId == person.account.id else {
            body += "<p>Claim this submission before you review it.</p><form method=\"post\" action=\"/assess/\(e(submission.id))/claim\">"
                + WebHTML.csrf(person.csrf) + "<button type=\"submit\">Claim and read</button></form></section></div>\n"
            return WebHTML.page(title: "Read: \(definition.name)", body: body, person: person, issuerName: web.issuerName)
        }
        body += "<form method=\"post\" action=\"/assess/\(e(submission.id))/review\">\n\(WebHTML.csrf(person.csrf))\n"
        for (index, criterion) in definition.rubric.enumerated() {
            body += "<fieldset class=\"criterion\"><legend>\(e(criterion.name))</legend>\n"
            if let description = criterion.description { body += "<p class=\"hint\">\(e(description))</p>\n" }
            for (levelIndex, level) in criterion.levels.enumerated() {
                let id = "level-\(index)-\(levelIndex)"
                let needed = level.id == criterion.requiredLevel ? " <em>(needed)</em>" : ""
                body += "<div class=\"choice\"><input type=\"radio\" id=\"\(id)\" name=\"level-\(index)\" value=\"\(e(level.id))\" required>"
                    + " <label class=\"inline\" for=\"\(id)\"><strong>\(e(level.name))</strong>\(needed)"
                    + "\(level.description.map { ": " + e($0) } ?? "")</label></div>\n"
            }
            body += """
                <label for="strengths-\(index)">What went well</label>
                <textarea id="strengths-\(index)" name="strengths-\(index)" rows="3"></textarea>
                <label for="next-\(index)">A next step</label>
                <textarea id="next-\(index)" name="next-\(index)" rows="3"></textarea>
                </fieldset>

                """
        }
        body += """
            <label for="overall">Overall words for the learner</label>
            <textarea id="overall" name="overall" rows="4"></textarea>
            <label for="public">A public note for the badge (optional; it goes into the credential)</label>
            <textarea id="public" name="public" rows="2"></textarea>
            <p class="hint">The decision follows the rubric: the badge is earned when every criterion reaches its needed level.</p>
            <button type="submit" id="record">Record the review</button>
            </form>
            <form method="post" action="/assess/\(e(submission.id))/release">\(WebHTML.csrf(person.csrf))
            <button type="submit" class="secondary">Give it back to the queue</button></form>
            </section>
            </div>

            """
        return WebHTML.page(title: "Read: \(definition.name)", body: body, person: person, issuerName: web.issuerName)
    }

    /// The next steps the learner was given last time, so the reader sees what was asked.
    static func earlierFeedback(_ web: WebState, _ submission: SubmissionRecord) -> String {
        guard let history = try? web.workspace.attemptHistory(of: submission),
            let previous = history.last(where: { $0.submission.attempt == submission.attempt - 1 })
        else { return "" }
        var out = "<h3>Asked last time</h3>\n<ul>"
        for criterion in previous.achievement.rubric {
            for review in previous.reviews {
                if let next = review.score(criterion.id)?.nextSteps, !next.isEmpty {
                    out += "<li>\(WebHTML.escape(criterion.name)): \(WebHTML.escape(next))</li>"
                }
            }
        }
        return out + "</ul>\n"
    }

    static func record(_ web: WebState, _ person: SignedIn, _ details: SubmissionDetails, fields: [String: String]) throws -> Response {
        let definition = details.achievement
        var levels: [(criterion: String, level: String)] = []
        var strengths: [(criterion: String, text: String)] = []
        var next: [(criterion: String, text: String)] = []
        var missing: [String] = []
        for (index, criterion) in definition.rubric.enumerated() {
            guard let level = fields["level-\(index)"], !level.isEmpty else {
                missing.append(criterion.name)
                continue
            }
            levels.append((criterion.id, level))
            if let text = fields["strengths-\(index)"]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                strengths.append((criterion.id, text))
            }
            if let text = fields["next-\(index)"]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
                next.append((criterion.id, text))
            }
        }
        guard missing.isEmpty else {
            throw ServerError(422, "missing_level", "Give every criterion a level; missing: \(missing.joined(separator: ", ")).")
        }
        let overall = fields["overall"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        let publicNote = fields["public"]?.trimmingCharacters(in: .whitespacesAndNewlines)
        let outcome: ReviewOutcome
        do {
            outcome = try web.workspace.review(
                ReviewInput(
                    submissionId: details.submission.id, reviewer: person.account.email, levels: levels,
                    feedback: strengths, nextSteps: next, overall: overall?.isEmpty == false ? overall : nil,
                    publicNarrative: publicNote?.isEmpty == false ? publicNote : nil),
                now: web.nowText)
        } catch {
            throw ServerError(422, "review", error.description)
        }
        try web.ledger.releaseClaim(submissionId: details.submission.id)
        switch outcome.submission.state {
        case .earned:
            let awarded: AwardOutcome
            do {
                awarded = try web.workspace.award(details.submission.id, outputPath: nil, now: web.nowText)
            } catch {
                throw ServerError(500, "award", "The review is recorded, but the badge could not be issued: \(error.description)")
            }
            Notifications.decided(
                web, submission: outcome.submission, achievement: definition, earned: true,
                credentialID: awarded.credential.credentialID)
        case .notYet:
            Notifications.decided(web, submission: outcome.submission, achievement: definition, earned: false)
        case .submitted, .needsThirdRead:
            Notifications.workWaits(web)
        }
        return Response.seeOther("/assess?notice=recorded")
    }

    static func history(_ web: WebState, _ person: SignedIn) throws -> String {
        let e = WebHTML.escape
        let reviews = try web.ledger.reviews(reviewer: person.account.email)
        var rows = ""
        for review in reviews {
            guard let details = try? web.workspace.submissionDetails(review.submissionId) else { continue }
            rows += "<tr><td>\(e(String(review.createdAt.prefix(10))))</td><td>\(e(details.achievement.name))</td>"
                + "<td>\(e(WebHTML.pseudonym(details.submission.learner)))</td><td>\(details.submission.attempt)</td>"
                + "<td>\(e(WebHTML.stateText(details.submission.state)))</td></tr>\n"
        }
        let body = "<h1>Your reviews</h1>\n" + (rows.isEmpty ? "<p>None yet.</p>" :
            "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Achievement</th>"
            + "<th scope=\"col\">Learner</th><th scope=\"col\">Attempt</th><th scope=\"col\">Now</th></tr></thead>"
            + "<tbody>\n\(rows)</tbody></table></div>\n")
        return WebHTML.page(title: "Your reviews", body: body, person: person, issuerName: web.issuerName)
    }
}

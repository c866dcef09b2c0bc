import BadgeIssuer
import BadgeStore
import Foundation
import FormData
import HTTPTypes
import Hummingbird
import NIOCore

extension WebState {
    /// The workspace's achievements by the stem of their file name (the part of their page's address).
    func achievementList() throws -> [(stem: String, definition: AchievementDefinition)] {
        do {
            return try workspace.achievements().map { (IssuerRoutes.stem(of: $0.file), $0.definition) }
                .sorted { $0.definition.name < $1.definition.name }
        } catch {
            throw ServerError(500, "achievements", "The achievements could not be read: \(error.description)")
        }
    }

    func achievement(stem: String) throws -> AchievementDefinition {
        guard IssuerRoutes.isSafeSegment(stem), let found = try achievementList().first(where: { $0.stem == stem }) else {
            throw ServerError.notFound("There is no such achievement.")
        }
        return found.definition
    }

    func stem(ofAchievement id: String) -> String? {
        (try? achievementList())?.first { $0.definition.id == id }?.stem
    }

    /// A submission that belongs to `person` (a learner), or 404: another learner's work is never said to exist.
    func ownSubmission(_ id: String, of person: SignedIn) throws -> SubmissionDetails {
        guard let details = try? workspace.submissionDetails(id), details.submission.learner == person.account.email
        else { throw ServerError.notFound("There is no such submission.") }
        return details
    }

    /// A stored evidence file as a download.
    func evidenceFile(_ hex: String, name: String, mediaType: String?) throws -> Response {
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }),
            let data = FileManager.default.contents(atPath: workspace.evidencePath(sha256: hex))
        else { throw ServerError.notFound("There is no such file.") }
        var response = Pages.bytes(ByteBuffer(bytes: data), contentType: mediaType ?? "application/octet-stream")
        let ascii = String(name.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 }.map(Character.init))
        response.headers[.contentDisposition] = "attachment; filename=\"\(ascii.isEmpty ? "evidence" : ascii)\""
        return response
    }
}

/// The learner's pages: home, achievements with their rubric, the submission form (drafts), submissions with
/// feedback, their files and credentials.
struct LearnerRoutes: Sendable {
    let web: WebState

    func register(on router: Router<BasicRequestContext>) {
        let web = self.web
        router.get("/learn") { request, _ in
            let person = try web.require(request, [.learner])
            return Pages.html(try Self.home(web, person, notice: Self.notice(request)))
        }
        router.get("/learn/achievements/:stem") { request, context in
            let person = try web.require(request, [.learner])
            let definition = try web.achievement(stem: context.parameters.get("stem") ?? "")
            return Pages.html(try Self.achievementPage(web, person, definition, stem: context.parameters.get("stem") ?? ""))
        }
        router.get("/learn/achievements/:stem/submit") { request, context in
            let person = try web.require(request, [.learner])
            let stem = context.parameters.get("stem") ?? ""
            let definition = try web.achievement(stem: stem)
            let draft = try Self.currentDraft(web, person, definition)
            return Pages.html(try Self.formPage(web, person, definition, stem: stem, draft: draft, message: Self.notice(request)))
        }
        router.post("/learn/achievements/:stem/submit") { request, context in
            let person = try web.require(request, [.learner])
            let stem = context.parameters.get("stem") ?? ""
            let definition = try web.achievement(stem: stem)
            let parts = try await WebState.multipart(request, limit: web.configuration.maxFormBytes)
            let fields = WebState.fields(parts)
            try web.checkCSRF(fields, request: request, person: person)
            return try Self.save(web, person, definition, stem: stem, parts: parts, fields: fields)
        }
        router.get("/learn/submissions/:id") { request, context in
            let person = try web.require(request, [.learner])
            let details = try web.ownSubmission(context.parameters.get("id") ?? "", of: person)
            return Pages.html(try Self.submissionPage(web, person, details, notice: Self.notice(request)))
        }
        router.get("/learn/files/:sha") { request, context in
            let person = try web.require(request, [.learner])
            let hex = (context.parameters.get("sha") ?? "").lowercased()
            // Only a file in one of this learner's submissions or drafts.
            let submissions = try web.ledger.submissions(learner: person.account.email)
            for submission in submissions {
                if let item = try web.ledger.evidence(submissionId: submission.id).first(where: { $0.sha256 == hex }) {
                    return try web.evidenceFile(hex, name: item.name ?? "evidence", mediaType: item.mediaType)
                }
            }
            for record in try web.ledger.drafts(accountId: person.account.id) {
                if let draft = Draft.from(json: record.body),
                    let file = draft.criteria.values.flatMap(\.files).first(where: { $0.sha256 == hex })
                {
                    return try web.evidenceFile(hex, name: file.name, mediaType: file.mediaType)
                }
            }
            throw ServerError.notFound("There is no such file.")
        }
        router.get("/learn/record.json") { request, _ in
            let person = try web.require(request, [.learner])
            let issued: IssuedClr
            do {
                issued = try web.workspace.issueClr(
                    ClrRequest(learner: try Recipient(person.account.email)), outputPath: "-", now: web.nowText)
            } catch {
                throw ServerError(404, "no_record", "There is no learner record yet: \(error)")
            }
            var response = Pages.bytes(ByteBuffer(bytes: issued.signed.bytes), contentType: "application/vc+ld+json")
            response.headers[.contentDisposition] = "attachment; filename=\"learner-record.json\""
            return response
        }
        router.get("/learn/credentials/:id") { request, context in
            let person = try web.require(request, [.learner])
            let id = context.parameters.get("id") ?? ""
            guard try web.ledger.awards(learner: person.account.email).contains(where: { $0.credentialId == id }) else {
                throw ServerError.notFound("There is no such credential.")
            }
            let credential = try web.awardedCredential(id)
            var response = Pages.bytes(ByteBuffer(string: credential.text), contentType: "application/vc+ld+json")
            response.headers[.contentDisposition] = "attachment; filename=\"badge.json\""
            return response
        }
    }

    static func notice(_ request: Request) -> String? {
        switch request.uri.queryParameters.get("notice") {
        case "saved": "Your draft is saved. Submit it when you are ready."
        case "submitted": "Submitted. Assessors will read it against the rubric; we will write to you when the feedback is ready."
        case "claimed": "Another assessor is reading that submission."
        case "recorded": "Your review is recorded. Thank you."
        case "released": "The submission is back in the queue."
        default: nil
        }
    }

    // MARK: Pages

    static func home(_ web: WebState, _ person: SignedIn, notice: String?) throws -> String {
        let progress = try web.workspace.progress(learner: person.account.email)
        let achievements = try web.achievementList()
        let drafts = try web.ledger.drafts(accountId: person.account.id)
        func link(_ id: String, _ name: String) -> String {
            guard let stem = web.stem(ofAchievement: id) else { return WebHTML.escape(name) }
            return "<a href=\"/learn/achievements/\(WebHTML.escape(stem))\">\(WebHTML.escape(name))</a>"
        }
        var body = "<h1>Your learning</h1>\n"
        var work = ""
        for line in progress.notYet {
            work += "<li>\(link(line.achievement.id, line.achievement.name)): <strong>not yet</strong> (attempt "
                + "\(line.latest.attempt)). <a href=\"/learn/submissions/\(WebHTML.escape(line.latest.id))\">Read the feedback</a></li>\n"
        }
        for line in progress.inProgress {
            work += "<li>\(link(line.achievement.id, line.achievement.name)): <strong>\(WebHTML.stateText(line.latest.state))</strong> "
                + "(attempt \(line.latest.attempt), sent \(WebHTML.escape(String(line.latest.createdAt.prefix(10)))))</li>\n"
        }
        for line in progress.earned {
            work += "<li>\(link(line.achievement.id, line.achievement.name)): <strong>earned</strong>"
                + " after \(line.attempts) attempt\(line.attempts == 1 ? "" : "s"). "
                + "<a href=\"/learn/submissions/\(WebHTML.escape(line.latest.id))\">Your badge</a></li>\n"
        }
        for draft in drafts {
            let name = achievements.first { $0.definition.id == draft.achievementId }?.definition.name ?? draft.achievementId
            work += "<li>\(link(draft.achievementId, name)): <strong>draft</strong>, saved "
                + "\(WebHTML.escape(String(draft.updatedAt.prefix(10))))</li>\n"
        }
        if !progress.earned.isEmpty {
            body += "<p><a id=\"record\" href=\"/learn/record.json\">Download all your badges as one learner record</a>"
                + " (CLR 2.0, signed by \(WebHTML.escape(web.issuerName)))</p>\n"
        }
        body += "<section aria-labelledby=\"work\"><h2 id=\"work\">Your work</h2>\n"
            + (work.isEmpty ? "<p>Nothing yet. Choose an achievement below and read its rubric to start.</p>\n" : "<ul>\n\(work)</ul>\n")
            + "</section>\n"
        if !progress.programs.isEmpty {
            body += "<section aria-labelledby=\"programs\"><h2 id=\"programs\">Programs</h2>\n"
            for line in progress.programs {
                let program = line.program.program
                body += "<h3>\(WebHTML.escape(program.name))</h3>\n<p>\(WebHTML.escape(program.description))</p>\n"
                    + "<p><strong>\(line.earned.count) of \(program.requiredCount)</strong> badges needed are earned"
                    + (line.credentialId != nil ? "; the program is complete." : ".")
                    + (program.targetDate.map { " Suggested target date: \(WebHTML.escape($0)) (advice only)." } ?? "")
                    + "</p>\n<ul>"
                for id in line.program.achievementIds {
                    let name = achievements.first { $0.definition.id == id }?.definition.name ?? id
                    body += "<li>\(link(id, name))\(line.earned.contains(id) ? " ✓ earned" : "")</li>"
                }
                body += "</ul>\n"
            }
            body += "</section>\n"
        }
        body += "<section aria-labelledby=\"all\"><h2 id=\"all\">Achievements</h2>\n<ul>\n"
        for (stem, definition) in achievements where !definition.rubric.isEmpty {
            body += "<li><a href=\"/learn/achievements/\(WebHTML.escape(stem))\">\(WebHTML.escape(definition.name))</a>: "
                + "\(WebHTML.escape(definition.description))</li>\n"
        }
        body += "</ul>\n</section>\n"
        return WebHTML.page(title: "Your learning", body: body, person: person, issuerName: web.issuerName, notice: notice)
    }

    static func achievementPage(
        _ web: WebState, _ person: SignedIn, _ definition: AchievementDefinition, stem: String
    ) throws -> String {
        let attempts = try web.ledger.submissions(learner: person.account.email, achievementId: definition.id)
        let draft = try web.ledger.draft(accountId: person.account.id, achievementId: definition.id)
        var body = "<h1>\(WebHTML.escape(definition.name))</h1>\n<p>\(WebHTML.escape(definition.description))</p>\n"
        if let narrative = definition.criteriaNarrative {
            body += "<h2>What it takes</h2>\n\(WebHTML.paragraphs(narrative))\n"
        }
        body += "<h2>How your work is read</h2>\n<p>Assessors give each criterion a level. You earn the badge when every "
            + "criterion reaches the level marked “needed”. If it does not yet, you get feedback and can submit again, "
            + "as often as you need; there is no deadline.</p>\n" + WebHTML.rubric(definition)
        let base = "/learn/achievements/\(WebHTML.escape(stem))/submit"
        body += "<h2>Your work</h2>\n"
        if let latest = attempts.last {
            body += "<p>Attempt \(latest.attempt): <strong>\(WebHTML.stateText(latest.state))</strong>. "
                + "<a href=\"/learn/submissions/\(WebHTML.escape(latest.id))\">See it</a>.</p>\n"
            if latest.state == .notYet {
                body += "<p><a class=\"button\" href=\"\(base)\">\(draft == nil ? "Start attempt \(latest.attempt + 1)" : "Continue your draft")</a>"
                    + " (it starts from your last attempt; change what you choose)</p>\n"
            }
        } else if definition.rubric.isEmpty {
            body += "<p>This badge is not earned by a submission here.</p>\n"
        } else {
            body += "<p><a class=\"button\" href=\"\(base)\">\(draft == nil ? "Start a submission" : "Continue your draft")</a></p>\n"
        }
        return WebHTML.page(title: definition.name, body: body, person: person, issuerName: web.issuerName)
    }

    /// The saved draft, or a new one carried forward from the latest attempt, or an empty one. Refused when the
    /// achievement is earned or the latest attempt is still with assessors.
    static func currentDraft(_ web: WebState, _ person: SignedIn, _ definition: AchievementDefinition) throws -> Draft {
        guard !definition.rubric.isEmpty else { throw ServerError.notFound("This badge is not earned by a submission here.") }
        let attempts = try web.ledger.submissions(learner: person.account.email, achievementId: definition.id)
        if let latest = attempts.last, latest.state != .notYet {
            throw ServerError(
                409, "not_open",
                latest.state == .earned
                    ? "You have earned this badge already."
                    : "Your attempt \(latest.attempt) is with assessors; you can submit again once its feedback is ready.")
        }
        if let saved = try web.ledger.draft(accountId: person.account.id, achievementId: definition.id),
            let draft = Draft.from(json: saved.body)
        {
            return draft
        }
        if let latest = attempts.last {
            return Draft.carried(from: latest, evidence: try web.ledger.evidence(submissionId: latest.id))
        }
        return Draft(name: person.account.name ?? "")
    }

    static func formPage(
        _ web: WebState, _ person: SignedIn, _ definition: AchievementDefinition, stem: String, draft: Draft,
        message: String?, error: String? = nil
    ) throws -> String {
        let e = WebHTML.escape
        var body = "<h1>\(e(definition.name)): your submission</h1>\n"
        if let error { body += "<p class=\"error\" role=\"alert\">\(e(error))</p>\n" }
        if draft.startedFrom != nil {
            body += "<p>This attempt starts from your previous one: everything it had is here. Change what you choose.</p>\n"
        }
        body += """
            <form method="post" action="/learn/achievements/\(e(stem))/submit" enctype="multipart/form-data">
            \(WebHTML.csrf(person.csrf))
            <fieldset><legend>1. Context</legend>
            <label for="name">Your name as it should appear on the badge</label>
            <input type="text" id="name" name="name" value="\(e(draft.name))" autocomplete="name">
            <label for="context">The setting of your work: where, when, with whom</label>
            <textarea id="context" name="context" rows="4">\(e(draft.context))</textarea>
            </fieldset>
            <fieldset><legend>2. Evidence for each criterion</legend>

            """
        for (index, criterion) in definition.rubric.enumerated() {
            let part = draft.part(criterion.id)
            let needed = criterion.required?.name ?? criterion.requiredLevel
            body += "<section class=\"criterion\" aria-labelledby=\"criterion-\(index)\">\n"
                + "<h2 id=\"criterion-\(index)\">\(e(criterion.name))</h2>\n"
                + "<p class=\"hint\">Level needed: \(e(needed)).\(criterion.description.map { " " + e($0) } ?? "")</p>\n"
            if !part.files.isEmpty {
                body += "<fieldset><legend>Files kept (untick to remove)</legend>\n"
                for (fileIndex, file) in part.files.enumerated() {
                    body += "<div><input type=\"checkbox\" id=\"keep-\(index)-\(fileIndex)\" name=\"keep-\(index)\" "
                        + "value=\"\(e(file.sha256))\" checked> <label class=\"inline\" for=\"keep-\(index)-\(fileIndex)\">"
                        + "<a href=\"/learn/files/\(e(file.sha256))\">\(e(file.name))</a></label></div>\n"
                }
                body += "</fieldset>\n"
            }
            body += """
                <label for="file-\(index)">Add a file</label>
                <input type="file" id="file-\(index)" name="file-\(index)" accept="\(Uploads.accepted)">
                <label for="links-\(index)">Links (one per line)</label>
                <textarea id="links-\(index)" name="links-\(index)" rows="2">\(e(part.links.joined(separator: "\n")))</textarea>
                <label for="narrative-\(index)">In your words: how this work meets the criterion</label>
                <textarea id="narrative-\(index)" name="narrative-\(index)" rows="4">\(e(part.narrative))</textarea>
                </section>

                """
        }
        body += """
            </fieldset>
            <fieldset><legend>3. Reflection</legend>
            <label for="reflection">What you learned, and what you would do differently</label>
            <textarea id="reflection" name="reflection" rows="5">\(e(draft.reflection))</textarea>
            </fieldset>
            <p class="hint">Files up to \(Uploads.size(web.configuration.maxUploadBytes)) each: documents, images, audio or video.</p>
            <button type="submit" name="action" value="save" id="save">Save draft</button>
            <button type="submit" name="action" value="submit" id="submit">Submit for review</button>
            </form>
            <p><a href="/learn/achievements/\(e(stem))">Back to the rubric</a></p>
            """
        return WebHTML.page(
            title: "Submit: \(definition.name)", body: body, person: person, issuerName: web.issuerName, notice: message)
    }

    /// Applies the form to the draft (checking every upload first: a refused file stores nothing), saves it, and
    /// submits it when asked.
    static func save(
        _ web: WebState, _ person: SignedIn, _ definition: AchievementDefinition, stem: String,
        parts: [FormPart], fields: [String: String]
    ) throws -> Response {
        var draft = try currentDraft(web, person, definition)
        draft.name = String((fields["name"] ?? "").prefix(200)).trimmingCharacters(in: .whitespacesAndNewlines)
        draft.context = (fields["context"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        draft.reflection = (fields["reflection"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        // Check every upload before storing any.
        var uploads: [(criterion: String, file: Draft.File, bytes: [UInt8])] = []
        for (index, criterion) in definition.rubric.enumerated() {
            for part in parts where part.name == "file-\(index)" {
                guard let raw = part.fileName, !raw.isEmpty, !part.body.isEmpty else { continue }
                let name = Uploads.cleanName(raw)
                guard part.body.count <= web.configuration.maxUploadBytes else {
                    throw ServerError(
                        413, "too_large",
                        "'\(name)' is larger than \(Uploads.size(web.configuration.maxUploadBytes)), so nothing "
                            + "was saved. Upload a smaller file, or give a link to it instead.")
                }
                let type = try Uploads.mediaType(name: name, bytes: part.body)
                uploads.append((criterion.id, Draft.File(name: name, sha256: "", mediaType: type), part.body))
            }
        }
        var problems: [String] = []
        for (index, criterion) in definition.rubric.enumerated() {
            var part = draft.part(criterion.id)
            let kept = Set(parts.filter { $0.name == "keep-\(index)" }.map { String(decoding: $0.body, as: UTF8.self) })
            part.files.removeAll { !kept.contains($0.sha256) }
            part.narrative = (fields["narrative-\(index)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            part.links = (fields["links-\(index)"] ?? "").split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for link in part.links where !(link.hasPrefix("https://") || link.hasPrefix("http://")) || link.utf8.count > 2000 {
                problems.append("“\(link.prefix(80))” under \(criterion.name) is not a web address (https://…).")
            }
            draft.criteria[criterion.id] = part
        }
        for upload in uploads {
            let hex: String
            do {
                hex = try web.workspace.storeEvidence(upload.bytes)
            } catch {
                throw ServerError(500, "storage", "The file could not be stored: \(error.description)")
            }
            var file = upload.file
            file.sha256 = hex
            var part = draft.part(upload.criterion)
            if !part.files.contains(where: { $0.sha256 == hex }) { part.files.append(file) }
            draft.criteria[upload.criterion] = part
        }
        draft.criteria = draft.criteria.filter { !$0.value.isEmpty }
        try web.ledger.saveDraft(DraftRecord(
            accountId: person.account.id, achievementId: definition.id, body: draft.json, updatedAt: web.nowText))
        if !problems.isEmpty {
            return Pages.html(
                try formPage(web, person, definition, stem: stem, draft: draft, message: nil, error: problems.joined(separator: " ")),
                status: .unprocessableContent)
        }
        guard fields["action"] == "submit" else {
            return Response.seeOther("/learn/achievements/\(stem)/submit?notice=saved")
        }
        let missing = definition.rubric.filter { draft.part($0.id).isEmpty }.map(\.name)
        guard missing.isEmpty else {
            let error = "Your draft is saved, but every criterion needs evidence before you submit. Still empty: "
                + missing.joined(separator: ", ") + "."
            return Pages.html(
                try formPage(web, person, definition, stem: stem, draft: draft, message: nil, error: error),
                status: .unprocessableContent)
        }
        let input = SubmissionInput(
            achievement: definition, learner: person.account.email, learnerName: draft.name.isEmpty ? nil : draft.name,
            reflection: nil, context: draft.context.isEmpty ? nil : draft.context,
            kept: draft.evidence(for: definition), carryForward: false)
        let submission: SubmissionRecord
        do {
            submission = try web.workspace.submit(input, now: web.nowText)
        } catch {
            return Pages.html(
                try formPage(web, person, definition, stem: stem, draft: draft, message: nil, error: error.description),
                status: .unprocessableContent)
        }
        try web.ledger.deleteDraft(accountId: person.account.id, achievementId: definition.id)
        Notifications.workWaits(web)
        return Response.seeOther("/learn/submissions/\(submission.id)?notice=submitted")
    }

    static func submissionPage(_ web: WebState, _ person: SignedIn, _ details: SubmissionDetails, notice: String?) throws -> String {
        let e = WebHTML.escape
        let submission = details.submission
        let definition = details.achievement
        var body = "<h1>\(e(definition.name)): attempt \(submission.attempt)</h1>\n"
            + "<p class=\"state state-\(e(submission.state.rawValue))\">Status: <strong id=\"status\">"
            + "\(WebHTML.stateText(submission.state, waitingForReader: details.decision.awaitedReader != nil && details.decision.reviewCount > 0))</strong></p>\n"
        let final = submission.state == .notYet || submission.state == .earned
        if final {
            body += "<section aria-labelledby=\"feedback\"><h2 id=\"feedback\">Feedback</h2>\n"
            for criterion in definition.rubric {
                let outcome = details.decision.outcome(criterion.id)
                let level = outcome?.levelId.flatMap { id in criterion.levels.first { $0.id == id }?.name } ?? "—"
                let needed = criterion.required?.name ?? criterion.requiredLevel
                body += "<article class=\"feedback\"><h3>\(e(criterion.name))</h3>\n"
                    + "<p>Level: <strong>\(e(level))</strong> (needed: \(e(needed))) — "
                    + (outcome?.met == true ? "met" : "not yet") + "</p>\n"
                for (number, review) in details.reviews.enumerated() {
                    guard let score = review.score(criterion.id) else { continue }
                    let who = details.reviews.count > 1 ? "Assessor \(number + 1): " : ""
                    if let strengths = score.strengths, !strengths.isEmpty {
                        body += "<p><strong>\(who)What went well:</strong> \(e(strengths))</p>\n"
                    }
                    if let next = score.nextSteps, !next.isEmpty {
                        body += "<p><strong>\(who)Next step:</strong> \(e(next))</p>\n"
                    }
                }
                body += "</article>\n"
            }
            for review in details.reviews {
                if let overall = review.review.overallFeedback, !overall.isEmpty {
                    body += "<p><strong>Overall:</strong> \(e(overall))</p>\n"
                }
            }
            body += "</section>\n"
        } else {
            body += "<p>Assessors read it against the rubric. We will write to you when the feedback is ready.</p>\n"
        }
        if submission.state == .notYet, let stem = web.stem(ofAchievement: definition.id) {
            body += "<p><a class=\"button\" id=\"resubmit\" href=\"/learn/achievements/\(e(stem))/submit\">Start your next attempt</a>"
                + " (it starts from this one: change what you choose)</p>\n"
        }
        if let award = details.award {
            body += "<section aria-labelledby=\"badge\"><h2 id=\"badge\">Your badge</h2>\n<p>You earned it. "
                + "<a id=\"claim\" href=\"/learn/credentials/\(e(ClaimRoutes.segment(award.credentialId)))/claim\">"
                + "Take your badge</a> (image, credential, LinkedIn) · "
                + "<a id=\"download\" href=\"/learn/credentials/\(e(award.credentialId))\">Download the credential (JSON)</a> · "
                + "<a href=\"/verify?id=\(e(award.credentialId.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))\">"
                + "Its verification page</a></p>\n</section>\n"
        }
        body += "<section aria-labelledby=\"sent\"><h2 id=\"sent\">What you sent</h2>\n"
        if let context = submission.context { body += "<h3>Context</h3>\n\(WebHTML.paragraphs(context))\n" }
        for criterion in definition.rubric {
            let items = details.evidence.filter { $0.criterionId == criterion.id }
            guard !items.isEmpty else { continue }
            body += "<h3>\(e(criterion.name))</h3>\n<ul>"
                + items.map { WebHTML.evidenceItem($0) { "/learn/files/\($0)" } }.joined() + "</ul>\n"
        }
        if let reflection = details.evidence.first(where: { $0.kind == .reflection })?.text {
            body += "<h3>Reflection</h3>\n\(WebHTML.paragraphs(reflection))\n"
        }
        body += "</section>\n"
        return WebHTML.page(
            title: "\(definition.name): attempt \(submission.attempt)", body: body, person: person,
            issuerName: web.issuerName, notice: notice)
    }
}

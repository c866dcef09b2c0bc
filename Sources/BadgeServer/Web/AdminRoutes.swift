import BadgeIssuer
import BadgeStore
import Foundation
import FormData
import Hummingbird
import LinkedData

/// The staff's pages: the queue's health, people and invitations, achievements and rubrics, programs, awards and
/// revocation. They edit the same files and ledger the CLI does.
struct AdminRoutes: Sendable {
    let web: WebState

    func register(on router: Router<BasicRequestContext>) {
        let web = self.web
        let staff: Set<AccountRole> = [.admin]
        router.get("/admin") { request, _ in
            let person = try web.require(request, staff)
            return Pages.html(try Self.overview(web, person))
        }
        router.get("/admin/people") { request, _ in
            let person = try web.require(request, staff)
            return Pages.html(try Self.people(web, person, notice: request.uri.queryParameters.get("notice")))
        }
        router.post("/admin/people") { request, _ in
            let person = try web.require(request, staff)
            let fields = try await WebState.form(request)
            try web.checkCSRF(fields, request: request, person: person)
            let role = AccountRole(rawValue: fields["role"] ?? "") ?? .learner
            let added: (account: AccountRecord, created: Bool)
            do {
                added = try web.ledger.upsertAccount(
                    email: (fields["email"] ?? "").trimmingCharacters(in: .whitespaces), name: fields["name"], role: role,
                    now: web.nowText)
            } catch {
                throw ServerError(422, "account", "\(error)")
            }
            var notice = "\(added.account.email) \(added.created ? "added" : "updated") as \(role.rawValue)."
            if fields["invite"] == "yes" {
                notice += try Notifications.invite(web, added.account) ? " Invitation sent." : " The invitation could not be sent."
            }
            return Response.seeOther("/admin/people?notice=" + (notice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        router.post("/admin/people/invite") { request, _ in
            let person = try web.require(request, staff)
            let parts = try await WebState.multipart(request, limit: 2 * 1024 * 1024)
            let fields = WebState.fields(parts)
            try web.checkCSRF(fields, request: request, person: person)
            guard let file = parts.first(where: { $0.name == "csv" && $0.fileName != nil }), !file.body.isEmpty else {
                throw ServerError(400, "empty", "Choose a CSV file with an email column (and optionally name and role).")
            }
            let role = AccountRole(rawValue: fields["role"] ?? "") ?? .learner
            let invited = try Self.invite(web, csv: file.body, fileName: Uploads.cleanName(file.fileName ?? "people.csv"), role: role)
            var sent = 0
            for account in invited where try Notifications.invite(web, account) { sent += 1 }
            let notice = "\(invited.count) people from the file; \(sent) invitation\(sent == 1 ? "" : "s") sent."
            return Response.seeOther("/admin/people?notice=" + (notice.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
        }
        router.get("/admin/achievements") { request, _ in
            let person = try web.require(request, staff)
            return Pages.html(try Self.achievements(web, person))
        }
        router.post("/admin/achievements") { request, _ in
            let person = try web.require(request, staff)
            let fields = try await WebState.form(request)
            try web.checkCSRF(fields, request: request, person: person)
            let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw ServerError(422, "name", "Give the new achievement a name.") }
            let stem = Workspace.slug(name)
            let definition = AchievementDefinition(
                id: web.workspace.config.baseURL + "/achievements/" + stem, name: name,
                description: (fields["description"] ?? "").isEmpty ? name : fields["description"] ?? name,
                rubric: [AchievementDefinition.Criterion(
                    id: "evidence", name: "Evidence of the skill",
                    levels: [.init(id: "beginning", name: "Beginning"), .init(id: "proficient", name: "Proficient")],
                    requiredLevel: "proficient")])
            do {
                _ = try web.workspace.saveAchievement(definition, fileName: stem)
            } catch {
                throw ServerError(409, "exists", "\(error)")
            }
            return Response.seeOther("/admin/achievements/\(stem)/edit")
        }
        router.get("/admin/achievements/:stem/edit") { request, context in
            let person = try web.require(request, staff)
            let stem = context.parameters.get("stem") ?? ""
            let (definition, _) = try Self.rawAchievement(web, stem)
            return Pages.html(Self.editor(web, person, definition, stem: stem, notice: request.uri.queryParameters.get("notice")))
        }
        router.post("/admin/achievements/:stem/edit") { request, context in
            let person = try web.require(request, staff)
            let fields = try await WebState.form(request)
            try web.checkCSRF(fields, request: request, person: person)
            let stem = context.parameters.get("stem") ?? ""
            let (definition, file) = try Self.rawAchievement(web, stem)
            let edited = try Self.edited(definition, fields: fields, file: file)
            do {
                _ = try web.workspace.saveAchievement(edited, fileName: stem, replace: true)
            } catch {
                throw ServerError(500, "save", "\(error)")
            }
            return Response.seeOther("/admin/achievements/\(stem)/edit?notice=Saved.")
        }
        router.get("/admin/programs") { request, _ in
            let person = try web.require(request, staff)
            return Pages.html(try Self.programs(web, person, notice: request.uri.queryParameters.get("notice")))
        }
        router.post("/admin/programs") { request, _ in
            let person = try web.require(request, staff)
            let body = try await WebState.body(request, limit: 64 * 1024)
            let fields = RepeatedFormFields(body)
            try web.checkCSRF(fields.single, request: request, person: person)
            let chosen = fields.all("achievement")
            let input = ProgramInput(
                name: fields.single["name"] ?? "", description: fields.single["description"] ?? "", achievements: chosen,
                requiredCount: Int(fields.single["required"] ?? ""),
                targetDate: (fields.single["target"] ?? "").isEmpty ? nil : fields.single["target"])
            do {
                _ = try web.workspace.createProgram(input, now: web.nowText)
            } catch {
                throw ServerError(422, "program", "\(error)")
            }
            return Response.seeOther("/admin/programs?notice=Program%20created.")
        }
        router.get("/admin/awards") { request, _ in
            let person = try web.require(request, staff)
            return Pages.html(try Self.awards(web, person, notice: request.uri.queryParameters.get("notice")))
        }
        router.post("/admin/awards/revoke") { request, _ in
            let person = try web.require(request, staff)
            let fields = try await WebState.form(request)
            try web.checkCSRF(fields, request: request, person: person)
            let id = fields["credential"] ?? ""
            let reason = (fields["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard try web.ledger.allAwards().contains(where: { $0.credentialId == id }) else {
                throw ServerError.notFound("There is no such award.")
            }
            do {
                try web.workspace.changeStatus(.revoke, credentialID: id, reason: reason.isEmpty ? nil : reason, now: web.nowText)
            } catch {
                throw ServerError(409, "revoke", "\(error)")
            }
            return Response.seeOther("/admin/awards?notice=Revoked.")
        }
    }

    /// People from a CSV with a header naming `email` and optionally `name` and `role`; every row is checked
    /// before any account is added.
    static func invite(_ web: WebState, csv: [UInt8], fileName: String, role: AccountRole) throws -> [AccountRecord] {
        do {
            return try web.workspace.inviteAccounts(csv: csv, fileName: fileName, defaultRole: role, now: web.nowText)
                .map(\.account)
        } catch {
            throw ServerError(422, "csv", "\(error)")
        }
    }

    // MARK: Pages

    static func overview(_ web: WebState, _ person: SignedIn) throws -> String {
        let submissions = try web.ledger.allSubmissions()
        let waiting = try web.ledger.waitingSubmissions()
        let firstReviews = try web.ledger.firstReviewTimes()
        var hours: [Double] = []
        let parse = ISO8601DateFormatter()
        for submission in submissions {
            guard let reviewed = firstReviews[submission.id], let start = parse.date(from: submission.createdAt),
                let end = parse.date(from: reviewed)
            else { continue }
            hours.append(end.timeIntervalSince(start) / 3600)
        }
        hours.sort()
        let median = hours.isEmpty ? nil : hours.count % 2 == 1
            ? hours[hours.count / 2] : (hours[hours.count / 2 - 1] + hours[hours.count / 2]) / 2
        let earned = submissions.filter { $0.state == .earned }
        let attemptsPerEarned = earned.isEmpty ? nil : Double(earned.map(\.attempt).reduce(0, +)) / Double(earned.count)
        let oldest = waiting.first.map { String($0.submission.createdAt.prefix(10)) }
        let body = """
            <h1>Overview</h1>
            <h2>The queue's health</h2>
            <dl class="stats">
            <dt>Waiting for a read</dt><dd id="waiting">\(waiting.count)\(oldest.map { " (oldest from \($0))" } ?? "")</dd>
            <dt>Median time to first feedback</dt><dd id="median-feedback">\(median.map(Self.duration) ?? "no reviews yet")</dd>
            <dt>Attempts per earned badge</dt><dd id="attempts-per-earned">\(attemptsPerEarned.map { String(format: "%.2f", $0) } ?? "none earned yet")</dd>
            <dt>Submissions</dt><dd>\(submissions.count)</dd>
            <dt>Badges earned</dt><dd>\(earned.count)</dd>
            </dl>
            <p><a href="/assess">Open the queue</a> · <a href="/admin/people">Invite people</a> ·
            <a href="/admin/achievements">Edit achievements and rubrics</a> · <a href="/admin/awards">Awards</a></p>
            """
        return WebHTML.page(title: "Overview", body: body, person: person, issuerName: web.issuerName)
    }

    /// A time in hours as people read it: minutes under an hour, days past two.
    static func duration(_ hours: Double) -> String {
        if hours < 1 {
            let minutes = Int((hours * 60).rounded())
            return "\(minutes) minute\(minutes == 1 ? "" : "s")"
        }
        if hours < 48 { return String(format: "%.1f hours", hours) }
        return String(format: "%.1f days", hours / 24)
    }

    static func people(_ web: WebState, _ person: SignedIn, notice: String?) throws -> String {
        let e = WebHTML.escape
        var rows = ""
        for account in try web.ledger.accounts() {
            rows += "<tr><td>\(e(account.email))</td><td>\(e(account.name ?? ""))</td><td>\(account.role.rawValue)</td>"
                + "<td>\(e(account.invitedAt.map { String($0.prefix(10)) } ?? "—"))</td></tr>\n"
        }
        let roles = AccountRole.allCases.map { "<option value=\"\($0.rawValue)\"\($0 == .learner ? " selected" : "")>\($0.rawValue)</option>" }.joined()
        let body = """
            <h1>People</h1>
            <h2>Invite from a CSV file</h2>
            <p>A header row naming <code>email</code> and, if you like, <code>name</code> and <code>role</code>
            (learner, assessor or admin). Every row is checked before anyone is added.</p>
            <form method="post" action="/admin/people/invite" enctype="multipart/form-data">
            \(WebHTML.csrf(person.csrf))
            <label for="csv">CSV file</label>
            <input type="file" id="csv" name="csv" accept=".csv,text/csv" required>
            <label for="csv-role">Role for rows that name none</label>
            <select id="csv-role" name="role">\(roles)</select>
            <button type="submit" id="invite-csv">Invite everyone in the file</button>
            </form>
            <h2>Add one person</h2>
            <form method="post" action="/admin/people">
            \(WebHTML.csrf(person.csrf))
            <label for="email">Email address</label>
            <input type="email" id="email" name="email" required>
            <label for="name">Name</label>
            <input type="text" id="name" name="name">
            <label for="role">Role</label>
            <select id="role" name="role">\(roles)</select>
            <div class="choice"><input type="checkbox" id="invite" name="invite" value="yes" checked>
            <label class="inline" for="invite">Send an invitation with a sign-in link</label></div>
            <button type="submit">Add</button>
            </form>
            <h2>Everyone</h2>
            <div class="table-wrap"><table><thead><tr><th scope="col">Email</th><th scope="col">Name</th><th scope="col">Role</th>
            <th scope="col">Invited</th></tr></thead><tbody>
            \(rows)</tbody></table></div>
            """
        return WebHTML.page(title: "People", body: body, person: person, issuerName: web.issuerName, notice: notice)
    }

    static func achievements(_ web: WebState, _ person: SignedIn) throws -> String {
        let e = WebHTML.escape
        var list = ""
        for (stem, definition) in try web.achievementList() {
            list += "<li><a href=\"/admin/achievements/\(e(stem))/edit\">\(e(definition.name))</a> "
                + "(\(definition.rubric.count) criteri\(definition.rubric.count == 1 ? "on" : "a"))</li>\n"
        }
        let body = """
            <h1>Achievements</h1>
            <ul>\(list)</ul>
            <h2>New achievement</h2>
            <form method="post" action="/admin/achievements">
            \(WebHTML.csrf(person.csrf))
            <label for="new-name">Name</label><input type="text" id="new-name" name="name" required>
            <label for="new-description">Description</label><textarea id="new-description" name="description" rows="3"></textarea>
            <button type="submit">Create, then edit its rubric</button>
            </form>
            """
        return WebHTML.page(title: "Achievements", body: body, person: person, issuerName: web.issuerName)
    }

    /// An achievement as its file says (a local image stays a file name, not a data URI).
    static func rawAchievement(_ web: WebState, _ stem: String) throws -> (AchievementDefinition, String) {
        guard IssuerRoutes.isSafeSegment(stem) else { throw ServerError.notFound() }
        let file = FileIO.join(web.workspace.achievementsDirectory, stem + ".json")
        guard FileIO.exists(file) else { throw ServerError.notFound("There is no such achievement.") }
        do {
            var definition = try AchievementDefinition(fileBytes: try FileIO.read(file), file: file)
            if definition.id.isEmpty { definition.id = try web.workspace.loadAchievement(file: file).id }
            return (definition, file)
        } catch {
            throw ServerError(500, "achievement", "\(error)")
        }
    }

    static func levelLines(_ criterion: AchievementDefinition.Criterion) -> String {
        criterion.levels.map { level in
            [level.id, level.name, level.description ?? ""].joined(separator: " | ")
        }.joined(separator: "\n")
    }

    static func editor(_ web: WebState, _ person: SignedIn, _ definition: AchievementDefinition, stem: String, notice: String?) -> String {
        let e = WebHTML.escape
        var body = """
            <h1>Edit: \(e(definition.name))</h1>
            <p>This form writes <code>achievements/\(e(stem)).json</code>, the file <code>laurel achievement</code> reads.
            Levels: one per line, lowest first, as <code>id | name | description</code>.</p>
            <form method="post" action="/admin/achievements/\(e(stem))/edit">
            \(WebHTML.csrf(person.csrf))
            <label for="name">Name</label><input type="text" id="name" name="name" value="\(e(definition.name))" required>
            <label for="description">Description</label>
            <textarea id="description" name="description" rows="3">\(e(definition.description))</textarea>
            <label for="criteria">Criteria (what it takes, in words)</label>
            <textarea id="criteria" name="criteria" rows="3">\(e(definition.criteriaNarrative ?? ""))</textarea>

            """
        let rows = definition.rubric + [AchievementDefinition.Criterion(id: "", name: "", levels: [], requiredLevel: "")]
        for (index, criterion) in rows.enumerated() {
            let isNew = criterion.id.isEmpty
            body += """
                <fieldset class="criterion"><legend>\(isNew ? "Add a criterion" : "Criterion: " + e(criterion.name))</legend>
                <input type="hidden" name="id-\(index)" value="\(e(criterion.id))">
                <label for="cname-\(index)">Name\(isNew ? " (leave empty to add none)" : " (empty removes the criterion)")</label>
                <input type="text" id="cname-\(index)" name="cname-\(index)" value="\(e(criterion.name))">
                <label for="cdescription-\(index)">Description</label>
                <textarea id="cdescription-\(index)" name="cdescription-\(index)" rows="2">\(e(criterion.description ?? ""))</textarea>
                <label for="levels-\(index)">Levels, lowest first</label>
                <textarea id="levels-\(index)" name="levels-\(index)" rows="4">\(e(levelLines(criterion)))</textarea>
                <label for="required-\(index)">Level needed (its id)</label>
                <input type="text" id="required-\(index)" name="required-\(index)" value="\(e(criterion.requiredLevel))">
                </fieldset>

                """
        }
        body += "<input type=\"hidden\" name=\"count\" value=\"\(rows.count)\">\n<button type=\"submit\" id=\"save\">Save</button>\n</form>\n"
        return WebHTML.page(title: "Edit \(definition.name)", body: body, person: person, issuerName: web.issuerName, notice: notice)
    }

    /// The definition with the form's changes, checked as the file reader checks a file.
    static func edited(_ definition: AchievementDefinition, fields: [String: String], file: String) throws -> AchievementDefinition {
        var out = definition
        func text(_ key: String) -> String { (fields[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        out.name = text("name")
        out.description = text("description")
        out.criteriaNarrative = text("criteria").isEmpty ? nil : text("criteria")
        var rubric: [AchievementDefinition.Criterion] = []
        let count = min(Int(fields["count"] ?? "") ?? 0, 100)
        for index in 0..<count {
            let name = text("cname-\(index)")
            guard !name.isEmpty else { continue }
            var levels: [AchievementDefinition.Level] = []
            for line in text("levels-\(index)").split(whereSeparator: \.isNewline) {
                let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) }
                guard let id = cells.first, !id.isEmpty else { continue }
                let levelName = cells.count > 1 && !cells[1].isEmpty ? cells[1] : id
                let description = cells.count > 2 && !cells[2].isEmpty ? cells[2...].joined(separator: "|") : nil
                levels.append(AchievementDefinition.Level(id: id, name: levelName, description: description))
            }
            let id = text("id-\(index)").isEmpty ? Workspace.slug(name) : text("id-\(index)")
            let description = text("cdescription-\(index)")
            rubric.append(AchievementDefinition.Criterion(
                id: id, name: name, description: description.isEmpty ? nil : description, levels: levels,
                requiredLevel: text("required-\(index)").isEmpty ? (levels.last?.id ?? "") : text("required-\(index)")))
        }
        out.rubric = rubric
        // Through the file reader, so the form gets the same checks (and messages) as a hand-written file.
        var bytes = JSONSerializer(style: .pretty).serialize(out.fileJSON)
        bytes.append(0x0A)
        do {
            return try AchievementDefinition(fileBytes: bytes, file: file)
        } catch {
            throw ServerError(422, "achievement", "\(error)")
        }
    }

    static func programs(_ web: WebState, _ person: SignedIn, notice: String?) throws -> String {
        let e = WebHTML.escape
        var list = ""
        for program in try web.ledger.programs() {
            list += "<li><strong>\(e(program.program.name))</strong>: \(program.program.requiredCount) of "
                + "\(program.achievementIds.count) achievements</li>\n"
        }
        var choices = ""
        for (index, item) in try web.achievementList().enumerated() {
            choices += "<div class=\"choice\"><input type=\"checkbox\" id=\"a-\(index)\" name=\"achievement\" value=\"\(e(item.definition.id))\">"
                + " <label class=\"inline\" for=\"a-\(index)\">\(e(item.definition.name))</label></div>\n"
        }
        let body = """
            <h1>Programs</h1>
            <ul>\(list)</ul>
            <h2>New program</h2>
            <form method="post" action="/admin/programs">
            \(WebHTML.csrf(person.csrf))
            <label for="pname">Name</label><input type="text" id="pname" name="name" required>
            <label for="pdescription">Description</label><textarea id="pdescription" name="description" rows="2"></textarea>
            <fieldset><legend>Achievements in the program</legend>\(choices)</fieldset>
            <label for="required">How many complete it (empty: all)</label><input type="number" id="required" name="required" min="1">
            <label for="target">Suggested target date (advice only; YYYY-MM-DD)</label><input type="date" id="target" name="target">
            <button type="submit">Create the program</button>
            </form>
            """
        return WebHTML.page(title: "Programs", body: body, person: person, issuerName: web.issuerName, notice: notice)
    }

    static func awards(_ web: WebState, _ person: SignedIn, notice: String?) throws -> String {
        let e = WebHTML.escape
        let names = Dictionary(try web.achievementList().map { ($0.definition.id, $0.definition.name) }, uniquingKeysWith: { a, _ in a })
        var rows = ""
        for award in try web.ledger.allAwards().reversed() {
            let record = try web.ledger.credential(id: award.credentialId)
            let revoked = record?.isRevoked ?? false
            let action = revoked ? "revoked" : """
                <form method="post" action="/admin/awards/revoke" class="inline">\(WebHTML.csrf(person.csrf))
                <input type="hidden" name="credential" value="\(e(award.credentialId))">
                <label class="visually-hidden" for="reason-\(e(award.credentialId))">Reason</label>
                <input type="text" id="reason-\(e(award.credentialId))" name="reason" placeholder="Reason">
                <button type="submit">Revoke</button></form>
                """
            rows += "<tr><td data-label=\"Date\">\(e(String(award.awardedAt.prefix(10))))</td>"
                + "<td data-label=\"Achievement\">\(e(names[award.achievementId] ?? award.achievementId))</td>"
                + "<td data-label=\"Learner\">\(e(award.learner))</td><td data-label=\"Badge\"><a href=\"/verify?id=\(e(award.credentialId.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))\">check</a></td>"
                + "<td data-label=\"Revoke\">\(action)</td></tr>\n"
        }
        let body = "<h1>Awards</h1>\n" + (rows.isEmpty ? "<p>No badges awarded yet.</p>" :
            "<div class=\"table-wrap\"><table class=\"stack\"><thead><tr><th scope=\"col\">Date</th><th scope=\"col\">Achievement</th>"
            + "<th scope=\"col\">Learner</th><th scope=\"col\">Badge</th><th scope=\"col\">Revoke</th></tr></thead>"
            + "<tbody>\n\(rows)</tbody></table></div>\n")
        return WebHTML.page(title: "Awards", body: body, person: person, issuerName: web.issuerName, notice: notice)
    }
}

/// A URL-encoded form whose fields may repeat (checkbox groups).
struct RepeatedFormFields {
    var single: [String: String] = [:]
    var repeated: [String: [String]] = [:]

    init(_ body: [UInt8]) {
        for pair in body.split(separator: 0x26) {
            for (key, value) in MultipartForm.parseURLEncoded(Array(pair)) {
                if single[key] == nil { single[key] = value }
                repeated[key, default: []].append(value)
            }
        }
    }

    func all(_ name: String) -> [String] { repeated[name] ?? [] }
}

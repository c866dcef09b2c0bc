import BadgeCrypto
import BadgeIssuer
import BadgeServer
import BadgeStore
import BadgeVerifier
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LinkedData
import OpenBadges
import Synchronization
import Testing

@Suite("Web: learners, assessors and staff in the browser's place (router)")
struct WebJourneyTests {
    static let plan = Array("Plan: roles, dates, a budget.\n".utf8)
    static let photos = Array("%PDF-1.4 photos of the day\n".utf8)
    static let survey = Array("%PDF-1.4 the survey before and after\n".utf8)

    @Test("invite → sign in by mail → submit in three parts → not yet → resubmit one file → earned → a valid credential")
    func journey() async throws {
        let world = try WebWorld("journey")
        try await world.application().test(.router) { client in
            var admin = WebSession(client)
            let landed = try await admin.signIn("admin@riverside.example", world: world)
            #expect(landed.status == .seeOther && landed.location == "/admin")
            let people = try await admin.get("/admin/people")
            let invited = try await admin.post("/admin/people", [
                ("csrf", people.csrf ?? ""), ("email", "lea@example.org"), ("name", "Léa Learner"), ("role", "learner"),
                ("invite", "yes"),
            ])
            #expect(invited.status == .seeOther)
            let invitation = try #require(world.lastMail(to: "lea@example.org"))
            #expect(invitation.subject.contains("invited"))

            var learner = WebSession(client)
            let home = try await learner.follow(try #require(world.link(to: "lea@example.org")))
            #expect(home.location == "/learn")
            let rubric = try await learner.get("/learn/achievements/\(world.stem)")
            #expect(rubric.body.contains("Planning") && rubric.body.contains("A plan with roles and dates.") && rubric.body.contains("(needed)"))
            let form = try await learner.get("/learn/achievements/\(world.stem)/submit")
            #expect(form.status == .ok)
            #expect(PageChecks.problems(form.body).isEmpty, "\(PageChecks.problems(form.body))")
            #expect(PageChecks.problems(rubric.body).isEmpty, "\(PageChecks.problems(rubric.body))")
            #expect(PageChecks.problems(home.body).isEmpty || home.status == .seeOther)
            // Saved as a draft first, then submitted.
            let saved = try await learner.postMultipart(
                "/learn/achievements/\(world.stem)/submit",
                [("csrf", form.csrf ?? ""), ("action", "save"), ("name", "Léa Learner"), ("context", "Our street, May 2026."),
                 ("narrative-0", "I split the work into roles."), ("links-1", "https://photos.example.org/day"),
                 ("reflection", "Next time I would start earlier.")],
                files: [("file-0", "plan.txt", "text/plain", Self.plan), ("file-1", "photos.pdf", "application/pdf", Self.photos)])
            #expect(saved.status == .seeOther && saved.location?.hasSuffix("notice=saved") == true)
            let draft = try await learner.get("/learn/achievements/\(world.stem)/submit")
            #expect(draft.body.contains("plan.txt") && draft.body.contains("photos.pdf") && draft.body.contains("Our street, May 2026."))
            let planHex = Hex.encode(SHA256.hash(Self.plan))
            let photosHex = Hex.encode(SHA256.hash(Self.photos))
            let sent = try await learner.postMultipart(
                "/learn/achievements/\(world.stem)/submit",
                [("csrf", draft.csrf ?? ""), ("action", "submit"), ("name", "Léa Learner"), ("context", "Our street, May 2026."),
                 ("keep-0", planHex), ("keep-1", photosHex), ("narrative-0", "I split the work into roles."),
                 ("links-1", "https://photos.example.org/day"), ("reflection", "Next time I would start earlier.")])
            let firstPath = try #require(sent.location)
            #expect(firstPath.hasPrefix("/learn/submissions/sub-"))
            let firstID = String(firstPath.dropFirst("/learn/submissions/".count).prefix { $0 != "?" })
            #expect(try await learner.get(firstPath).body.contains("with assessors"))
            // Assessors hear that work waits (at most once a day).
            #expect(world.lastMail(to: "ines@riverside.example")?.subject.contains("wait") == true)

            var ines = WebSession(client)
            try await ines.signIn("ines@riverside.example", world: world)
            let queue = try await ines.get("/assess")
            #expect(queue.body.contains("Community Project") && queue.body.contains("Learner "))
            #expect(!queue.body.contains("Léa"), "names are hidden by default")
            #expect(try await ines.get("/assess?names=shown").body.contains("Léa Learner"))
            let claimed = try await ines.post("/assess/\(firstID)/claim", [("csrf", queue.csrf ?? "")])
            #expect(claimed.location == "/assess/\(firstID)")
            // A second assessor cannot take it while it is claimed.
            var otto = WebSession(client)
            try await otto.signIn("otto@riverside.example", world: world)
            let ottoQueue = try await otto.get("/assess")
            #expect(ottoQueue.body.contains("Being read by Ines Assessor"))
            #expect(try await otto.post("/assess/\(firstID)/claim", [("csrf", ottoQueue.csrf ?? "")]).location == "/assess?notice=claimed")
            #expect(try await otto.post("/assess/\(firstID)/review", [
                ("csrf", ottoQueue.csrf ?? ""), ("level-0", "proficient"), ("level-1", "proficient"),
            ]).status == .conflict)

            let reading = try await ines.get("/assess/\(firstID)")
            for page in [reading, queue, people, try await admin.get("/admin"), try await admin.get("/admin/programs"),
                         try await admin.get("/admin/achievements/\(world.stem)/edit"), try await admin.get("/admin/awards"),
                         try await ines.get("/assess/history"), try await otto.get("/signin/link?token=x")] {
                #expect(PageChecks.problems(page.body).isEmpty, "\(PageChecks.problems(page.body))")
            }
            #expect(reading.body.contains("I split the work into roles.") && reading.body.contains("photos.pdf"))
            let notYet = try await ines.post("/assess/\(firstID)/review", [
                ("csrf", reading.csrf ?? ""), ("level-0", "proficient"), ("strengths-0", "Clear roles."),
                ("level-1", "beginning"), ("strengths-1", "Good photos."),
                ("next-1", "Measure what changed: a short survey before and after."), ("overall", "A strong start."),
            ])
            #expect(notYet.location == "/assess?notice=recorded")
            #expect(world.lastMail(to: "lea@example.org")?.subject == "Feedback on Community Project is ready")

            let feedback = try await learner.get(firstPath)
            #expect(feedback.body.contains("<strong id=\"status\">not yet</strong>"))
            #expect(feedback.body.contains("Measure what changed: a short survey before and after."))
            #expect(feedback.body.contains("Clear roles.") && feedback.body.contains("A strong start."))
            // The next attempt starts from this one: the photos are replaced by the survey, the rest carried forward.
            let second = try await learner.get("/learn/achievements/\(world.stem)/submit")
            #expect(second.body.contains("plan.txt") && second.body.contains("photos.pdf") && second.body.contains("Léa Learner"))
            let resent = try await learner.postMultipart(
                "/learn/achievements/\(world.stem)/submit",
                [("csrf", second.csrf ?? ""), ("action", "submit"), ("name", "Léa Learner"), ("context", "Our street, May 2026."),
                 ("keep-0", planHex), ("narrative-0", "I split the work into roles."),
                 ("links-1", "https://photos.example.org/day"), ("narrative-1", "The survey shows what changed."),
                 ("reflection", "Next time I would start earlier.")],
                files: [("file-1", "survey.pdf", "application/pdf", Self.survey)])
            let secondPath = try #require(resent.location)
            let secondID = String(secondPath.dropFirst("/learn/submissions/".count).prefix { $0 != "?" })
            let attempt2 = try world.workspace.submissionDetails(secondID)
            #expect(attempt2.submission.attempt == 2)
            #expect(Set(attempt2.evidence.compactMap(\.name)) == ["plan.txt", "survey.pdf"])

            let queue2 = try await ines.get("/assess")
            _ = try await ines.post("/assess/\(secondID)/claim", [("csrf", queue2.csrf ?? "")])
            let reading2 = try await ines.get("/assess/\(secondID)")
            #expect(reading2.body.contains("Asked last time") && reading2.body.contains("a short survey before and after"))
            _ = try await ines.post("/assess/\(secondID)/review", [
                ("csrf", reading2.csrf ?? ""), ("level-0", "proficient"), ("level-1", "proficient"),
                ("strengths-1", "The survey makes the change visible."),
            ])
            #expect(world.lastMail(to: "lea@example.org")?.subject == "You earned Community Project")
            let earned = try await learner.get(secondPath)
            #expect(earned.body.contains("<strong id=\"status\">earned</strong>"))
            let award = try #require(try world.workspace.ledger.award(submissionId: secondID))
            let download = try await learner.get("/learn/credentials/\(award.credentialId)")
            #expect(download.status == .ok)
            let bytes = Array(download.body.utf8)
            let report = try Self.verify(bytes, world: world)
            #expect(report.verdict == .valid, "\(report.checks.filter { $0.outcome == .fail }.map(\.message))")
            let text = download.body
            #expect(text.contains("Léa Learner"))
            #expect(text.contains(planHex) && text.contains(Hex.encode(SHA256.hash(Self.survey))), "both attempts' kept files")
            #expect(!text.contains(photosHex), "the replaced file is not in the credential")
            #expect(text.contains("#criterion-plan") && text.contains("#criterion-impact"), "every criterion's result")

            // The claim link in the "you earned it" mail opens the claim page (and nothing else); every download verifies.
            let earnedMail = try #require(world.lastMail(to: "lea@example.org")?.text)
            let claimRange = try #require(earnedMail.range(of: "http://badges.test/claim/"))
            let claimPath = String(earnedMail[claimRange.lowerBound...].prefix { !$0.isWhitespace }.dropFirst("http://badges.test".count))
            var stranger = WebSession(client)
            let claim = try await stranger.get(claimPath)
            #expect(claim.status == .ok && claim.body.contains("Your badge: Community Project"))
            #expect(claim.body.contains("linkedin.com/profile/add") && claim.body.contains("/verify?id="))
            #expect(PageChecks.problems(claim.body).isEmpty, "\(PageChecks.problems(claim.body))")
            for file in ["badge.json", "badge.png", "badge.svg"] {
                let got = try await stranger.get(claimPath + "/" + file)
                #expect(got.status == .ok, "\(file)")
                let raw = Array(got.body.utf8)
                let credentialBytes: [UInt8] = file == "badge.json" ? raw
                    : Array(try BadgeBaker.extract(from: file == "badge.png" ? Array(got.bodyBytes) : raw).payload.utf8)
                let report = try Self.verify(credentialBytes, world: world)
                #expect(report.verdict == .valid, "\(file): \(report.checks.filter { $0.outcome == .fail }.map(\.message))")
            }
            #expect(try await stranger.get("/learn").status == .seeOther, "a claim link is not a sign-in")
            #expect(try await stranger.get("/claim/" + String(repeating: "A", count: 43)).status == .notFound)
            // Signed in as another learner, Léa's claim link is refused.
            let now = WebWorld.text(world.clock.withLock { $0 })
            _ = try world.workspace.ledger.upsertAccount(email: "max@example.org", name: "Max", role: .learner, now: now)
            var max = WebSession(client)
            try await max.signIn("max@example.org", world: world)
            #expect(try await max.get(claimPath).status == .notFound)
            #expect(try await max.get("/learn/credentials/\(award.credentialId)/claim").status == .notFound)
            #expect(try await learner.get("/learn/credentials/\(award.credentialId)/claim").status == .ok)
            world.advance(31 * 24 * 3600)
            #expect(try await stranger.get(claimPath).status == .notFound, "claim links expire")
            world.advance(-31 * 24 * 3600)

            // All the learner's badges as one signed learner record.
            let record = try await learner.get("/learn/record.json")
            #expect(record.status == .ok && record.body.contains("ClrCredential"))
            let recordReport = try Self.verify(record.bodyBytes, world: world)
            #expect(recordReport.verdict == .valid, "\(recordReport.checks.filter { $0.outcome == .fail }.map(\.message))")
            #expect(try await max.get("/learn/record.json").status == .notFound, "Max has no badges")

            // The staff overview counts it.
            let overview = try await admin.get("/admin")
            #expect(overview.body.contains("<dd id=\"attempts-per-earned\">2.00</dd>"))
            #expect(overview.body.contains("<dd id=\"waiting\">0</dd>"))
        }
    }

    @Test("the page checks find a control without a label, a skipped heading level and a script")
    func pageChecksCanFail() {
        let bad = "<html lang=\"en\"><h1>A</h1><h3>B</h3><input type=\"text\" id=\"q\" name=\"q\"><script></script>"
        let problems = PageChecks.problems(bad)
        #expect(problems.contains("no label for #q") && problems.contains("h3 after h1"))
        #expect(problems.contains("a script on a page that must work without one"))
        #expect(PageChecks.problems("<html lang=\"en\"><h1>A</h1><label for=\"q\">Q</label><input id=\"q\">").isEmpty)
    }

    static func verify(_ bytes: [UInt8], world: WebWorld, at: Double? = nil) throws -> VerificationReport {
        var resources: [String: [UInt8]] = [:]
        for item in try world.workspace.publishStatusLists(now: WebWorld.text(world.clock.withLock { $0 })) {
            resources[item.url] = try FileIO.read(item.file)
        }
        let verifier = Verifier(options: VerificationOptions(
            at: at ?? world.clock.withLock { $0 } + 60, resources: resources, recipientEmail: "lea@example.org"))
        return verifier.verify(bytes: bytes, source: "download")
    }
}

@Suite("Web: authorization, CSRF, escaping, upload limits, sessions")
struct WebSecurityTests {
    /// Léa has submitted; Max is another learner.
    static func twoLearners(_ world: WebWorld, _ client: any TestClientProtocol) async throws -> (WebSession, WebSession, String) {
        let now = WebWorld.text(world.clock.withLock { $0 })
        _ = try world.workspace.ledger.upsertAccount(email: "lea@example.org", name: "Léa", role: .learner, now: now)
        _ = try world.workspace.ledger.upsertAccount(email: "max@example.org", name: "Max", role: .learner, now: now)
        var lea = WebSession(client)
        try await lea.signIn("lea@example.org", world: world)
        let form = try await lea.get("/learn/achievements/\(world.stem)/submit")
        let sent = try await lea.postMultipart(
            "/learn/achievements/\(world.stem)/submit",
            [("csrf", form.csrf ?? ""), ("action", "submit"), ("name", "<script>alert(1)</script>"),
             ("narrative-0", "<script>alert('narrative')</script>"), ("narrative-1", "<img src=x onerror=alert(2)>")],
            files: [("file-0", "<b onmouseover=alert(3)>notes.txt", "text/plain", Array("notes".utf8))])
        let path = try #require(sent.location, "submitted: \(sent.status) \(sent.body.prefix(300))")
        let id = String(path.dropFirst("/learn/submissions/".count).prefix { $0 != "?" })
        var max = WebSession(client)
        try await max.signIn("max@example.org", world: world)
        return (lea, max, id)
    }

    @Test("another learner's submission, file and credential are 404; roles keep to their pages")
    func authorization() async throws {
        let world = try WebWorld("authz")
        try await world.application().test(.router) { client in
            var (lea, max, id) = try await Self.twoLearners(world, client)
            #expect(try await lea.get("/learn/submissions/\(id)").status == .ok)
            #expect(try await max.get("/learn/submissions/\(id)").status == .notFound)
            let hex = Hex.encode(SHA256.hash(Array("notes".utf8)))
            #expect(try await lea.get("/learn/files/\(hex)").status == .ok)
            #expect(try await max.get("/learn/files/\(hex)").status == .notFound)
            #expect(try await max.get("/assess").status == .notFound)
            #expect(try await max.get("/assess/\(id)").status == .notFound)
            #expect(try await max.get("/assess/\(id)/files/\(hex)").status == .notFound)
            #expect(try await max.get("/admin").status == .notFound)
            var ines = WebSession(client)
            try await ines.signIn("ines@riverside.example", world: world)
            #expect(try await ines.get("/admin/people").status == .notFound)
            #expect(try await ines.get("/learn/submissions/\(id)").status == .notFound)
            var nobody = WebSession(client)
            let redirected = try await nobody.get("/learn")
            #expect(redirected.status == .seeOther && redirected.location?.hasPrefix("/signin") == true)
            // Awarded: the credential is Léa's alone.
            _ = try await ines.post("/assess/\(id)/claim", [("csrf", (try await ines.get("/assess")).csrf ?? "")])
            let page = try await ines.get("/assess/\(id)")
            _ = try await ines.post("/assess/\(id)/review", [("csrf", page.csrf ?? ""), ("level-0", "proficient"), ("level-1", "proficient")])
            let award = try #require(try world.workspace.ledger.award(submissionId: id))
            #expect(try await lea.get("/learn/credentials/\(award.credentialId)").status == .ok)
            #expect(try await max.get("/learn/credentials/\(award.credentialId)").status == .notFound)
        }
    }

    @Test("a form without its CSRF token, or with another session's, is refused and changes nothing")
    func csrf() async throws {
        let world = try WebWorld("csrf")
        try await world.application().test(.router) { client in
            var (lea, max, id) = try await Self.twoLearners(world, client)
            var admin = WebSession(client)
            try await admin.signIn("admin@riverside.example", world: world)
            let before = try world.workspace.ledger.accounts().count
            #expect(try await admin.post("/admin/people", [("email", "eve@example.org"), ("role", "admin")]).status == .forbidden)
            let maxToken = try await max.get("/learn").csrf ?? ""
            #expect(try await admin.post("/admin/people", [("csrf", maxToken), ("email", "eve@example.org"), ("role", "admin")]).status == .forbidden)
            #expect(try world.workspace.ledger.accounts().count == before)
            let drafts = try world.workspace.ledger.drafts(accountId: try #require(try world.workspace.ledger.account(email: "lea@example.org")).id)
            #expect(try await lea.postMultipart("/learn/achievements/\(world.stem)/submit", [("action", "save")]).status == .forbidden)
            #expect(try world.workspace.ledger.drafts(accountId: try #require(try world.workspace.ledger.account(email: "lea@example.org")).id) == drafts)
            // Sign-in forms are protected too (a pre-session token).
            var stranger = WebSession(client)
            #expect(try await stranger.post("/signin", [("email", "lea@example.org")]).status == .forbidden)
            _ = id
        }
    }

    @Test("a <script> in a name, narrative or file name renders as text for learner and assessor")
    func escaping() async throws {
        let world = try WebWorld("escape")
        try await world.application().test(.router) { client in
            var (lea, _, id) = try await Self.twoLearners(world, client)
            let own = try await lea.get("/learn/submissions/\(id)")
            #expect(own.body.contains("&lt;script&gt;alert(&#39;narrative&#39;)&lt;/script&gt;") || own.body.contains("&lt;script&gt;alert('narrative')"))
            #expect(!own.body.contains("<script>alert"))
            #expect(!own.body.contains("<img src=x"))
            var ines = WebSession(client)
            try await ines.signIn("ines@riverside.example", world: world)
            let named = try await ines.get("/assess?names=shown")
            #expect(named.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !named.body.contains("<script>alert(1)"))
            _ = try await ines.post("/assess/\(id)/claim", [("csrf", named.csrf ?? "")])
            let reading = try await ines.get("/assess/\(id)?names=shown")
            #expect(reading.body.contains("&lt;b onmouseover=alert(3)&gt;notes.txt"))
            #expect(!reading.body.contains("<script>") && !reading.body.contains("<b onmouseover"))
        }
    }

    @Test("an oversized upload or a refused type is refused and nothing is stored")
    func uploads() async throws {
        let world = try WebWorld("upload")
        try await world.application().test(.router) { client in
            let now = WebWorld.text(world.clock.withLock { $0 })
            _ = try world.workspace.ledger.upsertAccount(email: "lea@example.org", name: "Léa", role: .learner, now: now)
            var lea = WebSession(client)
            try await lea.signIn("lea@example.org", world: world)
            let form = try await lea.get("/learn/achievements/\(world.stem)/submit")
            let big = [UInt8](repeating: 0x41, count: 65 * 1024)
            let refused = try await lea.postMultipart(
                "/learn/achievements/\(world.stem)/submit", [("csrf", form.csrf ?? ""), ("action", "save"), ("narrative-0", "words")],
                files: [("file-0", "small.txt", "text/plain", Array("fine".utf8)), ("file-1", "big.txt", "text/plain", big)])
            #expect(refused.status == .contentTooLarge)
            #expect(refused.body.contains("big.txt"))
            let stored = (try? FileManager.default.contentsOfDirectory(atPath: world.workspace.evidenceDirectory)) ?? []
            #expect(stored.isEmpty, "no file stored: \(stored)")
            let account = try #require(try world.workspace.ledger.account(email: "lea@example.org"))
            #expect(try world.workspace.ledger.drafts(accountId: account.id).isEmpty, "no draft saved")
            let html = try await lea.postMultipart(
                "/learn/achievements/\(world.stem)/submit", [("csrf", form.csrf ?? ""), ("action", "save")],
                files: [("file-0", "page.html", "text/html", Array("<html><script>alert(1)</script>".utf8))])
            #expect(html.status == .unsupportedMediaType)
            let fake = try await lea.postMultipart(
                "/learn/achievements/\(world.stem)/submit", [("csrf", form.csrf ?? ""), ("action", "save")],
                files: [("file-0", "report.pdf", "application/pdf", Array("not a pdf".utf8))])
            #expect(fake.status == .unsupportedMediaType)
            #expect(((try? FileManager.default.contentsOfDirectory(atPath: world.workspace.evidenceDirectory)) ?? []).isEmpty)
        }
    }

    @Test("sessions expire; sign-in links work once and expire; sign-in requests are limited per address")
    func sessions() async throws {
        let world = try WebWorld("sessions")
        try await world.application().test(.router) { client in
            var ines = WebSession(client)
            let landed = try await ines.signIn("ines@riverside.example", world: world)
            #expect(landed.location == "/assess")
            let cookie = try #require(landed.headers[values: .setCookie].first { $0.hasPrefix("laurel_session=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure"))
            #expect(try await ines.get("/assess").status == .ok)
            // The link was used: it does not work again.
            var thief = WebSession(client)
            let reused = try await thief.follow(try #require(world.link(to: "ines@riverside.example")))
            #expect(reused.status == .badRequest)
            world.advance(13 * 3600)
            let expired = try await ines.get("/assess")
            #expect(expired.status == .seeOther && expired.location?.hasPrefix("/signin") == true)
            // A link not used in time does not work.
            var late = WebSession(client)
            let form = try await late.get("/signin")
            _ = try await late.post("/signin", [("csrf", form.csrf ?? ""), ("email", "otto@riverside.example")])
            let link = try #require(world.link(to: "otto@riverside.example"))
            world.advance(31 * 60)
            #expect(try await late.follow(link).status == .badRequest)
            // At most five links to one address in 15 minutes; the page says the same either way.
            let before = world.mails.withLock { $0.filter { $0.to == "otto@riverside.example" }.count }
            for _ in 0..<7 {
                let page = try await late.post("/signin", [("csrf", form.csrf ?? ""), ("email", "otto@riverside.example")])
                #expect(page.status == .ok && page.body.contains("Check your mail"))
            }
            let after = world.mails.withLock { $0.filter { $0.to == "otto@riverside.example" }.count }
            #expect(after - before == 5)
            // An unknown address gets the same page and no mail.
            let unknown = try await late.post("/signin", [("csrf", form.csrf ?? ""), ("email", "nobody@example.org")])
            #expect(unknown.body.contains("Check your mail") && world.lastMail(to: "nobody@example.org") == nil)
            // Signing out ends the session.
            var otto = WebSession(client)
            world.advance(20 * 60)
            let home = try await otto.signIn("otto@riverside.example", world: world)
            #expect(home.location == "/assess")
            let page = try await otto.get("/assess")
            _ = try await otto.post("/signout", [("csrf", page.csrf ?? "")])
            #expect(try await otto.get("/assess").status == .seeOther)
        }
    }

    @Test("the CLI's workflow and the web's share one ledger: a CLI review of a web submission shows on the web")
    func oneModel() async throws {
        let world = try WebWorld("one-model")
        try await world.application().test(.router) { client in
            var (lea, _, id) = try await Self.twoLearners(world, client)
            // As `laurel review` does.
            let outcome = try world.workspace.review(
                ReviewInput(
                    submissionId: id, reviewer: "staff@riverside.example",
                    levels: [("plan", "beginning"), ("impact", "proficient")],
                    nextSteps: [("plan", "Give each task a date.")]),
                now: WebWorld.text(world.clock.withLock { $0 }))
            #expect(outcome.submission.state == .notYet)
            let page = try await lea.get("/learn/submissions/\(id)")
            #expect(page.body.contains("Give each task a date."))
            #expect(try world.workspace.progress(learner: "lea@example.org").notYet.count == 1)
        }
    }
}

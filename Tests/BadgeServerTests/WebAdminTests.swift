import BadgeIssuer
import BadgeServer
import BadgeStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@Suite("Web: staff pages — people from a CSV, achievements and rubrics, programs, revocation; digests")
struct WebAdminTests {
    @Test("a CSV invites everyone it names, or, with one bad row, no one (naming the line)")
    func inviteCSV() async throws {
        let world = try WebWorld("csv")
        try await world.application().test(.router) { client in
            var admin = WebSession(client)
            try await admin.signIn("admin@riverside.example", world: world)
            let page = try await admin.get("/admin/people")
            let bad = Array("email,name\nkim@example.org,Kim\nnot-an-address,Nobody\n".utf8)
            let refused = try await admin.postMultipart(
                "/admin/people/invite", [("csrf", page.csrf ?? ""), ("role", "learner")],
                files: [("csv", "cohort.csv", "text/csv", bad)])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("cohort.csv") && refused.body.contains("3"), "names the file and line 3")
            #expect(try world.workspace.ledger.account(email: "kim@example.org") == nil)
            let good = Array("email,name,role\nkim@example.org,Kim Lee,\nsam@example.org,Sam,assessor\n".utf8)
            let sent = try await admin.postMultipart(
                "/admin/people/invite", [("csrf", page.csrf ?? ""), ("role", "learner")],
                files: [("csv", "cohort.csv", "text/csv", good)])
            #expect(sent.status == .seeOther)
            #expect(try world.workspace.ledger.account(email: "kim@example.org")?.role == .learner)
            #expect(try world.workspace.ledger.account(email: "sam@example.org")?.role == .assessor)
            #expect(world.lastMail(to: "kim@example.org")?.subject == "You are invited to Riverside College's badges")
            var kim = WebSession(client)
            #expect(try await kim.follow(try #require(world.link(to: "kim@example.org"))).location == "/learn")
            let people = try await admin.get("/admin/people")
            #expect(people.body.contains("Kim Lee") && people.body.contains("sam@example.org"))
        }
    }

    @Test("the rubric editor writes the achievement file the CLI reads; a bad level is refused and nothing written")
    func editRubric() async throws {
        let world = try WebWorld("edit")
        try await world.application().test(.router) { client in
            var admin = WebSession(client)
            try await admin.signIn("admin@riverside.example", world: world)
            let file = world.workspace.achievementsDirectory + "/\(world.stem).json"
            let before = try FileIO.read(file)
            let form = try await admin.get("/admin/achievements/\(world.stem)/edit")
            #expect(form.body.contains("beginning | Beginning | A list of tasks."))
            var fields: [(String, String)] = [
                ("csrf", form.csrf ?? ""), ("name", "Community Project"), ("description", "Plans and runs a project."),
                ("criteria", "Show the plan and what happened."), ("count", "3"),
                ("id-0", "plan"), ("cname-0", "Planning"), ("levels-0", "beginning | Beginning\nproficient | Proficient | Roles and dates."),
                ("required-0", "proficient"),
                ("id-1", "impact"), ("cname-1", "Impact"), ("levels-1", "beginning | Beginning\nproficient | Proficient"),
                ("required-1", "proficient"),
                ("id-2", ""), ("cname-2", "Reflection"), ("levels-2", "partial | Partial\nfull | Full | Names what to change."),
                ("required-2", "nonexistent"),
            ]
            let refused = try await admin.post("/admin/achievements/\(world.stem)/edit", fields)
            #expect(refused.status == .unprocessableContent && refused.body.contains("nonexistent"))
            #expect(try FileIO.read(file) == before)
            fields[fields.count - 1] = ("required-2", "full")
            let saved = try await admin.post("/admin/achievements/\(world.stem)/edit", fields)
            #expect(saved.status == .seeOther)
            let definition = try world.workspace.achievement(world.stem).definition
            #expect(definition.rubric.map(\.id) == ["plan", "impact", "reflection"])
            #expect(definition.criterion("reflection")?.requiredLevel == "full")
            #expect(definition.criterion("plan")?.levels.last?.description == "Roles and dates.")
            #expect(definition.id == world.workspace.config.baseURL + "/achievements/community-project")
        }
    }

    @Test("a program is created from the form; an awarded badge is revoked with its reason")
    func programsAndRevocation() async throws {
        let world = try WebWorld("revoke")
        try await world.application().test(.router) { client in
            var (_, _, id) = try await WebSecurityTests.twoLearners(world, client)
            var admin = WebSession(client)
            try await admin.signIn("admin@riverside.example", world: world)
            let programs = try await admin.get("/admin/programs")
            let created = try await admin.post("/admin/programs", [
                ("csrf", programs.csrf ?? ""), ("name", "Civic Leadership"), ("description", "Lead in your community."),
                ("achievement", world.workspace.config.baseURL + "/achievements/community-project"), ("required", "1"),
            ])
            #expect(created.status == .seeOther)
            #expect(try world.workspace.ledger.programs().map(\.program.name) == ["Civic Leadership"])
            let queue = try await admin.get("/assess")
            _ = try await admin.post("/assess/\(id)/claim", [("csrf", queue.csrf ?? "")])
            let reading = try await admin.get("/assess/\(id)")
            _ = try await admin.post("/assess/\(id)/review", [("csrf", reading.csrf ?? ""), ("level-0", "proficient"), ("level-1", "proficient")])
            let awards = try world.workspace.ledger.awards(learner: "lea@example.org")
            #expect(awards.count == 2, "the badge and the program's stacked badge")
            let award = try #require(awards.first { $0.submissionId == id })
            let page = try await admin.get("/admin/awards")
            #expect(page.body.contains("lea@example.org"))
            let revoked = try await admin.post("/admin/awards/revoke", [
                ("csrf", page.csrf ?? ""), ("credential", award.credentialId), ("reason", "plagiarised evidence"),
            ])
            #expect(revoked.status == .seeOther)
            let record = try #require(try world.workspace.ledger.credential(id: award.credentialId))
            #expect(record.isRevoked && record.revocationReason == "plagiarised evidence")
            #expect(try await admin.post("/admin/awards/revoke", [("csrf", page.csrf ?? ""), ("credential", "urn:uuid:nope")]).status == .notFound)
        }
    }

    @Test("two readers: the first read keeps it with assessors, the second reader sees it and decides; a split gets a third")
    func twoReaders() async throws {
        let world = try WebWorld("readers")
        var definition = try world.workspace.achievement(world.stem).definition
        definition.readers = 2
        _ = try world.workspace.saveAchievement(definition, fileName: world.stem, replace: true)
        try await world.application().test(.router) { client in
            var (lea, _, id) = try await WebSecurityTests.twoLearners(world, client)
            func read(_ email: String, _ plan: String) async throws {
                var session = WebSession(client)
                try await session.signIn(email, world: world)
                let queue = try await session.get("/assess")
                #expect(queue.body.contains("/assess/\(id)/claim"), "\(email) sees it in the queue")
                _ = try await session.post("/assess/\(id)/claim", [("csrf", queue.csrf ?? "")])
                let page = try await session.get("/assess/\(id)")
                let done = try await session.post("/assess/\(id)/review", [
                    ("csrf", page.csrf ?? ""), ("level-0", plan), ("level-1", "proficient"),
                ])
                #expect(done.location == "/assess?notice=recorded")
                #expect(!(try await session.get("/assess")).body.contains("/assess/\(id)/claim"), "not twice by one reader")
            }
            try await read("ines@riverside.example", "proficient")
            let waiting = try await lea.get("/learn/submissions/\(id)")
            #expect(waiting.body.contains("with assessors (waiting for another reader)"))
            #expect(!waiting.body.contains("Feedback</h2>"), "no partial result before the second read")
            try await read("otto@riverside.example", "beginning")
            #expect(try world.workspace.submission(id).state == .needsThirdRead)
            #expect(try await lea.get("/learn/submissions/\(id)").body.contains("a third reader decides"))
            try await read("admin@riverside.example", "proficient")
            #expect(try world.workspace.submission(id).state == .earned)
            #expect(try world.workspace.ledger.award(submissionId: id) != nil)
        }
    }

    @Test("assessors get at most one digest a day of waiting work")
    func digest() async throws {
        let world = try WebWorld("digest")
        try await world.application().test(.router) { client in
            _ = try await WebSecurityTests.twoLearners(world, client)
            func digests() -> Int { world.mails.withLock { $0.filter { $0.to == "ines@riverside.example" && $0.subject.contains("wait") }.count } }
            #expect(digests() == 1)
            let now = WebWorld.text(world.clock.withLock { $0 })
            _ = try world.workspace.ledger.upsertAccount(email: "kim@example.org", name: "Kim", role: .learner, now: now)
            var kim = WebSession(client)
            try await kim.signIn("kim@example.org", world: world)
            let form = try await kim.get("/learn/achievements/\(world.stem)/submit")
            _ = try await kim.postMultipart("/learn/achievements/\(world.stem)/submit", [
                ("csrf", form.csrf ?? ""), ("action", "submit"), ("narrative-0", "Roles."), ("narrative-1", "Survey."),
            ])
            #expect(digests() == 1, "not twice in a day")
            world.advance(25 * 3600)
            let kimAgain = try await kim.signIn("kim@example.org", world: world)
            _ = kimAgain
            _ = try world.workspace.ledger.upsertAccount(email: "zoe@example.org", name: "Zoe", role: .learner, now: now)
            var zoe = WebSession(client)
            try await zoe.signIn("zoe@example.org", world: world)
            let zoeForm = try await zoe.get("/learn/achievements/\(world.stem)/submit")
            _ = try await zoe.postMultipart("/learn/achievements/\(world.stem)/submit", [
                ("csrf", zoeForm.csrf ?? ""), ("action", "submit"), ("narrative-0", "Roles."), ("narrative-1", "Survey."),
            ])
            #expect(digests() == 2, "a day later, another")
            #expect(world.lastMail(to: "ines@riverside.example")?.text.contains("3 submissions wait") == true)
        }
    }
}

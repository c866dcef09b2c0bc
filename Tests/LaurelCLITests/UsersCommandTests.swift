import Foundation
import Testing

@Suite("laurel users add / list / invite (built binary)")
struct UsersCommandTests {
    let folder: ScratchFolder
    let ws: String

    init() throws {
        folder = try ScratchFolder()
        ws = folder.path("ws")
        let made = try LaurelBinary.run(["init", ws, "--name", "Example College", "--url", "https://example.edu"])
        #expect(made.status == 0, "\(made.standardError)")
    }

    func users(_ arguments: [String], input: String? = nil) throws -> LaurelBinary.Result {
        try LaurelBinary.run(["users"] + arguments + ["--workspace", ws], input: input)
    }

    /// `users list --format json`, one object per line.
    func listed(_ extra: [String] = []) throws -> [[String: Any]] {
        let result = try users(["list", "--json"] + extra)
        #expect(result.status == 0, "\(result.standardError)")
        return try result.standardOutput.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test("add adds, then updates the same address; bad addresses and roles are refused")
    func add() throws {
        let added = try users(["add", "Ada@Example.org", "--role", "learner", "--name", "Ada Lovelace"])
        #expect(added.status == 0, "\(added.standardError)")
        #expect(added.standardOutput == "Added ada@example.org (Ada Lovelace) as learner\n")
        let updated = try users(["add", "ada@example.org", "--role", "assessor"])
        #expect(updated.status == 0, "\(updated.standardError)")
        #expect(updated.standardOutput == "Updated ada@example.org (Ada Lovelace) as assessor\n")

        let badAddress = try users(["add", "ada.example.org", "--role", "learner"])
        #expect(badAddress.status == 1)
        let said = badAddress.standardError
        #expect(said.contains("'ada.example.org' is not an email address"), "\(said)")
        let badRole = try users(["add", "bo@example.org", "--role", "teacher"])
        #expect(badRole.status == 2)
        #expect(badRole.standardError.contains("teacher"))

        let accounts = try listed()
        #expect(accounts.count == 1)
        #expect(accounts.first?["email"] as? String == "ada@example.org")
        #expect(accounts.first?["name"] as? String == "Ada Lovelace")
        #expect(accounts.first?["role"] as? String == "assessor")
        #expect(accounts.first?["invitedAt"] is NSNull)
    }

    @Test("list prints a table or JSON lines, and filters by role")
    func list() throws {
        let empty = try users(["list"])
        #expect(empty.status == 0)
        #expect(empty.standardOutput.contains("Nobody may sign in yet"))
        let people = [("sam@example.org", "assessor"), ("ada@example.org", "learner"), ("kim@example.org", "admin")]
        for (email, role) in people {
            #expect(try users(["add", email, "--role", role]).status == 0)
        }
        let table = try users(["list"])
        let lines = table.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines.first?.hasPrefix("EMAIL") == true)
        #expect(lines.first?.contains("INVITED") == true)
        let byAddress = ["ada@example.org", "kim@example.org", "sam@example.org"]
        #expect(lines.dropFirst().map { String($0.prefix(15)) } == byAddress)
        #expect(lines[1].contains("learner") && lines[1].hasSuffix("not yet"))

        #expect(try listed().map { $0["email"] as? String } == byAddress)
        #expect(try listed(["--role", "assessor"]).map { $0["email"] as? String } == ["sam@example.org"])
        let viaFormat = try users(["list", "--format", "json", "--role", "admin"])
        #expect(viaFormat.standardOutput.contains("\"email\":\"kim@example.org\""), "\(viaFormat.standardOutput)")
    }

    @Test("invite --csv adds and updates everyone, or, when a row is bad, names its line and adds nobody")
    func invite() throws {
        #expect(try users(["add", "sam@example.org", "--role", "admin", "--name", "Sam"]).status == 0)
        let bad = try folder.write("bad.csv", """
            email,name,role
            ada@example.org,Ada Lovelace,
            grace.example.org,Grace Hopper,learner
            bo@example.org,Bo,teacher

            """)
        let refused = try users(["invite", "--csv", bad])
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("\(bad):3: email: 'grace.example.org' is not an email address"),
            "\(refused.standardError)")
        #expect(refused.standardError.contains("1 more row is refused too: line 4"), "\(refused.standardError)")
        #expect(refused.standardError.contains("nothing was added"))
        #expect(try listed().map { $0["email"] as? String } == ["sam@example.org"], "nobody was added")

        let good = try folder.write("cohort.csv", """
            email,name,role
            ada@example.org,Ada Lovelace,
            grace@example.org,Grace Hopper,assessor
            sam@example.org,,

            """)
        let invited = try users(["invite", "--csv", good])
        #expect(invited.status == 0, "\(invited.standardError)")
        #expect(invited.standardOutput.hasPrefix("2 accounts added, 1 updated\n"), "\(invited.standardOutput)")
        #expect(invited.standardOutput.contains("laurel serve"))
        let roles = Dictionary(uniqueKeysWithValues: try listed().map {
            ($0["email"] as? String ?? "", $0["role"] as? String ?? "")
        })
        #expect(roles == ["ada@example.org": "learner", "grace@example.org": "assessor", "sam@example.org": "admin"])

        // From standard input, with another default role for new people.
        let piped = try users(["invite", "--csv", "-", "--role", "assessor"], input: "email\nlee@example.org\n")
        #expect(piped.status == 0, "\(piped.standardError)")
        #expect(piped.standardOutput.hasPrefix("1 account added, 0 updated\n"))
        let assessors = try listed(["--role", "assessor"]).map { $0["email"] as? String }
        #expect(assessors == ["grace@example.org", "lee@example.org"])
    }

    @Test("invite --public-url mails each person a one-time sign-in link into the outbox")
    func inviteByMail() throws {
        let cohort = try folder.write("mail.csv", "email,name\nada@example.org,Ada Lovelace\nbo@example.org,Bo\n")
        let invited = try users(["invite", "--csv", cohort, "--public-url", "https://badges.example.edu/"])
        #expect(invited.status == 0, "\(invited.standardError)")
        #expect(invited.standardOutput.contains("2 invitations sent to \(ws)/outbox"), "\(invited.standardOutput)")
        let outbox = ws + "/outbox"
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox).filter { $0.hasSuffix(".eml") }
        #expect(files.count == 2)
        var recipients: [String] = []
        for file in files {
            let text = try String(contentsOfFile: outbox + "/" + file, encoding: .utf8)
            #expect(text.contains("Subject: You are invited to Example College's badges"))
            // Quoted-printable may break the link across lines: join soft line breaks first.
            let joined = text.replacingOccurrences(of: "=\r\n", with: "")
            #expect(joined.contains("https://badges.example.edu/signin/link?token="), "\(joined)")
            if let to = text.split(separator: "\r\n").first(where: { $0.hasPrefix("To: ") }) { recipients.append(String(to)) }
            let mode = try FileManager.default.attributesOfItem(atPath: outbox + "/" + file)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
        #expect(recipients.sorted() == ["To: ada@example.org", "To: bo@example.org"])
        let listedPeople = try listed()
        #expect(listedPeople.allSatisfy { ($0["invitedAt"] as? String)?.isEmpty == false }, "\(listedPeople)")
        let refused = try users(["invite", "--csv", cohort, "--smtp", "smtp://mail.example:587"])
        #expect(refused.status == 2 && refused.standardError.contains("--public-url"))
    }

    @Test("users --help teaches the roles and the CSV form")
    func help() throws {
        let help = try LaurelBinary.run(["users", "invite", "--help"])
        #expect(help.status == 0)
        #expect(help.standardOutput.contains("email,name,role"))
        #expect(help.standardOutput.contains("laurel users invite --csv cohort.csv"))
    }
}

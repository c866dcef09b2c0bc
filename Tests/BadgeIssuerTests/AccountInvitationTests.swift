import BadgeIssuer
import BadgeStore
import Foundation
import Testing

@Suite("Accounts: adding people and invitation lists")
struct AccountInvitationTests {
    let now = "2026-05-01T10:00:00Z"

    func invite(
        _ workspace: Workspace, _ text: String, role: AccountRole = .learner
    ) throws(IssuerError) -> [InvitedAccount] {
        try workspace.inviteAccounts(csv: Array(text.utf8), fileName: "cohort.csv", defaultRole: role, now: now)
    }

    @Test("addAccount adds, then updates, and says which")
    func add() throws {
        let directory = TemporaryDirectory()
        let workspace = try IssuerFixtures.workspace(directory)
        let first = try workspace.addAccount(email: "Ada@Example.org", name: "Ada", role: .learner, now: now)
        #expect(first.created)
        #expect(first.account.email == "ada@example.org")
        let second = try workspace.addAccount(email: "ada@example.org", name: nil, role: .assessor, now: now)
        #expect(!second.created)
        #expect(second.account.name == "Ada", "no name given keeps the stored one")
        #expect(second.account.role == .assessor)
        #expect(second.account.id == first.account.id)
        #expect(throws: IssuerError.self) {
            try workspace.addAccount(email: "not an address", name: nil, role: .learner, now: now)
        }
        #expect(try workspace.ledger.accounts().count == 1)
    }

    @Test("an invitation list adds new people and updates known ones; a row without a role keeps an existing role")
    func inviteList() throws {
        let directory = TemporaryDirectory()
        let workspace = try IssuerFixtures.workspace(directory)
        _ = try workspace.addAccount(email: "sam@example.org", name: "Sam", role: .admin, now: now)
        let invited = try invite(workspace, """
            Name;Email;Role
            Ada Lovelace;ADA@example.org;
            "Hopper, Grace";grace@example.org;Assessor
            ;sam@example.org;

            """)
        #expect(invited.map(\.account.email) == ["ada@example.org", "grace@example.org", "sam@example.org"])
        #expect(invited.map(\.created) == [true, true, false])
        #expect(invited.map(\.line) == [2, 3, 4])
        #expect(invited.map(\.account.role) == [.learner, .assessor, .admin], "Sam stays an admin")
        #expect(invited[1].account.name == "Hopper, Grace")
        #expect(invited[2].account.name == "Sam")
        #expect(try workspace.ledger.accounts(role: .learner).map(\.email) == ["ada@example.org"])

        // The default role applies to new people only; a role in the row changes a known person's.
        let again = try invite(workspace, "email,role\nnew@example.org,\nsam@example.org,learner\n", role: .assessor)
        #expect(again.map(\.account.role) == [.assessor, .learner])
    }

    @Test("a bad row is named by file, line and column, with the other bad rows counted, and nothing is added",
        arguments: [
            ("email,name\nada@example.org,Ada\nnot-an-address,Bo\n", 3, "email", "not an email address"),
            ("email,role\nada@example.org,teacher\n", 2, "role", "'teacher' is not a role"),
            ("email\nada@example.org\nAda@Example.org\n", 3, "email", "on line 2 already"),
            ("email,name\nada@example.org\n", 2, nil, "the row has 1 field, but the header names 2"),
            ("name\nAda\n", 1, nil, "no 'email' column"),
            ("email,group\nada@example.org,A\n", 1, nil, "unknown column 'group'"),
            ("email,name\n,Ada\nbo@example.org,Bo\n", 2, "email", "the address is empty"),
            ("email\nx\ny\nz@example.org\n", 2, "email", "1 more row is refused too: line 3"),
            ("", 1, nil, "the file is empty"),
            ("email\n", 1, nil, "no rows"),
        ] as [(String, Int, String?, String)])
    func badRow(text: String, line: Int, field: String?, words: String) throws {
        let directory = TemporaryDirectory()
        let workspace = try IssuerFixtures.workspace(directory)
        do {
            _ = try invite(workspace, text)
            Issue.record("the list was accepted: \(text)")
        } catch {
            #expect(error.file == "cohort.csv")
            #expect(error.line == line, "\(error)")
            #expect(error.field == field, "\(error)")
            #expect(error.description.contains(words), "\(error)")
        }
        #expect(try workspace.ledger.accounts().isEmpty)
    }
}

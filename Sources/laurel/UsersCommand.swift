import ArgumentParser
import BadgeIssuer
import BadgeStore
import LinkedData
import OpenBadges

/// `laurel users add|list|invite`: the people who sign in to `laurel serve --workspace`.
struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Manage the people who sign in to laurel serve: admins, assessors and learners.",
        discussion: """
            Each person is known by their email address (compared in lower case), which is
            also the learner key submissions use. A role says what they may do: admin
            (achievements, programs, people), assessor (reads submissions against the
            rubric) or learner (submits work, receives feedback and badges).

            Examples:
              laurel users add sam@example.org --role assessor --name "Sam Reviewer"
              laurel users list --role learner
              laurel users invite --csv cohort.csv
            """,
        subcommands: [UsersAdd.self, UsersList.self, UsersInvite.self])

    /// What `add` and `invite` say when no invitation mail was sent.
    static let invitationNote =
        "No invitations were mailed: give --public-url (the address of laurel serve) to mail each person a sign-in "
        + "link, or invite them from the server's People page (/admin/people)."
}

/// A role on the command line.
enum RoleArgument: String, ExpressibleByArgument, CaseIterable {
    case admin, assessor, learner

    var role: AccountRole {
        switch self {
        case .admin: .admin
        case .assessor: .assessor
        case .learner: .learner
        }
    }
}

struct UsersAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a person who may sign in, or change the name or role of one already added.",
        discussion: """
            Adding an address that is already there updates it: the role given replaces
            the old one, and so does the name when one is given.

            Examples:
              laurel users add ada@example.org --role learner --name "Ada Lovelace"
              laurel users add sam@example.org --role assessor
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Argument(help: ArgumentHelp("The person's email address.", valueName: "email"))
    var email: String

    @Option(help: ArgumentHelp("admin, assessor or learner.", valueName: "role"))
    var role: RoleArgument

    @Option(help: ArgumentHelp("The person's name, as pages and credentials show it.", valueName: "name"))
    var name: String?

    func run() throws {
        let opened = try workspace.open()
        do {
            let added = try opened.addAccount(email: email, name: name, role: role.role, now: Console.now())
            let account = added.account
            let who = account.name.map { "\(account.email) (\($0))" } ?? account.email
            Console.write("\(added.created ? "Added" : "Updated") \(who) as \(account.role.rawValue)\n")
        } catch {
            throw CLIError(error.description)
        }
    }
}

struct UsersList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the people who may sign in, by address.",
        discussion: """
            The invited column shows when the last invitation mail was sent ("not yet"
            when none was). With --format json, each person is one JSON object on a line
            of its own.

            Examples:
              laurel users list
              laurel users list --role assessor --format json
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("Only people with this role: admin, assessor or learner.", valueName: "role"))
    var role: RoleArgument?

    @Option(help: ArgumentHelp("text, or json (one object per line).", valueName: "format"))
    var format: ListFormat = .text

    @Flag(help: "The same as --format json.")
    var json = false

    func run() throws {
        let opened = try workspace.open()
        let accounts: [AccountRecord]
        do {
            accounts = try opened.ledger.accounts(role: role?.role)
        } catch {
            throw CLIError(error.reason)
        }
        if json || format == .json {
            for account in accounts {
                Console.write(JSONSerializer().serializeToString(Self.json(account)) + "\n")
            }
            return
        }
        guard !accounts.isEmpty else {
            let whom = role.map { "with the role \($0.rawValue) " } ?? ""
            Console.write("Nobody \(whom)may sign in yet; add people with laurel users add or laurel users invite.\n")
            return
        }
        let rows = [["EMAIL", "NAME", "ROLE", "INVITED"]] + accounts.map { account in
            [
                account.email, account.name ?? "–",
                account.role.rawValue + (account.disabledAt == nil ? "" : " (disabled)"),
                account.invitedAt ?? "not yet",
            ]
        }
        Console.write(Self.table(rows))
    }

    /// The rows as a table: columns padded to their widest cell, two spaces apart.
    static func table(_ rows: [[String]]) -> String {
        var widths: [Int] = []
        for row in rows {
            for (index, cell) in row.enumerated() {
                if index == widths.count { widths.append(0) }
                widths[index] = max(widths[index], cell.count)
            }
        }
        var out = ""
        for row in rows {
            var line = ""
            for (index, cell) in row.enumerated() {
                let padding = index == row.count - 1 ? 0 : widths[index] - cell.count + 2
                line += cell + String(repeating: " ", count: padding)
            }
            out += line + "\n"
        }
        return out
    }

    static func json(_ account: AccountRecord) -> JSONValue {
        var object = JSONObject()
        object["email"] = .string(account.email)
        object["name"] = account.name.map(JSONValue.string) ?? .null
        object["role"] = .string(account.role.rawValue)
        object["invitedAt"] = account.invitedAt.map(JSONValue.string) ?? .null
        object["createdAt"] = .string(account.createdAt)
        object["disabledAt"] = account.disabledAt.map(JSONValue.string) ?? .null
        object["id"] = .string(account.id)
        return .object(object)
    }
}

struct UsersInvite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite",
        abstract: "Add or update many people at once from a CSV file.",
        discussion: """
            The file is CSV (comma- or semicolon-separated, as spreadsheets save it) with
            a header row naming its columns in any order: email (required), name and role
            (admin, assessor or learner). A row with no role gives a new person --role
            (learner by default); a person already added keeps their role unless the row
            names one, and their name unless the row gives one.

            For example, cohort.csv:

              email,name,role
              ada@example.org,Ada Lovelace,
              grace@example.org,Grace Hopper,learner
              sam@example.org,Sam Reviewer,assessor

            Every row is checked first: when any row is bad (an address that is not one,
            an unknown role, an address given twice), the error names the file, line and
            column, and nobody is added.

            With --public-url, each person in the file is mailed an invitation with a
            sign-in link to that address (it works once, within 7 days): into the
            workspace's outbox/ as .eml files, or through --smtp (the password from
            LAUREL_SMTP_PASSWORD).

            Examples:
              laurel users invite --csv cohort.csv
              laurel users invite --csv assessors.csv --role assessor
              laurel users invite --csv cohort.csv \\
                  --public-url https://badges.example.edu \\
                  --smtp smtp://badges@mail.example.edu:587
            """)

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: ArgumentHelp("The CSV file of people (- for standard input).", valueName: "file"))
    var csv: String

    @Option(help: ArgumentHelp("The role of new people whose row names none.", valueName: "role"))
    var role: RoleArgument = .learner

    @Option(name: .customLong("public-url"), help: ArgumentHelp(
        "Mail each person an invitation with a sign-in link to this address (where laurel serve is reached).",
        valueName: "url"))
    var publicURL: String?

    @Option(help: ArgumentHelp(
        "Send the invitations through this mail server (smtp:// or smtps://) instead of the outbox.", valueName: "url"))
    var smtp: String?

    @Option(name: .customLong("mail-from"), help: ArgumentHelp(
        "The sender of the invitations (default: the issuer's email).", valueName: "address"))
    var mailFrom: String?

    func validate() throws {
        if let publicURL, !(publicURL.hasPrefix("https://") || publicURL.hasPrefix("http://")) {
            throw ValidationError("--public-url must start with https:// (or http://)")
        }
        if smtp != nil && publicURL == nil { throw ValidationError("--smtp sends invitations: give --public-url too") }
    }

    func run() throws {
        let opened = try workspace.open()
        let bytes = try Console.readInput(csv, limit: Workspace.maximumInvitationBytes)
        let invited: [InvitedAccount]
        do {
            invited = try opened.inviteAccounts(
                csv: bytes, fileName: csv == "-" ? "standard input" : csv, defaultRole: role.role, now: Console.now())
        } catch {
            throw CLIError(error.description)
        }
        let added = invited.filter(\.created).count
        let updated = invited.count - added
        Console.write("\(added) \(added == 1 ? "account" : "accounts") added, \(updated) updated\n")
        guard let publicURL else {
            Console.write(UsersCommand.invitationNote + "\n")
            return
        }
        let mailer: any Mailer
        do {
            mailer = try Mail.mailer(smtp: smtp, outbox: opened.outboxDirectory)
        } catch {
            throw CLIError("--smtp: \(error.description)")
        }
        let from = mailFrom ?? opened.mailSender
        var sent = 0
        var failed: [String] = []
        for item in invited {
            do {
                let notice = try opened.invitation(for: item.account, baseURL: publicURL, now: Console.nowSeconds())
                try mailer.send(MailMessage(from: from, to: notice.to, subject: notice.subject, text: notice.text))
                try opened.ledger.markAccount(item.account.id, invitedAt: Console.now())
                sent += 1
            } catch {
                failed.append("\(item.account.email): \(error)")
            }
        }
        Console.write("\(sent) invitation\(sent == 1 ? "" : "s") sent" + (smtp == nil ? " to \(opened.outboxDirectory)\n" : "\n"))
        if !failed.isEmpty {
            throw CLIError("\(failed.count) invitation\(failed.count == 1 ? "" : "s") could not be sent:\n  "
                + failed.joined(separator: "\n  "))
        }
    }
}

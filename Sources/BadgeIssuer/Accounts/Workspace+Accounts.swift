public import BadgeStore
internal import CSV

/// An account added or updated by `Workspace.addAccount` or `Workspace.inviteAccounts`: what to send an
/// invitation to.
public struct InvitedAccount: Sendable, Hashable {
    /// The account as stored afterwards.
    public var account: AccountRecord
    /// Whether the account is new (false: it existed and was updated).
    public var created: Bool
    /// The line of the CSV file the account came from (nil when added one at a time).
    public var line: Int?

    public init(account: AccountRecord, created: Bool, line: Int? = nil) {
        self.account = account
        self.created = created
        self.line = line
    }
}

/// One row of an invitation list, checked but not yet stored.
public struct AccountInvitation: Sendable, Hashable {
    /// The address, lower-cased.
    public var email: String
    /// The name, when the row gives one (nil keeps an existing account's name).
    public var name: String?
    /// The role, when the row gives one (nil: an existing account keeps its role, a new one gets the default).
    public var role: AccountRole?
    /// The line of the CSV file the row starts on.
    public var line: Int
}

extension Workspace {
    /// The columns an invitation list may have; `email` is required.
    public static let invitationColumns: [String] = ["email", "name", "role"]

    /// The largest invitation list read, in bytes.
    public static let maximumInvitationBytes = 16 * 1024 * 1024

    /// Adds an account, or updates the name (when given) and role of the one with this address, and says which.
    public func addAccount(
        email: String, name: String?, role: AccountRole, now: String
    ) throws(IssuerError) -> InvitedAccount {
        do {
            let stored = try ledger.upsertAccount(email: email, name: name, role: role, now: now)
            return InvitedAccount(account: stored.account, created: stored.created)
        } catch {
            throw IssuerError(error.code == .invalidInput ? .invalidField : .ledger, error.reason)
        }
    }

    /// Reads and checks an invitation list without storing anything.
    ///
    /// The list is CSV (`,` or `;`) with a header row naming the columns, in any order: `email` (required),
    /// `name` and `role` (`admin`, `assessor` or `learner`; an empty cell or no column means `defaultRole` for a
    /// new account, and an existing account keeps its role). Every row is checked; the first problem is thrown,
    /// naming the file, the line and the column, and counting the other bad rows. An address on two rows is
    /// refused, naming both lines.
    public func readInvitations(
        csv bytes: [UInt8], fileName: String
    ) throws(IssuerError) -> [AccountInvitation] {
        guard bytes.count <= Self.maximumInvitationBytes else {
            throw IssuerError(
                .csv, "the file is larger than \(Self.maximumInvitationBytes / 1024 / 1024) MiB; split it",
                file: fileName)
        }
        var parser: CSVParser
        var header: CSVRecord?
        do {
            parser = try CSVParser(source: CSVBytes(bytes))
            parser.maxFieldBytes = 64 * 1024
            header = try parser.next()
        } catch {
            throw Self.invitationError(error, fileName)
        }
        let columnList = Self.invitationColumns.joined(separator: ", ")
        guard let header, header.problem == nil else {
            throw IssuerError(
                .csv, header?.problem ?? "the file is empty; it needs a header row naming at least 'email'",
                file: fileName, line: header?.line ?? 1)
        }
        let columns = header.fields.map { String($0.trimmingWhitespace).lowercased() }
        for (index, column) in columns.enumerated() where !Self.invitationColumns.contains(column) {
            throw IssuerError(
                .csv, "unknown column '\(header.fields[index])' (columns: \(columnList))", file: fileName,
                line: header.line)
        }
        guard columns.contains("email") else {
            throw IssuerError(
                .csv, "the header has no 'email' column (columns: \(columnList))", file: fileName, line: header.line)
        }
        if let twice = columns.first(where: { column in columns.filter { $0 == column }.count > 1 }) {
            throw IssuerError(.csv, "the column '\(twice)' is named twice", file: fileName, line: header.line)
        }

        var rows: [AccountInvitation] = []
        var problems: [IssuerError] = []
        var lineOf: [String: Int] = [:]
        while true {
            let record: CSVRecord?
            do {
                record = try parser.next()
            } catch {
                problems.append(Self.invitationError(error, fileName))
                break
            }
            guard let record else { break }
            do throws(IssuerError) {
                let row = try invitation(record, columns: columns, fileName: fileName)
                if let first = lineOf[row.email] {
                    throw IssuerError(
                        .csv, "\(row.email) is on line \(first) already", file: fileName, field: "email",
                        line: record.line)
                }
                lineOf[row.email] = record.line
                rows.append(row)
            } catch {
                problems.append(error)
            }
            if rows.count + problems.count > Ledger.maximumRowsPerCall {
                throw IssuerError(
                    .csv, "more than \(Ledger.maximumRowsPerCall) rows; split the file", file: fileName,
                    line: record.line)
            }
        }
        if var first = problems.first {
            if problems.count > 1 {
                let lines = problems.dropFirst().prefix(10).compactMap(\.line).map(String.init)
                let more = problems.count - 1
                first.reason += " (\(more) more \(more == 1 ? "row is" : "rows are") refused too"
                    + (lines.isEmpty ? "" : ": line\(lines.count == 1 ? "" : "s") \(lines.joined(separator: ", "))")
                    + (more > lines.count ? ", …" : "") + ")"
            }
            first.reason += "; nothing was added"
            throw first
        }
        guard !rows.isEmpty else {
            throw IssuerError(.csv, "the file has a header but no rows", file: fileName, line: header.line)
        }
        return rows
    }

    /// Adds or updates every account of an invitation list (see `readInvitations` for its form) in one
    /// transaction, after checking every row: when any row is bad, nothing is added. Returns the accounts in the
    /// order of the file, each saying whether it is new, so invitations can be sent to them.
    public func inviteAccounts(
        csv bytes: [UInt8], fileName: String, defaultRole: AccountRole = .learner, now: String
    ) throws(IssuerError) -> [InvitedAccount] {
        let rows = try readInvitations(csv: bytes, fileName: fileName)
        let stored: [(account: AccountRecord, created: Bool)]
        do {
            stored = try ledger.upsertAccounts(
                rows.map { ($0.email, $0.name, $0.role) }, defaultRole: defaultRole, now: now)
        } catch {
            throw IssuerError(.ledger, error.reason + "; nothing was added", file: fileName)
        }
        return zip(rows, stored).map { row, item in
            InvitedAccount(account: item.account, created: item.created, line: row.line)
        }
    }

    /// One row of an invitation list; problems name the file, line and column.
    func invitation(
        _ record: CSVRecord, columns: [String], fileName: String
    ) throws(IssuerError) -> AccountInvitation {
        func problem(_ reason: String, _ field: String? = nil) -> IssuerError {
            IssuerError(.csv, reason, file: fileName, field: field, line: record.line)
        }
        if let reason = record.problem { throw problem(reason) }
        guard record.fields.count == columns.count else {
            let count = record.fields.count
            throw problem("the row has \(count) field\(count == 1 ? "" : "s"), but the header names \(columns.count)")
        }
        var values: [String: String] = [:]
        for (column, field) in zip(columns, record.fields) {
            let trimmed = String(field.trimmingWhitespace)
            if !trimmed.isEmpty { values[column] = trimmed }
        }
        guard let emailText = values["email"] else { throw problem("the address is empty", "email") }
        let email: String
        do {
            email = try ledger.checkedAccount(email: emailText)
        } catch {
            throw problem(error.reason, "email")
        }
        let name = values["name"]
        do {
            _ = try ledger.checkedAccount(email: email, name: name)
        } catch {
            throw problem(error.reason, "name")
        }
        var role: AccountRole? = nil
        if let text = values["role"] {
            guard let known = AccountRole(rawValue: text.lowercased()) else {
                let roles = AccountRole.allCases.map(\.rawValue).joined(separator: ", ")
                throw problem("'\(text.prefix(40))' is not a role (roles: \(roles))", "role")
            }
            role = known
        }
        return AccountInvitation(email: email, name: name, role: role, line: record.line)
    }

    static func invitationError(_ error: CSVError, _ fileName: String) -> IssuerError {
        switch error.kind {
        case .read: IssuerError(.io, error.message, file: fileName)
        case .syntax: IssuerError(.csv, error.message, file: fileName, line: error.line)
        }
    }
}

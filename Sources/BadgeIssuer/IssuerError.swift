/// Why an issuing step could not be done, naming the file, the field and (when known) the line.
public struct IssuerError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable {
        case invalidFile = "invalid_file"
        case invalidField = "invalid_field"
        case unknownCriterion = "unknown_criterion"
        case unknownLevel = "unknown_level"
        /// The results do not meet the achievement's rubric (a criterion missing or below its required level).
        case rubricNotMet = "rubric_not_met"
        case invalidRecipient = "invalid_recipient"
        case invalidDate = "invalid_date"
        case schema
        case workspace
        case io
        case signing
        case ledger
        case csv
    }

    public var code: Code
    public var reason: String
    /// The file concerned, when there is one.
    public var file: String?
    /// The JSON path (`rubric[1].levels[0].name`) or CSV column concerned.
    public var field: String?
    /// The 1-based line in `file`, when known.
    public var line: Int?

    public init(_ code: Code, _ reason: String, file: String? = nil, field: String? = nil, line: Int? = nil) {
        self.code = code
        self.reason = reason
        self.file = file
        self.field = field
        self.line = line
    }

    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line { location += ":\(line)" }
            location += ": "
        }
        if let field { location += "\(field): " }
        return location + reason
    }
}

/// Why a JSON-LD document could not be processed, and where.
///
/// `code` is the error code the JSON-LD 1.1 Processing Algorithms and API name (§9.5.2 `JsonLdErrorCode`,
/// e.g. "invalid local context", "protected term redefinition"), the Data Integrity code
/// `DATA_LOSS_DETECTION_ERROR` for safe mode, or one of Laurel's limit codes. `reason` says in plain words
/// what was wrong; `path` is the JSON path in the input document where it was found, when known.
public struct JSONLDError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The error codes of JSON-LD 1.1 (`JsonLdErrorCode`), plus safe-mode and resource-limit codes.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case collidingKeywords = "colliding keywords"
        case conflictingIndexes = "conflicting indexes"
        case contextOverflow = "context overflow"
        case cyclicIRIMapping = "cyclic IRI mapping"
        case invalidBaseDirection = "invalid base direction"
        case invalidBaseIRI = "invalid base IRI"
        case invalidContainerMapping = "invalid container mapping"
        case invalidContextEntry = "invalid context entry"
        case invalidContextNullification = "invalid context nullification"
        case invalidDefaultLanguage = "invalid default language"
        case invalidIdValue = "invalid @id value"
        case invalidImportValue = "invalid @import value"
        case invalidIncludedValue = "invalid @included value"
        case invalidIndexValue = "invalid @index value"
        case invalidIRIMapping = "invalid IRI mapping"
        case invalidKeywordAlias = "invalid keyword alias"
        case invalidLanguageMapping = "invalid language mapping"
        case invalidLanguageMapValue = "invalid language map value"
        case invalidLanguageTaggedString = "invalid language-tagged string"
        case invalidLanguageTaggedValue = "invalid language-tagged value"
        case invalidLocalContext = "invalid local context"
        case invalidNestValue = "invalid @nest value"
        case invalidPrefixValue = "invalid @prefix value"
        case invalidPropagateValue = "invalid @propagate value"
        case invalidProtectedValue = "invalid @protected value"
        case invalidRemoteContext = "invalid remote context"
        case invalidReverseProperty = "invalid reverse property"
        case invalidReversePropertyMap = "invalid reverse property map"
        case invalidReversePropertyValue = "invalid reverse property value"
        case invalidReverseValue = "invalid @reverse value"
        case invalidScopedContext = "invalid scoped context"
        case invalidSetOrListObject = "invalid set or list object"
        case invalidTermDefinition = "invalid term definition"
        case invalidTypedValue = "invalid typed value"
        case invalidTypeMapping = "invalid type mapping"
        case invalidTypeValue = "invalid type value"
        case invalidValueObject = "invalid value object"
        case invalidValueObjectValue = "invalid value object value"
        case invalidVersionValue = "invalid @version value"
        case invalidVocabMapping = "invalid vocab mapping"
        case keywordRedefinition = "keyword redefinition"
        case listOfLists = "list of lists"
        case loadingDocumentFailed = "loading document failed"
        case loadingRemoteContextFailed = "loading remote context failed"
        case processingModeConflict = "processing mode conflict"
        case protectedTermRedefinition = "protected term redefinition"
        case recursiveContextInclusion = "recursive context inclusion"
        /// Safe mode: something in the document would be silently dropped (VC Data Integrity §2.4.3).
        case dataLossDetection = "DATA_LOSS_DETECTION_ERROR"
        /// The document is larger than `JSONLDLimits.maxInputBytes`.
        case inputTooLarge = "input too large"
        /// Arrays and objects nest deeper than `JSONLDLimits.maxDepth`.
        case nestingTooDeep = "nesting too deep"
        /// More context documents were dereferenced than `JSONLDLimits.maxContextLoads`.
        case tooManyContextLoads = "too many context loads"
        /// Processing took more steps than `JSONLDLimits.maxWorkSteps`.
        case workBudgetExceeded = "work budget exceeded"
        /// The input is not well-formed JSON.
        case invalidJSON = "invalid JSON"
    }

    /// The error code (`code.rawValue` is the string the spec or VC Data Integrity uses).
    public var code: Code
    /// What was wrong, in plain words.
    public var reason: String
    /// Where in the input document, as a JSON path such as `credentialSubject.achievement.foo` or
    /// `proof[0].type`; `nil` when the problem is not tied to one place (for example a remote context).
    public var path: String?
    /// For `DATA_LOSS_DETECTION_ERROR`: the JSON path of every member, type or value that would be dropped.
    public var paths: [String]

    public init(_ code: Code, _ reason: String, path: String? = nil, paths: [String] = []) {
        self.code = code
        self.reason = reason
        self.path = path
        self.paths = paths
    }

    public var description: String {
        if let path, !path.isEmpty {
            return "\(code.rawValue) at \(path): \(reason)"
        }
        return "\(code.rawValue): \(reason)"
    }
}

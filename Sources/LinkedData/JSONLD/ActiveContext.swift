/// The keywords of JSON-LD 1.1.
enum Keyword {
    static let all: Set<String> = [
        "@base", "@container", "@context", "@direction", "@graph", "@id", "@import", "@included", "@index",
        "@json", "@language", "@list", "@nest", "@none", "@prefix", "@propagate", "@protected", "@reverse",
        "@set", "@type", "@value", "@version", "@vocab",
    ]

    static func isKeyword(_ value: String) -> Bool {
        guard value.utf8.first == UInt8(ascii: "@") else { return false }
        return position(of: value) != nil
    }

    /// The keywords, packed: the bytes of each (at most 10) as two little-endian words. Comparing two words
    /// is far cheaper than hashing the string for a set lookup, and expansion asks for every key of every map.
    private static let packed: [(low: UInt64, high: UInt64)] = all.sorted().map { pack($0)! }

    /// The keyword's place in `all.sorted()`, or `nil` when `value` is not a keyword.
    static func position(of value: String) -> Int? {
        guard let code = pack(value) else { return nil }
        for (index, keyword) in packed.enumerated() where keyword.low == code.low && keyword.high == code.high {
            return index
        }
        return nil
    }

    /// The bytes of a string of 3 to 10 bytes that starts with `@`, and its length, as two words; `nil` for any
    /// other string.
    @inline(__always)
    private static func pack(_ value: String) -> (low: UInt64, high: UInt64)? {
        let bytes = value.utf8
        let count = bytes.count
        guard count >= 3, count <= 10, bytes.first == UInt8(ascii: "@") else { return nil }
        var low: UInt64 = 0
        var high: UInt64 = 0
        var shift: UInt64 = 0
        for byte in bytes {
            if shift < 64 {
                low |= UInt64(byte) << shift
            } else {
                high |= UInt64(byte) << (shift - 64)
            }
            shift += 8
        }
        // The length goes in too, so a trailing NUL byte cannot pass for the end of a keyword.
        return (low, high | UInt64(count) << 56)
    }

    /// True when `value` has the form of a keyword: `"@" 1*ALPHA`.
    static func hasKeywordForm(_ value: String) -> Bool {
        var iterator = value.utf8.makeIterator()
        guard iterator.next() == UInt8(ascii: "@") else { return false }
        var count = 0
        while let byte = iterator.next() {
            guard IRI.isAlpha(byte) else { return false }
            count += 1
        }
        return count > 0
    }
}

/// The container kinds a term definition's container mapping can hold.
struct ContainerSet: OptionSet, Hashable, Sendable {
    let rawValue: UInt8

    static let graph = ContainerSet(rawValue: 1 << 0)
    static let id = ContainerSet(rawValue: 1 << 1)
    static let index = ContainerSet(rawValue: 1 << 2)
    static let language = ContainerSet(rawValue: 1 << 3)
    static let list = ContainerSet(rawValue: 1 << 4)
    static let set = ContainerSet(rawValue: 1 << 5)
    static let type = ContainerSet(rawValue: 1 << 6)

    init(rawValue: UInt8) {
        self.rawValue = rawValue
    }

    /// The container for one keyword, or `nil` for anything else.
    init?(keyword: String) {
        switch keyword {
        case "@graph": self = .graph
        case "@id": self = .id
        case "@index": self = .index
        case "@language": self = .language
        case "@list": self = .list
        case "@set": self = .set
        case "@type": self = .type
        default: return nil
        }
    }
}

/// A language or direction mapping: absent, explicitly `null`, or a value.
enum OptionalMapping: Hashable, Sendable {
    case absent
    case null
    case value(String)
}

/// A term's local (scoped) context, kept as given, with the base URL to process it against.
///
/// A class so that processed results can be cached by its identity; it never changes once created.
final class ScopedContext: Sendable {
    let value: JSONValue
    let baseURL: String?

    init(value: JSONValue, baseURL: String?) {
        self.value = value
        self.baseURL = baseURL
    }
}

/// A term definition (JSON-LD 1.1 API §4.1): how a term maps to an IRI and how its values are interpreted.
final class TermDefinition: Sendable {
    /// The IRI mapping: an IRI, a blank node identifier or a keyword; `nil` when `@id` is `null`.
    let iri: String?
    /// The keyword this term is an alias of, when its IRI mapping is a keyword.
    let keyword: String?
    let isPrefix: Bool
    let isProtected: Bool
    let isReverse: Bool
    let baseURL: String?
    let scopedContext: ScopedContext?
    /// The container mapping, and whether one was given at all (`@container: null` gives an empty set).
    let container: ContainerSet
    let hasContainer: Bool
    let direction: OptionalMapping
    let index: String?
    let language: OptionalMapping
    let nest: String?
    /// The type mapping: an IRI, or `@id`, `@json`, `@none`, `@vocab`.
    let typeMapping: String?
    /// The kind of type mapping, so that the expansion hot path compares no strings.
    let typeKind: TypeKind
    /// Whether the IRI mapping is a well-formed IRI for RDF (`IRI.isWellFormed`), decided once when the
    /// definition is made, so the properties and datatypes of every document are not scanned again.
    let iriIsWellFormed: Bool
    /// Whether an IRI type mapping is well-formed (false for keyword type mappings and none).
    let typeMappingIsWellFormed: Bool
    /// Whether the IRI mapping contains a colon (an expanded property without one is dropped).
    let iriHasColon: Bool

    enum TypeKind: Sendable {
        case absent, id, vocab, json, none, iri
    }

    init(
        iri: String?, isPrefix: Bool, isProtected: Bool, isReverse: Bool, baseURL: String?,
        scopedContext: ScopedContext?, container: ContainerSet, hasContainer: Bool, direction: OptionalMapping,
        index: String?, language: OptionalMapping, nest: String?, typeMapping: String?
    ) {
        self.iri = iri
        self.keyword = iri.flatMap { Keyword.isKeyword($0) ? $0 : nil }
        self.isPrefix = isPrefix
        self.isProtected = isProtected
        self.isReverse = isReverse
        self.baseURL = baseURL
        self.scopedContext = scopedContext
        self.container = container
        self.hasContainer = hasContainer
        self.direction = direction
        self.index = index
        self.language = language
        self.nest = nest
        self.typeMapping = typeMapping
        switch typeMapping {
        case nil: typeKind = .absent
        case "@id": typeKind = .id
        case "@vocab": typeKind = .vocab
        case "@json": typeKind = .json
        case "@none": typeKind = .none
        default: typeKind = .iri
        }
        iriIsWellFormed = iri.map(IRI.isWellFormed) ?? false
        iriHasColon = iri.map { IRI.contains(UInt8(ascii: ":"), in: $0) } ?? false
        typeMappingIsWellFormed = typeKind == .iri && typeMapping.map(IRI.isWellFormed) == true
    }

    /// A copy with a different protected flag.
    func withProtected(_ isProtected: Bool) -> TermDefinition {
        TermDefinition(
            iri: iri, isPrefix: isPrefix, isProtected: isProtected, isReverse: isReverse, baseURL: baseURL,
            scopedContext: scopedContext, container: container, hasContainer: hasContainer, direction: direction,
            index: index, language: language, nest: nest, typeMapping: typeMapping)
    }

    /// True when both definitions are the same apart from the protected flag (and the base URL, which only
    /// matters together with a scoped context).
    func isSameDefinition(as other: TermDefinition) -> Bool {
        guard iri == other.iri, isPrefix == other.isPrefix, isReverse == other.isReverse,
            container == other.container, direction == other.direction, index == other.index,
            language == other.language, nest == other.nest, typeMapping == other.typeMapping
        else { return false }
        switch (scopedContext, other.scopedContext) {
        case (nil, nil):
            return true
        case (let a?, let b?):
            return a === b || a.value == b.value
        default:
            return false
        }
    }
}

/// The state of an active context (JSON-LD 1.1 API §4.1), mutable while a local context is being processed.
struct ContextState: Sendable {
    struct Alias: Sendable {
        let term: String
        let keyword: String
    }

    private(set) var terms: [String: TermDefinition] = [:]
    /// The terms that are keyword aliases (`"id": "@id"`), kept beside `terms` so that finding which keys of a
    /// map expand to `@type`, `@id` or `@value` needs no hashing.
    private(set) var keywordAliases: [Alias] = []
    /// Whether any term contains a colon: if none does, IRI expansion of a value with a colon cannot find a term.
    private(set) var hasColonTerms = false
    var baseIRI: String?
    var originalBaseURL: String?
    var vocabularyMapping: String?
    var defaultLanguage: String?
    var defaultDirection: String?
    var previousContext: ActiveContext?
    var processingMode: JSONLDOptions.ProcessingMode = .jsonLD11

    /// Number of protected term definitions.
    private(set) var protectedCount = 0

    var hasProtectedTerms: Bool {
        protectedCount > 0
    }

    /// Sets (or with `nil` removes) the definition of `term`, returning the previous one.
    @discardableResult
    mutating func setTerm(_ term: String, _ definition: TermDefinition?) -> TermDefinition? {
        let previous: TermDefinition?
        if let definition {
            previous = terms.updateValue(definition, forKey: term)
        } else {
            previous = terms.removeValue(forKey: term)
        }
        if previous?.isProtected == true { protectedCount -= 1 }
        if definition?.isProtected == true { protectedCount += 1 }
        if previous?.keyword != nil {
            keywordAliases.removeAll { $0.term == term }
        }
        if let keyword = definition?.keyword {
            keywordAliases.append(Alias(term: term, keyword: keyword))
        }
        if definition != nil && !hasColonTerms && term.utf8.contains(UInt8(ascii: ":")) {
            hasColonTerms = true
        }
        return previous
    }

    /// The keyword `key` expands to (as IRI expansion with vocab = true would find it), if any.
    @inline(__always)
    func keyword(of key: String) -> String? {
        if key.utf8.first == UInt8(ascii: "@") {
            return Keyword.isKeyword(key) ? key : nil
        }
        if keywordAliases.count > 8 {
            return terms[key]?.keyword
        }
        let length = key.utf8.count
        for alias in keywordAliases where alias.term.utf8.count == length && alias.term == key {
            return alias.keyword
        }
        return nil
    }
}

/// An immutable active context. Instances are shared between documents and threads and are cached by
/// identity, so a processed context is never rebuilt for the same inputs.
final class ActiveContext: Sendable {
    let state: ContextState
    /// Whether this context may serve as the parent of a globally cached derivation.
    let isShared: Bool

    init(_ state: ContextState, isShared: Bool) {
        self.state = state
        self.isShared = isShared
    }

    @inline(__always)
    func term(_ key: String) -> TermDefinition? {
        state.terms[key]
    }
}

/// A JSON value that keeps what a signature covers: object member order and each number's original lexeme.
///
/// Foundation's `JSONSerialization` reorders members, turns numbers into `NSNumber` (so `3.0` and `3` become
/// indistinguishable) and escapes `/`. Laurel parses into this type instead, so a document can be read,
/// inspected and written back without changing anything it did not mean to change.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(JSONNumber)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

extension JSONValue {
    /// Values are equal when they would serialize the same: same kind, same member names and strings code unit
    /// for code unit (no Unicode normalization, unlike `String`'s `==`), same number lexemes, same order.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.string(let a), .string(let b)): JSONObject.sameName(a, b)
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a == b
        default: false
        }
    }
}

/// A member name compared and hashed by its exact UTF-8 bytes (for duplicate detection).
struct ExactName: Hashable {
    let name: String

    init(_ name: String) {
        self.name = name
    }

    static func == (lhs: ExactName, rhs: ExactName) -> Bool {
        JSONObject.sameName(lhs.name, rhs.name)
    }

    func hash(into hasher: inout Hasher) {
        let done: Void? = name.utf8.withContiguousStorageIfAvailable {
            hasher.combine(bytes: UnsafeRawBufferPointer($0))
        }
        if done == nil {
            for byte in name.utf8 { hasher.combine(byte) }
        }
    }
}

/// A JSON number as it was written (`1`, `1.0`, `1e3`, `-0`): the lexeme is kept verbatim.
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
    /// The number exactly as it appeared in the source (or as produced by `init(_:)`).
    public let lexeme: String

    /// Creates a number from a lexeme that is already valid RFC 8259 number syntax.
    public init(lexeme: String) {
        self.lexeme = lexeme
    }

    /// A number for an integer value.
    public init(_ value: Int) {
        self.lexeme = String(value)
    }

    /// The value as a `Double` (the nearest one for long lexemes).
    public var doubleValue: Double {
        Double(lexeme) ?? .nan
    }

    /// True when the lexeme has no fraction and no exponent (`12`, `-3`), the JSON-LD notion of an integer.
    public var isIntegerLexeme: Bool {
        !lexeme.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }
    }

    /// The value as an `Int`, when the lexeme is an integer that fits.
    public var intValue: Int? {
        isIntegerLexeme ? Int(lexeme) : nil
    }

    public var description: String { lexeme }
}

/// A JSON object whose members keep their order. Member names are unique (the parser rejects duplicates).
public struct JSONObject: Sendable, Hashable, Sequence {
    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: JSONValue

        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }

        /// Names compare by code units, values as `JSONValue` does.
        public static func == (lhs: Member, rhs: Member) -> Bool {
            JSONObject.sameName(lhs.key, rhs.key) && lhs.value == rhs.value
        }
    }

    /// The members in document order.
    public private(set) var members: [Member]

    public init() {
        members = []
    }

    /// Creates an object from members; a later member with an existing name replaces the earlier value in place.
    public init(_ members: [Member]) {
        self.members = []
        self.members.reserveCapacity(members.count)
        for member in members {
            self[member.key] = member.value
        }
    }

    /// Creates an object from `(key, value)` pairs in order.
    public init(_ pairs: KeyValuePairs<String, JSONValue>) {
        self.init(pairs.map { Member(key: $0.key, value: $0.value) })
    }

    /// Members whose names the parser has already checked to be unique.
    init(uniqueMembers: [Member]) {
        members = uniqueMembers
    }

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }

    public func makeIterator() -> IndexingIterator<[Member]> {
        members.makeIterator()
    }

    /// Position of the member named `key`, if any. Names match when their code units are identical (no Unicode
    /// normalization: `"\u{E5}"` and `"a\u{30A}"` are different names, as in JSON).
    public func index(of key: String) -> Int? {
        members.firstIndex { Self.sameName($0.key, key) }
    }

    /// Whether two member names are the same sequence of code units.
    @inline(__always)
    static func sameName(_ a: String, _ b: String) -> Bool {
        let left = a.utf8
        let right = b.utf8
        guard left.count == right.count else { return false }
        let same: Bool?? = left.withContiguousStorageIfAvailable { l in
            right.withContiguousStorageIfAvailable { r in
                for index in 0..<l.count where l[index] != r[index] { return false }
                return true
            }
        }
        if let same, let same { return same }
        return left.elementsEqual(right)
    }

    /// Reads a member's value; assigning appends a new member at the end or replaces an existing value in
    /// place (the member keeps its position); assigning `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get {
            for member in members where Self.sameName(member.key, key) {
                return member.value
            }
            return nil
        }
        set {
            if let position = index(of: key) {
                if let newValue {
                    members[position].value = newValue
                } else {
                    members.remove(at: position)
                }
            } else if let newValue {
                members.append(Member(key: key, value: newValue))
            }
        }
    }

    /// Removes and returns the value named `key`.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = index(of: key) else { return nil }
        return members.remove(at: position).value
    }
}

extension JSONValue {
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var numberValue: JSONNumber? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// The member `key` of an object; `nil` for a missing member or a non-object.
    public subscript(key: String) -> JSONValue? {
        objectValue?[key]
    }

    /// A short name for the kind of value, for error messages ("object", "array", "string", …).
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(JSONObject(elements.map { JSONObject.Member(key: $0.0, value: $0.1) }))
    }
}

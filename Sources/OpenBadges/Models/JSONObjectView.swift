public import LinkedData

/// A model that is a typed view over a JSON object.
///
/// The JSON object is the source of truth: every typed property reads and writes a member of `json`, so a
/// credential decoded from a file and encoded again keeps every member (extensions included), their order,
/// date strings exactly as written and number lexemes. Nothing that a signature covers is re-serialized.
public protocol JSONObjectView: Sendable, Hashable, Codable {
    /// The underlying JSON object.
    var json: JSONObject { get set }
    /// Wraps an object without checking it.
    init(json: JSONObject)
}

extension JSONObjectView {
    /// Decodes from a JSON value, which must be an object.
    public init(_ value: JSONValue, path: String = "") throws(ModelError) {
        guard case .object(let object) = value else {
            throw ModelError(path: path, reason: "expected an object, found \(value.kindName)")
        }
        self.init(json: object)
    }

    /// The view as a JSON value.
    public var jsonValue: JSONValue { .object(json) }

    public init(from decoder: any Decoder) throws {
        let value = try JSONValue(from: decoder)
        guard case .object(let object) = value else {
            throw DecodingError.typeMismatch(
                JSONObject.self,
                .init(codingPath: decoder.codingPath, debugDescription: "expected an object, found \(value.kindName)"))
        }
        self.init(json: object)
    }

    public func encode(to encoder: any Encoder) throws {
        try JSONValue.object(json).encode(to: encoder)
    }

    // MARK: Member access helpers used by the typed properties

    /// A string member.
    public func string(_ key: String) -> String? {
        json[key]?.stringValue
    }

    /// Sets or removes a string member.
    public mutating func setString(_ key: String, _ value: String?) {
        json[key] = value.map(JSONValue.string)
    }

    /// A member that may be a single string or an array of strings (`type`, `@context`).
    public func strings(_ key: String) -> [String] {
        switch json[key] {
        case .string(let value)?: [value]
        case .array(let values)?: values.compactMap(\.stringValue)
        default: []
        }
    }

    /// Sets a string-array member (always written as an array: the maximal form the schemas expect).
    public mutating func setStrings(_ key: String, _ values: [String]?) {
        json[key] = values.map { .array($0.map(JSONValue.string)) }
    }

    /// A member holding one object.
    public func object<View: JSONObjectView>(_ key: String, as type: View.Type = View.self) -> View? {
        json[key]?.objectValue.map(View.init(json:))
    }

    /// Sets or removes a member holding one object.
    public mutating func setObject(_ key: String, _ view: (some JSONObjectView)?) {
        json[key] = view.map { .object($0.json) }
    }

    /// A member that may be one object or an array of objects; non-objects are skipped.
    public func objects<View: JSONObjectView>(_ key: String, as type: View.Type = View.self) -> [View] {
        switch json[key] {
        case .object(let object)?: [View(json: object)]
        case .array(let values)?: values.compactMap { $0.objectValue.map(View.init(json:)) }
        default: []
        }
    }

    /// Sets an array-of-objects member; an empty array removes the member (OB: empty arrays are omitted).
    public mutating func setObjects(_ key: String, _ views: [some JSONObjectView]) {
        json[key] = views.isEmpty ? nil : .array(views.map { .object($0.json) })
    }

    /// The `type` values.
    public var types: [String] {
        get { strings("type") }
        set { setStrings("type", newValue) }
    }

    /// Whether `type` contains `name`.
    public func hasType(_ name: String) -> Bool {
        types.contains(name)
    }
}

/// A problem with a model's shape, naming where it is.
public struct ModelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// JSON path of the offending member (`credentialSubject.achievement.name`), empty for the top level.
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        path.isEmpty ? reason : "\(path): \(reason)"
    }
}

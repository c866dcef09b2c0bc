import Foundation
import LinkedData
@testable import OpenBadges

/// Loads the JSON fixtures under `Fixtures/schema/` (see `Fixtures/schema/SOURCES.md`).
enum SchemaFixtures {
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static var directory: URL {
        get throws {
            guard let base = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
                throw Missing(description: "the Fixtures folder is not in the test bundle")
            }
            return base.appendingPathComponent("schema")
        }
    }

    static func load(_ relativePath: String) throws -> JSONValue {
        let data = try Data(contentsOf: try directory.appendingPathComponent(relativePath))
        return try JSONValue(parsing: Array(data))
    }

    static func names(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: try directory.appendingPathComponent(folder).path)
            .filter { $0.hasSuffix(".json") }
            .sorted()
    }

    /// Compiles a schema written inline in a test.
    static func validator(_ schemaText: String, options: JSONSchemaValidator.Options = .init()) throws
        -> JSONSchemaValidator
    {
        try JSONSchemaValidator(schemaText: schemaText, options: options)
    }
}

extension JSONValue {
    /// Reads a value at a dotted path such as `credentialSubject.achievement` (test convenience).
    func schemaTestValue(at path: String) -> JSONValue? {
        var current: JSONValue? = self
        for key in path.split(separator: ".") { current = current?[String(key)] }
        return current
    }
}

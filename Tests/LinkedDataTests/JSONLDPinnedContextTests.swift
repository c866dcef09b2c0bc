import BadgeCrypto
import Foundation
import Testing
@testable import LinkedData

/// The contexts compiled into the binary are exactly the files in `Schemas/contexts`.
@Suite struct JSONLDPinnedContextTests {
    static var contextsFolder: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Schemas/contexts")
    }

    /// Rows of the table in Schemas/contexts/SOURCES.md: (file, URLs, SHA-256).
    static func sourceRows() throws -> [(file: String, urls: [String], sha256: String)] {
        let text = try String(contentsOf: contextsFolder.appendingPathComponent("SOURCES.md"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let cells = line.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "|"))
                .split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count == 7, cells[0] != "file", !cells[0].hasPrefix("-") else { return nil }
            return (cells[0], cells[1] == "-" ? [] : cells[1].split(separator: " ").map(String.init), cells[2])
        }
    }

    @Test("the compiled contexts equal the files in Schemas/contexts byte for byte, with their SHA-256")
    func compiledMatchesFiles() throws {
        let rows = try Self.sourceRows()
        #expect(rows.count == 22)
        let served = rows.filter { !$0.urls.isEmpty }
        #expect(PinnedContexts.entries.count == served.count)
        for row in served {
            let entry = try #require(PinnedContexts.entries.first { $0.file == row.file }, "\(row.file) not compiled")
            let bytes = Array(try Data(contentsOf: Self.contextsFolder.appendingPathComponent(row.file)))
            #expect(Array(entry.text.utf8) == bytes, "\(row.file) differs from the compiled text")
            #expect(Hex.encode(SHA256.hash(bytes)) == row.sha256, "\(row.file) SHA-256 differs from SOURCES.md")
            #expect(Hex.encode(SHA256.hash(Array(entry.text.utf8))) == entry.sha256)
            #expect(entry.urls == row.urls)
        }
        // Every file in the folder has a row.
        for folder in ["w3c", "1edtech"] {
            let names = try FileManager.default.contentsOfDirectory(
                atPath: Self.contextsFolder.appendingPathComponent(folder).path)
            for name in names {
                #expect(rows.contains { $0.file == "\(folder)/\(name)" }, "\(folder)/\(name) is not in SOURCES.md")
            }
        }
    }

    @Test("the VC 2.0 base context has the SHA-256 published in the VC Data Model 2.0 Recommendation")
    func credentialsV2Digest() throws {
        let entry = try #require(PinnedContexts.entries.first { $0.urls.contains("https://www.w3.org/ns/credentials/v2") })
        #expect(entry.sha256 == "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734")
        #expect(Hex.encode(SHA256.hash(Array(entry.text.utf8))) == entry.sha256)
    }

    @Test("the pinned loader serves every pinned URL and refuses any other, naming it")
    func loaderServesOnlyPinnedURLs() throws {
        for url in PinnedContexts.urls {
            let document = try PinnedContexts.loader.loadDocument(url)
            #expect(document.document["@context"] != nil, "\(url) has no @context")
            #expect(document.documentURL == url)
        }
        #expect(PinnedContexts.urls.contains("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"))
        let error = try #require(throws: JSONLDError.self) {
            try PinnedContexts.loader.loadDocument("https://www.w3.org/ns/credentials/v3")
        }
        #expect(error.code == .loadingDocumentFailed)
        #expect(error.reason.contains("https://www.w3.org/ns/credentials/v3"))
    }

    @Test("OB 3.0.3 is served from the newer validator copy that defines endorsementJwt")
    func obContextChoice() throws {
        let entry = try #require(
            PinnedContexts.entries.first { $0.urls.contains("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json") })
        #expect(entry.file == "1edtech/ob-v3p0-3.0.3.validator.json")
        #expect(entry.text.contains("endorsementJwt"))
    }

    @Test("every pinned context processes without error, and processing is cached across processors")
    func everyContextProcesses() throws {
        let processor = JSONLDProcessor(options: JSONLDOptions(safeMode: false))
        for url in PinnedContexts.urls {
            // Contexts that redefine protected VC 2.0 terms are meant to be used without it.
            let alone = JSONValue.object(JSONObject(["@context": .string(url)]))
            let withVC = JSONValue.object(
                JSONObject(["@context": .array(["https://www.w3.org/ns/credentials/v2", .string(url)])]))
            #expect(throws: Never.self, "\(url)") { _ = try processor.expand(alone) }
            let result = Result { try processor.expand(withVC) }
            if case .failure(let error as JSONLDError) = result {
                #expect(error.code == .protectedTermRedefinition, "\(url): \(error)")
            }
        }
        let cache = PinnedContexts.loader.processedContextCache
        #expect((cache?.count ?? 0) > 0)
    }
}

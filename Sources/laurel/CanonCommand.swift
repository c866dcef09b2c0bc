import ArgumentParser
import BadgeCrypto
import BadgeProofs
import Foundation
import LinkedData

/// `laurel canon FILE|-`: the RDFC-1.0 canonical N-Quads of a JSON-LD document — what an eddsa-rdfc-2022 proof
/// hashes — with the pinned offline contexts and JSON-LD safe mode.
struct CanonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "canon",
        abstract: "Print the RDFC-1.0 canonical N-Quads of a JSON-LD document.",
        discussion: """
            The document is expanded with JSON-LD 1.1 using only the contexts built into Laurel (no network), \
            turned into RDF and canonicalized with RDFC-1.0 (SHA-256), exactly as eddsa-rdfc-2022 does before \
            hashing. Safe mode is on: a member, type or value that JSON-LD would silently drop (so a signature \
            would not cover it) is an error naming its JSON path.

            Examples:
              laurel canon credential.json           # canonical N-Quads, proof included
              laurel canon --unsecured credential.json
                  (without 'proof': what the document hash covers)
              laurel canon --proof-config 0 credential.json
                  (proof 0 as signed: what the proof hash covers)
              laurel canon --hash --unsecured credential.json
              laurel canon --expanded credential.json  # expanded JSON-LD
              cat credential.json | laurel canon -

            Exit codes: 0 printed; 1 the document is not JSON, not valid JSON-LD, loses data in safe mode, or \
            is refused by the RDFC-1.0 work limits (the message names the file and the JSON path or position); \
            2 a usage error.
            """
    )

    @Argument(help: ArgumentHelp("The JSON-LD document: a file, or - for standard input.", valueName: "file"))
    var file: String

    @Flag(help: "Print the expanded JSON-LD document instead of N-Quads.")
    var expanded = false

    @Flag(help: "Print the SHA-256 (lowercase hex) of the canonical N-Quads instead of the N-Quads.")
    var hash = false

    @Flag(help: "Leave out the document's 'proof' member (what a Data Integrity document hash covers).")
    var unsecured = false

    @Option(
        name: .customLong("proof-config"),
        help: ArgumentHelp(
            "Canonicalize proof N (0-based) as its proof configuration: without 'proofValue', with the "
                + "document's '@context' (what the proof hash covers).", valueName: "n"))
    var proofConfig: Int?

    @Flag(
        name: .customLong("no-safe-mode"),
        help: "Let JSON-LD drop undefined terms silently instead of failing (for diagnosis only).")
    var noSafeMode = false

    /// Largest document read, in bytes.
    static let maxInputBytes = 8 * 1024 * 1024

    func validate() throws {
        if expanded && hash {
            try Self.usageError("--expanded and --hash cannot be used together")
        }
        if unsecured && proofConfig != nil {
            try Self.usageError("--unsecured and --proof-config cannot be used together")
        }
        if let proofConfig, proofConfig < 0 {
            try Self.usageError("--proof-config must be 0 or more (the position of the proof in the proof set)")
        }
    }

    func run() throws {
        let name = file == "-" ? "<stdin>" : file
        let document = try Self.readDocument(file, name: name)
        let input = try select(document, name: name)
        let processor = JSONLDProcessor(options: JSONLDOptions(safeMode: !noSafeMode))
        let dataset: RDFDataset
        do throws(JSONLDError) {
            if expanded {
                let value = try processor.expand(input)
                Self.write(Array(value.jsonString(.pretty).utf8) + [0x0A])
                return
            }
            dataset = try processor.toRDF(input)
        } catch {
            try Self.fail(Self.describe(error, name: name, proofConfig: proofConfig))
        }
        let nquads: String
        do throws(RDFCError) {
            nquads = try RDFCanonicalizer().canonicalize(dataset).canonicalNQuads
        } catch {
            try Self.fail("\(name): RDFC-1.0 refused the document: \(error.reason)")
        }
        if hash {
            Self.write(Array((Hex.encode(SHA256.hash(nquads.utf8)) + "\n").utf8))
        } else {
            Self.write(Array(nquads.utf8))
        }
    }

    /// The document, without its proof (`--unsecured`), or the proof configuration of `--proof-config`.
    private func select(_ document: JSONValue, name: String) throws -> JSONValue {
        guard unsecured || proofConfig != nil else { return document }
        guard var object = document.objectValue else {
            try Self.fail("\(name): the document is a JSON \(document.kindName), not an object, so it has no proof")
        }
        let proofs: [JSONValue]
        switch object["proof"] {
        case nil: proofs = []
        case .array(let values)?: proofs = values
        case let single?: proofs = [single]
        }
        object.removeValue(forKey: "proof")
        guard let index = proofConfig else { return .object(object) }
        guard index < proofs.count else {
            try Self.fail("\(name): the document has \(proofs.count) proof(s); there is no proof \(index)")
        }
        guard var proof = proofs[index].objectValue else {
            try Self.fail("\(name): proof \(index) is a JSON \(proofs[index].kindName), not an object")
        }
        proof.removeValue(forKey: "proofValue")
        proof["@context"] = object["@context"]
        return .object(proof)
    }

    // MARK: Input and messages

    static func readDocument(_ path: String, name: String) throws -> JSONValue {
        let bytes: [UInt8]
        if path == "-" {
            var collected: [UInt8] = []
            while let chunk = try? FileHandle.standardInput.read(upToCount: 65_536), !chunk.isEmpty {
                collected.append(contentsOf: chunk)
                if collected.count > maxInputBytes { break }
            }
            bytes = collected
        } else {
            guard let handle = FileHandle(forReadingAtPath: path) else {
                try fail("\(name): cannot open the file (it does not exist or is not readable)")
            }
            defer { try? handle.close() }
            bytes = Array((try? handle.read(upToCount: maxInputBytes + 1)) ?? Data())
        }
        if bytes.count > maxInputBytes {
            try fail("\(name): the document is larger than \(maxInputBytes / 1_048_576) MiB")
        }
        do throws(JSONParseError) {
            return try JSONParser(limits: JSONLimits(maxBytes: maxInputBytes)).parse(bytes)
        } catch {
            try fail("\(name): not valid JSON: line \(error.line), column \(error.column): \(error.reason)")
        }
    }

    static func describe(_ error: JSONLDError, name: String, proofConfig: Int?) -> String {
        let location = { (path: String) -> String in
            let inProof = proofConfig.map { "proof[\($0)]" }
            switch (inProof, path.isEmpty) {
            case (let head?, true): return head
            case (let head?, false): return head + "." + path
            case (nil, _): return path
            }
        }
        if error.code == .dataLossDetection {
            let paths = error.paths.map { location($0).isEmpty ? "(document)" : location($0) }
            return "\(name): safe mode refused the document (at \(paths.joined(separator: ", "))): \(error.reason) "
                + "(use --no-safe-mode to see the output anyway)"
        }
        let path = error.path.map(location) ?? ""
        return "\(name): JSON-LD error (\(error.code.rawValue))" + (path.isEmpty ? "" : " at \(path)")
            + ": \(error.reason)"
    }

    static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Prints `message` on standard error and exits with status 1.
    static func fail(_ message: String) throws -> Never {
        FileHandle.standardError.write(Data("laurel canon: error: \(message)\n".utf8))
        throw ExitCode(1)
    }

    /// Prints `message` with the usage on standard error and exits with status 2.
    static func usageError(_ message: String) throws -> Never {
        FileHandle.standardError.write(Data("laurel canon: error: \(message)\nUsage: laurel \(usageString())\n".utf8))
        throw ExitCode(2)
    }
}

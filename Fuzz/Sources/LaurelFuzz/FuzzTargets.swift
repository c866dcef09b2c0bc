import BadgeProofs
import BadgeVerifier
import CSV
import FormData
import Foundation
import LinkedData
import OpenBadges

/// The fuzz targets. Each must return for any input without crashing, hanging or leaking; errors are fine.
enum FuzzTarget: String, CaseIterable {
    case json, jsonld, nquads, rdfc, png, svg, jws, verify, multipart, csv

    static let current: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["LAUREL_FUZZ_TARGET"] ?? "verify"
        guard let target = FuzzTarget(rawValue: name) else {
            fatalError("LAUREL_FUZZ_TARGET must be one of \(FuzzTarget.allCases.map(\.rawValue))")
        }
        return target
    }()

    /// 2026-06-01, so dates in the seeds are inside their windows.
    static let verifier = Verifier(options: VerificationOptions(at: 1_780_272_000))

    func run(_ bytes: [UInt8]) {
        switch self {
        case .json:
            if let value = try? JSONParser().parse(bytes) {
                // Round trip: what the serializer writes must parse to the same value.
                let again = try? JSONParser().parse(JSONSerializer().serialize(value))
                precondition(again == value, "JSON round trip changed the value")
                _ = try? JCS.canonicalize(value)
            }
        case .jsonld:
            guard let value = try? JSONParser().parse(bytes) else { return }
            _ = try? JSONLDProcessor().toRDF(value)
        case .nquads:
            guard let text = String(validating: bytes, as: UTF8.self), let dataset = try? NQuads.parse(text) else { return }
            _ = try? RDFCanonicalizer().canonicalize(dataset)
        case .rdfc:
            guard let value = try? JSONParser().parse(bytes), let object = value.objectValue else { return }
            _ = try? EddsaRdfc2022.canonicalNQuads(of: object)
        case .png:
            _ = try? BadgeBaker.extract(fromPNG: bytes)
        case .svg:
            guard let text = String(validating: bytes, as: UTF8.self) else { return }
            _ = try? BadgeBaker.extract(fromSVG: text)
        case .jws:
            guard let text = String(validating: bytes, as: UTF8.self) else { return }
            if let jws = try? CompactJWS(parsing: text) { _ = try? jws.payloadObject() }
            _ = VCJWT.verify(text)
        case .verify:
            _ = Self.verifier.verify(bytes: bytes, source: "fuzz")
        case .multipart:
            Self.form(bytes)
        case .csv:
            Self.csv(bytes)
        }
    }

    /// The input's first line is a Content-Type header, the rest a request body, read as the server reads an
    /// upload. No part may reach past the first boundary after its start, nor may there be more than the limit.
    static func form(_ bytes: [UInt8]) {
        let newline = bytes.firstIndex(of: 0x0A) ?? bytes.endIndex
        let contentType = String(decoding: bytes[..<newline], as: UTF8.self)
        let body = Array(bytes[min(newline + 1, bytes.endIndex)...])
        for (key, value) in MultipartForm.parseURLEncoded(body) { _ = (key.trimmingSpaces, value.trimmingSpaces) }
        guard let boundary = MultipartForm.boundary(fromContentType: contentType) else { return }
        precondition(!boundary.isEmpty && boundary.utf8.count <= 70, "a boundary outside 1...70 bytes was accepted")
        guard let parts = try? MultipartForm.parse(body, boundary: boundary) else { return }
        precondition(parts.count <= MultipartForm.maxParts, "more form parts than the limit")
        let delimiter = Array(("\r\n--" + boundary).utf8)
        for part in parts {
            _ = (part.name.trimmingSpaces, String(decoding: part.body, as: UTF8.self).trimmingSpaces)
            precondition(!contains(part.body, delimiter), "a form part runs over its closing boundary")
        }
    }

    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { start in
            haystack[start] == needle[0] && haystack[start..<start + needle.count].elementsEqual(needle)
        }
    }

    /// The first byte picks a block size (1...256 bytes), the rest is CSV text. Read in blocks that small and in
    /// one block, the text must give the same records and the same error: block boundaries may fall anywhere.
    static func csv(_ bytes: [UInt8]) {
        guard let first = bytes.first else { return }
        let text = Array(bytes.dropFirst())
        let whole = csvRecords(text, blockSize: text.count + 1, delimiter: nil)
        let blocks = csvRecords(text, blockSize: Int(first) + 1, delimiter: whole.delimiter)
        precondition(blocks.records == whole.records, "the records depend on the block size")
        precondition(blocks.error == whole.error, "the error depends on the block size")
        precondition(
            zip(whole.records, whole.records.dropFirst()).allSatisfy { $0.line < $1.line }, "record lines do not increase")
    }

    /// Every record of `text` (fields limited to 64 bytes, so the limit is reached), and the error that ended them.
    static func csvRecords(
        _ text: [UInt8], blockSize: Int, delimiter: UInt8?
    ) -> (records: [CSVRecord], error: String?, delimiter: UInt8) {
        guard var parser = try? CSVParser(source: CSVBytes(text), blockSize: blockSize) else {
            preconditionFailure("reading bytes in memory failed")
        }
        if let delimiter { parser.delimiter = delimiter }
        parser.maxFieldBytes = 64
        var records: [CSVRecord] = []
        do {
            while let record = try parser.next() { records.append(record) }
            return (records, nil, parser.delimiter)
        } catch {
            return (records, "\(error.line ?? 0): \(error.message)", parser.delimiter)
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzTarget.current.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

/// libFuzzer's driver, which parses its command-line flags and runs the target.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32
) -> Int32

/// The entry point SwiftPM links an executable target's `main` to: hands control to libFuzzer.
@_cdecl("LaurelFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzz(data, size) }
}

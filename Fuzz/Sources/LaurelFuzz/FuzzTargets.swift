import BadgeProofs
import BadgeVerifier
import Foundation
import LinkedData
import OpenBadges

/// The fuzz targets. Each must return for any input without crashing, hanging or leaking; errors are fine.
enum FuzzTarget: String, CaseIterable {
    case json, jsonld, nquads, rdfc, png, svg, jws, verify

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

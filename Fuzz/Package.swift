// swift-tools-version: 6.1
import Foundation
import PackageDescription

// A path dependency is named by its folder: the Laurel checkout may be cloned under any name.
let laurel = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

// libFuzzer targets for Laurel's parsers and the whole verifier. Built separately from the main package, with
// sanitizers (see Scripts/fuzz.sh):
//   swift build --package-path Fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
// One executable; the target is chosen with LAUREL_FUZZ_TARGET (json, jsonld, nquads, rdfc, png, svg, jws, verify,
// multipart, csv).
let package = Package(
    name: "LaurelFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "LaurelFuzz",
            dependencies: [
                .product(name: "LinkedData", package: laurel),
                .product(name: "OpenBadges", package: laurel),
                .product(name: "BadgeProofs", package: laurel),
                .product(name: "BadgeVerifier", package: laurel),
                .product(name: "FormData", package: laurel),
                .product(name: "CSV", package: laurel),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)

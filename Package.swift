// swift-tools-version: 6.1
import PackageDescription

/// Settings every Laurel target shares: Swift 6 language mode (strict concurrency), explicit `any`,
/// and imports that must be named where members are used.
let strictSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// The executables carry the Swift runtime and Foundation inside them on Linux: a command starts without the
/// dynamic loader binding some twenty shared Swift libraries first (most of a short command's time).
/// (The object files were compiled against the shared modules, so Foundation's own static parts are named here.)
/// Release builds only: the debug test bundle links the executable's code beside the shared swift-testing
/// library, which cannot share a process with a static runtime.
/// `-static-stdlib` also exports every symbol of the executable's own code to the dynamic symbol table
/// (`-export-dynamic`); nothing looks them up by name (the Swift runtime finds types and conformances through
/// their metadata sections, and the shared libraries loaded, libcurl's included, never call back into the
/// executable by name), and a table of some 34,000 symbols makes every start slower (the loader checks it first
/// for each symbol the libraries bind, and the runtime's `dladdr` at start-up scans it), so it is dropped.
let staticRuntime: [LinkerSetting] = [
    .unsafeFlags(
        [
            "-static-stdlib", "-Xlinker", "--no-export-dynamic",
            "-lFoundationInternationalization", "-lFoundationEssentials", "-lCoreFoundation",
            "-l_FoundationICU", "-l_FoundationCShims", "-l_FoundationCollections",
        ], .when(platforms: [.linux], configuration: .release))
]

let package = Package(
    name: "Laurel",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "laurel", targets: ["laurel"]),
        .executable(name: "laurel-bench", targets: ["laurel-bench"]),
        .library(name: "BadgeCrypto", targets: ["BadgeCrypto"]),
        .library(name: "LinkedData", targets: ["LinkedData"]),
        .library(name: "BadgeProofs", targets: ["BadgeProofs"]),
        .library(name: "OpenBadges", targets: ["OpenBadges"]),
        .library(name: "BadgeStore", targets: ["BadgeStore"]),
        .library(name: "BadgeVerifier", targets: ["BadgeVerifier"]),
        .library(name: "BadgeIssuer", targets: ["BadgeIssuer"]),
        .library(name: "FormData", targets: ["FormData"]),
        .library(name: "CSV", targets: ["CSV"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        // The one C boundary: OpenSSL's libcrypto, seen only by BadgeCrypto.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // zlib, for the GZIP inside W3C Bitstring Status Lists and the deflate inside QR code PNGs; seen only by
        // OpenBadges' GZIP file.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // libqrencode, for the QR codes of verification URLs; seen only by OpenBadges' QRCode file.
        .systemLibrary(
            name: "CQRencode",
            pkgConfig: "libqrencode",
            providers: [.apt(["libqrencode-dev"]), .brew(["qrencode"])]
        ),
        // libcurl, for fetching online resources over connections pinned to checked addresses (seen only by
        // BadgeVerifier's fetcher) and for sending mail over SMTP (seen only by BadgeIssuer's SMTP mailer).
        // A C target: wrappers for the libcurl functions Laurel uses, typed ones for the variadic ones. libcurl is
        // not linked: the wrappers load it (dlopen) the first time one is called, so the commands that make no
        // request start without loading it and its twenty-odd dependencies. Its headers (libcurl4-openssl-dev)
        // are still needed to build.
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
        ),
        .target(
            name: "BadgeCrypto",
            dependencies: ["COpenSSL"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "LinkedData",
            dependencies: ["BadgeCrypto"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "BadgeProofs",
            dependencies: ["BadgeCrypto", "LinkedData"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "OpenBadges",
            dependencies: ["LinkedData", "BadgeCrypto", "CZlib", "CQRencode"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "BadgeVerifier",
            dependencies: ["BadgeCrypto", "LinkedData", "OpenBadges", "BadgeProofs", "CCurl"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "BadgeIssuer",
            dependencies: [
                "BadgeCrypto", "LinkedData", "OpenBadges", "BadgeProofs", "BadgeStore", "CSV", "CCurl",
                .product(name: "Ink", package: "Ink"),
            ],
            swiftSettings: strictSettings
        ),
        // The issuer's ledger: an embedded SQLite database through GRDB.
        .target(
            name: "BadgeStore",
            dependencies: [
                "BadgeCrypto", "LinkedData",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // The roster's CSV syntax, on bytes from any source; no dependencies, so it can be fuzzed alone.
        .target(name: "CSV", swiftSettings: strictSettings),
        // `multipart/form-data` and URL-encoded form bodies; no dependencies, so it can be fuzzed alone.
        .target(name: "FormData", swiftSettings: strictSettings),
        // `laurel serve`: the verification page and the issuer's public home, over HTTP (Hummingbird).
        .target(
            name: "BadgeServer",
            dependencies: [
                "BadgeCrypto", "LinkedData", "OpenBadges", "BadgeVerifier", "BadgeIssuer", "BadgeStore", "FormData",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "laurel",
            dependencies: [
                "BadgeCrypto", "LinkedData", "BadgeProofs", "OpenBadges", "BadgeStore", "BadgeVerifier", "BadgeIssuer",
                "BadgeServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings,
            linkerSettings: staticRuntime
        ),
        // `laurel-bench`: the speed suites and the single operations instruction counts are taken on; kept out of
        // the `laurel` binary.
        .executableTarget(
            name: "laurel-bench",
            dependencies: [
                "BadgeCrypto", "LinkedData", "BadgeProofs", "OpenBadges", "BadgeStore", "BadgeVerifier", "BadgeIssuer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BadgeCryptoTests",
            dependencies: ["BadgeCrypto"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LinkedDataTests",
            dependencies: ["LinkedData", "BadgeCrypto"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BadgeProofsTests",
            dependencies: ["BadgeProofs", "LinkedData", "BadgeCrypto", "OpenBadges"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "OpenBadgesTests",
            dependencies: ["OpenBadges", "LinkedData"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BadgeStoreTests",
            dependencies: ["BadgeStore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BadgeVerifierTests",
            dependencies: ["BadgeVerifier", "BadgeIssuer", "BadgeProofs", "OpenBadges", "LinkedData", "BadgeCrypto"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BadgeIssuerTests",
            dependencies: [
                "BadgeIssuer", "BadgeStore", "BadgeProofs", "OpenBadges", "LinkedData", "BadgeCrypto", "BadgeVerifier",
                "CSV",
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BadgeServerTests",
            dependencies: [
                "BadgeServer", "BadgeIssuer", "BadgeVerifier", "BadgeProofs", "OpenBadges", "LinkedData", "BadgeCrypto",
                "FormData",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "LaurelCLITests",
            dependencies: ["laurel", "BadgeStore"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
    ]
)

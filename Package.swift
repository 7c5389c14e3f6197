// swift-tools-version:6.0
import Foundation
import PackageDescription

// ISA-L (Debian's libisal-dev) inflates about three times faster than zlib; replay uses it
// where its header is present and falls back to zlib elsewhere.
let hasISAL = FileManager.default.fileExists(atPath: "/usr/include/isa-l/igzip_lib.h")

let package = Package(
    name: "replay",
    products: [
        .executable(name: "replay", targets: ["replay"]),
        .library(name: "ReplayKit", targets: ["ReplayKit"]),
    ],
    dependencies: [
        // Exact versions: the results of a forensic run must come from a build that can be made
        // again (summary.json names the tool's version).
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .systemLibrary(name: "CFileSystem", path: "Sources/CFileSystem"),
        .target(
            name: "ReplayKit",
            dependencies: ["CZlib", "CMalloc", "CFileSystem", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto")]
                + (hasISAL ? [.target(name: "CISAL")] : []),
            swiftSettings: (hasISAL ? [.define("REPLAY_ISAL")] : []) + [
                // The per-line path runs on classes owned by one thread; the static checks stay.
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
            ]
        ),
    ] + (hasISAL ? [.systemLibrary(name: "CISAL", path: "Sources/CISAL", providers: [.apt(["libisal-dev"])])] : []) + [
        .executableTarget(
            name: "replay",
            dependencies: ["ReplayKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // libFuzzer targets (Tools/fuzz): built with `--sanitize=fuzzer -Xswiftc -DREPLAY_FUZZING`
        // by Tools/fuzz; a plain build makes programs that replay a corpus through them.
        .target(name: "FuzzSupport", path: "Tools/fuzz/FuzzSupport"),
        .executableTarget(name: "fuzz-gzip-lines", dependencies: ["ReplayKit", "FuzzSupport"], path: "Tools/fuzz/gzip-lines"),
        .executableTarget(name: "fuzz-pattern-lines", dependencies: ["ReplayKit", "FuzzSupport"], path: "Tools/fuzz/pattern-lines"),
        .executableTarget(name: "fuzz-incident", dependencies: ["ReplayKit", "FuzzSupport"], path: "Tools/fuzz/incident"),
        .executableTarget(name: "fuzz-window", dependencies: ["ReplayKit", "FuzzSupport"], path: "Tools/fuzz/window"),
        .testTarget(name: "ReplayKitTests", dependencies: ["ReplayKit"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ReplayKit"]),
    ],
    swiftLanguageModes: [.v5]
)

// swift-tools-version:6.0
import PackageDescription

// The targets follow the data: bytes are read (gzip members, lines), parsed (log formats,
// times), matched against the incident file's rules, replayed through each node's cache by the
// pipeline, and reported. Each arrow below points down that path; a back-edge does not compile.
//
//   ReplaySupport   byte helpers, interning, ids as text, SHA-256, prefetch hints
//   ReplayThreads   the thread plumbing: hand-offs, pools, parallel loops, progress
//   ReplayReading   gzip members and lines            (zlib, ISA-L; paths as bytes: swift-system)
//   ReplayParsing   log patterns, fields, times
//   ReplayCSV       CSV files written and read back: one writer, one reader, one formula guard
//   ReplayIncident  the incident file: window, rules, cache, directory, tables
//   ReplayMatching  a line to a matched request
//   ReplayCache     one node's cache, replayed (SPEC §3)
//   ReplayPipeline  files to a ReplayResult: threads, order, accounting
//   ReplayReporting the result set: CSV, JSON, XLSX (ZIP with zlib's deflate), HTML, SHA256SUMS
//   ReplayKit       what the command runs: a run, a check, a trace verified
//   replay          the command line

// Both inflaters are always built: zlib (Debian's zlib1g-dev) and ISA-L (libisal-dev), which
// inflates about three times faster. A machine without either fails to build, with the package
// to install named, instead of building a slower replay without saying so.
// CI builds with REPLAY_STRICT=1: a warning in replay's own code (not its dependencies')
// fails the build.
let strict = Context.environment["REPLAY_STRICT"].map { !$0.isEmpty && $0 != "0" } ?? false

let swiftSettings: [SwiftSetting] = [
    // The per-line path runs on classes owned by one thread; the static checks stay. The
    // per-line path crosses modules (a span, a byte compare, an interner lookup): release
    // builds optimize across them, as they did when the library was one module.
    .unsafeFlags(["-enforce-exclusivity=unchecked", "-cross-module-optimization"], .when(configuration: .release)),
] + (strict ? [.unsafeFlags(["-warnings-as-errors"])] : [])

func library(_ name: String, _ dependencies: [Target.Dependency]) -> Target {
    .target(name: name, dependencies: dependencies, swiftSettings: swiftSettings)
}

let package = Package(
    name: "replay",
    products: [
        .executable(name: "replay", targets: ["replay"]),
    ],
    dependencies: [
        // Exact versions: the results of a forensic run must come from a build that can be made
        // again (summary.json's `tool` names them; `BuildInfo` holds the same list, and a test
        // checks that the two agree).
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", exact: "3.12.3"),
        // Paths as bytes (FilePath): log names on disk need not be UTF-8.
        .package(url: "https://github.com/apple/swift-system", exact: "1.8.1"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CISAL", path: "Sources/CISAL", pkgConfig: "libisal", providers: [.apt(["libisal-dev"])]),
        .systemLibrary(name: "CMalloc", path: "Sources/CMalloc"),
        .systemLibrary(name: "CFileSystem", path: "Sources/CFileSystem"),
        .systemLibrary(name: "CPrefetch", path: "Sources/CPrefetch"),
        .plugin(name: "BuildCommit", capability: .buildTool()),

        .target(name: "ReplaySupport", dependencies: ["CPrefetch", .product(name: "Crypto", package: "swift-crypto")],
                swiftSettings: swiftSettings, plugins: ["BuildCommit"]),
        library("ReplayThreads", ["CMalloc"]),
        library("ReplayReading", ["ReplaySupport", "ReplayThreads", "CZlib", "CISAL", .product(name: "SystemPackage", package: "swift-system")]),
        library("ReplayParsing", ["ReplaySupport"]),
        library("ReplayCSV", ["ReplayParsing", "ReplaySupport"]),
        library("ReplayIncident", ["ReplayCSV", "ReplayParsing", "ReplaySupport", .product(name: "Yams", package: "Yams")]),
        library("ReplayMatching", ["ReplayIncident", "ReplayParsing", "ReplaySupport"]),
        library("ReplayCache", ["ReplayMatching", "ReplayIncident", "ReplayParsing", "ReplaySupport"]),
        library("ReplayPipeline", ["ReplayCache", "ReplayMatching", "ReplayIncident", "ReplayParsing", "ReplayReading", "ReplayThreads", "ReplaySupport",
                                   .product(name: "SystemPackage", package: "swift-system")]),
        library("ReplayReporting", ["ReplayCSV", "ReplayPipeline", "ReplayCache", "ReplayIncident", "ReplayParsing", "ReplayReading", "ReplayThreads", "ReplaySupport", "CFileSystem", "CZlib"]),
        library("ReplayKit", ["ReplayCSV", "ReplayReporting", "ReplayPipeline", "ReplayMatching", "ReplayIncident", "ReplayParsing", "ReplayReading", "ReplayThreads", "ReplaySupport"]),
        .executableTarget(
            name: "replay",
            dependencies: ["ReplayKit", "ReplayPipeline", "ReplayMatching", "ReplayIncident", "ReplayParsing", "ReplayReading", "ReplayThreads",
                           .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),

        // libFuzzer targets (Tools/fuzz): built with `--sanitize=fuzzer -Xswiftc -DREPLAY_FUZZING`
        // by Tools/fuzz; a plain build makes programs that replay a corpus through them.
        .target(name: "FuzzSupport", path: "Tools/fuzz/FuzzSupport", swiftSettings: swiftSettings),
        .executableTarget(name: "fuzz-gzip-lines", dependencies: ["ReplayReading", "FuzzSupport"], path: "Tools/fuzz/gzip-lines",
                          swiftSettings: swiftSettings),
        .executableTarget(name: "fuzz-pattern-lines", dependencies: ["ReplayMatching", "FuzzSupport"], path: "Tools/fuzz/pattern-lines",
                          swiftSettings: swiftSettings),
        .executableTarget(name: "fuzz-incident", dependencies: ["ReplayMatching", "FuzzSupport"], path: "Tools/fuzz/incident",
                          swiftSettings: swiftSettings),
        .executableTarget(name: "fuzz-csv", dependencies: ["ReplayCSV", "ReplaySupport", "FuzzSupport"], path: "Tools/fuzz/csv",
                          swiftSettings: swiftSettings),
        .executableTarget(name: "fuzz-table", dependencies: ["ReplayIncident", "FuzzSupport"], path: "Tools/fuzz/table",
                          swiftSettings: swiftSettings),
        .executableTarget(name: "fuzz-ids", dependencies: ["ReplaySupport", "FuzzSupport"], path: "Tools/fuzz/ids",
                          swiftSettings: swiftSettings),
        .executableTarget(name: "fuzz-window", dependencies: ["ReplayIncident", "FuzzSupport"], path: "Tools/fuzz/window",
                          swiftSettings: swiftSettings),

        // Unit tests, one target per module; end-to-end tests of the built binary.
        .target(name: "TestSupport", dependencies: ["ReplayReading"], path: "Tests/TestSupport", swiftSettings: swiftSettings),
        .testTarget(name: "ReplaySupportTests", dependencies: ["ReplaySupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ReplayThreadsTests", dependencies: ["ReplayThreads"], swiftSettings: swiftSettings),
        .testTarget(name: "ReplayReadingTests", dependencies: ["ReplayIncident", "ReplayMatching", "ReplayPipeline", "ReplayReading", "TestSupport",
                                                              .product(name: "SystemPackage", package: "swift-system")], swiftSettings: swiftSettings),
        .testTarget(name: "ReplayParsingTests", dependencies: ["ReplayIncident", "ReplayParsing", "ReplayPipeline", "ReplaySupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ReplayCSVTests", dependencies: ["ReplayCSV", "ReplayParsing"], swiftSettings: swiftSettings),
        .testTarget(name: "ReplayIncidentTests", dependencies: ["ReplayCSV", "ReplayIncident", "ReplayMatching", "ReplayParsing", "ReplaySupport", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ReplayMatchingTests", dependencies: ["ReplayIncident", "ReplayMatching", "ReplayParsing", "ReplaySupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ReplayCacheTests", dependencies: ["ReplayCache", "ReplayIncident", "ReplayMatching", "ReplaySupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ReplayPipelineTests", dependencies: ["ReplayCache", "ReplayPipeline", "ReplaySupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ReplayReportingTests", dependencies: ["ReplayCache", "ReplayIncident", "ReplayMatching", "ReplayParsing", "ReplayPipeline", "ReplayReporting", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ReplayKitTests", dependencies: ["ReplayKit"], swiftSettings: swiftSettings),
        .testTarget(name: "EndToEndTests", dependencies: ["ReplayCSV", "ReplayKit", "ReplaySupport"], swiftSettings: swiftSettings),
    ],
    swiftLanguageModes: [.v6]
)

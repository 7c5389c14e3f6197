// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "replay",
    products: [
        .executable(name: "replay", targets: ["replay"]),
        .library(name: "ReplayKit", targets: ["ReplayKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(
            name: "ReplayKit",
            dependencies: ["CZlib", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "replay",
            dependencies: ["ReplayKit", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .testTarget(name: "ReplayKitTests", dependencies: ["ReplayKit"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ReplayKit"]),
    ],
    swiftLanguageModes: [.v5]
)

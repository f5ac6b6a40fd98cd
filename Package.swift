// swift-tools-version: 6.1
import PackageDescription

// Linux (glibc) only: the system layer, FeedpubSystem, is the one place a port to another OS would change.
let package = Package(
    name: "feedpub",
    products: [
        .library(name: "FeedModel", targets: ["FeedModel"]),
        .library(name: "CuratedContent", targets: ["CuratedContent"]),
        .library(name: "FeedWriters", targets: ["FeedWriters"]),
        .library(name: "FeedPublisher", targets: ["FeedPublisher"]),
        .executable(name: "feedpub", targets: ["feedpub"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/google/swift-benchmark", from: "0.1.2"),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.0"),
    ],
    targets: [
        // C, one small target per library, each imported by one Swift wrapper.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1", providers: [.apt(["libyaml-dev"])]),
        .target(name: "CFeedpubSystem"),

        // The system layer: everything that touches the OS, and the byte-level rules every layer shares.
        .target(name: "FeedpubSystem", dependencies: ["CFeedpubSystem"]),
        .target(name: "LibXML", dependencies: ["CLibXML2", "FeedpubSystem"]),

        // The layers: reader → model ← writers; the publisher on top; the command line at the edge.
        .target(name: "FeedModel", dependencies: ["FeedpubSystem"]),
        .target(
            name: "CuratedContent",
            dependencies: [
                "FeedModel", "FeedpubSystem", "LibXML", "CLibYAML", .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "FeedWriters", dependencies: ["FeedModel", "FeedpubSystem", "LibXML"]),
        .target(
            name: "FeedPublisher",
            dependencies: [
                "CuratedContent", "FeedModel", "FeedpubSystem", "FeedWriters", .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "FeedServer",
            dependencies: [
                "FeedModel", "FeedPublisher", "FeedpubSystem", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "CompressNIO", package: "compress-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
            ]
        ),
        .target(
            name: "FeedpubCLI",
            dependencies: [
                "CuratedContent", "FeedModel", "FeedPublisher", "FeedpubSystem", "FeedServer", "FeedWriters",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "feedpub",
            dependencies: ["FeedpubCLI", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Tools: the fuzzer, the micro-benchmarks, the README's library example.
        .executableTarget(
            name: "feedpub-fuzz",
            dependencies: ["CuratedContent", "FeedModel", "FeedpubSystem", "FeedWriters", "LibXML"],
            path: "Sources/FeedFuzz"
        ),
        .executableTarget(
            name: "feedpub-micro",
            dependencies: [
                "CuratedContent", "FeedModel", "FeedWriters", .product(name: "Benchmark", package: "swift-benchmark"),
            ],
            path: "Benchmarks/feedpub-micro"
        ),
        .executableTarget(
            name: "library-usage",
            dependencies: ["CuratedContent", "FeedModel", "FeedWriters"],
            path: "Examples/library-usage"
        ),

        // Tests: one target per module, and the support they share.
        .target(
            name: "FeedTestSupport",
            dependencies: ["LibXML", .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/FeedTestSupport"
        ),
        .testTarget(
            name: "FeedpubSystemTests",
            dependencies: [
                "FeedpubSystem", "FeedTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "FeedModelTests",
            dependencies: [
                "FeedModel", "FeedTestSupport", "FeedpubSystem",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "LibXMLTests",
            dependencies: [
                "FeedpubSystem", "FeedTestSupport", "LibXML",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "CuratedContentTests",
            dependencies: [
                "CuratedContent", "FeedModel", "FeedTestSupport", "FeedpubSystem", "LibXML",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "FeedWritersTests",
            dependencies: [
                "FeedModel", "FeedTestSupport", "FeedWriters", "FeedpubSystem", "LibXML",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "FeedPublisherTests",
            dependencies: [
                "CuratedContent", "FeedModel", "FeedPublisher", "FeedTestSupport", "FeedWriters", "FeedpubSystem",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "FeedServerTests",
            dependencies: [
                "FeedModel", "FeedPublisher", "FeedServer", "FeedTestSupport", "FeedpubSystem",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "CompressNIO", package: "compress-nio"), .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .testTarget(
            name: "FeedpubTests",
            dependencies: [
                "FeedPublisher", "FeedTestSupport", "FeedpubCLI", "feedpub", "feedpub-fuzz", "library-usage",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// Every module says what it imports and what it re-exports.
for target in package.targets where target.type != .system {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("MemberImportVisibility"), .enableUpcomingFeature("InternalImportsByDefault"),
        ]
}

// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "feedpub",
    platforms: [.macOS(.v15)],
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
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .target(name: "LibXMLWriter", dependencies: ["CLibXML2", "FeedModel"]),
        .target(name: "FeedModel"),
        .target(
            name: "CuratedContent",
            dependencies: ["FeedModel", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "FeedWriters", dependencies: ["FeedModel", "LibXMLWriter"]),
        .target(
            name: "FeedPublisher",
            dependencies: ["CuratedContent", "FeedWriters", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "feedpub",
            dependencies: ["FeedPublisher", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .executableTarget(
            name: "feedpub-fuzz",
            dependencies: ["FeedPublisher"],
            path: "Sources/FeedFuzz"
        ),
        .executableTarget(
            name: "feedpub-micro",
            dependencies: [
                "CuratedContent", "FeedWriters", "FeedModel", .product(name: "Benchmark", package: "swift-benchmark"),
            ],
            path: "Benchmarks/feedpub-micro"
        ),
        .target(
            name: "FeedTestSupport",
            dependencies: ["FeedModel", "LibXMLWriter"],
            path: "Tests/FeedTestSupport"
        ),
        .testTarget(
            name: "FeedModelTests",
            dependencies: [
                "FeedModel", "FeedTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "LibXMLWriterTests",
            dependencies: [
                "LibXMLWriter", "FeedTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "CuratedContentTests",
            dependencies: [
                "CuratedContent", "FeedTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "FeedWritersTests",
            dependencies: [
                "FeedWriters", "FeedTestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "FeedPublisherTests",
            dependencies: ["FeedPublisher", "FeedTestSupport"]
        ),
        .testTarget(
            name: "FeedpubTests",
            dependencies: ["feedpub", "feedpub-fuzz", "FeedTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)

import Foundation

/// Paths of the repository, its fixtures and the shared tools, found from this source file.
public enum Fixtures {
    /// The repository root.
    public static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // FeedTestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// `Tests/Fixtures`.
    public static let folder = repositoryRoot.appendingPathComponent("Tests/Fixtures")

    /// The bytes of `Tests/Fixtures/<name>`.
    public static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// The text of `Tests/Fixtures/<name>`.
    public static func text(_ name: String) throws -> String {
        String(decoding: try bytes(name), as: UTF8.self)
    }

    /// The seed item, `Examples/content/231bd5ac-56ed-52d4-b129-6d06debb9391.md`.
    public static func seed() throws -> [UInt8] {
        Array(try Data(contentsOf: repositoryRoot.appendingPathComponent(seedPath)))
    }

    /// The seed's path in the repository.
    public static let seedPath = "Examples/content/231bd5ac-56ed-52d4-b129-6d06debb9391.md"

    /// `../shared/conformance/check-feeds` beside the repository (or `$FEEDPUB_CHECK_FEEDS`), when present.
    public static var checkFeeds: String? {
        let candidates: [String?] = [
            ProcessInfo.processInfo.environment["FEEDPUB_CHECK_FEEDS"],
            repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/conformance/check-feeds").path,
        ]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// A new empty temporary folder.
    public static func temporaryFolder(_ label: String = "feedpub-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

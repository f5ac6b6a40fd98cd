public import Foundation

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

    /// A new empty temporary folder, under a folder of this test process that the next run removes (tests do
    /// not clean up after themselves one by one; a crashed run's folders go the same way).
    public static func temporaryFolder(_ label: String = "feedpub-test") throws -> URL {
        let url = processFolder.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `$TMPDIR/feedpub-tests/<pid>`; on first use, the folders of earlier runs whose process is gone are removed.
    private static let processFolder: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("feedpub-tests")
        let own = ProcessInfo.processInfo.processIdentifier
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [] {
            guard let pid = Int32(name), pid != own, kill(pid, 0) != 0 else { continue }
            try? FileManager.default.removeItem(at: root.appendingPathComponent(name))
        }
        return root.appendingPathComponent(String(own))
    }()
}

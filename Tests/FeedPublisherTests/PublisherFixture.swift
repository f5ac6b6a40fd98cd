import FeedModel
import FeedPublisher
import FeedTestSupport
import Foundation
import Testing

/// A content folder and an output folder in a temporary place, and helpers to build and inspect them.
struct PublisherFixture {
    let content: URL
    let output: URL
    var configuration = PublisherFixture.site

    /// The site the fixtures publish (there is no built-in one).
    static let site: PublishConfiguration = {
        var site = PublishConfiguration()
        site.siteTitle = "Medigy"
        site.siteURL = "https://www.medigy.com"
        return site
    }()

    init() throws {
        let root = try Fixtures.temporaryFolder("publisher")
        content = root.appendingPathComponent("content")
        output = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
    }

    /// A fixture with `items` items in three communities (Alpha, Beta, Gamma) and five topics (Topic 0 to 3,
    /// Shared).
    static func withItems(_ items: Int) throws -> PublisherFixture {
        let fixture = try PublisherFixture()
        for n in 1...items {
            try fixture.writeItem(
                "item-\(n).md",
                id: "\(n)",
                title: "Item \(n)",
                date: String(format: "2024-01-%02dT10:00:00Z", (n - 1) % 28 + 1),
                community: n % 3 == 0 ? "Gamma" : (n % 2 == 0 ? "Beta" : "Alpha"),
                topics: ["Topic \(n % 4)", "Shared"]
            )
        }
        return fixture
    }

    /// Every output file equals what a cold build of the same content into a new folder makes (`diff -r -x .feedpub`).
    func expectSameAsColdBuild(sourceLocation: SourceLocation = #_sourceLocation) throws {
        var cold = options()
        cold.outputFolder = try Fixtures.temporaryFolder("cold").path
        _ = try Publisher(options: cold).run()
        let coldFolder = URL(fileURLWithPath: cold.outputFolder)
        let files = Self.files(under: coldFolder)
        #expect(outputFiles() == files, sourceLocation: sourceLocation)
        for file in files {
            let expected = Array(try Data(contentsOf: coldFolder.appendingPathComponent(file)))
            let actual = Array((try? Data(contentsOf: output.appendingPathComponent(file))) ?? Data())
            #expect(GoldenFile.difference(expected, actual, label: file) == nil, sourceLocation: sourceLocation)
        }
    }

    /// Writes an item file `name` with the given front-matter lines and body.
    func writeItem(
        _ name: String,
        id: String,
        title: String,
        date: String,
        community: String = "Chronic Care",
        topics: [String] = ["Medigy: Digital Health"],
        extra: String = "",
        body: String = "<p>Body</p>"
    ) throws {
        let text = Self.itemText(
            id: id,
            title: title,
            date: date,
            community: community,
            topics: topics,
            extra: extra,
            body: body
        )
        try write(name, text)
    }

    /// The text of an item file with the given front-matter lines and body.
    static func itemText(
        id: String,
        title: String,
        date: String,
        community: String = "Chronic Care",
        topics: [String] = ["Medigy: Digital Health"],
        extra: String = "",
        body: String = "<p>Body</p>"
    ) -> String {
        let topicLines = topics.map { "- '\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: "\n")
        let text = """
            ---
            id: \(id)
            title: '\(title.replacingOccurrences(of: "'", with: "''"))'
            description: 'About \(title.prefix(40).replacingOccurrences(of: "'", with: "''").replacingOccurrences(of: "\n", with: " "))'
            date: '\(date)'
            lastMod: '\(date)'
            identifier: '\(community)'
            communityTopics:
            \(topicLines)
            \(extra)
            ---

            \(body)

            """
        return text
    }

    func write(_ name: String, _ text: String) throws {
        let url = content.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func options(strict: Bool = false, checkOnly: Bool = false) -> BuildOptions {
        var options = BuildOptions(contentFolder: content.path, outputFolder: output.path, configuration: configuration)
        options.strict = strict
        options.checkOnly = checkOnly
        options.waitForLock = false
        options.durable = false
        return options
    }

    func build(strict: Bool = false) throws -> BuildResult {
        try Publisher(options: options(strict: strict)).run()
    }

    /// Every regular file under the output folder (relative paths), hidden state excluded.
    func outputFiles() -> [String] {
        Self.files(under: output)
    }

    static func files(under root: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: [String] = []
        while let path = enumerator.nextObject() as? String {
            if path.hasPrefix(".feedpub") { continue }
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isFolder),
                !isFolder.boolValue
            {
                files.append(path)
            }
        }
        return files.sorted()
    }

    func modificationDate(_ path: String) throws -> Date? {
        try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path)[.modificationDate]
            as? Date
    }

    func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: output.appendingPathComponent(path))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    /// The item ids of the JSON feed at `path`.
    func itemIDs(_ path: String) throws -> [String] {
        let items = try json(path)["items"] as? [[String: Any]] ?? []
        return items.compactMap { $0["id"] as? String }
    }
}

import FeedModel
import FeedTestSupport
import Foundation
import Testing

@testable import CuratedContent

/// Builds content files for the reader tests and reads them back.
enum ContentTestKit {
    /// The site the tests publish for, as in the seed.
    static let site = "https://www.medigy.com"

    /// The reader of single files the tests use.
    static let reader = ItemReader(settings: ContentSettings(siteURL: site))

    /// Reads `bytes` as the file at `path`.
    static func read(_ bytes: [UInt8], path: String = "items/sample.md") -> ReadOutcome {
        reader.read(path: path, bytes: bytes)
    }

    /// Reads `text` as the file at `path`.
    static func read(_ text: String, path: String = "items/sample.md") -> ReadOutcome {
        read(Array(text.utf8), path: path)
    }

    /// The seed file's bytes.
    static func seedBytes() throws -> [UInt8] {
        try Fixtures.seed()
    }

    /// The seed file's text.
    static func seedText() throws -> String {
        String(decoding: try Fixtures.seed(), as: UTF8.self)
    }

    /// The seed read as the reader reads it in a content folder.
    static func seedOutcome() throws -> ReadOutcome {
        read(try seedBytes(), path: "231bd5ac-56ed-52d4-b129-6d06debb9391.md")
    }

    /// `text` with its first occurrence of `old` replaced, failing the test when `old` is not there.
    static func replacing(
        _ old: String,
        with new: String,
        in text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        guard let range = text.range(of: old) else {
            Issue.record("'\(old)' is not in the text", sourceLocation: sourceLocation)
            return text
        }
        return text.replacingCharacters(in: range, with: new)
    }

    /// The item of an outcome, failing the test with the issues when it was rejected.
    static func item(_ outcome: ReadOutcome, sourceLocation: SourceLocation = #_sourceLocation) throws -> FeedItem {
        try #require(outcome.item, "rejected: \(outcome.issues)", sourceLocation: sourceLocation)
    }

    /// The errors of an outcome.
    ///
    /// Items with the slugs FeedSetBuilder settles across all of them (the reader leaves topic slugs empty).
    static func resolved(_ items: [FeedItem]) -> [FeedItem] {
        FeedSetBuilder(settings: FeedSettings(siteTitle: "Medigy", siteURL: site)).resolve(items)
    }

    /// One item with its settled slugs.
    static func resolved(_ item: FeedItem) -> FeedItem {
        resolved([item])[0]
    }

    static func errors(_ outcome: ReadOutcome) -> [ContentIssue] {
        outcome.issues.filter { $0.severity == .error }
    }

    /// The warnings of an outcome about `field`.
    static func warnings(_ outcome: ReadOutcome, field: String) -> [ContentIssue] {
        outcome.issues.filter { $0.severity == .warning && $0.field == field }
    }

    /// Parses `yaml` with the fast reader.
    static func fast(_ yaml: String, wanted: Set<String>? = nil) -> Result<YAMLValue?, YAMLProblem> {
        fast(Array(yaml.utf8), wanted: wanted)
    }

    /// Parses `bytes` with the fast reader.
    static func fast(_ bytes: [UInt8], wanted: Set<String>? = nil) -> Result<YAMLValue?, YAMLProblem> {
        let reader = FastYAMLReader(wantedKeys: wanted)
        return bytes.withUnsafeBytes { buffer in
            Result { () throws(YAMLProblem) in try reader.read(buffer) }
        }
    }

    /// Parses `yaml` with the Yams fallback.
    static func yams(_ yaml: String) -> Result<YAMLValue?, YAMLProblem> {
        Result { () throws(YAMLProblem) in try YamsYAMLReader().read(yaml) }
    }
}

/// A front matter written key by key in the exporter's layout, to vary one field at a time.
struct ContentDocument {
    /// Each key and what follows `key:` on its line (with the leading space) and on the lines below.
    var fields: [(key: String, value: String)]
    /// The HTML body.
    var body: String

    /// A small valid item with every field the mapping reads.
    static var sample: ContentDocument {
        ContentDocument(
            fields: [
                ("author", "\n- Jane Doe"),
                ("basePath", " /communities/care-team/curated-content/"),
                ("communityTopics", "\n- 'HIMSS: Digital Health'\n- 'KLAS: Telehealth'"),
                ("date", " '2021-03-04T05:06:07Z'"),
                ("description", " A short description"),
                (
                    "featuredImage",
                    "\n  alt: An image\n  format: PNG\n  href: item-42-featuredImage.png"
                        + "\n  size:\n  - 640\n  - 480\n  valid: true"
                ),
                ("id", " 42"),
                ("identifier", " Care Team"),
                ("lastMod", " '2021-03-05T00:00:00Z'"),
                ("link", "\n  brand: example.com\n  href: https://example.com/article"),
                ("mastHead", " Care Team CoP"),
                ("mdName", " item-42"),
                ("slug", " example-article"),
                ("tags", "\n- news"),
                ("title", " A sample title"),
            ],
            body: "<p>Body text.</p>"
        )
    }

    /// This document with `key` set to `value` (appended when new), or removed when `value` is `nil`.
    func setting(_ key: String, _ value: String?) -> ContentDocument {
        var copy = self
        if let index = copy.fields.firstIndex(where: { $0.key == key }) {
            if let value { copy.fields[index].value = value } else { copy.fields.remove(at: index) }
        } else if let value {
            copy.fields.append((key, value))
        }
        return copy
    }

    /// This document with another body.
    func withBody(_ body: String) -> ContentDocument {
        var copy = self
        copy.body = body
        return copy
    }

    /// The YAML between the delimiters.
    var yaml: String {
        fields.map { "\($0.key):\($0.value)\n" }.joined()
    }

    /// The whole file.
    var text: String {
        "---\n" + yaml + "---\n\n" + body + "\n"
    }

    /// The 1-based file line of `key` (line 1 is the opening `---`).
    func line(of key: String) -> Int? {
        var line = 2
        for field in fields {
            if field.key == key { return line }
            line += 1 + field.value.filter { $0 == "\n" }.count
        }
        return nil
    }

    /// The 1-based file line of the body.
    var bodyLine: Int {
        2 + yaml.filter { $0 == "\n" }.count + 2
    }

    /// Reads this document as the file at `path`.
    func read(path: String = "items/sample.md") -> ReadOutcome {
        ContentTestKit.read(text, path: path)
    }
}

/// A temporary folder removed when the value is released.
final class TemporaryFolder {
    /// The folder.
    let url: URL

    init(_ label: String = "feedpub-cc") throws {
        url = try Fixtures.temporaryFolder(label)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// The path of the folder.
    var path: String { url.path }

    /// Writes `bytes` at `relative`, creating folders.
    func write(_ relative: String, _ bytes: [UInt8]) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(),
            withIntermediateDirectories: true
        )
        try Data(bytes).write(to: file)
    }

    /// Writes `text` at `relative`, creating folders.
    func write(_ relative: String, _ text: String) throws {
        try write(relative, Array(text.utf8))
    }

    /// Makes `relative` a symbolic link to `destination`.
    func link(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(
            atPath: url.appendingPathComponent(relative).path,
            withDestinationPath: destination
        )
    }
}

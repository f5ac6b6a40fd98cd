import CuratedContent
import FeedModel
import FeedWriters
public import Foundation

/// The machine-readable report of a build (`--report FILE`): the summary, then every file that has issues.
///
/// For scheduled runs and newsletter tooling: which items were repaired or rejected, where, and why.
public struct BuildReport: Sendable, Codable {
    /// One issue, without the path (its file entry carries it).
    public struct Issue: Sendable, Codable {
        /// `warning` or `error`.
        public var severity: String
        /// 1-based line in the file, when known.
        public var line: Int?
        /// The field.
        public var field: String
        /// What was done or why it was rejected.
        public var message: String
    }

    /// A content file with issues.
    public struct File: Sendable, Codable {
        /// Path relative to the content folder.
        public var path: String
        /// `repaired` or `rejected`.
        public var status: String
        /// The item's id when published.
        public var id: String?
        /// Warnings and errors.
        public var issues: [Issue]
    }

    /// A file this build wrote or removed: for a hook that pings, purges a CDN or copies only what changed.
    public struct OutputFile: Sendable, Codable {
        /// The path in the output folder.
        public var path: String
        /// Where it is served (`feeds.url` + path).
        public var url: String
        /// `rss`, `atom`, `json` or `opml`.
        public var format: String
    }

    /// The files this build changed.
    public struct Changes: Sendable, Codable {
        /// Written (new or with new bytes), renamed into place.
        public var written: [OutputFile]
        /// Removed (their community or topic has no items left, or their format is off).
        public var removed: [OutputFile]
    }

    /// An item dated after the build's "now", published in the first build after it comes due.
    public struct Scheduled: Sendable, Codable {
        /// Path relative to the content folder.
        public var path: String
        /// The item's id.
        public var id: String?
        /// Its date (RFC 3339): when it comes due.
        public var due: String
    }

    /// The feedpub version that wrote the report.
    public var version: String
    /// The content folder.
    public var content: String
    /// The output folder (`null` for `feedpub check`).
    public var output: String?
    /// The counts.
    public var summary: PublishSummary
    /// Feed files removed.
    public var removed: [String]
    /// Every file with issues, in path order.
    public var files: [File]
    /// Every scheduled item, in path order.
    public var scheduled: [Scheduled]
    /// The files written and removed, with their URLs.
    public var changes: Changes
    /// Drafts, in path order: read and checked, not published.
    public var drafts: [String]
    /// Items whose `expiryDate` has passed, in path order.
    public var expired: [String]

    /// The report of `result`.
    public init(result: BuildResult, options: BuildOptions, version: String) {
        self.version = version
        content = options.contentFolder
        output = options.checkOnly ? nil : options.outputFolder
        summary = result.summary
        removed = result.removed
        let feedsURL = options.configuration.feedSettings.feedsURL
        let layout = options.configuration.layout
        func outputFile(_ path: String) -> OutputFile {
            let parsed = OutputPath(parsing: path)
            let format: String
            if parsed == .index {
                format = "opml"
            } else if parsed == .page {
                format = "html"
            } else if let feed = parsed?.feed(in: layout) {
                format = feed.format?.rawValue ?? "links"
            } else if let standard = FeedFormat.allCases.first(where: { $0.fileName() == parsed?.fileName }) {
                format = standard.rawValue  // a file of the default layout, removed after a change of layout
            } else {
                format = path.split(separator: "/").last.map(String.init) ?? path
            }
            return OutputFile(path: path, url: feedsURL + path, format: format)
        }
        drafts = result.files.filter { $0.withheld == "draft" }.map(\.path)
        expired = result.files.filter { $0.withheld == "expired" }.map(\.path)
        changes = Changes(written: result.written.map(outputFile), removed: result.removed.map(outputFile))
        scheduled = result.files.compactMap { file in
            file.due.map { Scheduled(path: file.path, id: file.id, due: $0.rfc3339) }
        }
        files = result.files.filter { !$0.issues.isEmpty }.map { outcome in
            File(
                path: outcome.path,
                status: outcome.status.rawValue,
                id: outcome.id,
                issues: outcome.issues.map {
                    Issue(severity: $0.severity.rawValue, line: $0.line, field: $0.field, message: $0.message)
                }
            )
        }
    }

    /// The report as pretty-printed JSON with sorted keys.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

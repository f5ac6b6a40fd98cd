import ArgumentParser
import CuratedContent
import FeedModel
import FeedPublisher
import FeedWriters
import FeedpubSystem
import Foundation

/// Options shared by `build` and `check`.
struct CommonOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "Content folder: every *.md under it, recursively. Default: content.folder, else content/.",
            valueName: "dir"
        )
    )
    var content: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Configuration file (YAML). Default: feedpub.yml in the current folder.",
            valueName: "file"
        )
    )
    var config: String?

    @Option(
        name: .long,
        parsing: .unconditional,
        help: ArgumentHelp("Most items per feed, newest first; 0 for all. Overrides feeds.limit.", valueName: "n"),
        transform: Self.limit
    )
    var limit: FeedLimit?

    @Option(
        name: .long,
        parsing: .unconditional,
        help: ArgumentHelp(
            "Publish every feed's whole history as RFC 5005 archive pages of at most n items each (JSON Feed: "
                + "next_url pages); 0 for none. Overrides feeds.archive.",
            valueName: "n"
        ),
        transform: Self.archive
    )
    var archive: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Formats to write, comma-separated: rss,atom,json. Overrides feeds.formats.",
            valueName: "list"
        ),
        transform: Self.formats
    )
    var formats: [FeedFormat]?

    @Option(
        name: .customLong("site-url"),
        help: ArgumentHelp("The site's home page. Overrides site.url.", valueName: "url")
    )
    var siteURL: String?

    @Option(
        name: .customLong("feeds-url"),
        help: ArgumentHelp("Where the output folder is served. Overrides feeds.url.", valueName: "url")
    )
    var feedsURL: String?

    @Flag(name: .long, help: "Publish nothing if any item would be rejected (exit status 1).")
    var strict = false

    @Option(
        name: .long,
        help: ArgumentHelp("Write a JSON report of every warning and error to this file.", valueName: "file")
    )
    var report: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The build's \"now\" (RFC 3339): items dated after it are scheduled, not published. "
                + "Default: SOURCE_DATE_EPOCH (seconds) when set, else the clock.",
            valueName: "time"
        ),
        transform: Self.parseMoment
    )
    var now: Timestamp?

    @Flag(
        name: .customLong("include-future"),
        help: "Publish items dated after now at once instead of scheduling them."
    )
    var includeFuture = false

    @Flag(
        name: [.short, .long],
        help: "Print nothing when no file changed since the last build, everything otherwise (for cron)."
    )
    var quiet = false

    @Flag(name: [.short, .long], help: "Print every warning (by default the first 20 are shown).")
    var verbose = false

    /// The configuration: the file, then these options over it.
    func configuration() throws(ConfigurationError) -> PublishConfiguration {
        var configuration: PublishConfiguration
        let file = config ?? (FileSystem.isReadable(Self.siteConfiguration) ? Self.siteConfiguration : nil)
        if let file {
            configuration = try ConfigurationFile.load(file)
        } else {
            configuration = PublishConfiguration()
        }
        if let limit { configuration.limit = limit }
        if let archive { configuration.archive = archive == 0 ? nil : archive }
        if let siteURL { configuration.siteURL = siteURL }
        if let feedsURL { configuration.feedsURL = feedsURL }
        if let formats {
            configuration.formats = formats
            // index.opml lists written files only: a feeds.opml the option leaves out gives way to one it writes.
            if let opml = configuration.opmlFormat, !formats.contains(opml) { configuration.opmlFormat = nil }
        }
        if includeFuture { configuration.includeFuture = true }
        if file == nil, configuration.siteTitle.isEmpty {
            throw ConfigurationError(
                source: Self.siteConfiguration,
                line: nil,
                key: "",
                message: "not found in this folder: feedpub builds a site folder whose feedpub.yml sets site.url and "
                    + "site.title (`feedpub init DIR` writes one; --config names another file)"
            )
        }
        try configuration.validate(source: file ?? "command line")
        return configuration
    }

    /// The configuration read when `--config` is not given: the site folder's, as Hugo reads `hugo.yaml`.
    static let siteConfiguration = "feedpub.yml"

    /// The content folder: `--content`, else `content.folder`, else `content`.
    func contentFolder(_ configuration: PublishConfiguration) -> String {
        content ?? configuration.contentFolder ?? "content"
    }

    /// The build's "now": `--now`, else `SOURCE_DATE_EPOCH`, else `nil` (the clock).
    func buildNow() throws(ConfigurationError) -> Timestamp? {
        if let now { return now }
        guard let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] else { return nil }
        guard let seconds = Int64(epoch.trimmingCharacters(in: .whitespaces)) else {
            throw ConfigurationError(
                source: "environment",
                line: nil,
                key: "SOURCE_DATE_EPOCH",
                message: "'\(epoch)' is not a number of seconds since 1970-01-01"
            )
        }
        return Timestamp(seconds: seconds)
    }

    /// `--now`: an RFC 3339 date and time (a date alone is midnight UTC).
    static func parseMoment(_ text: String) throws -> Timestamp {
        do {
            return try ContentDate.parse(text).timestamp
        } catch {
            throw ValidationError("'\(text)' is not a date and time (RFC 3339: 2026-12-01T09:00:00Z): \(error.reason)")
        }
    }

    /// `--archive`: a whole number, 0 for none.
    static func archive(_ text: String) throws -> Int {
        guard let count = Int(text), count >= 0 else {
            throw ValidationError("must be a whole number, 0 (none) or more")
        }
        return count
    }

    /// `--limit`: a whole number, 0 for all.
    static func limit(_ text: String) throws -> FeedLimit {
        guard let count = Int(text), let limit = FeedLimit(count: count) else {
            throw ValidationError("must be a whole number, 0 (no limit) or more")
        }
        return limit
    }

    /// `--formats`: names from rss, atom, json, comma-separated, each once.
    static func formats(_ text: String) throws -> [FeedFormat] {
        var formats: [FeedFormat] = []
        for name in text.split(separator: ",") {
            let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let format = FeedFormat(rawValue: trimmed) else {
                throw ValidationError("'\(trimmed)' is not a format (rss, atom, json)")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }
}

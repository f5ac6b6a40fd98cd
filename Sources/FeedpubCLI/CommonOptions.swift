import ArgumentParser
import CuratedContent
import FeedModel
import FeedPublisher
import FeedWriters
import FeedpubSystem
import Foundation

/// Options shared by `build` and `check`.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Content folder: every *.md under it, recursively.", valueName: "dir"))
    var content = "Examples/content"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Configuration file (YAML). Default: Examples/feedpub.yml when it exists, else built-in defaults.",
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
        if let config {
            configuration = try ConfigurationFile.load(config)
        } else if FileSystem.isReadable(Self.exampleConfiguration) {
            configuration = try ConfigurationFile.load(Self.exampleConfiguration)
        } else {
            configuration = PublishConfiguration()
        }
        if let limit { configuration.limit = limit }
        if let siteURL { configuration.siteURL = siteURL }
        if let feedsURL { configuration.feedsURL = feedsURL }
        if let formats {
            configuration.formats = formats
            // index.opml lists written files only: a feeds.opml the option leaves out gives way to one it writes.
            if let opml = configuration.opmlFormat, !formats.contains(opml) { configuration.opmlFormat = nil }
        }
        if includeFuture { configuration.includeFuture = true }
        try configuration.validate(source: "command line")
        return configuration
    }

    /// The configuration read when `--config` is not given, when it is there.
    static let exampleConfiguration = "Examples/feedpub.yml"

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

import ArgumentParser
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

    @Flag(name: [.short, .long], help: "Print only errors, and the summary only when output changed (for cron).")
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
        if let formats { configuration.formats = formats }
        try configuration.validate(source: "command line")
        return configuration
    }

    /// The configuration read when `--config` is not given, when it is there.
    static let exampleConfiguration = "Examples/feedpub.yml"

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

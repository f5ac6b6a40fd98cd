import ArgumentParser
import FeedPublisher
import FeedWriters

#if canImport(Glibc)
    import Glibc
#endif

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
        help: ArgumentHelp("Most items per feed, newest first; 0 for all. Overrides feeds.limit.", valueName: "n")
    )
    var limit: Int?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Formats to write, comma-separated: rss,atom,json. Overrides feeds.formats.",
            valueName: "list"
        )
    )
    var formats: String?

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
        } else if access("Examples/feedpub.yml", R_OK) == 0 {
            configuration = try ConfigurationFile.load("Examples/feedpub.yml")
        } else {
            configuration = PublishConfiguration()
        }
        if let limit { configuration.limit = limit }
        if let siteURL { configuration.siteURL = siteURL }
        if let feedsURL { configuration.feedsURL = feedsURL }
        if let formats {
            var parsed: [FeedFormat] = []
            for name in formats.split(separator: ",") {
                let trimmed = name.trimmingCharacters(in: .whitespaces).lowercased()
                guard let format = FeedFormat(rawValue: trimmed) else {
                    throw ConfigurationError(
                        source: "command line",
                        line: nil,
                        key: "--formats",
                        message: "'\(trimmed)' is not a format (rss, atom, json)"
                    )
                }
                if !parsed.contains(format) { parsed.append(format) }
            }
            configuration.formats = parsed
        }
        try configuration.validate(source: "command line")
        return configuration
    }
}

import ArgumentParser
import CuratedContent
import FeedModel
import FeedPublisher
import FeedServer
import FeedWriters
import FeedpubSystem
import Foundation

/// `feedpub config`: the configuration in effect, each value with where it came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the configuration in effect and where each value comes from (file:line, option, default)."
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: ArgumentHelp("Output folder, as for build.", valueName: "dir"))
    var out: String?

    func run() throws {
        let console = Console.current
        let effective: PublishConfiguration
        do {
            effective = try common.configuration()
        } catch {
            console.printError("feedpub: error: \(error)")
            throw ExitStatus.fatal
        }
        let file = common.config ?? (FileSystem.isReadable(CommonOptions.siteConfiguration) ? "feedpub.yml" : nil)
        var lines: [String: Int] = [:]
        if let file, let loaded = try? ConfigurationFile.loadWithLines(file) { lines = loaded.lines }
        let flags: [String: Bool] = [
            "site.url": common.siteURL != nil, "feeds.url": common.feedsURL != nil, "feeds.limit": common.limit != nil,
            "feeds.archive": common.archive != nil,
            "feeds.formats": common.formats != nil, "content.folder": common.content != nil, "feeds.folder": out != nil,
        ]
        let feeds = effective.feedSettings
        let content = effective.contentSettings
        let limits = effective.limits
        let rows: [(String, String)] = [
            ("site.title", effective.siteTitle), ("site.url", effective.siteURL),
            ("site.description", feeds.siteDescription), ("site.language", effective.language),
            ("site.favicon", effective.favicon ?? "—"), ("site.icon", effective.icon ?? "—"),
            ("site.logo", effective.logo ?? "—"), ("site.copyright", effective.copyright ?? "—"),
            ("publisher.name", feeds.publisher.name), ("publisher.email", feeds.publisher.email ?? "—"),
            ("publisher.url", feeds.publisher.url ?? "—"),
            ("feeds.folder", out ?? effective.outputFolder ?? "public/feeds"), ("feeds.url", feeds.feedsURL),
            ("feeds.limit", effective.limit == .all ? "0 (all)" : "\(effective.limit.maximum)"),
            ("feeds.archive", effective.archive.map { "\($0) items a page" } ?? "0 (none)"),
            ("feeds.formats", effective.formats.map(\.rawValue).joined(separator: ", ")),
            ("feeds.opml", effective.effectiveOPMLFormat.rawValue), ("feeds.content", effective.content.rawValue),
            ("feeds.folders.site", effective.layout.site.isEmpty ? "\"\" (the top)" : effective.layout.site),
            ("feeds.folders.community", effective.layout.community), ("feeds.folders.topic", effective.layout.topic),
            ("feeds.files.rss", effective.layout.files.rss), ("feeds.files.atom", effective.layout.files.atom),
            ("feeds.files.json", effective.layout.files.json),
            ("serve.cacheControl", effective.cacheControl ?? ServeSettings.defaultCacheControl),
            ("content.folder", common.contentFolder(effective)), ("content.mediaURL", content.mediaURL),
            ("content.itemURL", content.itemURLTemplate), ("pages.community", effective.communityPageTemplate),
            ("pages.topic", effective.topicPageTemplate), ("categories.topicScheme", feeds.topicScheme ?? "—"),
            ("categories.tagScheme", feeds.tagScheme ?? "—"), ("ids.authority", content.ids.authority),
            ("ids.date", content.ids.date), ("limits.topics", "\(limits.topics)"),
            ("limits.authors", "\(limits.authors)"), ("limits.tags", "\(limits.tags)"),
            ("limits.title", "\(limits.title)"), ("limits.summary", "\(limits.summary)"),
            ("limits.oldest", String(limits.oldest.rfc3339.prefix(10))),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        for (key, value) in rows {
            let origin: String
            if flags[key] == true {
                origin = "option"
            } else if let line = lines[key], let file {
                origin = "\(file):\(line)"
            } else {
                origin = "default"
            }
            console.print(key.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(value)  (\(origin))")
        }
        for (name, override) in effective.communities.sorted(by: { $0.key < $1.key }) {
            let origin = lines["communities.\(name)"].map { "\(file ?? ""):\($0)" } ?? "file"
            console.print(
                "communities.\(name)  title: \(override.title ?? "—"), description: \(override.description ?? "—")  (\(origin))"
            )
        }
    }
}

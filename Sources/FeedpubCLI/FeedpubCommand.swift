public import ArgumentParser
import FeedModel

/// `feedpub`: publishes curated content as RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds.
public struct FeedpubCommand: ParsableCommand {
    /// The command's name, version, subcommands and help.
    public static let configuration = CommandConfiguration(
        commandName: "feedpub",
        abstract: "Publish curated content as RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds.",
        discussion: """
            Reads every *.md file (YAML front matter + HTML body) under a content folder and writes, for the \
            whole site, every community and every topic, rss.xml, atom.xml and feed.json, plus index.opml.

            \(ExitStatus.help)
            """,
        version: FeedpubVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, InitCommand.self, ConfigCommand.self],
        defaultSubcommand: BuildCommand.self
    )

    /// The root command (it only dispatches).
    public init() {}
}

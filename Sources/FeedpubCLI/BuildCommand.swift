import ArgumentParser
import FeedPublisher

/// `feedpub build`: read the content, write the feeds.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build every feed (the default subcommand).",
        discussion: """
            Writes OUT/all/, OUT/communities/<slug>/ and OUT/topics/<slug>/, each with rss.xml, atom.xml and \
            feed.json, and OUT/index.opml. Files are replaced atomically and only when their bytes change; feeds \
            of communities or topics with no items left are removed. Safe to run from cron: a second build on \
            the same folder waits for the first.

            \(ExitStatus.help)
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: ArgumentHelp("Output folder.", valueName: "dir"))
    var out = "feeds"

    @Flag(name: .customLong("no-wait"), help: "Fail at once if another build holds the output folder.")
    var noWait = false

    @Flag(
        name: .customLong("no-fsync"),
        help: "Do not flush to disk before renaming (faster; survives a killed build, not a power cut)."
    )
    var noFsync = false

    func run() throws {
        try BuildRunner(common: common, output: out, checkOnly: false, wait: !noWait, durable: !noFsync).run()
    }
}

/// `feedpub check`: the same analysis, nothing written.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Read and render everything like build, but write nothing; report what build would do.",
        discussion: ExitStatus.help
    )

    @OptionGroup var common: CommonOptions

    func run() throws {
        try BuildRunner(common: common, output: "", checkOnly: true, wait: true, durable: false).run()
    }
}

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
            of communities or topics with no items left are removed, when feedpub wrote them and nobody changed \
            them since (nothing else in OUT is ever removed). Safe to run from cron: a second build on the same \
            folder waits for the first; SIGINT, SIGTERM and SIGHUP stop a build at a safe point.

            \(ExitStatus.help)
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Output folder. Default: feeds.folder, else public/feeds.", valueName: "dir")
    )
    var out: String?

    @Flag(name: .customLong("no-wait"), help: "Fail at once if another build holds the output folder.")
    var noWait = false

    @Flag(
        name: .customLong("no-fsync"),
        help: "Do not flush to disk before renaming (faster; survives a killed build, not a power cut)."
    )
    var noFsync = false

    @Option(
        name: .customLong("max-remove"),
        parsing: .unconditional,
        help: ArgumentHelp(
            "Publish nothing if the build would remove more than this share of the published feeds (default 50).",
            valueName: "percent"
        ),
        transform: Self.percent
    )
    var maxRemove: Double?

    @Flag(
        name: .customLong("allow-removal"),
        help: "Remove any share of the published feeds, and publish even from a folder with no readable item."
    )
    var allowRemoval = false

    func run() throws {
        var removal = BuildRunner.Removal()
        if let maxRemove { removal.maximumShare = maxRemove / 100 }
        removal.allowed = allowRemoval
        try BuildRunner(
            common: common,
            output: out,
            checkOnly: false,
            wait: !noWait,
            durable: !noFsync,
            removal: removal
        ).run()
    }

    /// `--max-remove`: a percentage, 0 to 100.
    static func percent(_ text: String) throws -> Double {
        let number = text.hasSuffix("%") ? String(text.dropLast()) : text
        guard let value = Double(number), value.isFinite, (0...100).contains(value) else {
            throw ValidationError("must be a percentage from 0 to 100")
        }
        return value
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
        try BuildRunner(
            common: common,
            output: "",
            checkOnly: true,
            wait: true,
            durable: false,
            removal: BuildRunner.Removal()
        ).run()
    }
}

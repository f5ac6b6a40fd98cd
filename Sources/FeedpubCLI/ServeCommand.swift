import ArgumentParser
import Dispatch
import FeedModel
import FeedPublisher
import FeedServer
import FeedpubSystem
import Logging
import Synchronization

/// `feedpub serve`: the output folder over HTTP, rebuilt in process on change (`--watch`) or on a period
/// (`--every`).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the feeds over HTTP: conditional GET, gzip, rebuilt on change (--watch) or --every D.",
        discussion: """
            Builds once (unless --no-build), then serves the files feedpub wrote into the output folder — the \
            ones its state records, nothing else: no .feedpub/, no dotfile, no symbolic link, no file put there by \
            hand. Each file has a strong ETag from its content hash, Last-Modified, Cache-Control (serve.cacheControl \
            or --cache-control), Vary: Accept-Encoding, and a gzip encoding with its own ETag; If-None-Match and \
            If-Modified-Since give 304. A new build is served as soon as its state is saved, by this process or \
            another one. GET /metrics gives Prometheus text (on --metrics-port when given). SIGTERM and SIGINT stop \
            it gracefully: requests in flight complete, a running build finishes; exit status 0.
            """
    )

    @OptionGroup var common: CommonOptions

    @Option(
        name: .long,
        help: ArgumentHelp("Output folder. Default: feeds.folder, else public/feeds.", valueName: "dir")
    )
    var out: String?

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0: any free port, printed).")
    var port = 8080

    @Option(name: .customLong("metrics-port"), help: "Answer /metrics on this port instead of the main one.")
    var metricsPort: Int?

    @Flag(name: .long, help: "Rebuild whenever the content folder or the configuration changes (inotify).")
    var watch = false

    @Option(
        name: .long,
        help: ArgumentHelp("Rebuild every DURATION (30s, 5m, 1h).", valueName: "duration"),
        transform: Self.duration
    )
    var every: Duration?

    @Option(
        name: .customLong("cache-control"),
        help: ArgumentHelp("Cache-Control of every file (default: serve.cacheControl, else public, max-age=300).")
    )
    var cacheControl: String?

    @Flag(name: .customLong("no-build"), help: "Do not build; serve what the output folder's state lists.")
    var noBuild = false

    @Flag(
        name: .customLong("no-fsync"),
        help: "Do not flush to disk before renaming (faster; survives a killed build, not a power cut)."
    )
    var noFsync = false

    func validate() throws {
        if watch && every != nil { throw ValidationError("--watch and --every exclude each other") }
        if noBuild && (watch || every != nil) { throw ValidationError("--no-build cannot rebuild (--watch, --every)") }
        guard (0...65_535).contains(port), (0...65_535).contains(metricsPort ?? 0) else {
            throw ValidationError("a port is a number from 0 to 65535")
        }
    }

    /// Runs the server on the concurrency pool while this thread waits (the other commands are synchronous, and so
    /// is the root command that dispatches to them).
    func run() throws {
        let console = Console.current
        let outcome = Mutex<Result<Void, ExitCode>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let serve = try prepare(console: console)
        Task {
            do {
                try await serve()
                outcome.withLock { $0 = .success(()) }
            } catch {
                console.printError("feedpub: error: serve: \(error)")
                outcome.withLock { $0 = .failure(ExitStatus.fatal) }
            }
            done.signal()
        }
        done.wait()
        try outcome.withLock { $0 ?? .success(()) }.get()
    }

    /// The configuration read, the first build done: what is left is serving.
    private func prepare(console: Console) throws -> @Sendable () async throws -> Void {
        var configuration: PublishConfiguration
        do {
            configuration = try common.configuration()
            if let cacheControl {
                configuration.cacheControl = cacheControl
                try configuration.validate(source: "--cache-control")
            }
        } catch {
            console.printError("feedpub: error: \(error)")
            throw ExitStatus.fatal
        }
        let output = out ?? configuration.outputFolder ?? "public/feeds"
        var options = BuildOptions(
            contentFolder: common.contentFolder(configuration),
            outputFolder: output,
            configuration: configuration
        )
        options.strict = common.strict
        options.durable = !noFsync
        options.waitForLock = true
        options.listsEveryFile = false  // it prints the summary only
        do {
            options.now = try common.buildNow()
        } catch {
            console.printError("feedpub: error: \(error)")
            throw ExitStatus.fatal
        }
        let memory = watch || every != nil ? BuildMemory(watched: watch) : nil
        options.memory = memory
        let quiet = common.quiet
        let fixedOptions = options
        let common = self.common
        let cacheControl = self.cacheControl
        let build:
            @Sendable (
                _ stop: @escaping @Sendable () -> Bool,
                _ published: @escaping @Sendable (PublishedFiles) -> Void
            ) -> Bool = { stop, published in
                var options = fixedOptions
                options.onPublished = published
                // The configuration as it is now (--watch rebuilds when it changes); the folders stay the ones served.
                do {
                    var configuration = try common.configuration()
                    configuration.cacheControl = cacheControl ?? configuration.cacheControl
                    options.configuration = configuration
                } catch {
                    console.printError("feedpub: error: \(error); not rebuilt")
                    return false
                }
                options.stopRequest = { stop() ? Signals.terminate : nil }
                do {
                    let result = try Publisher(options: options).run(progress: nil) { message in
                        console.printError("feedpub: \(message)")
                    }
                    if !quiet || !result.inputsUnchanged { console.print(result.summary.line) }
                    if result.summary.rejected > 0 {
                        console.printError(
                            "feedpub: \(result.summary.rejected) item(s) rejected (feedpub check names each, with why)"
                        )
                    }
                    return true
                } catch {
                    console.printError("feedpub: error: \(error)")
                    return false
                }
            }
        if !noBuild { _ = build({ false }, { _ in }) }

        var settings = ServeSettings(
            outputFolder: output,
            layout: configuration.layout,
            feedsURL: configuration.feedSettings.feedsURL
        )
        settings.host = host
        settings.port = port
        settings.metricsPort = metricsPort
        settings.cacheControl = configuration.cacheControl ?? ServeSettings.defaultCacheControl
        settings.memory = memory
        if watch {
            settings.rebuild = .watch(
                content: options.contentFolder,
                configuration: common.config ?? (FileSystem.isReadable("feedpub.yml") ? "feedpub.yml" : nil)
            )
        } else if let every {
            settings.rebuild = .every(every)
        }
        let logger = Logger(label: "feedpub") { StreamLogHandler.standardError(label: $0) }
        let accessLogger = quiet ? nil : Logger(label: "feedpub.access") { StreamLogHandler.standardOutput(label: $0) }
        let server = FeedServer(
            settings: settings,
            build: noBuild ? nil : build,
            logger: logger,
            accessLogger: accessLogger
        )
        let host = self.host
        return {
            try await server.run { port, metricsPort in
                let metrics = metricsPort.map { ", metrics on port \($0)" } ?? ", /metrics"
                console.printError("feedpub: serving \(output) at http://\(host):\(port)/\(metrics)")
            }
        }
    }

    /// `--every`: `500ms`, `30s`, `5m`, `1h` or a number of seconds; at least one second.
    static func duration(_ text: String) throws -> Duration {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let value = Double(text.dropLast(suffix.count)), value.isFinite, value * scale >= 1 {
                return .milliseconds(Int64(value * scale * 1000))
            }
            if suffix == "ms" { continue }
            throw ValidationError("'\(text)' is not a duration of at least 1s (30s, 5m, 1h)")
        }
        guard let value = Double(text), value.isFinite, value >= 1 else {
            throw ValidationError("'\(text)' is not a duration of at least 1s (30s, 5m, 1h)")
        }
        return .milliseconds(Int64(value * 1000))
    }
}

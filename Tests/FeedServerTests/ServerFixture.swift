import FeedModel
import FeedPublisher
import FeedServer
import FeedTestSupport
import Foundation
import Logging

/// A site built into a temporary output folder, and a ``FeedServer`` on a free loopback port serving it.
struct ServerFixture {
    let content: URL
    let output: URL
    var configuration: PublishConfiguration = {
        var site = PublishConfiguration()
        site.siteTitle = "Medigy"
        site.siteURL = "https://www.medigy.com"
        return site
    }()

    /// A site of `items` items in two communities and three topics, built once.
    init(items: Int = 6) throws {
        let root = try Fixtures.temporaryFolder("serve")
        content = root.appendingPathComponent("content")
        output = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        for n in 1...items { try writeItem(n, title: "Item \(n)") }
        _ = try build()
    }

    /// Writes item `n` with `title`.
    func writeItem(_ n: Int, title: String) throws {
        let text = """
            ---
            id: \(n)
            title: '\(title)'
            description: 'About \(title)'
            date: '2024-01-\(String(format: "%02d", n % 28 + 1))T10:00:00Z'
            lastMod: '2024-01-\(String(format: "%02d", n % 28 + 1))T10:00:00Z'
            identifier: '\(n % 2 == 0 ? "Beta" : "Alpha")'
            communityTopics:
            - 'Topic \(n % 3)'
            ---

            <p>Body of \(title), \(String(repeating: "words of text ", count: 40))</p>

            """
        try Data(text.utf8).write(to: content.appendingPathComponent("item-\(n).md"))
    }

    var options: BuildOptions {
        var options = BuildOptions(contentFolder: content.path, outputFolder: output.path, configuration: configuration)
        options.waitForLock = true
        options.durable = false
        return options
    }

    /// A build of the content into the output folder.
    func build() throws -> BuildResult {
        try Publisher(options: options).run()
    }

    /// The bytes of `path` in the output folder.
    func file(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: output.appendingPathComponent(path)))
    }

    /// Starts a server on this output folder, on a free port; `rebuilds` gives it the in-process build.
    func start(
        rebuild: ServeSettings.Rebuild = .never,
        rebuilds: Bool = false,
        metricsPort: Bool = false,
        idleTimeout: Duration = .seconds(30)
    ) async throws -> RunningServer {
        var settings = ServeSettings(
            outputFolder: output.path,
            layout: configuration.layout,
            feedsURL: configuration.feedSettings.feedsURL
        )
        settings.port = 0
        settings.rebuild = rebuild
        settings.pollInterval = .milliseconds(100)
        if metricsPort { settings.metricsPort = 0 }
        settings.idleTimeout = idleTimeout
        var options = self.options
        // As `feedpub serve` does: the builds keep their memory, a watcher tells it what changed.
        if rebuilds {
            let isWatched: Bool
            if case .watch = rebuild { isWatched = true } else { isWatched = false }
            options.memory = BuildMemory(watched: isWatched)
            settings.memory = options.memory
        }
        var build: FeedServer.Build?
        if rebuilds {
            build = { [options] _, published in
                var options = options
                options.onPublished = published
                do {
                    _ = try Publisher(options: options).run()
                    return true
                } catch {
                    return false
                }
            }
        }
        var logger = Logger(label: "feedpub-test")
        logger.logLevel = .error
        let server = FeedServer(settings: settings, build: build, logger: logger, accessLogger: nil)
        let (ports, continuation) = AsyncStream<(Int, Int?)>.makeStream()
        let task = Task {
            try await server.run(gracefulShutdownSignals: []) { port, metrics in continuation.yield((port, metrics)) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let (port, metrics) = await iterator.next() else { throw FixtureError("the server did not start") }
        return RunningServer(server: server, port: port, metricsPort: metrics, task: task)
    }
}

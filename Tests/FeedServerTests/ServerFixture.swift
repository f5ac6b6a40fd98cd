import AsyncHTTPClient
import FeedModel
import FeedPublisher
import FeedServer
import FeedTestSupport
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

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
        let options = self.options
        var build: (@Sendable (_ stop: @escaping @Sendable () -> Bool) -> Bool)?
        if rebuilds {
            build = { _ in
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

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A started server, and requests to it.
struct RunningServer {
    let server: FeedServer
    let port: Int
    let metricsPort: Int?
    let task: Task<Void, any Error>

    /// The answer to one request.
    struct Answer {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]

        func header(_ name: String) -> String? { headers.first(name: name) }
    }

    /// A client that neither asks for nor decodes compression: what it sends is what each test says.
    static let client = HTTPClient(
        eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
        configuration: HTTPClient.Configuration(decompression: .disabled)
    )

    /// A request through AsyncHTTPClient.
    func request(
        _ path: String,
        method: HTTPMethod = .GET,
        headers: [(String, String)] = [],
        port: Int? = nil
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port ?? self.port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await Self.client.execute(request, timeout: .seconds(20))
        let body = try await response.body.collect(upTo: 64 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers, body: Array(buffer: body))
    }

    /// The status line and the rest of the answer to `raw`, sent as it is over TCP (paths a client library would
    /// normalise or refuse to send).
    func raw(_ raw: String) async throws -> String {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: raw))
            var received = ""
            for try await chunk in inbound {
                received += String(buffer: chunk)
            }
            return received
        }
    }

    /// Sends `text` one byte every `interval`; whether the server closed the connection before all of it was sent.
    func dribble(_ text: String, every interval: Duration) async throws -> Bool {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    for try await _ in inbound {}
                    return true  // closed by the server
                }
                group.addTask {
                    for byte in text.utf8 {
                        try await outbound.write(ByteBuffer(bytes: [byte]))
                        try await Task.sleep(for: interval)
                    }
                    return false
                }
                let first = try await group.next() ?? false
                group.cancelAll()
                return first
            }
        }
    }

    /// The status code of a raw `GET target`.
    func rawStatus(_ target: String, extraHeaders: String = "") async throws -> Int {
        let answer = try await raw("GET \(target) HTTP/1.1\r\nHost: x\r\n\(extraHeaders)Connection: close\r\n\r\n")
        let parts = answer.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let code = Int(parts[1]) else { return -1 }
        return code
    }

    /// Shuts the server down and waits for it.
    func stop() async throws {
        await server.shutDown()
        try await task.value
    }
}

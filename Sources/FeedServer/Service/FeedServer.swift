package import FeedPublisher
import FeedpubSystem
import HTTPTypes
import Hummingbird
import HummingbirdCore
package import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
package import UnixSignals

/// `feedpub serve`: the output folder over HTTP (Hummingbird 2), only the files feedpub wrote, each build served
/// as soon as its state is saved, with no response torn by it.
///
/// Runs as a swift-service-lifecycle group: the HTTP server (and the metrics one, on its own port when asked), the
/// state poller, and the watcher or the periodic builder. SIGTERM and SIGINT (when `signals` says so) shut it down
/// gracefully: no new connection, a running build finishes, responses in flight complete; then ``run(onListening:)``
/// returns.
package final class FeedServer: Sendable {
    package let settings: ServeSettings
    let table: FileTable
    let cache: BodyCache
    let metrics: ServerMetrics
    let rebuilder: Rebuilder?
    private let logger: Logger
    private let accessLog: AccessLog
    private let group = Mutex<ServiceGroup?>(nil)

    /// One in-process build: told when to stop at its next safe point, and given where to hand the files it commits
    /// (``BuildOptions/onPublished``); whether it published.
    package typealias Build =
        @Sendable (
            _ stop: @escaping @Sendable () -> Bool,
            _ published: @escaping @Sendable (PublishedFiles) -> Void
        ) -> Bool

    /// A server of `settings`; `build` runs one in-process build (for `--watch` and `--every`); `accessLogger` gets
    /// one line per request (`nil`: none).
    package init(
        settings: ServeSettings,
        build: Build?,
        logger: Logger,
        accessLogger: Logger?
    ) {
        self.settings = settings
        let table = FileTable(
            root: settings.outputFolder,
            layout: settings.layout,
            feedsURL: settings.feedsURL,
            cacheControl: settings.cacheControl
        )
        let cache = BodyCache(budget: settings.cacheBudget)
        let metrics = ServerMetrics()
        self.table = table
        self.cache = cache
        self.metrics = metrics
        rebuilder = build.map { Rebuilder(build: $0, table: table, cache: cache, metrics: metrics) }
        self.logger = logger
        accessLog = AccessLog(logger: accessLogger)
    }

    /// Serves until shut down; `onListening` is told the ports listened on (the main one, the metrics one).
    package func run(
        gracefulShutdownSignals signals: [UnixSignal] = [.sigterm, .sigint],
        onListening: @escaping @Sendable (_ port: Int, _ metricsPort: Int?) async -> Void = { _, _ in }
    ) async throws {
        let responder = FeedResponder(
            table: table,
            cache: cache,
            metrics: metrics,
            accessLog: accessLog,
            servesMetrics: settings.metricsPort == nil
        )
        let ports = Ports(expectsMetrics: settings.metricsPort != nil, onListening: onListening)
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: .nanoseconds(Rebuilder.nanoseconds(settings.idleTimeout)),
            httpDecoderConfiguration: .init(
                maxHeaderFieldSize: FeedResponder.maximumHeaderBytes,
                maxHeaderListSize: FeedResponder.maximumHeaderBytes,
                maxHeaderFieldCount: 100
            )
        )
        var services: [any Service] = [
            Application(
                responder: responder,
                server: HTTPServerBuilder { FeedChannel(responder: $0, configuration: http1, feeds: responder) },
                configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port)),
                onServerRunning: { channel in await ports.main(channel.localAddress?.port ?? 0) },
                logger: logger
            )
        ]
        if let metricsPort = settings.metricsPort {
            let metrics = self.metrics
            let metricsResponder = CallbackResponder<BasicRequestContext> { request, _ in
                guard request.uri.path == "/metrics" else { return FeedResponder.plain(.notFound, "not found") }
                var headers = HTTPFields()
                headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
                return Response(
                    status: .ok,
                    headers: headers,
                    body: .init(byteBuffer: ByteBuffer(bytes: metrics.text()))
                )
            }
            services.append(
                Application(
                    responder: metricsResponder,
                    server: .http1(configuration: http1),
                    configuration: ApplicationConfiguration(address: .hostname(settings.host, port: metricsPort)),
                    onServerRunning: { channel in await ports.metrics(channel.localAddress?.port ?? 0) },
                    logger: logger
                )
            )
        }
        services.append(StatePoller(table: table, cache: cache, interval: settings.pollInterval))
        if let rebuilder {
            switch settings.rebuild {
            case .never: services.append(PeriodicBuilds(rebuilder: rebuilder, interval: nil))
            case .every(let interval): services.append(PeriodicBuilds(rebuilder: rebuilder, interval: interval))
            case .watch(let content, let configuration):
                services.append(PeriodicBuilds(rebuilder: rebuilder, interval: nil))
                services.append(
                    WatchBuilds(
                        rebuilder: rebuilder,
                        content: content,
                        configuration: configuration,
                        memory: settings.memory,
                        logger: logger
                    )
                )
            }
        }
        let serviceGroup = ServiceGroup(services: services, gracefulShutdownSignals: signals, logger: logger)
        group.withLock { $0 = serviceGroup }
        do {
            try await serviceGroup.run()
        } catch let error as IOError {
            let ports = [settings.port] + (settings.metricsPort.map { [$0] } ?? [])
            throw ServeError.listen(
                host: settings.host,
                ports: ports,
                reason: SystemError.reason(error.errnoCode)
            )
        }
    }

    /// Shuts the server down as SIGTERM does.
    package func shutDown() async {
        guard let serviceGroup = group.withLock({ $0 }) else { return }
        await serviceGroup.triggerGracefulShutdown()
    }

    /// Asks for an in-process build now, as a change seen at `seen` would.
    package func requestBuild(seen: ContinuousClock.Instant? = nil) {
        rebuilder?.request(seen: seen)
    }

    /// How many in-process builds finished.
    package var builds: Int { rebuilder?.builds ?? 0 }

    /// The Prometheus text of `/metrics`.
    package var metricsText: String { String(decoding: metrics.text(), as: UTF8.self) }
}

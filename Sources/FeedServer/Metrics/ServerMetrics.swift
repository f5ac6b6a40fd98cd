import Metrics
import Prometheus
import Synchronization

/// What `/metrics` shows, in the Prometheus text format: requests by status, the share answered `304`, bytes sent,
/// builds and their durations, and the watch latency (a change seen to its files served).
///
/// Recorded through swift-metrics into this server's own registry (not the process-wide one), so two servers in one
/// process (the tests) keep their counts apart.
final class ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    private let byStatus = Mutex<[Int: Metrics.Counter]>([:])
    private let counts = Mutex<(all: Int, notModified: Int)>((0, 0))
    private let bytesSent: Metrics.Counter
    private let notModifiedShare: Metrics.Gauge
    private let requestDuration: Metrics.Timer
    private let buildsSucceeded: Metrics.Counter
    private let buildsFailed: Metrics.Counter
    private let buildDuration: Metrics.Timer
    private let watchLatency: Metrics.Timer

    init() {
        var factory = PrometheusMetricsFactory(registry: registry)
        let fast: [Duration] = [
            .microseconds(100), .microseconds(500), .milliseconds(1), .milliseconds(5),
            .milliseconds(20), .milliseconds(100), .milliseconds(500), .seconds(2),
        ]
        let slow: [Duration] = [
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2), .seconds(5), .seconds(20), .seconds(60),
        ]
        factory.durationHistogramBuckets = [
            "feedpub_http_request_duration_seconds": fast, "feedpub_build_duration_seconds": slow,
            "feedpub_watch_latency_seconds": slow,
        ]
        self.factory = factory
        bytesSent = Metrics.Counter(label: "feedpub_http_response_bytes_total", factory: factory)
        notModifiedShare = Metrics.Gauge(label: "feedpub_http_not_modified_ratio", factory: factory)
        requestDuration = Metrics.Timer(label: "feedpub_http_request_duration_seconds", factory: factory)
        buildsSucceeded = Metrics.Counter(
            label: "feedpub_builds_total",
            dimensions: [("result", "ok")],
            factory: factory
        )
        buildsFailed = Metrics.Counter(
            label: "feedpub_builds_total",
            dimensions: [("result", "failed")],
            factory: factory
        )
        buildDuration = Metrics.Timer(label: "feedpub_build_duration_seconds", factory: factory)
        watchLatency = Metrics.Timer(label: "feedpub_watch_latency_seconds", factory: factory)
    }

    /// One request answered with `status`, `bytes` of body, after `nanoseconds`.
    func request(status: Int, bytes: Int, nanoseconds: Int64) {
        let counter = byStatus.withLock { counters in
            if let counter = counters[status] { return counter }
            let counter = Metrics.Counter(
                label: "feedpub_http_requests_total",
                dimensions: [("status", String(status))],
                factory: factory
            )
            counters[status] = counter
            return counter
        }
        counter.increment()
        if bytes > 0 { bytesSent.increment(by: bytes) }
        requestDuration.recordNanoseconds(nanoseconds)
        let share = counts.withLock { counts in
            counts.all += 1
            if status == 304 { counts.notModified += 1 }
            return Double(counts.notModified) / Double(counts.all)
        }
        notModifiedShare.record(share)
    }

    /// One build, finished (`succeeded`) or failed, after `nanoseconds`.
    func build(succeeded: Bool, nanoseconds: Int64) {
        (succeeded ? buildsSucceeded : buildsFailed).increment()
        buildDuration.recordNanoseconds(nanoseconds)
    }

    /// From a change seen by the watcher to the table that serves its build, `nanoseconds`.
    func watch(latency nanoseconds: Int64) {
        watchLatency.recordNanoseconds(nanoseconds)
    }

    /// The Prometheus text of everything recorded.
    func text() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}

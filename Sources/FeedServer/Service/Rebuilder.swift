import Dispatch
import FeedPublisher
import Logging
import Synchronization

/// Builds in process, one build at a time.
///
/// A request during a build makes exactly one more after it. After each build the table is loaded again and the bodies no longer published are dropped.
final class Rebuilder: Sendable {
    private struct State {
        var running = false
        var pending = false
        /// When the first change behind the pending build was seen.
        var seen: ContinuousClock.Instant?
        var builds = 0
    }

    /// Runs one build: `stop` tells it to stop at its next safe point (shutting down); `published` takes the files
    /// it committed, served before it saves its state.
    private let build: FeedServer.Build
    private let table: FileTable
    private let cache: BodyCache
    private let metrics: ServerMetrics
    private let state = Mutex(State())
    private let stopping = Mutex(false)
    private let queue = DispatchQueue(label: "feedpub.build")

    init(build: @escaping FeedServer.Build, table: FileTable, cache: BodyCache, metrics: ServerMetrics) {
        self.build = build
        self.table = table
        self.cache = cache
        self.metrics = metrics
    }

    /// Asks for a build; `seen`: when the change that asks for it was seen (for the watch latency).
    func request(seen: ContinuousClock.Instant?) {
        let start = state.withLock { state -> Bool in
            if state.running {
                state.pending = true
                if state.seen == nil { state.seen = seen }
                return false
            }
            state.running = true
            return true
        }
        if start { queue.async { self.loop(seen: seen) } }
    }

    private func loop(seen first: ContinuousClock.Instant?) {
        var seen = first
        while true {
            let started = ContinuousClock.now
            // When the build's files were served: at once when it committed some, else after it.
            let served = Mutex<ContinuousClock.Instant?>(nil)
            let serve: @Sendable (PublishedFiles) -> Void = { files in
                self.table.install(files)
                served.withLock { $0 = ContinuousClock.now }
            }
            let published = stopping.withLock { $0 } ? false : build({ self.stopping.withLock { $0 } }, serve)
            let generation = table.reload()
            cache.keep(only: generation)
            let done = ContinuousClock.now
            metrics.build(succeeded: published, nanoseconds: Self.nanoseconds(done - started))
            if let seen { metrics.watch(latency: Self.nanoseconds((served.withLock { $0 } ?? done) - seen)) }
            let next = state.withLock { state -> (Bool, ContinuousClock.Instant?) in
                state.builds += 1
                guard state.pending, !stopping.withLock({ $0 }) else {
                    state.running = false
                    state.pending = false
                    return (false, nil)
                }
                state.pending = false
                defer { state.seen = nil }
                return (true, state.seen)
            }
            guard next.0 else { return }
            seen = next.1
        }
    }

    /// How many builds finished.
    var builds: Int { state.withLock { $0.builds } }

    /// Stops asking for builds; returns when the one running, if any, has finished.
    func stop() async {
        stopping.withLock { $0 = true }
        while state.withLock({ $0.running }) {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    static func nanoseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000
    }
}

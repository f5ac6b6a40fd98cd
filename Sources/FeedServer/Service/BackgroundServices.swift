import FeedpubSystem
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Looks at the state file every `interval`: a build of another process on the same folder is served once its
/// state is renamed in.
struct StatePoller: Service {
    let table: FileTable
    let cache: BodyCache
    let interval: Duration

    func run() async throws {
        while !Task.isCancelledOrShuttingDown {
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            if table.reloadIfReplaced() { cache.keep(only: table.generation) }
        }
    }
}

/// Asks the rebuilder for a build every `interval`; when the group shuts down, lets the running build finish.
struct PeriodicBuilds: Service {
    let rebuilder: Rebuilder
    let interval: Duration?

    func run() async throws {
        if let interval {
            while !Task.isCancelledOrShuttingDown {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
                if Task.isCancelledOrShuttingDown { break }
                rebuilder.request(seen: nil)
            }
        } else {
            try? await gracefulShutdown()
        }
        await rebuilder.stop()
    }
}

/// Watches the content folder (recursively) and the configuration file with inotify, on a thread of its own, and
/// asks the rebuilder for a build at each change.
struct WatchBuilds: Service {
    let rebuilder: Rebuilder
    let content: String
    let configuration: String?
    let logger: Logger

    func run() async throws {
        let stop = Flag()
        let ready = Flag()
        let finished = Flag()
        let failure = Mutex<SystemError?>(nil)
        let rebuilder = self.rebuilder
        let logger = self.logger
        let content = self.content
        let configuration = self.configuration
        let thread = Thread {
            defer { finished.set() }
            let watcher: FileWatcher
            do throws(SystemError) {
                watcher = try FileWatcher()
                try watcher.watchTree(content)
                if let configuration { try watcher.watchFile(configuration) }
            } catch {
                failure.withLock { $0 = error }
                ready.set()
                return
            }
            ready.set()
            while !stop.isSet {
                do {
                    if try watcher.wait(milliseconds: 100) { rebuilder.request(seen: ContinuousClock.now) }
                } catch {
                    logger.error("feedpub: watch stopped: \(error)")
                    break
                }
            }
            try? watcher.close()
        }
        thread.name = "feedpub-watch"
        thread.start()
        while !ready.isSet { try? await Task.sleep(for: .milliseconds(5)) }
        if let error = failure.withLock({ $0 }) { throw ServeError.watch(error) }
        try? await gracefulShutdown()
        stop.set()
        while !finished.isSet { try? await Task.sleep(for: .milliseconds(10)) }
    }
}

/// A flag set once, read from any thread.
final class Flag: Sendable {
    private let value = Atomic(false)
    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}

extension Task where Success == Never, Failure == Never {
    static var isCancelledOrShuttingDown: Bool { isCancelled || Task.isShuttingDownGracefully }
}

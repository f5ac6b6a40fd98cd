import FeedPublisher
import FeedpubSystem
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Watches the content folder (recursively) and the configuration file with inotify, on a thread of its own, and
/// asks the rebuilder for a build at each change, telling `memory` what changed.
///
/// Once watching, it asks for one build: an edit made while the first build ran, before the watch began, is
/// published too.
struct WatchBuilds: Service {
    let rebuilder: Rebuilder
    let content: String
    let configuration: String?
    let memory: BuildMemory?
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
        let memory = self.memory
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
            memory?.forgetListing()
            rebuilder.request(seen: nil)
            while !stop.isSet {
                do {
                    let changes = try watcher.changes(waiting: 100)
                    guard !changes.isEmpty else { continue }
                    let seen = ContinuousClock.now
                    memory?.note(changes)
                    rebuilder.request(seen: seen)
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

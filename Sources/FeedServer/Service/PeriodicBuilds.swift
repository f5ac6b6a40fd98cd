import ServiceLifecycle

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

extension Task where Success == Never, Failure == Never {
    static var isCancelledOrShuttingDown: Bool { isCancelled || Task.isShuttingDownGracefully }
}

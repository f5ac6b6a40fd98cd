import ServiceLifecycle

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

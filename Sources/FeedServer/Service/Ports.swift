import Synchronization

/// Tells `onListening` once the main port (and the metrics port, when there is one) is known.
final class Ports: Sendable {
    private let state = Mutex<(main: Int?, metrics: Int?, told: Bool)>((nil, nil, false))
    private let expectsMetrics: Bool
    private let onListening: @Sendable (Int, Int?) async -> Void

    init(expectsMetrics: Bool, onListening: @escaping @Sendable (Int, Int?) async -> Void) {
        self.expectsMetrics = expectsMetrics
        self.onListening = onListening
    }

    func main(_ port: Int) async {
        await tell(
            state.withLock { state in
                state.main = port
                return ready(&state)
            }
        )
    }

    func metrics(_ port: Int) async {
        await tell(
            state.withLock { state in
                state.metrics = port
                return ready(&state)
            }
        )
    }

    private func ready(_ state: inout (main: Int?, metrics: Int?, told: Bool)) -> (Int, Int?)? {
        guard !state.told, let main = state.main, !expectsMetrics || state.metrics != nil else { return nil }
        state.told = true
        return (main, state.metrics)
    }

    private func tell(_ ports: (Int, Int?)?) async {
        guard let ports else { return }
        await onListening(ports.0, ports.1)
    }
}

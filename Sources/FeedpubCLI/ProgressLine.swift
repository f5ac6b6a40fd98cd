import Dispatch
import Synchronization

/// A progress line on a terminal's stderr (`reading 41230/100000`), shown only once a build has run for a
/// second, redrawn at most four times a second, and erased at the end.
final class ProgressLine: Sendable {
    private let start = DispatchTime.now().uptimeNanoseconds
    private let state = Mutex<(lastDraw: UInt64, drawn: Bool)>((0, false))
    private let console: Console

    private init(console: Console) {
        self.console = console
    }

    /// A progress line when `console`'s standard error is a terminal, else `nil`.
    static func ifTerminal(_ console: Console) -> ProgressLine? {
        console.errIsTerminal ? ProgressLine(console: console) : nil
    }

    /// The callback to hand to the publisher.
    var callback: @Sendable (String, Int, Int) -> Void {
        { [self] phase, done, total in draw(phase, done, total) }
    }

    private func draw(_ phase: String, _ done: Int, _ total: Int) {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - start > 1_000_000_000 else { return }
        let shouldDraw = state.withLock { state -> Bool in
            guard now - state.lastDraw > 250_000_000 || done == total else { return false }
            state = (now, true)
            return true
        }
        if shouldDraw { console.err("\r\u{1B}[K\(phase) \(done)/\(total)") }
    }

    /// Erases the line if one was drawn.
    func clear() {
        if state.withLock({ $0.drawn }) { console.err("\r\u{1B}[K") }
    }
}

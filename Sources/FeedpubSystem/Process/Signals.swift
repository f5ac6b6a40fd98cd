import CFeedpubSystem
import Glibc

/// SIGINT, SIGTERM and SIGHUP, caught so that a build stops at a safe point instead of wherever it is.
///
/// The handler only records the signal (the one thing a handler may safely do) and restores the default action, so
/// a second signal stops the process at once. Work in progress asks ``pending`` at its safe points.
package enum Signals {
    /// Starts catching the three signals (those the parent process ignores, as `nohup` does SIGHUP, stay ignored).
    package static func trap() {
        feedpub_trap_signals()
    }

    /// Stops catching them: their default action again.
    package static func release() {
        feedpub_release_signals()
    }

    /// The signal caught, if any.
    package static var pending: Int32? {
        let number = feedpub_pending_signal()
        return number == 0 ? nil : number
    }

    /// Forgets a caught signal.
    package static func clear() {
        feedpub_clear_signal()
    }

    /// The signal's name: `SIGTERM`.
    package static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }

    /// Sends `number` to this process (for tests).
    package static func raise(_ number: Int32) {
        Glibc.raise(number)
    }

    /// SIGINT, SIGTERM and SIGHUP.
    package static let interrupt = SIGINT
    package static let terminate = SIGTERM
    package static let hangUp = SIGHUP
}

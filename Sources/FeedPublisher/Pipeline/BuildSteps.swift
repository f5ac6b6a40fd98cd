import FeedpubSystem
import Foundation

/// Runs the steps of a build: each under its name, timed when `FEEDPUB_TIMING=1` (time and resident memory, to
/// stderr, for finding hot spots), and naming itself in the errors that pass through it.
struct BuildSteps {
    /// What a step throws: the reason; the runner adds the step.
    typealias Failure = PublishError.Reason

    private let timing = ProcessInfo.processInfo.environment["FEEDPUB_TIMING"] == "1"
    private var last = DispatchTime.now().uptimeNanoseconds
    private let stopRequest: (@Sendable () -> Int32?)?
    /// Whether a stop request still stops the build (not once files are being renamed into place).
    var stopsAllowed = true

    init(stopRequest: (@Sendable () -> Int32?)?) {
        self.stopRequest = stopRequest
    }

    /// Runs `step`'s `body`, unless a stop was requested.
    mutating func run<Value>(_ step: BuildStep, _ body: () throws(Failure) -> Value) throws(PublishError) -> Value {
        let value: Value
        do throws(Failure) {
            if stopsAllowed, let signal = stopRequest?() { throw Failure.interrupted(signal: signal) }
            value = try body()
        } catch {
            throw PublishError(step: step, reason: error)
        }
        lap(step)
        return value
    }

    /// Runs `step`'s `body`, which cannot fail.
    mutating func run<Value>(_ step: BuildStep, _ body: () -> Value) -> Value {
        let value = body()
        lap(step)
        return value
    }

    private mutating func lap(_ step: BuildStep) {
        guard timing else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let milliseconds = Double(now - last) / 1e6
        let line =
            "timing: \(step): \(String(format: "%.1f", milliseconds)) ms, \(RunningProcess.residentMiB) MiB resident\n"
        FileHandle.standardError.write(Data(line.utf8))
        last = now
    }
}

import Foundation

/// Prints how long each phase of a build took, to stderr, when `FEEDPUB_TIMING=1`; for finding hot spots.
struct PhaseTimer {
    private let enabled = ProcessInfo.processInfo.environment["FEEDPUB_TIMING"] == "1"
    private var last = DispatchTime.now().uptimeNanoseconds

    /// Ends the current phase, naming it.
    mutating func lap(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let milliseconds = Double(now - last) / 1e6
        FileHandle.standardError.write(Data("timing: \(phase): \(String(format: "%.1f", milliseconds)) ms\n".utf8))
        last = now
    }
}

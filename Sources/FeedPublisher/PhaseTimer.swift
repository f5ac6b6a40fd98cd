import CuratedContent
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
        let line = "timing: \(phase): \(String(format: "%.1f", milliseconds)) ms, \(Self.residentMiB()) MiB resident\n"
        FileHandle.standardError.write(Data(line.utf8))
        last = now
    }

    /// The resident set size now, from `/proc/self/statm` (0 where there is none).
    private static func residentMiB() -> Int {
        guard let bytes = try? FileBytes.read("/proc/self/statm") else { return 0 }
        let text = String(decoding: bytes, as: UTF8.self)
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return (pages * Int(sysconf(Int32(_SC_PAGESIZE)))) >> 20
    }
}

public import Foundation

/// Runs a program and collects what it printed, for tests of feedpub's executables and of the shared tools.
public enum ProcessRunner {
    /// The exit status and output of a finished run.
    public struct Run: Sendable {
        /// The exit status.
        public var status: Int32
        /// Standard output.
        public var stdout: String
        /// Standard error.
        public var stderr: String
    }

    /// A product built next to the test bundle (`feedpub`, `feedpub-fuzz`), when there.
    public static func builtProduct(_ name: String) -> URL? {
        let folder = Bundle.main.bundleURL
        let candidates = [
            folder.appendingPathComponent(name), folder.deletingLastPathComponent().appendingPathComponent(name),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `executable` with `arguments` in `folder` (default: the current one) and waits for it.
    public static func run(_ executable: URL, _ arguments: [String], in folder: URL? = nil) throws -> Run {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes while the program runs, so that neither can fill up and block it.
        let stderr = Collected()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { stderr.data = err.fileHandleForReading.readDataToEndOfFile() }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr.data, as: UTF8.self)
        )
    }
}

/// Bytes collected by one thread and read by another after it is done (the group's wait orders the two).
private final class Collected: @unchecked Sendable {
    var data = Data()
}

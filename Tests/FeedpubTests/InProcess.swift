import ArgumentParser
import FeedpubCLI
import Foundation
import Synchronization

/// Runs feedpub's command line in this process, as `feedpub`'s `main` does, with what it prints captured.
///
/// Paths must be absolute: tests run in parallel and share one working folder.
enum InProcess {
    /// The exit status and output of a command run in process.
    typealias Run = (status: Int32, stdout: String, stderr: String)

    static func feedpub(_ arguments: [String]) -> Run {
        let out = Captured()
        let err = Captured()
        let console = Console(out: { out.append($0) }, err: { err.append($0) }, errIsTerminal: false)
        let status = Console.$current.withValue(console) { () -> Int32 in
            do {
                var command = try FeedpubCommand.parseAsRoot(arguments)
                try command.run()
                return 0
            } catch {
                // What ParsableCommand.exit(withError:) does: help and version to stdout, errors to stderr.
                let code = FeedpubCommand.exitCode(for: error)
                let message = FeedpubCommand.fullMessage(for: error)
                if !message.isEmpty { (code == .success ? out : err).append(message + "\n") }
                return code.rawValue
            }
        }
        return (status, out.text, err.text)
    }

    private final class Captured: Sendable {
        private let buffer = Mutex("")
        func append(_ text: String) { buffer.withLock { $0 += text } }
        var text: String { buffer.withLock { $0 } }
    }
}

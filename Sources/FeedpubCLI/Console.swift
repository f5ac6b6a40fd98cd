import FeedpubSystem
import Foundation

/// Where the command line writes: standard output and standard error, or — for tests that run commands in
/// process — whatever `Console.current` is bound to.
package struct Console: Sendable {
    /// Writes text to standard output.
    package var out: @Sendable (String) -> Void
    /// Writes text to standard error.
    package var err: @Sendable (String) -> Void
    /// Whether standard error is a terminal, where a progress line may be drawn.
    package var errIsTerminal: Bool

    /// A console writing to `out` and `err`.
    package init(
        out: @escaping @Sendable (String) -> Void,
        err: @escaping @Sendable (String) -> Void,
        errIsTerminal: Bool
    ) {
        self.out = out
        self.err = err
        self.errIsTerminal = errIsTerminal
    }

    /// The process's own standard output and error.
    package static let standard = Console(
        out: { text in FileHandle.standardOutput.write(Data(text.utf8)) },
        err: { text in FileHandle.standardError.write(Data(text.utf8)) },
        errIsTerminal: Terminal.standardErrorIsTerminal
    )

    /// The console commands write to.
    @TaskLocal package static var current = Console.standard

    /// Prints a line to standard output, its control characters escaped (it stays one line).
    func print(_ line: String) { out(DisplayText.escaped(line) + "\n") }

    /// Prints a line to standard error, its control characters escaped (it stays one line, and clears no screen).
    func printError(_ line: String) { err(DisplayText.escaped(line) + "\n") }
}

import ArgumentParser
import FeedpubSystem

/// feedpub's exit statuses, the same for `build` and `check`, documented in `--help` and README.
enum ExitStatus {
    /// Every item was published (some perhaps repaired, with warnings).
    static let success = ExitCode(0)
    /// Nothing was written: bad configuration, unreadable content, unwritable or locked output, a symbolic link
    /// where a feed folder belongs, `--strict` refusing rejected items, or a build refused for removing too much.
    static let fatal = ExitCode(1)
    /// Feeds were published, but some items were rejected (`check`: would be rejected).
    static let rejectedItems = ExitCode(2)
    /// Some or all feeds were published, but the build did not complete: renaming files into place failed part-way, or
    /// the state could not be saved.
    ///
    /// The message says which files are new; the next build completes the change.
    static let incomplete = ExitCode(3)
    /// The command line could not be parsed (argument-parser's `validationFailure`).
    static let usage = ExitCode.validationFailure

    /// Stopped by `signal` (SIGINT, SIGTERM, SIGHUP): 128 + its number, as a shell reports it — 130, 143, 129.
    static func stopped(by signal: Int32) -> ExitCode { ExitCode(128 + signal) }

    static let help = """
        EXIT STATUS
          0   every item published (repairs are warnings)
          1   fatal: nothing written (configuration, content folder, output folder, lock, a link where a feed
              folder belongs, --strict refusal, or a build that would remove too much: see --max-remove)
          2   feeds published, but some items were rejected (for check: would be rejected)
          3   incomplete: feeds published, but a rename failed part-way or the state could not be saved (the
              message names the files; the next build completes the change)
          64  usage error
          129, 130, 143  stopped by SIGHUP, SIGINT, SIGTERM (before the commit: nothing written)
        """
}

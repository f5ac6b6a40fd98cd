import ArgumentParser

/// feedpub's exit statuses, the same for `build` and `check`, documented in `--help` and README.
enum ExitStatus {
    /// Every item was published (some perhaps repaired, with warnings).
    static let success = ExitCode(0)
    /// Nothing was written: bad configuration, unreadable content, unwritable or locked output, or `--strict`
    /// refusing rejected items.
    static let fatal = ExitCode(1)
    /// Feeds were published, but some items were rejected (`check`: would be rejected).
    static let rejectedItems = ExitCode(2)
    /// The command line could not be parsed (argument-parser's `validationFailure`).
    static let usage = ExitCode.validationFailure

    static let help = """
        EXIT STATUS
          0   every item published (repairs are warnings)
          1   fatal: nothing written (configuration, content folder, output folder, lock, or --strict refusal)
          2   feeds published, but some items were rejected (for check: would be rejected)
          64  usage error
        """
}

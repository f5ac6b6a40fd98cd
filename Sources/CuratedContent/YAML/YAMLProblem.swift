/// Why a front matter could not be read as YAML.
enum YAMLProblem: Error, Sendable, Equatable {
    /// A syntax error, as libyaml reports it, at a 1-based line and column of the front matter.
    case syntax(message: String, line: Int, column: Int)
    /// The fast parser met a construct it leaves to the full parser (explicit tags, complex keys, merge keys).
    case needsFullParser(String)
    /// The document is larger than feedpub reads (nodes or nesting), such as an expanded alias bomb.
    case tooLarge(String, line: Int)
    /// Valid YAML that no front matter needs and feedpub does not read, such as a key that is not text.
    case unsupported(String, line: Int)
}

/// A YAML node as the reader needs it: scalars keep their text, their line and whether they were plain.
///
/// Plain scalars are the only ones YAML resolves to null (`~`, `null`, empty); quoted ones are always strings.
/// Tags are resolved by feedpub's own field mapping, not here, so both parsers give the same values.
indirect enum YAMLValue: Sendable, Equatable {
    /// A scalar: its text, whether it was plain (unquoted), and its 1-based line in the front matter.
    case scalar(String, plain: Bool, line: Int)
    /// A sequence and the line it starts on.
    case sequence([YAMLValue], line: Int)
    /// A mapping with scalar keys, in document order, and the line it starts on.
    case mapping([YAMLEntry], line: Int)

    /// The 1-based line in the front matter where the node starts.
    var line: Int {
        switch self {
        case .scalar(_, _, let line), .sequence(_, let line), .mapping(_, let line): line
        }
    }

    /// Whether this is a plain scalar YAML reads as null (`~`, `null`, `Null`, `NULL`, or nothing).
    var isNull: Bool {
        guard case .scalar(let text, true, _) = self else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    /// The text of a non-null scalar.
    var string: String? {
        guard case .scalar(let text, _, _) = self, !isNull else { return nil }
        return text
    }

    /// The value under `key` of a mapping (the last one, as YAML loaders do when a key repeats).
    subscript(key: String) -> YAMLValue? {
        guard case .mapping(let entries, _) = self else { return nil }
        return entries.last { $0.key == key }?.value
    }
}

/// One `key: value` pair of a mapping.
struct YAMLEntry: Sendable, Equatable {
    /// The key's text.
    var key: String
    /// The line of the key.
    var line: Int
    /// The value.
    var value: YAMLValue
}

import FeedModel

/// A path inside the output folder, built only from parts that cannot leave it.
///
/// Every folder part is a fixed name (`all`, `communities`, `topics`) or a slug (``Slug/isValid(_:)``), and
/// the file name is one of feedpub's own; there is no way to express `..`, an absolute path or a separator.
public struct OutputPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The folder parts, outermost first.
    public let folders: [String]
    /// The file name.
    public let fileName: String

    /// The path of `fileName` in the feed folder `feedPath` (`all`, `communities/<slug>`, `topics/<slug>`);
    /// `nil` when a part is not allowed.
    public init?(feedPath: String, fileName: String) {
        let parts = feedPath.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, let first = parts.first, Self.topFolders.contains(first) else { return nil }
        guard parts.count == 1 ? first == "all" : first != "all" && Slug.isValid(parts[1]) else { return nil }
        guard Self.fileNames.contains(fileName) else { return nil }
        self.folders = parts
        self.fileName = fileName
    }

    /// A file at the top of the output folder (`index.opml`).
    public init?(topLevel fileName: String) {
        guard Self.fileNames.contains(fileName) else { return nil }
        self.folders = []
        self.fileName = fileName
    }

    /// The folders feeds live in.
    static let topFolders: Set<String> = ["all", "communities", "topics"]
    /// The only names feedpub writes.
    static let fileNames: Set<String> = ["rss.xml", "atom.xml", "feed.json", "index.opml"]

    /// `a/b/file`, relative to the output folder.
    public var description: String { (folders + [fileName]).joined(separator: "/") }

    /// Whether `lhs` comes first.
    public static func < (lhs: OutputPath, rhs: OutputPath) -> Bool {
        lhs.description.utf8.lexicographicallyPrecedes(rhs.description.utf8)
    }
}

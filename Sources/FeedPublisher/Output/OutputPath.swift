package import FeedModel
package import FeedWriters

/// A file inside the output folder, built only from parts that cannot leave it: a feed's file (its location's
/// folders and its format's file name) or the OPML index at the top.
///
/// Every folder part is a fixed name or a ``Slug``, and every file name is one of feedpub's own; there is no way to
/// express `..`, an absolute path or a separator.
package struct OutputPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// What the file is.
    package enum File: Sendable, Hashable {
        /// A feed in a format.
        case feed(FeedLocation, FeedFormat)
        /// `index.opml`.
        case index
    }

    /// What the file is.
    package let file: File

    /// The file of the feed at `location` in `format`.
    package init(_ location: FeedLocation, _ format: FeedFormat) {
        file = .feed(location, format)
    }

    private init(_ file: File) {
        self.file = file
    }

    /// The OPML index, `index.opml`.
    package static let index = OutputPath(.index)

    /// The path of `fileName` in `folders` as found on disk, when it is one feedpub writes.
    package init?(folders: [String], fileName: String) {
        if folders.isEmpty {
            guard fileName == Self.indexName else { return nil }
            file = .index
            return
        }
        guard let location = FeedLocation(folders: folders),
            let format = FeedFormat.allCases.first(where: { $0.fileName == fileName })
        else { return nil }
        file = .feed(location, format)
    }

    /// The path `text` (`topics/x/rss.xml`), as ``description`` writes it, when it is one feedpub writes.
    package init?(parsing text: String) {
        var parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard let fileName = parts.popLast() else { return nil }
        self.init(folders: parts, fileName: fileName)
    }

    private static let indexName = "index.opml"

    /// The folder parts, outermost first.
    package var folders: [String] {
        switch file {
        case .feed(let location, _): location.folders
        case .index: []
        }
    }

    /// The file name.
    package var fileName: String {
        switch file {
        case .feed(_, let format): format.fileName
        case .index: Self.indexName
        }
    }

    /// `a/b/file`, relative to the output folder.
    package var description: String { (folders + [fileName]).joined(separator: "/") }

    /// Whether `lhs` comes first, by the bytes of their paths.
    package static func < (lhs: OutputPath, rhs: OutputPath) -> Bool {
        lhs.description.utf8.lexicographicallyPrecedes(rhs.description.utf8)
    }
}

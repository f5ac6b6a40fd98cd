package import FeedModel
package import FeedWriters

/// A file inside the output folder, built only from parts that cannot leave it: a feed's file (its folders in the
/// ``FeedLayout`` and its format's file name there, or its discovery snippet), or the OPML index or the feeds page at
/// the top.
///
/// Every part is a name ``FeedLayout/isSafeName(_:)`` accepts or a ``Slug``; there is no way to express `..`, an
/// absolute path, a hidden file or a separator — also for a path read back from the state, which may be of an earlier
/// layout.
package struct OutputPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The folder parts, outermost first (`[]`: the top of the output folder).
    package let folders: [String]
    /// The file name.
    package let fileName: String

    /// The file of the feed at `location` in `format`, where `layout` puts it — or of its archive page `page`, in
    /// the feed's folder's `archive/<page>/`.
    package init(_ location: FeedLocation, page: String? = nil, _ format: FeedFormat, in layout: FeedLayout) {
        folders = layout.folders(of: location) + (page.map { [ArchivePaging.folderName, $0] } ?? [])
        fileName = format.fileName(in: layout.files)
    }

    /// The file of `feed` (a subscription document or an archive page) in `format`.
    package init(_ feed: Feed, _ format: FeedFormat, in layout: FeedLayout) {
        self.init(feed.location, page: feed.archive?.page, format, in: layout)
    }

    private init(folders: [String], fileName: String) {
        self.folders = folders
        self.fileName = fileName
    }

    /// The OPML index, `index.opml`.
    package static let index = OutputPath(folders: [], fileName: FeedLayout.indexName)

    /// The page listing every feed, `index.html`.
    package static let page = OutputPath(folders: [], fileName: FeedLayout.pageName)

    /// The discovery snippet of the feed at `location`, `links.html` in its folder.
    package static func links(of location: FeedLocation, in layout: FeedLayout) -> OutputPath {
        OutputPath(folders: layout.folders(of: location), fileName: FeedLayout.linksName)
    }

    /// The path `text` (`topics/x/rss.xml`), as ``description`` writes it, when every part of it is a safe name.
    package init?(parsing text: String) {
        // Split on the bytes (`split(separator:)` on the characters was most of a watched build's 2,800 parses).
        var parts: [String] = []
        let bytes = text.utf8
        var start = bytes.startIndex
        var index = start
        while index != bytes.endIndex {
            if bytes[index] == UInt8(ascii: "/") {
                guard parts.count <= 16 else { return nil }
                parts.append(String(text[start..<index]))
                start = bytes.index(after: index)
            }
            index = bytes.index(after: index)
        }
        parts.append(String(text[start..<bytes.endIndex]))
        guard let fileName = parts.popLast(), parts.count <= 16, FeedLayout.isSafeName(fileName),
            parts.allSatisfy(FeedLayout.isSafeName)
        else { return nil }
        self.init(folders: parts, fileName: fileName)
    }

    /// The feed and format this path is the file of in `layout`, if any (format `nil`: the feed's discovery snippet),
    /// and the archive page (`nil`: the subscription document).
    package func feed(in layout: FeedLayout) -> (location: FeedLocation, format: FeedFormat?, page: String?)? {
        if fileName == FeedLayout.linksName {
            return layout.location(ofFolders: folders).map { ($0, nil, nil) }
        }
        guard let format = FeedFormat.allCases.first(where: { $0.fileName(in: layout.files) == fileName }) else {
            return nil
        }
        if let location = layout.location(ofFolders: folders) { return (location, format, nil) }
        guard folders.count >= 2, folders[folders.count - 2] == ArchivePaging.folderName,
            let location = layout.location(ofFolders: Array(folders.dropLast(2)))
        else { return nil }
        return (location, format, folders[folders.count - 1])
    }

    /// `a/b/file`, relative to the output folder.
    package var description: String { (folders + [fileName]).joined(separator: "/") }

    /// Whether `lhs` comes first, by the bytes of their paths.
    package static func < (lhs: OutputPath, rhs: OutputPath) -> Bool {
        lhs.description.utf8.lexicographicallyPrecedes(rhs.description.utf8)
    }
}

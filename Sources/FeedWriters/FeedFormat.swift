public import FeedModel

/// The formats feedpub writes, with their file names and media types.
public enum FeedFormat: String, Sendable, Hashable, CaseIterable, Codable {
    /// RSS 2.0.
    case rss
    /// Atom 1.0 (RFC 4287).
    case atom
    /// JSON Feed 1.1.
    case json

    /// The file name inside a feed's folder, from `names` (by default `rss.xml`, `atom.xml`, `feed.json`).
    public func fileName(in names: FeedLayout.FileNames = FeedLayout.FileNames()) -> String {
        switch self {
        case .rss: names.rss
        case .atom: names.atom
        case .json: names.json
        }
    }

    /// The absolute URL of `feed`'s file in this format: its self link.
    public func url(of feed: Feed) -> String {
        feed.url(ofFile: fileName(in: feed.fileNames))
    }

    /// The archive links of `feed` in this format (RFC 5005 §4): `(rel, href)` in a fixed order — `current`,
    /// `prev-archive`, `next-archive` — for the writers of Atom links.
    func archiveLinks(of feed: Feed) -> [(rel: String, href: String)] {
        guard let archive = feed.archive else { return [] }
        let name = fileName(in: feed.fileNames)
        var links: [(rel: String, href: String)] = []
        if archive.page != nil { links.append(("current", archive.currentFolderURL + name)) }
        if let older = archive.olderFolderURL { links.append(("prev-archive", older + name)) }
        if let newer = archive.newerFolderURL { links.append(("next-archive", newer + name)) }
        return links
    }

    /// The namespace of RFC 5005's `fh:archive`.
    static let historyNamespace = "http://purl.org/syndication/history/1.0"

    /// The media type to serve it with and to name it in links.
    public var mediaType: String {
        switch self {
        case .rss: "application/rss+xml"
        case .atom: "application/atom+xml"
        case .json: "application/feed+json"
        }
    }

    /// The name people know the format by.
    public var displayName: String {
        switch self {
        case .rss: "RSS 2.0"
        case .atom: "Atom 1.0"
        case .json: "JSON Feed 1.1"
        }
    }

    /// The writer of this format.
    public var writer: any FeedDocumentWriter {
        switch self {
        case .rss: RSSWriter()
        case .atom: AtomWriter()
        case .json: JSONFeedWriter()
        }
    }

    /// Writes `feed` in this format.
    public func render(_ feed: Feed) throws -> [UInt8] {
        try writer.render(feed)
    }
}

public import FeedModel

/// Writes a `Feed` as JSON Feed 1.1 with feedpub's own streaming encoder.
///
/// Keys come in a fixed order (the spec's), empty lists are left out, and every string is escaped by
/// its own encoder, so the same feed always gives the same bytes. The extension object `_feedpub` says which
/// site, community or topic the feed is about (`kind`, `name`, `slug`), for newsletter tooling.
public struct JSONFeedWriter: FeedDocumentWriter {
    /// The `version` every document declares.
    public static let version = "https://jsonfeed.org/version/1.1"

    /// Whether to pretty-print with two-space indentation; the default is `true`.
    public var indent: Bool

    /// A writer.
    public init(indent: Bool = true) {
        self.indent = indent
    }

    /// Streams the feed's JSON document to `sink`, item by item; items already in `cache` are not encoded again.
    public func write(_ feed: Feed, cache: ItemFragmentCache? = nil, to sink: (UnsafeRawBufferPointer) throws -> Void)
        throws
    {
        var json = JSONOutput(indent: indent)
        json.beginObject()
        json.member("version", Self.version)
        json.member("title", feed.title)
        json.member("home_page_url", feed.homePageURL)
        // An archive page names the feed it belongs to; pages chain to older ones by `next_url`.
        let fileName = FeedFormat.json.fileName(in: feed.fileNames)
        let pageOf = feed.archive.flatMap { $0.page == nil ? nil : $0.currentFolderURL + fileName }
        json.member("feed_url", pageOf ?? FeedFormat.json.url(of: feed))
        json.member("description", feed.description)
        json.member("next_url", feed.archive?.olderFolderURL.map { $0 + fileName })
        json.member("icon", feed.icon)
        json.member("favicon", feed.favicon ?? feed.icon)
        writeAuthors(feed.authors, &json)
        json.member("language", feed.language)
        writeExtension(feed, &json)
        json.key("items")
        json.beginArray()
        try json.take().withUnsafeBytes(sink)
        for item in feed.items {
            let bytes = try cache?.fragment(for: item.id) { try fragment(item, of: feed) } ?? fragment(item, of: feed)
            json.element(raw: bytes)
            try json.take().withUnsafeBytes(sink)
        }
        json.endArray()
        json.endObject()
        try json.take().withUnsafeBytes(sink)
    }

    /// The item object as it appears in any feed's `items` array (what follows the separating comma).
    func fragment(_ item: FeedItem, of feed: Feed) throws -> [UInt8] {
        var content: String?  // none in a summary-only feed
        if feed.content == .full {
            guard let body = item.contentHTML else { throw FeedWriterError.missingContent(item, in: feed) }
            content = body
        }
        var json = JSONOutput.arrayElement(indent: indent, depth: 2)
        writeItem(item, content: content, &json)
        return json.take()
    }

    private func writeItem(_ item: FeedItem, content: String?, _ json: inout JSONOutput) {
        json.beginObject()
        json.member("id", item.id)
        json.member("url", item.url)
        json.member("external_url", item.externalURL)
        json.member("title", item.title)
        if let content {
            json.member("content_html", content, html: true)
        } else {
            json.member("content_text", item.summary ?? item.title)  // JSON Feed: one of the two must be there
        }
        json.member("summary", item.summary)
        json.member("image", item.image?.url)
        json.member("date_published", item.published.rfc3339)
        json.member("date_modified", item.updated.rfc3339)
        writeAuthors(item.authors, &json)
        if !item.categories.isEmpty {
            json.key("tags")
            json.beginArray()
            for category in item.categories { json.string(category.label) }
            json.endArray()
        }
        json.endObject()
    }

    /// `_feedpub`: which site, community or topic the feed is about, for tools that read the feeds.
    private func writeExtension(_ feed: Feed, _ json: inout JSONOutput) {
        json.key("_feedpub")
        json.beginObject()
        json.member("kind", feed.kind.rawValue)
        json.member("name", feed.name)
        json.member("slug", feed.location.slug?.text)
        json.endObject()
    }

    private func writeAuthors(_ authors: [Person], _ json: inout JSONOutput) {
        guard !authors.isEmpty else { return }
        json.key("authors")
        json.beginArray()
        for author in authors {
            json.beginObject()
            json.member("name", author.name)
            json.member("url", author.url)
            json.endObject()
        }
        json.endArray()
    }
}

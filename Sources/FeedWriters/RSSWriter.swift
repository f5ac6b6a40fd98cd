public import FeedModel
import FeedpubSystem
import LibXML

/// Writes a `Feed` as RSS 2.0 through libxml2's `xmlTextWriter`.
///
/// Besides the core elements, it uses the modules readers know: `content:encoded` for the HTML body,
/// `dc:creator` per author, `dc:source` for the curated original, Media RSS for the featured image, and
/// `atom:link rel="self"`. Item guids are the feed-independent tag URIs (`isPermaLink="false"`).
public struct RSSWriter: FeedDocumentWriter {
    /// Whether to indent elements (one per line); the default is `true`.
    public var indent: Bool

    /// A writer; `indent: false` saves about a tenth of the bytes.
    public init(indent: Bool = true) {
        self.indent = indent
    }

    /// Streams the feed's RSS document to `sink`, item by item; items already in `cache` are not rendered again.
    public func write(_ feed: Feed, cache: ItemFragmentCache? = nil, to sink: (UnsafeRawBufferPointer) throws -> Void)
        throws
    {
        let xml = try XMLTextWriter(indent: indent)
        try xml.startElement("rss")
        try xml.attribute("version", "2.0")
        try xml.attribute("xmlns:atom", "http://www.w3.org/2005/Atom")
        try xml.attribute("xmlns:content", "http://purl.org/rss/1.0/modules/content/")
        try xml.attribute("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        try xml.attribute("xmlns:media", "http://search.yahoo.com/mrss/")
        if feed.archive?.page != nil { try xml.attribute("xmlns:fh", FeedFormat.historyNamespace) }
        try xml.startElement("channel")
        try writeChannelHead(feed, xml)
        try xml.drain(into: sink)
        for item in feed.items {
            let bytes = try cache?.fragment(for: item.id) { try fragment(item, of: feed) } ?? fragment(item, of: feed)
            try bytes.withUnsafeBytes(sink)
        }
        try xml.endElement()  // channel
        try xml.endElement()  // rss
        try xml.finish(into: sink)
    }

    private func writeChannelHead(_ feed: Feed, _ xml: XMLTextWriter) throws {
        try xml.element("title", text: feed.title)
        try xml.element("link", text: feed.homePageURL)
        try xml.element("description", text: HTMLText.escaped(feed.description))  // RSS readers take it as HTML
        try xml.element("language", text: feed.language)
        if let copyright = feed.copyright { try xml.element("copyright", text: copyright) }
        if let publisher = feed.authors.first, let email = publisher.email {
            try xml.element("managingEditor", text: "\(email) (\(publisher.name))")
        }
        try xml.element("lastBuildDate", text: feed.updated.rfc822)
        try xml.element("generator", text: "\(feed.generator.name) \(feed.generator.version)")
        try xml.element("docs", text: "https://www.rssboard.org/rss-specification")
        try xml.emptyElement(
            "atom:link",
            ["href": FeedFormat.rss.url(of: feed), "rel": "self", "type": FeedFormat.rss.mediaType]
        )
        if feed.archive?.page != nil { try xml.emptyElement("fh:archive", [:]) }
        for link in FeedFormat.rss.archiveLinks(of: feed) {
            try xml.emptyElement("atom:link", ["href": link.href, "rel": link.rel, "type": FeedFormat.rss.mediaType])
        }
        if let logo = feed.logo ?? feed.icon {
            try xml.startElement("image")
            try xml.element("url", text: logo)
            try xml.element("title", text: feed.title)
            try xml.element("link", text: feed.homePageURL)
            try xml.endElement()
        }
    }

    /// The `<item>` of `item` as it appears in any channel: written by its own `xmlTextWriter` at depth 2, after a
    /// placeholder sibling so that libxml2 indents it exactly as in a single-pass document.
    func fragment(_ item: FeedItem, of feed: Feed) throws -> [UInt8] {
        var content: String?  // none in a summary-only feed
        if feed.content == .full {
            guard let body = item.contentHTML else { throw FeedWriterError.missingContent(item, in: feed) }
            content = body
        }
        let xml = try XMLTextWriter(indent: indent)
        try xml.startElement("rss")
        try xml.startElement("channel")
        try xml.emptyElement("x", [:])
        try xml.drain { _ in }
        try writeItem(item, content: content, xml)
        var bytes: [UInt8] = []
        try xml.drain { bytes.append(contentsOf: $0) }
        return bytes
    }

    private func writeItem(_ item: FeedItem, content: String?, _ xml: XMLTextWriter) throws {
        try xml.startElement("item")
        try xml.element("title", text: item.title)
        try xml.element("link", text: item.url)
        if let summary = item.summary { try xml.element("description", text: HTMLText.escaped(summary)) }
        if let content { try xml.element("content:encoded", text: content) }
        try xml.element("pubDate", text: item.published.rfc822)
        try xml.startElement("guid")
        try xml.attribute("isPermaLink", "false")
        try xml.text(item.id)
        try xml.endElement()
        for author in item.authors {
            try xml.element("dc:creator", text: author.name)
        }
        if let original = item.externalURL { try xml.element("dc:source", text: original) }
        for category in item.categories {
            try xml.startElement("category")
            if let scheme = category.scheme { try xml.attribute("domain", scheme) }
            try xml.text(category.label)
            try xml.endElement()
        }
        if let image = item.image {
            try xml.startElement("media:content")
            try xml.attribute("url", image.url)
            try xml.attribute("medium", "image")
            if let type = image.mimeType { try xml.attribute("type", type) }
            if let width = image.width { try xml.attribute("width", String(width)) }
            if let height = image.height { try xml.attribute("height", String(height)) }
            if let alt = image.alt {
                try xml.startElement("media:description")
                try xml.attribute("type", "plain")
                try xml.text(alt)
                try xml.endElement()
            }
            try xml.endElement()
        }
        try xml.endElement()  // item
    }
}

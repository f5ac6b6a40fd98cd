public import FeedModel
import LibXML

/// Writes a `Feed` as Atom 1.0 (RFC 4287) through libxml2's `xmlTextWriter`.
///
/// Each entry links to its page on the site (`alternate`), to the curated original (`related`) and to its
/// featured image (`enclosure`); the feed names the publisher as author, so entries without authors stay valid.
public struct AtomWriter: FeedDocumentWriter {
    /// Whether to indent elements (one per line); the default is `true`.
    public var indent: Bool

    /// A writer; `indent: false` saves about a tenth of the bytes.
    public init(indent: Bool = true) {
        self.indent = indent
    }

    /// Streams the feed's Atom document to `sink`, entry by entry; entries already in `cache` are not rendered again.
    public func write(_ feed: Feed, cache: ItemFragmentCache? = nil, to sink: (UnsafeRawBufferPointer) throws -> Void)
        throws
    {
        let xml = try XMLTextWriter(indent: indent)
        try xml.startElement("feed")
        try xml.attribute("xmlns", "http://www.w3.org/2005/Atom")
        if feed.archive?.page != nil { try xml.attribute("xmlns:fh", FeedFormat.historyNamespace) }
        try xml.attribute("xml:lang", feed.language)
        try xml.element("id", text: feed.id)
        try writeText("title", feed.title, xml)
        try writeText("subtitle", feed.description, xml)
        try xml.element("updated", text: feed.updated.rfc3339)
        try xml.emptyElement(
            "link",
            ["rel": "self", "type": FeedFormat.atom.mediaType, "href": FeedFormat.atom.url(of: feed)]
        )
        try xml.emptyElement("link", ["rel": "alternate", "type": "text/html", "href": feed.homePageURL])
        for link in FeedFormat.atom.archiveLinks(of: feed) {
            try xml.emptyElement("link", ["rel": link.rel, "type": FeedFormat.atom.mediaType, "href": link.href])
        }
        if feed.archive?.page != nil { try xml.emptyElement("fh:archive", [:]) }
        for author in feed.authors { try writePerson(author, xml) }
        try xml.startElement("generator")
        try xml.attribute("uri", feed.generator.url)
        try xml.attribute("version", feed.generator.version)
        try xml.text(feed.generator.name)
        try xml.endElement()
        if let icon = feed.favicon ?? feed.icon { try xml.element("icon", text: icon) }
        if let logo = feed.logo { try xml.element("logo", text: logo) }
        if let rights = feed.copyright { try writeText("rights", rights, xml) }
        try xml.drain(into: sink)
        for item in feed.items {
            let bytes = try cache?.fragment(for: item.id) { try fragment(item, of: feed) } ?? fragment(item, of: feed)
            try bytes.withUnsafeBytes(sink)
        }
        try xml.endElement()  // feed
        try xml.finish(into: sink)
    }

    /// The `<entry>` of `item` as it appears in any feed: written by its own `xmlTextWriter` at depth 1, after a
    /// placeholder sibling so that libxml2 indents it exactly as in a single-pass document.
    func fragment(_ item: FeedItem, of feed: Feed) throws -> [UInt8] {
        var content: String?  // none in a summary-only feed
        if feed.content == .full {
            guard let body = item.contentHTML else { throw FeedWriterError.missingContent(item, in: feed) }
            content = body
        }
        let xml = try XMLTextWriter(indent: indent)
        try xml.startElement("feed")
        try xml.emptyElement("x", [:])
        try xml.drain { _ in }
        try writeEntry(item, content: content, xml)
        var bytes: [UInt8] = []
        try xml.drain { bytes.append(contentsOf: $0) }
        return bytes
    }

    private func writeEntry(_ item: FeedItem, content: String?, _ xml: XMLTextWriter) throws {
        try xml.startElement("entry")
        try xml.element("id", text: item.id)
        try writeText("title", item.title, xml)
        try xml.emptyElement("link", ["rel": "alternate", "type": "text/html", "href": item.url])
        if let original = item.externalURL {
            try xml.emptyElement(
                "link",
                ["rel": "related", "type": "text/html", "href": original, "title": item.sourceName]
            )
        }
        if let image = item.image {
            try xml.emptyElement(
                "link",
                ["rel": "enclosure", "type": image.mimeType, "href": image.url, "title": image.alt]
            )
        }
        try xml.element("published", text: item.published.rfc3339)
        try xml.element("updated", text: item.updated.rfc3339)
        for author in item.authors { try writePerson(author, xml) }
        for category in item.categories {
            try xml.emptyElement(
                "category",
                ["term": category.term, "scheme": category.scheme, "label": category.label]
            )
        }
        if let summary = item.summary { try writeText("summary", summary, xml) }
        if let content {
            try xml.startElement("content")
            try xml.attribute("type", "html")
            try xml.text(content)
            try xml.endElement()
        }
        try xml.endElement()  // entry
    }

    private func writeText(_ name: StaticString, _ text: String, _ xml: XMLTextWriter) throws {
        try xml.startElement(name)
        try xml.attribute("type", "text")
        try xml.text(text)
        try xml.endElement()
    }

    private func writePerson(_ person: Person, _ xml: XMLTextWriter) throws {
        try xml.startElement("author")
        try xml.element("name", text: person.name)
        if let url = person.url { try xml.element("uri", text: url) }
        if let email = person.email { try xml.element("email", text: email) }
        try xml.endElement()
    }
}

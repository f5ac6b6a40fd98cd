public import FeedModel
import LibXML

/// Writes an OPML 2.0 subscription list of every feed, grouped into site, communities and topics, so that a
/// reader can subscribe to all of them at once.
public struct OPMLWriter: Sendable {
    /// The format each outline points at (one per feed, so that a reader does not subscribe twice).
    public var format: FeedFormat

    /// A writer listing the feeds in `format`.
    public init(format: FeedFormat) {
        self.format = format
    }

    /// The OPML document for `feeds`.
    public func render(_ feeds: FeedSet, title: String, owner: Person) throws -> [UInt8] {
        let xml = try XMLTextWriter(indent: true)
        try xml.startElement("opml")
        try xml.attribute("version", "2.0")
        try xml.startElement("head")
        try xml.element("title", text: title)
        try xml.element("dateCreated", text: feeds.site.updated.rfc822)
        try xml.element("dateModified", text: feeds.site.updated.rfc822)
        try xml.element("ownerName", text: owner.name)
        if let email = owner.email { try xml.element("ownerEmail", text: email) }
        try xml.element("docs", text: "http://opml.org/spec2.opml")
        try xml.endElement()  // head
        try xml.startElement("body")
        try group("Site", [feeds.site], xml)
        try group("Communities", feeds.communities, xml)
        try group("Topics", feeds.topics, xml)
        try xml.endElement()  // body
        try xml.endElement()  // opml
        return try xml.finish()
    }

    private func group(_ name: String, _ feeds: [Feed], _ xml: XMLTextWriter) throws {
        guard !feeds.isEmpty else { return }
        try xml.startElement("outline")
        try xml.attribute("text", name)
        for feed in feeds {
            try xml.emptyElement(
                "outline",
                [
                    "type": format == .json ? "json" : "rss",
                    "text": feed.title,
                    "title": feed.title,
                    "description": feed.description,
                    "xmlUrl": format.url(of: feed),
                    "htmlUrl": feed.homePageURL,
                    "language": feed.language,
                ]
            )
        }
        try xml.endElement()
    }
}

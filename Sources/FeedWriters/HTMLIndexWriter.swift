public import FeedModel
import LibXML

/// Writes the page that lists every feed, `index.html`, and each feed's discovery snippet, `links.html`.
///
/// The page shows, for the site, each community and each topic, its title, description, how many items it holds (with
/// its archive pages), when it was last updated and a link to each format, plus the OPML list; it needs no script, and
/// its one small style sheet lays it out on a phone and a desktop alike. Its head names the site's and the
/// communities' feeds as `<link rel="alternate">` for readers that discover feeds from a page (the topics' are on the
/// page and in their snippets: a reader offering a thousand feeds found on one page helps no one). Its links are
/// relative, so it works wherever the folder is served.
///
/// A snippet is the `<link rel="alternate">` tags of one feed, with absolute URLs, for the site's own templates to
/// include in the pages of that community or topic.
///
/// Both are written through libxml2's `xmlTextWriter`, so every name and title is escaped; HTML parsers read its
/// XML syntax as HTML (non-void elements always have an end tag).
public struct HTMLIndexWriter: Sendable {
    /// The formats published, in the order their links appear.
    public var formats: [FeedFormat]
    /// The URL the output folder is published at (`feeds.url`): links below it are written relative to the page.
    public var feedsURL: String

    /// A writer of pages linking `formats`, for an output folder published at `feedsURL`.
    public init(formats: [FeedFormat], feedsURL: String) {
        self.formats = formats
        self.feedsURL = feedsURL
    }

    /// The index page of `feeds`, titled `title`, linking the OPML list at `opmlPath` (relative to the page).
    public func render(_ feeds: FeedSet, title: String, opmlPath: String) throws -> [UInt8] {
        let counts = feeds.itemCounts
        let html = try XMLTextWriter(indent: true, prolog: .html)
        try html.startElement("html")
        try html.attribute("lang", feeds.site.language)
        try html.startElement("head")
        try html.emptyElement("meta", ["charset": "utf-8"])
        try html.emptyElement("meta", ["name": "viewport", "content": "width=device-width, initial-scale=1"])
        try html.element("title", text: title)
        for feed in [feeds.site] + feeds.communities { try alternates(of: feed, relative: true, html) }
        try html.emptyElement(
            "link",
            ["rel": "alternate", "type": "text/x-opml", "title": "\(title) (OPML)", "href": opmlPath]
        )
        try html.element("style", text: Self.styleSheet)
        try html.fullEndElement()  // head
        try html.startElement("body")
        try html.startElement("main")
        try html.element("h1", text: title)
        // Text and elements are never mixed in one element: the indentation between elements is the only space.
        try html.element("p", text: "Subscribe to any of these feeds in a feed reader, or to all of them at once:")
        try html.startElement("p")
        try html.attribute("class", "formats")
        try link(opmlPath, text: "All feeds (OPML)", type: "text/x-opml", html)
        try html.fullEndElement()  // p
        // A long list on a phone: the sections, one tap away.
        let sections =
            [("site", "Site", [feeds.site]), ("communities", "Communities", feeds.communities)]
            + [("topics", "Topics", feeds.topics)]
        try html.startElement("nav")
        try html.attribute("class", "formats")
        for (id, name, members) in sections where !members.isEmpty {
            try link(
                "#\(id)",
                text: members.count > 1 ? "\(name) (\(Self.grouped(members.count)))" : name,
                type: nil,
                html
            )
        }
        try html.fullEndElement()  // nav
        for (id, name, members) in sections { try section(id, name, members, counts, html) }
        try html.fullEndElement()  // main
        try html.fullEndElement()  // body
        try html.fullEndElement()  // html
        return try html.finish()
    }

    /// The `<link rel="alternate">` tags of `feed`, one per format, with absolute URLs.
    public func links(of feed: Feed) throws -> [UInt8] {
        let html = try XMLTextWriter(indent: true, prolog: .none)
        try alternates(of: feed, relative: false, html)
        return try html.finish()
    }

    private func section(
        _ id: String,
        _ name: String,
        _ feeds: [Feed],
        _ counts: [FeedLocation: Int],
        _ html: XMLTextWriter
    ) throws {
        guard !feeds.isEmpty else { return }
        try html.startElement("section")
        try html.attribute("id", id)
        try html.element("h2", text: feeds.count > 1 ? "\(name) (\(Self.grouped(feeds.count)))" : name)
        try html.startElement("ul")
        try html.attribute("class", "feeds")
        for feed in feeds {
            try html.startElement("li")
            try html.startElement("div")
            try html.startElement("p")
            try html.attribute("class", "feed-title")
            if Self.isWebAddress(feed.homePageURL) {
                try link(feed.homePageURL, text: feed.title, type: nil, html)
            } else {
                try html.text(feed.title)
            }
            try html.fullEndElement()  // p
            if !feed.description.isEmpty, feed.description != feed.title {
                try html.element("p", text: feed.description)
            }
            try html.startElement("p")
            try html.attribute("class", "meta")
            let count = counts[feed.location, default: 0]
            try html.element("span", text: count == 1 ? "1 item ·" : "\(Self.grouped(count)) items ·")
            try html.startElement("time")
            try html.attribute("datetime", feed.updated.rfc3339)
            try html.text("updated \(feed.updated.rfc3339.prefix(10))")
            try html.fullEndElement()  // time
            try html.fullEndElement()  // p
            try html.fullEndElement()  // div
            try html.startElement("p")
            try html.attribute("class", "formats")
            for format in formats {
                try link(
                    href(format.url(of: feed), relative: true),
                    text: format.shortName,
                    type: format.mediaType,
                    html
                )
            }
            try html.fullEndElement()  // p
            try html.fullEndElement()  // li
        }
        try html.fullEndElement()  // ul
        try html.fullEndElement()  // section
    }

    private func alternates(of feed: Feed, relative: Bool, _ html: XMLTextWriter) throws {
        for format in formats {
            try html.emptyElement(
                "link",
                [
                    "rel": "alternate", "type": format.mediaType, "title": "\(feed.title) (\(format.shortName))",
                    "href": href(format.url(of: feed), relative: relative),
                ]
            )
        }
    }

    private func link(_ href: String, text: String, type: String?, _ html: XMLTextWriter) throws {
        try html.startElement("a")
        try html.attribute("href", href)
        if let type { try html.attribute("type", type) }
        try html.text(text)
        try html.fullEndElement()
    }

    /// `url` relative to the page at the top of the output folder, when it is below ``feedsURL`` and `relative`.
    private func href(_ url: String, relative: Bool) -> String {
        guard relative, url.hasPrefix(feedsURL) else { return url }
        return String(url.dropFirst(feedsURL.count))
    }

    private static func isWebAddress(_ url: String) -> Bool {
        url.hasPrefix("https://") || url.hasPrefix("http://")
    }

    /// `12,345`.
    private static func grouped(_ count: Int) -> String {
        var digits = Array(String(count))
        var index = digits.count - 3
        while index > 0 {
            digits.insert(",", at: index)
            index -= 3
        }
        return String(digits)
    }

    /// Layout only, in the reader's own colours and fonts (light or dark): no `<`, `>` or `&`, as it is written as text.
    static let styleSheet = """
        :root{color-scheme:light dark;font-family:system-ui,sans-serif;line-height:1.45}
        body{margin:0}
        main{max-width:60rem;margin:0 auto;padding:1rem}
        h1{font-size:1.6rem;margin:.5rem 0}
        h2{font-size:1.2rem;margin:1.5rem 0 .25rem}
        ul.feeds{list-style:none;margin:0;padding:0}
        ul.feeds li{border-top:1px solid #8885;padding:.6rem 0}
        ul.feeds p{margin:.1rem 0}
        .feed-title{font-weight:600}
        .meta{opacity:.75;font-size:.9rem}
        .formats a,nav a{display:inline-block;margin:.3rem .4rem 0 0;padding:.1rem .6rem;border:1px solid #8888;\
        border-radius:1rem;text-decoration:none;font-size:.9rem}
        @media (min-width:48rem){ul.feeds li{display:flex;justify-content:space-between;gap:1rem;align-items:center}\
        .formats{white-space:nowrap}}
        """
}

extension FeedFormat {
    /// The short name on a link to a file of this format.
    var shortName: String {
        switch self {
        case .rss: "RSS"
        case .atom: "Atom"
        case .json: "JSON Feed"
        }
    }
}

/// One feed, ready for any writer: what it is, where it lives and its items in order.
public struct Feed: Sendable, Hashable {
    /// What a feed gathers.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Every item of the site.
        case site
        /// The items of one community.
        case community
        /// The items filed under one topic.
        case topic
    }

    /// Site, community or topic.
    public var kind: Kind
    /// The community or topic this feed is about (`nil` for the site feed).
    public var name: String?
    /// Where its files go, relative to the output folder: `all`, `communities/<slug>`, `topics/<slug>`.
    public var path: String
    /// A tag URI naming the feed forever.
    public var id: String
    /// The title readers show.
    public var title: String
    /// One or two sentences saying what the feed carries.
    public var description: String
    /// The web page the feed belongs to (absolute URL).
    public var homePageURL: String
    /// The absolute URL of the folder that holds the feed's files, ending in `/`.
    public var folderURL: String
    /// The language of its items, such as `en-US`.
    public var language: String
    /// The newest `updated` of its items (never the clock, so that unchanged input gives unchanged bytes).
    public var updated: Timestamp
    /// The publisher, named at feed level so that entries without authors stay valid Atom.
    public var authors: [Person]
    /// A small square image (Atom `icon`, JSON Feed `favicon`).
    public var favicon: String?
    /// A large square image (JSON Feed `icon`).
    public var icon: String?
    /// A wide logo (Atom `logo`, RSS `image`).
    public var logo: String?
    /// Rights statement (RSS `copyright`, Atom `rights`).
    public var copyright: String?
    /// The program that wrote the feed.
    public var generator: Generator
    /// The items, newest first, at most the configured limit.
    public var items: [FeedItem]

    /// A feed with every property given.
    public init(
        kind: Kind,
        name: String?,
        path: String,
        id: String,
        title: String,
        description: String,
        homePageURL: String,
        folderURL: String,
        language: String,
        updated: Timestamp,
        authors: [Person],
        favicon: String? = nil,
        icon: String? = nil,
        logo: String? = nil,
        copyright: String? = nil,
        generator: Generator,
        items: [FeedItem]
    ) {
        self.kind = kind
        self.name = name
        self.path = path
        self.id = id
        self.title = title
        self.description = description
        self.homePageURL = homePageURL
        self.folderURL = folderURL
        self.language = language
        self.updated = updated
        self.authors = authors
        self.favicon = favicon
        self.icon = icon
        self.logo = logo
        self.copyright = copyright
        self.generator = generator
        self.items = items
    }

    /// The absolute URL of this feed's file named `fileName` (`rss.xml`, `atom.xml`, `feed.json`).
    public func url(ofFile fileName: String) -> String {
        folderURL + fileName
    }
}

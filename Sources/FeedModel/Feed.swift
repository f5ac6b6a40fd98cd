/// One feed, ready for any writer: what it is, where it lives and its items in order.
///
/// ``FeedSetBuilder`` makes them from curated items; by hand, start from ``init(title:description:homePageURL:folderURL:)``
/// and add items with ``addItem(_:)``:
///
/// ```swift
/// var feed = Feed(
///     title: "Example",
///     description: "News from Example",
///     homePageURL: "https://example.org/",
///     folderURL: "https://example.org/feeds/"
/// )
/// feed.authors = [Person(name: "Example Editors")]
/// feed.addItem(FeedItem(id: "tag:example.org,2026:1", title: "Hello", url: "https://example.org/hello/",
///                       published: Timestamp(Date()), contentHTML: "<p>Hello.</p>"))
/// ```
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

    /// Where its files go: the site's folder, or a community's or a topic's.
    public var location: FeedLocation
    /// The community or topic this feed is about (`nil` for the site feed).
    public var name: String?
    /// A URI naming the feed forever (feedpub mints tag URIs).
    public var id: String
    /// The title readers show.
    public var title: String
    /// One or two sentences saying what the feed carries.
    public var description: String
    /// The web page the feed belongs to (absolute URL).
    public var homePageURL: String
    /// The absolute URL of the folder that holds the feed's files, ending in `/`.
    public var folderURL: String
    /// The names of its files in that folder, one per format.
    public var fileNames = FeedLayout.FileNames()
    /// The language of its items, such as `en-US`.
    public var language: String
    /// The newest `updated` of its items (never the clock, so that unchanged input gives unchanged bytes).
    public var updated: Timestamp
    /// The feed's authors or publisher, named at feed level so that entries without authors stay valid Atom.
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
    /// The items, newest first.
    public var items: [FeedItem]
    /// What the feed carries of each item: the body (each item must have ``FeedItem/contentHTML``), or the summary
    /// only.
    public var content = FeedContent.full
    /// Its RFC 5005 archive links, when the feed is published with archives (``FeedSettings/archive``).
    public var archive: ArchiveLinks?

    /// Where an archived feed's documents are (RFC 5005 §4): each a folder URL the writers add their file name to.
    public struct ArchiveLinks: Sendable, Hashable {
        /// The archive page's name (its folder), or `nil` for the subscription document.
        public var page: String?
        /// The subscription document's folder (`current`).
        public var currentFolderURL: String
        /// The page of the items just before (`prev-archive`; JSON Feed `next_url`), `nil` for the oldest.
        public var olderFolderURL: String?
        /// The page of the items just after (`next-archive`), `nil` for the newest page and the subscription
        /// document.
        public var newerFolderURL: String?

        /// Links of an archive page (`page` set) or of a subscription document.
        public init(page: String?, currentFolderURL: String, olderFolderURL: String?, newerFolderURL: String?) {
            self.page = page
            self.currentFolderURL = currentFolderURL
            self.olderFolderURL = olderFolderURL
            self.newerFolderURL = newerFolderURL
        }
    }

    /// What the feed gathers, from its ``location``.
    public var kind: Kind { location.kind }

    /// A feed with every property given.
    public init(
        location: FeedLocation,
        name: String?,
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
        generator: Generator = .feedpub,
        items: [FeedItem]
    ) {
        self.location = location
        self.name = name
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

    /// An empty site feed to fill by hand with ``addItem(_:)``.
    ///
    /// Its ``id`` is the folder's URL until you set a tag URI (do, if the feed may ever move); its language is `en`
    /// and it has no authors: Atom wants a feed author when an entry has none.
    public init(title: String, description: String, homePageURL: String, folderURL: String) {
        let folder = folderURL.hasSuffix("/") ? folderURL : folderURL + "/"
        self.init(
            location: .site,
            name: nil,
            id: folder,
            title: title,
            description: description,
            homePageURL: homePageURL,
            folderURL: folder,
            language: "en",
            updated: Timestamp(seconds: 0),
            authors: [],
            items: []
        )
    }

    /// Adds `item` at its place in feed order (newest `published` first) and moves ``updated`` up to its `updated`.
    public mutating func addItem(_ item: FeedItem) {
        let place = items.firstIndex { FeedItem.precedesInFeed(item, $0) } ?? items.endIndex
        items.insert(item, at: place)
        if item.updated > updated { updated = item.updated }
    }

    /// The absolute URL of this feed's file named `fileName` (one of ``fileNames``).
    public func url(ofFile fileName: String) -> String {
        folderURL + fileName
    }
}

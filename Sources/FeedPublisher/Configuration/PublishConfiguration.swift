public import CuratedContent
public import FeedModel
public import FeedWriters

/// Everything a build needs to know: the site, the feeds and the content.
///
/// Read from a YAML file (`feedpub.yml` documents every key) where every key is optional, then
/// overridden by command-line options. `Codable`, so that the incremental state is tied to the whole value: any change
/// of any field makes the next build start from the content.
public struct PublishConfiguration: Sendable, Hashable, Codable {
    /// The site's name.
    public var siteTitle = ""
    /// The site's home page (absolute).
    public var siteURL = ""
    /// What the site feed carries (default: "Curated content from <title>").
    public var siteDescription: String?
    /// RFC 5646 language of the content.
    public var language = "en-US"
    /// Favicon, icon and logo URLs.
    public var favicon: String?
    /// A large square icon (JSON Feed `icon`).
    public var icon: String?
    /// A wide logo (RSS `image`, Atom `logo`).
    public var logo: String?
    /// A rights statement.
    public var copyright: String?
    /// The publisher named in every feed (default: the site).
    public var publisherName: String?
    /// The publisher's email address (RSS `managingEditor`).
    public var publisherEmail: String?
    /// The publisher's page.
    public var publisherURL: String?
    /// Where the output folder is served (default: `<site>/feeds/`).
    public var feedsURL: String?
    /// How many items a feed holds, newest first.
    public var limit = FeedLimit.newest(50)
    /// The formats written.
    public var formats: [FeedFormat] = FeedFormat.allCases
    /// The format `index.opml` points at (default: the first XML format written).
    public var opmlFormat: FeedFormat?
    /// Where featured images are served (default: `<site>/media/`).
    public var mediaURL: String?
    /// Item page template.
    public var itemURLTemplate = ContentSettings.defaultItemURLTemplate
    /// Community page template.
    public var communityPageTemplate = "{site}/communities/{slug}/"
    /// Topic page template.
    public var topicPageTemplate = "{site}/topics/{slug}/"
    /// Category scheme of topics (default: `<site>/topics/`).
    public var topicScheme: String?
    /// Category scheme of tags (default: `<site>/tags/`).
    public var tagScheme: String?
    /// Tag URI authority (default: the site's host without `www.`).
    public var idAuthority: String?
    /// Tag URI date.
    public var idDate = "2020"
    /// Per-community title and description, keyed by slug or name.
    public var communities: [String: FeedSettings.CommunityOverride] = [:]
    /// How much one item may put into the feeds (`limits:`).
    public var limits = ContentLimits()
    /// Whether items dated after "now" are published at once instead of scheduled (`--include-future`).
    public var includeFuture = false
    /// What the feeds carry of each item (`feeds.content`: `full` or `summary`).
    public var content = FeedContent.full
    /// Per-topic overrides (`topics:`, by slug or name: `title`, `description`).
    public var topics: [String: FeedSettings.CommunityOverride] = [:]
    /// Renamed topics (`topics.aliases`: old name → new name).
    public var topicAliases: [String: String] = [:]
    /// The most items an RFC 5005 archive page holds (`feeds.archive`, `--archive`), `nil` for no archives.
    public var archive: Int?
    /// Where each feed's files go in the output folder (`feeds.folders`, `feeds.files`).
    public var layout = FeedLayout.standard
    /// The content folder (`content.folder`), relative to the configuration file's folder when read from one.
    public var contentFolder: String?
    /// The output folder (`feeds.folder`), relative to the configuration file's folder when read from one.
    public var outputFolder: String?
    /// The `Cache-Control` field `feedpub serve` gives every file (`serve.cacheControl`); `nil`: its default.
    public var cacheControl: String?

    /// The defaults.
    public init() {}

    /// The model's share.
    public var feedSettings: FeedSettings {
        var settings = FeedSettings(
            siteTitle: siteTitle,
            siteURL: siteURL,
            siteDescription: siteDescription,
            language: language,
            feedsURL: feedsURL,
            publisher: Person(name: publisherName ?? siteTitle, url: publisherURL ?? siteURL, email: publisherEmail),
            favicon: favicon,
            icon: icon,
            logo: logo,
            copyright: copyright,
            ids: tagURI,
            limit: limit,
            communityPageTemplate: communityPageTemplate,
            topicPageTemplate: topicPageTemplate,
            topicScheme: topicScheme ?? trimmedSite + "/topics/",
            tagScheme: tagScheme ?? trimmedSite + "/tags/",
            communities: communities
        )
        settings.content = content
        settings.topics = topics
        settings.topicAliases = topicAliases
        settings.layout = layout
        settings.archive = archive
        return settings
    }

    /// The reader's share.
    public var contentSettings: ContentSettings {
        var settings = ContentSettings(
            siteURL: siteURL,
            mediaURL: mediaURL,
            itemURLTemplate: itemURLTemplate,
            ids: tagURI
        )
        settings.limits = limits
        return settings
    }

    /// The format `index.opml` lists.
    public var effectiveOPMLFormat: FeedFormat {
        opmlFormat ?? formats.first { $0 != .json } ?? formats.first ?? .rss
    }

    private var trimmedSite: String { siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL }

    private var tagURI: TagURI {
        TagURI(authority: idAuthority ?? FeedSettings.host(of: siteURL) ?? "localhost", date: idDate)
    }

    /// Checks what a file or option could have got wrong; `source` names where the values came from.
    ///
    /// The site's identity (`site.url`, `site.title`) must be set: there is no built-in one.
    public func validate(source: String) throws(ConfigurationError) {
        try validate(source: source, lines: [:], requiresSite: true)
    }

    /// ``validate(source:)``, each error with the line of its key in `lines`; a file checked alone may leave the site
    /// to an option.
    func validate(source: String, lines: [String: Int], requiresSite: Bool) throws(ConfigurationError) {
        try ConfigurationCheck(configuration: self, source: source, lines: lines, requiresSite: requiresSite).run()
    }
}

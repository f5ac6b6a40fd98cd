import Foundation

/// What the feeds say about the site, and how they are grouped and cut: the model's share of the configuration.
public struct FeedSettings: Sendable, Hashable {
    /// Overrides for one community's feed.
    public struct CommunityOverride: Sendable, Hashable, Codable {
        /// Replaces the feed title.
        public var title: String?
        /// Replaces the feed description.
        public var description: String?

        /// An override of title and/or description.
        public init(title: String? = nil, description: String? = nil) {
            self.title = title
            self.description = description
        }
    }

    /// The site's name, such as `Medigy`.
    public var siteTitle: String
    /// The site's home page, absolute, without a trailing `/`.
    public var siteURL: String
    /// What the site feed carries.
    public var siteDescription: String
    /// The language of the content (RFC 5646), such as `en-US`.
    public var language: String
    /// Where the output folder is served, absolute, ending in `/`.
    public var feedsURL: String
    /// Who publishes the feeds.
    public var publisher: Person
    /// A small square image (Atom `icon`, JSON Feed `favicon`).
    public var favicon: String?
    /// A large square image (JSON Feed `icon`).
    public var icon: String?
    /// A wide logo (Atom `logo`, RSS `image`).
    public var logo: String?
    /// A rights statement.
    public var copyright: String?
    /// How ids are minted.
    public var ids: TagURI
    /// How many items a feed holds, newest first.
    public var limit: FeedLimit
    /// A community's page: `{site}` and `{slug}` are replaced.
    public var communityPageTemplate: String
    /// A topic's page: `{site}` and `{slug}` are replaced.
    public var topicPageTemplate: String
    /// The scheme URI of topic categories (`nil`: none).
    public var topicScheme: String?
    /// The scheme URI of tag categories (`nil`: none).
    public var tagScheme: String?
    /// Per-community overrides, keyed by community slug or by community name.
    public var communities: [String: CommunityOverride]
    /// The program named in every feed.
    public var generator: Generator
    /// What the feeds carry of each item: the body, or the summary only.
    public var content = FeedContent.full
    /// Per-topic overrides of title and description, keyed by topic slug or by topic name.
    public var topics: [String: CommunityOverride] = [:]
    /// The most items an RFC 5005 archive page holds (`feeds.archive`), or `nil`: no archives, the feeds hold their
    /// newest ``limit`` items only (``ArchivePaging`` says how history is cut).
    public var archive: Int?
    /// Where each feed's files go under ``feedsURL``.
    public var layout = FeedLayout.standard
    /// Renamed topics: old name → new name.
    ///
    /// Items under the old name join the new name's feed, which keeps the old name's published URL when the new name
    /// has none yet.
    public var topicAliases: [String: String] = [:]

    /// Settings with the given site and defaults for the rest.
    public init(
        siteTitle: String,
        siteURL: String,
        siteDescription: String? = nil,
        language: String = "en-US",
        feedsURL: String? = nil,
        publisher: Person? = nil,
        favicon: String? = nil,
        icon: String? = nil,
        logo: String? = nil,
        copyright: String? = nil,
        ids: TagURI? = nil,
        limit: FeedLimit = .newest(50),
        communityPageTemplate: String = "{site}/communities/{slug}/",
        topicPageTemplate: String = "{site}/topics/{slug}/",
        topicScheme: String? = nil,
        tagScheme: String? = nil,
        communities: [String: CommunityOverride] = [:],
        generator: Generator = .feedpub
    ) {
        let site = siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL
        self.siteTitle = siteTitle
        self.siteURL = site
        self.siteDescription = siteDescription ?? "Curated content from \(siteTitle)"
        self.language = language
        let feeds = feedsURL ?? site + "/feeds/"
        self.feedsURL = feeds.hasSuffix("/") ? feeds : feeds + "/"
        self.publisher = publisher ?? Person(name: siteTitle, url: site)
        self.favicon = favicon
        self.icon = icon
        self.logo = logo
        self.copyright = copyright
        self.ids = ids ?? TagURI(authority: Self.host(of: site) ?? "localhost", date: "2020")
        self.limit = limit
        self.communityPageTemplate = communityPageTemplate
        self.topicPageTemplate = topicPageTemplate
        self.topicScheme = topicScheme
        self.tagScheme = tagScheme
        self.communities = communities
        self.generator = generator
    }

    /// The host of an absolute URL without `www.` (`https://www.medigy.com/x` → `medigy.com`).
    public static func host(of url: String) -> String? {
        guard let schemeEnd = url.range(of: "://") else { return nil }
        let rest = url[schemeEnd.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" }.lowercased()
        guard !host.isEmpty else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    /// `template` with `{site}` and `{slug}` replaced.
    func page(_ template: String, slug: Slug) -> String {
        template.replacingOccurrences(of: "{site}", with: siteURL).replacingOccurrences(of: "{slug}", with: slug.text)
    }
}

public import FeedModel

/// What the reader needs to know about the site to turn content files into feed items.
public struct ContentSettings: Sendable, Hashable {
    /// The site's home page, absolute, without a trailing `/`.
    public var siteURL: String
    /// Where featured images are served, absolute, ending in `/`; relative image names are resolved against it.
    public var mediaURL: String
    /// The item page: `{site}`, `{basePath}` (always `/…/`), `{slug}`, `{community}` and `{id}` are replaced.
    public var itemURLTemplate: String {
        get { itemURL.text }
        set { itemURL = URLTemplate(newValue) }
    }
    /// ``itemURLTemplate``, parsed.
    public private(set) var itemURL: URLTemplate
    /// How item ids are minted.
    public var ids: TagURI
    /// How much one item may put into the feeds.
    public var limits = ContentLimits()

    /// The default item page template, as the site lays pages out.
    public static let defaultItemURLTemplate = "{site}{basePath}{slug}/"

    /// Settings for a site at `siteURL`.
    public init(siteURL: String, mediaURL: String? = nil, itemURLTemplate: String? = nil, ids: TagURI? = nil) {
        let site = siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL
        self.siteURL = site
        let media = mediaURL ?? site + "/media/"
        self.mediaURL = media.hasSuffix("/") ? media : media + "/"
        self.itemURL = URLTemplate(itemURLTemplate ?? Self.defaultItemURLTemplate)
        self.ids = ids ?? TagURI(authority: FeedSettings.host(of: site) ?? "localhost", date: "2020")
    }

    /// The id of an item whose content id is `sourceID`.
    public func itemID(_ sourceID: String) -> String {
        ids.uri("items/\(sourceID)")
    }
}

/// A community of practice: the group that curated an item, and the owner of one feed.
public struct Community: Sendable, Hashable, Codable {
    /// The name as the content gives it (`identifier`), for example `Chronic Care Management (CCM)`.
    public var name: String
    /// The slug of its feed folder: the one the content asks for (`nil` when it asks for none), final once
    /// ``FeedSetBuilder`` has settled every community's.
    public var slug: Slug?
    /// The display title (`mastHead`), when the content gives one.
    public var title: String?

    /// A community named `name`, filed under `slug`.
    public init(name: String, slug: Slug? = nil, title: String? = nil) {
        self.name = name
        self.slug = slug
        self.title = title
    }

    /// The title to show: the masthead where present, else the name.
    public var displayTitle: String { title ?? name }
}

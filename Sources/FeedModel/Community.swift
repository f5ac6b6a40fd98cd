/// A community of practice: the group that curated an item, and the owner of one feed.
public struct Community: Sendable, Hashable, Codable {
    /// The name as the content gives it (`identifier`), for example `Chronic Care Management (CCM)`.
    public var name: String
    /// The slug of its feed folder; final once ``FeedSetBuilder`` has resolved collisions.
    public var slug: String
    /// The display title (`mastHead`), when the content gives one.
    public var title: String?

    /// A community named `name`, filed under `slug`.
    public init(name: String, slug: String, title: String? = nil) {
        self.name = name
        self.slug = slug
        self.title = title
    }

    /// The title to show: the masthead where present, else the name.
    public var displayTitle: String { title ?? name }
}

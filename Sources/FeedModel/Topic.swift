/// A topic an item is filed under, and the owner of one feed.
public struct Topic: Sendable, Hashable, Codable {
    /// The name as the content gives it, for example `HIMSS: Digital Health`.
    public var name: String
    /// The slug of its feed folder; final once ``FeedSetBuilder`` has resolved collisions.
    public var slug: String

    /// A topic named `name`, filed under `slug`.
    public init(name: String, slug: String) {
        self.name = name
        self.slug = slug
    }
}

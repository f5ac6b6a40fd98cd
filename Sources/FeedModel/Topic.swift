/// A topic an item is filed under, and the owner of one feed.
public struct Topic: Sendable, Hashable, Codable {
    /// The name as the content gives it, for example `HIMSS: Digital Health`.
    public var name: String
    /// The slug of its feed folder: `nil` until ``FeedSetBuilder`` has settled every topic's (or the one asked for).
    public var slug: Slug?

    /// A topic named `name`, filed under `slug`.
    public init(name: String, slug: Slug? = nil) {
        self.name = name
        self.slug = slug
    }
}

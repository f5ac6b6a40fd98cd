/// The slugs community and topic feeds were published under, by folded name (``NameFolding``).
///
/// A slug once published belongs to its name for good: kept in the build state, it is given to the name again in
/// every later build, whatever other names arrive, in whatever order, and after the name has been away. A name that
/// would want a slug another name holds gets the slug with a suffix of its own.
public struct PublishedSlugs: Sendable, Equatable {
    /// Community slugs by folded community name.
    public var communities: [String: Slug]
    /// Topic slugs by folded topic name.
    public var topics: [String: Slug]

    /// A table of published slugs (empty: a first build, or one without state).
    public init(communities: [String: Slug] = [:], topics: [String: Slug] = [:]) {
        self.communities = communities
        self.topics = topics
    }
}

/// A category as feeds carry it: a machine term, a human label and the scheme the term belongs to.
public struct FeedCategory: Sendable, Hashable, Codable {
    /// The term: a slug, stable and URL-safe.
    public var term: String
    /// The label shown to people: the name as written.
    public var label: String
    /// An absolute URI naming the vocabulary (topics, tags), when configured.
    public var scheme: String?

    /// A category `term` labelled `label`, in `scheme`.
    public init(term: String, label: String, scheme: String? = nil) {
        self.term = term
        self.label = label
        self.scheme = scheme
    }
}

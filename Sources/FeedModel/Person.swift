/// An author or publisher: a name, and optionally a web page and an email address.
public struct Person: Sendable, Hashable, Codable {
    /// The display name, never empty.
    public var name: String
    /// An absolute URL of the person's page.
    public var url: String?
    /// An email address (RSS wants one in `managingEditor`).
    public var email: String?

    /// A person with a name and, optionally, a page and an email address.
    public init(name: String, url: String? = nil, email: String? = nil) {
        self.name = name
        self.url = url
        self.email = email
    }
}

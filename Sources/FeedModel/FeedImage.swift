/// An item's featured image.
public struct FeedImage: Sendable, Hashable, Codable {
    /// The absolute URL of the image.
    public var url: String
    /// Width in pixels, when known.
    public var width: Int?
    /// Height in pixels, when known.
    public var height: Int?
    /// Alternative text describing the image.
    public var alt: String?
    /// The MIME type, such as `image/jpeg`.
    public var mimeType: String?

    /// An image at `url` with what is known of it.
    public init(url: String, width: Int? = nil, height: Int? = nil, alt: String? = nil, mimeType: String? = nil) {
        self.url = url
        self.width = width
        self.height = height
        self.alt = alt
        self.mimeType = mimeType
    }
}

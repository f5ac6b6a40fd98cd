import FeedModel

/// Why a writer refused a feed: something the model allows but no document of the format can carry.
public struct FeedWriterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The feed's id.
    public var feed: String
    /// The item's id, when an item is at fault.
    public var item: String?
    /// What is wrong.
    public var reason: String

    /// An error about `item` of `feed`.
    public init(feed: String, item: String?, reason: String) {
        self.feed = feed
        self.item = item
        self.reason = reason
    }

    /// The item's body is `nil` (not loaded): it is refused rather than published empty.
    static func missingContent(_ item: FeedItem, in feed: Feed) -> FeedWriterError {
        FeedWriterError(feed: feed.id, item: item.id, reason: "the item's body (contentHTML) is not loaded")
    }

    /// The message as a terminal shows it.
    public var description: String {
        item.map { "\(feed): item \($0): \(reason)" } ?? "\(feed): \(reason)"
    }
}

public import FeedModel

/// What the feed writers have in common: a `Feed` in, a document streamed out, item by item.
public protocol FeedDocumentWriter: Sendable {
    /// Streams the document of `feed` to `sink`; items already in `cache` are not rendered again.
    func write(_ feed: Feed, cache: ItemFragmentCache?, to sink: (UnsafeRawBufferPointer) throws -> Void) throws
}

extension FeedDocumentWriter {
    /// The whole document of `feed`.
    public func render(_ feed: Feed) throws -> [UInt8] {
        var bytes: [UInt8] = []
        try write(feed, cache: nil) { bytes.append(contentsOf: $0) }
        return bytes
    }
}

import FeedModel
import FeedpubSystem

/// A 64-bit digest of everything a feed file's bytes depend on: the configuration, the feed's own fields, and for each
/// item its id, page, settled slugs and the digest of its file (``FeedItem/sourceDigest``).
///
/// Equal digests mean equal bytes, so an incremental build renders only files whose digest changed. An item's part is
/// made of what its record holds — its file's digest stands for its text, links and tags, which the configuration
/// and the file decide — so that selecting what to render decodes no item's text.
enum FeedFingerprint {
    /// The digest of every item of `feeds`' documents, by ``FeedItem/identity``: an item in several feeds (in an
    /// archive build, every item is in the site feed, its community's and its topics') is digested once, and one in
    /// `known` (the last build's table, whose items its keeper still holds) not at all.
    static func itemDigests(_ feeds: FeedSet, known: [ObjectIdentifier: UInt64] = [:]) -> [ObjectIdentifier: UInt64] {
        var table: [ObjectIdentifier: UInt64] = [:]
        var missing: [FeedItem] = []
        for feed in feeds.documents {
            for item in feed.items {
                let identity = item.identity
                guard table[identity] == nil else { continue }
                if let digest = known[identity] {
                    table[identity] = digest
                } else {
                    table[identity] = 0  // made below
                    missing.append(item)
                }
            }
        }
        let made = ParallelMap.map(missing, batch: 256) { digest(of: $0) }
        for (item, digest) in zip(missing, made) { table[item.identity] = digest }
        return table
    }

    /// What a feed's bytes depend on of one of its items, beyond the configuration: its file's bytes, and the names
    /// and slugs settled across all items.
    static func digest(of item: FeedItem) -> UInt64 {
        var writer = BinaryWriter(capacity: 256)
        writer.string(item.id)
        writer.fixed(item.sourceDigest)
        writer.signed(item.published.seconds)
        writer.signed(Int64(item.published.nanoseconds))
        writer.signed(item.updated.seconds)
        writer.signed(Int64(item.updated.nanoseconds))
        writer.optional(item.community?.slug?.text)
        writer.optional(item.community?.title)
        for topic in item.topics {
            writer.string(topic.slug?.text ?? "")
            writer.string(topic.name)
        }
        return StableHash.contentHash(writer.bytes)
    }

    /// The digest of `feed`; `digests` (``itemDigests(_:known:)``) gives its items' parts, else they are made here.
    static func of(_ feed: Feed, configuration: String, items digests: [ObjectIdentifier: UInt64] = [:]) -> UInt64 {
        var writer = BinaryWriter(capacity: 256 + feed.items.count * 8)
        writer.string(configuration)
        writer.string(feed.kind.rawValue)
        writer.optional(feed.name)
        writer.string(feed.location.path)
        writer.string(feed.id)
        writer.string(feed.title)
        writer.string(feed.description)
        writer.string(feed.homePageURL)
        writer.string(feed.folderURL)
        writer.optional(feed.archive?.page)
        writer.optional(feed.archive?.currentFolderURL)
        writer.optional(feed.archive?.olderFolderURL)
        writer.optional(feed.archive?.newerFolderURL)
        writer.signed(feed.updated.seconds)
        writer.signed(Int64(feed.updated.nanoseconds))
        writer.integer(feed.items.count)
        for item in feed.items { writer.fixed(digests[item.identity] ?? digest(of: item)) }
        return StableHash.contentHash(writer.bytes)
    }

    /// The digest of the OPML index: every feed's path, title, description and page, and the site's date.
    static func ofIndex(_ feeds: FeedSet, configuration: String) -> UInt64 {
        var writer = BinaryWriter()
        writer.string(configuration)
        writer.signed(feeds.site.updated.seconds)
        for feed in feeds.all {
            writer.string(feed.location.path)
            writer.string(feed.title)
            writer.string(feed.description)
            writer.string(feed.homePageURL)
        }
        return StableHash.contentHash(writer.bytes)
    }

    /// The digest of the feeds page: every feed's path, title, description, page, date and item count (with its
    /// archive pages').
    static func ofPage(_ feeds: FeedSet, configuration: String) -> UInt64 {
        let counts = feeds.itemCounts
        var writer = BinaryWriter()
        writer.string(configuration)
        writer.string(feeds.site.language)
        for feed in feeds.all {
            writer.string(feed.location.path)
            writer.string(feed.title)
            writer.string(feed.description)
            writer.string(feed.homePageURL)
            writer.string(feed.folderURL)
            writer.signed(feed.updated.seconds)
            writer.signed(Int64(feed.updated.nanoseconds))
            writer.integer(counts[feed.location, default: 0])
        }
        return StableHash.contentHash(writer.bytes)
    }

    /// The digest of a feed's discovery snippet: its title and folder.
    static func ofLinks(_ feed: Feed, configuration: String) -> UInt64 {
        var writer = BinaryWriter()
        writer.string(configuration)
        writer.string(feed.title)
        writer.string(feed.folderURL)
        return StableHash.contentHash(writer.bytes)
    }
}

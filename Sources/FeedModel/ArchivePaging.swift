import FeedpubSystem

/// How a feed's history is cut into RFC 5005 archive pages (`feeds.archive: N`): a pure function of the feed's items,
/// so that a build without state cuts exactly as a long run of incremental builds did.
///
/// The items, oldest first, are cut after every *boundary item* — one whose id hashes to 0 modulo N/2, a property of
/// the item alone — and after N items without one: content-defined chunking, as rsync and backup tools cut files.
/// A chunk is published as an archive page once all its items are older than the feed's newest `limit`; the
/// subscription document holds the rest (the newest `limit` and the chunk they begin in, so at most `limit` + N − 1).
///
/// What changes what:
/// - a new item (the newest) changes the subscription document only, and publishes a page when it pushes a chunk out
///   of the newest `limit` (the page before it then gains its `next-archive` link: its entries stay the same);
/// - an edited item changes the one page that holds it; a deleted one the same, or merges its page with the next when
///   it was a boundary item;
/// - a backfilled item (an old date arriving late) joins the page its date belongs to, which splits when it is a
///   boundary item (one time in N/2) or when it makes a page without boundary pass N items.
///
/// A page is named after its newest item: `<YYYY-MM-DD>-<16 hex digits of the item id's hash>`, so that its URL
/// does not depend on how many pages come before it.
public enum ArchivePaging {
    /// One archive page: its name and its items, by index into the sequence given, oldest first.
    public struct Page: Sendable, Hashable {
        /// `2024-03-05-0123456789abcdef`: the folder of the page.
        public let name: String
        /// The positions of its items in the oldest-first sequence.
        public let range: Range<Int>
    }

    /// The pages of `items` (oldest first: `id` and `published` of each), and where the subscription document begins.
    ///
    /// Items from `current` to the end belong to the subscription document.
    public static func cut(
        _ items: [(id: String, published: Timestamp)],
        limit: Int,
        pageSize: Int
    ) -> (pages: [Page], current: Int) {
        cut(
            count: items.count,
            hash: { idHash(items[$0].id) },
            published: { items[$0].published },
            limit: limit,
            pageSize: pageSize
        )
    }

    /// The hash of an item id that decides boundaries and names pages.
    public static func idHash(_ id: String) -> UInt64 {
        StableHash.fnv1a64(id.utf8)
    }

    /// ``cut(_:limit:pageSize:)`` of `count` items given by position: the ``idHash(_:)`` of each id (computed once per
    /// item by a caller that cuts many feeds of the same items) and each date.
    static func cut(
        count: Int,
        hash itemHash: (Int) -> UInt64,
        published: (Int) -> Timestamp,
        limit: Int,
        pageSize: Int
    ) -> (pages: [Page], current: Int) {
        let size = max(1, pageSize)
        let modulus = UInt64(max(1, size / 2))
        let archivable = count - limit  // items before this index are older than the newest `limit`
        var pages: [Page] = []
        var names: Set<String> = []
        var start = 0
        guard archivable > 0 else { return ([], 0) }
        for index in 0..<count {
            let hash = itemHash(index)
            let boundary = ((hash &* 0x9E37_79B9_7F4A_7C15) >> 32) % modulus == 0
            guard boundary || index - start + 1 == size else { continue }
            guard index < archivable else { break }
            var name = name(published: published(index), hash: hash)
            if !names.insert(name).inserted {  // two ids of one hash and day: made apart by position
                name += "-\(index)"
                names.insert(name)
            }
            pages.append(Page(name: name, range: start..<(index + 1)))
            start = index + 1
        }
        return (pages, start)
    }

    /// The page name of a page whose newest item is `item`.
    static func name(published: Timestamp, hash: UInt64) -> String {
        let hex = String(hash, radix: 16)
        let day = published.rfc3339.prefix(10)
        return "\(day)-\(String(repeating: "0", count: 16 - hex.count))\(hex)"
    }

    /// The folder archive pages live in, inside their feed's folder.
    public static let folderName = "archive"
}

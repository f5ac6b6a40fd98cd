import Synchronization

/// Each item rendered once per format, its bytes reused in every feed that holds it (the site feed, its
/// community's, each of its topics'): a full-history build renders every item three times instead of fifteen.
///
/// The bytes are exactly those a writer would produce for the item at its place in any feed — items are
/// rendered through libxml2's `xmlTextWriter` at their own depth — so a feed assembled from cached items is
/// byte-identical to one written in a single pass. Keyed by item id, so one cache serves one build (where ids are
/// unique) and one format. Safe to share between threads.
public final class ItemFragmentCache: Sendable {
    private let fragments = Mutex<[String: [UInt8]]>([:])

    /// An empty cache.
    public init() {}

    /// The cached bytes of the item with `id`, else `render()`'s, remembered.
    func fragment(for id: String, render: () throws -> [UInt8]) rethrows -> [UInt8] {
        if let known = fragments.withLock({ $0[id] }) { return known }
        let made = try render()
        fragments.withLock { $0[id] = made }
        return made
    }

    /// Lets go of the bytes of the items with `ids` (no feed left to write holds them).
    public func forget(_ ids: some Sequence<String>) {
        fragments.withLock { fragments in
            for id in ids { fragments[id] = nil }
        }
    }

    /// How many items are cached.
    public var count: Int { fragments.withLock { $0.count } }
}

import FeedModel
import Testing

/// How history is cut into archive pages: a partition, pages of at most N items, and changes that stay local.
@Suite struct ArchivePagingTests {
    /// A deterministic sequence of items, oldest first, one a day.
    static func items(_ count: Int, salt: String = "") -> [(id: String, published: Timestamp)] {
        (0..<count).map {
            (
                id: "tag:example.org,2020:items/\(salt)\($0)",
                published: Timestamp(seconds: 1_600_000_000 + Int64($0) * 86_400)
            )
        }
    }

    static func pageItems(_ items: [(id: String, published: Timestamp)], limit: Int, size: Int) -> [String: [String]] {
        let cut = ArchivePaging.cut(items, limit: limit, pageSize: size)
        return Dictionary(uniqueKeysWithValues: cut.pages.map { ($0.name, items[$0.range].map(\.id)) })
    }

    @Test(arguments: [
        (0, 10, 20), (5, 10, 20), (30, 10, 20), (1000, 50, 100), (1000, 50, 1), (1000, 50, 2), (777, 1, 7),
    ])
    func pagesPartitionTheOlderItemsAndHoldAtMostN(count: Int, limit: Int, size: Int) {
        let items = Self.items(count)
        let cut = ArchivePaging.cut(items, limit: limit, pageSize: size)
        var next = 0
        for page in cut.pages {
            #expect(page.range.lowerBound == next, "contiguous, in order")
            #expect(!page.range.isEmpty && page.range.count <= size)
            next = page.range.upperBound
        }
        #expect(cut.current == next)
        #expect(items.count - cut.current >= min(limit, items.count), "the newest `limit` are never archived")
        #expect(items.count - cut.current < limit + size, "the subscription document holds less than limit + N")
        #expect(Set(cut.pages.map(\.name)).count == cut.pages.count, "names are unique")
    }

    @Test func aNewItemNeverChangesAPageAndPublishesOneOnlyWhenAChunkLeavesTheNewest() {
        var items = Self.items(600)
        var before = Self.pageItems(items, limit: 20, size: 40)
        for step in 0..<300 {
            items.append(
                (
                    id: "tag:example.org,2020:items/new\(step)",
                    published: Timestamp(seconds: 1_700_000_000 + Int64(step))
                )
            )
            let after = Self.pageItems(items, limit: 20, size: 40)
            for (name, ids) in before { #expect(after[name] == ids, "page \(name) changed at step \(step)") }
            #expect(after.count - before.count <= 1)
            before = after
        }
    }

    @Test func anEditDeletionOrBackfillChangesOnlyThePagesAroundIt() {
        let items = Self.items(2000)
        let before = Self.pageItems(items, limit: 50, size: 100)
        var worst = 0
        for position in stride(from: 3, to: 1900, by: 37) {
            var deleted = items
            deleted.remove(at: position)
            let afterDelete = Self.pageItems(deleted, limit: 50, size: 100)
            var backfilled = items
            backfilled.insert(
                (id: "tag:example.org,2020:items/late\(position)", published: items[position].published),
                at: position
            )
            let afterBackfill = Self.pageItems(backfilled, limit: 50, size: 100)
            for after in [afterDelete, afterBackfill] {
                let changed =
                    before.filter { after[$0.key] != $0.value }.count + after.filter { before[$0.key] == nil }.count
                worst = max(worst, changed)
            }
        }
        // One page, or a page and its neighbour when the item is a boundary or a page without boundary is re-cut.
        #expect(worst <= 4, "at most \(worst) pages changed by one item")
    }
}

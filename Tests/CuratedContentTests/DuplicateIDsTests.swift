import FeedModel
import Foundation
import Testing

@testable import CuratedContent

/// `DuplicateIDs.resolve`: one item per id, the newest edit winning, the losers rejected with the reason.
@Suite("Duplicate ids")
struct DuplicateIDsTests {
    private static let day: Int64 = 86_400
    private static let base: Int64 = 1_606_381_699

    /// An outcome for `path` holding an item with `id` (titled after it: versions of one article, unless `title` says
    /// otherwise), published `publishedDays` after a fixed date and updated `updatedDays` after that date.
    private func outcome(
        _ path: String,
        id: String,
        updatedDays: Int64,
        publishedDays: Int64 = 0,
        title: String? = nil,
        link: String? = nil,
        issues: [ContentIssue] = []
    ) -> ReadOutcome {
        let item = FeedItem(
            id: "tag:medigy.com,2020:items/\(id)",
            sourceID: id,
            title: title ?? "Item \(id)",
            contentHTML: "<p>\(path)</p>",
            published: Timestamp(seconds: Self.base + publishedDays * Self.day),
            updated: Timestamp(seconds: Self.base + updatedDays * Self.day),
            url: "https://www.medigy.com/\(path)/",
            externalURL: link
        )
        return ReadOutcome(path: path, item: item, issues: issues)
    }

    private func idError(_ outcome: ReadOutcome, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> ContentIssue
    {
        #expect(outcome.status == .rejected, sourceLocation: sourceLocation)
        let error = try #require(ContentTestKit.errors(outcome).last, sourceLocation: sourceLocation)
        #expect(error.field == "id", sourceLocation: sourceLocation)
        #expect(error.path == outcome.path, sourceLocation: sourceLocation)
        #expect(error.line == nil, sourceLocation: sourceLocation)
        return error
    }

    @Test func laterLastModWins() throws {
        let input = [outcome("a.md", id: "7", updatedDays: 1), outcome("b.md", id: "7", updatedDays: 2)]
        let result = DuplicateIDs.resolve(input)
        #expect(result.count == 2)
        #expect(result[1] == input[1])
        let error = try idError(result[0])
        #expect(
            error.message.hasPrefix(
                "duplicates the id '7' of b.md, an update of the same article, which is published instead: its lastMod "
                    + "is later ("
            )
        )
        #expect(error.message.contains("2020-11-28T09:08:19Z > 2020-11-27T09:08:19Z"))
    }

    @Test func equalLastModGoesToTheFirstInPathOrder() throws {
        let input = [outcome("a.md", id: "7", updatedDays: 1), outcome("b.md", id: "7", updatedDays: 1)]
        let result = DuplicateIDs.resolve(input)
        #expect(result[0] == input[0])
        let error = try idError(result[1])
        #expect(
            error.message
                == "duplicates the id '7' of a.md, an update of the same article, which is published instead: "
                + "lastMod is the same and it comes first in path order"
        )
    }

    @Test func earlierLastModLaterInPathOrderLoses() throws {
        let result = DuplicateIDs.resolve([
            outcome("a.md", id: "7", updatedDays: 3), outcome("b.md", id: "7", updatedDays: 1),
        ])
        #expect(result[0].status == .published)
        #expect(
            try idError(result[1]).message.contains(
                "of a.md, an update of the same article, which is published instead: its lastMod is later"
            )
        )
    }

    @Test func threeWayTheNewestWinsAndEveryLoserNamesIt() throws {
        // b beats a, c loses to b: both losers name b.
        let first = DuplicateIDs.resolve([
            outcome("a.md", id: "9", updatedDays: 1), outcome("b.md", id: "9", updatedDays: 3),
            outcome("c.md", id: "9", updatedDays: 2),
        ])
        #expect(first.map(\.status) == [.rejected, .published, .rejected])
        #expect(try idError(first[0]).message.contains(" of b.md, "))
        #expect(try idError(first[2]).message.contains(" of b.md, "))

        // a beats b, then c beats a: b's winner moves on to c.
        let second = DuplicateIDs.resolve([
            outcome("a.md", id: "9", updatedDays: 2), outcome("b.md", id: "9", updatedDays: 1),
            outcome("c.md", id: "9", updatedDays: 3),
        ])
        #expect(second.map(\.status) == [.rejected, .rejected, .published])
        #expect(try idError(second[0]).message.contains(" of c.md, "))
        #expect(try idError(second[1]).message.contains(" of c.md, "))
        #expect(try idError(second[1]).message.contains("its lastMod is later"))

        // All equal: the first in path order keeps it.
        let third = DuplicateIDs.resolve((1...3).map { outcome("p\($0).md", id: "9", updatedDays: 0) })
        #expect(third.map(\.status) == [.published, .rejected, .rejected])
        #expect(try idError(third[2]).message.contains(" of p1.md, "))
    }

    @Test func case5ADifferentArticleCannotTakeOverAnOldID() throws {
        // A 2024 article under the id of a 2018 one, with a later lastMod: the id stays with the 2018 article.
        let old = outcome(
            "2018.md",
            id: "1433",
            updatedDays: 0,
            title: "Telehealth in 2018",
            link: "https://a.example/1"
        )
        let new = outcome(
            "2024.md",
            id: "1433",
            updatedDays: 2_000,
            publishedDays: 2_000,
            title: "AI scribes in 2024",
            link: "https://b.example/2"
        )
        for input in [[old, new], [new, old]] {
            let result = DuplicateIDs.resolve(input)
            let kept = try #require(result.first { $0.path == "2018.md" })
            let lost = try #require(result.first { $0.path == "2024.md" })
            #expect(kept.status == .published)
            let error = try idError(lost)
            #expect(error.message.hasPrefix("duplicates the id '1433' of 2018.md, a different article"))
            #expect(error.message.contains("published first (2020-11-26T09:08:19Z < "))
            #expect(error.message.hasSuffix("give this file its own id"))
        }
    }

    @Test func case5TheSameArticleIsKnownByItsLinkOrItsTitle() throws {
        // Same original link, new title: an update, the later lastMod wins.
        let byLink = DuplicateIDs.resolve([
            outcome("a.md", id: "5", updatedDays: 1, title: "Old title", link: "https://a.example/x"),
            outcome("b.md", id: "5", updatedDays: 9, publishedDays: 3, title: "New title", link: "https://a.example/x"),
        ])
        #expect(byLink.map(\.status) == [.rejected, .published])
        // Same title (case and spacing aside), no link.
        let byTitle = DuplicateIDs.resolve([
            outcome("a.md", id: "5", updatedDays: 1, title: "Care  plans"),
            outcome("b.md", id: "5", updatedDays: 9, publishedDays: 3, title: "care plans"),
        ])
        #expect(byTitle.map(\.status) == [.rejected, .published])
        // Three files: two versions of the first article and another article; the newest version keeps the id.
        let three = DuplicateIDs.resolve([
            outcome("a.md", id: "5", updatedDays: 1, title: "First"),
            outcome("b.md", id: "5", updatedDays: 20, publishedDays: 10, title: "Other"),
            outcome("c.md", id: "5", updatedDays: 5, title: "First"),
        ])
        #expect(three.map(\.status) == [.rejected, .rejected, .published])
        #expect(try idError(three[1]).message.contains("of c.md, a different article"))
        #expect(try idError(three[0]).message.contains("of c.md, an update of the same article"))
    }

    @Test func onlyTheSameIDCompetesAndRejectionsAreIgnored() {
        let rejected = ReadOutcome(
            path: "0.md",
            item: nil,
            issues: [
                ContentIssue(path: "0.md", line: nil, field: "file", message: "is empty", severity: .error)
            ]
        )
        let input = [rejected, outcome("a.md", id: "1", updatedDays: 1), outcome("b.md", id: "2", updatedDays: 9)]
        #expect(DuplicateIDs.resolve(input) == input)
        #expect(DuplicateIDs.resolve([]) == [])
    }

    @Test func earlierWarningsAreKeptOnTheLoser() throws {
        let warning = ContentIssue(path: "b.md", line: 3, field: "lastMod", message: "is missing", severity: .warning)
        let result = DuplicateIDs.resolve([
            outcome("a.md", id: "5", updatedDays: 4), outcome("b.md", id: "5", updatedDays: 0, issues: [warning]),
        ])
        #expect(result[1].issues.first == warning)
        #expect(result[1].issues.count == 2)
        #expect(result[1].item == nil)
    }

    @Test func contentReaderResolvesDuplicatesInAFolder() throws {
        let folder = try TemporaryFolder()
        let sample = ContentDocument.sample
        try folder.write("b/second.md", sample.setting("lastMod", " '2021-03-06T00:00:00Z'").text)
        try folder.write("a/first.md", sample.text)
        try folder.write("c/third.md", sample.setting("id", " 43").text)
        let outcomes = try ContentReader(settings: ContentSettings(siteURL: ContentTestKit.site)).read(
            folder: folder.path
        )
        #expect(outcomes.map(\.path) == ["a/first.md", "b/second.md", "c/third.md"])
        #expect(outcomes.map(\.status) == [.rejected, .published, .published])
        #expect(try idError(outcomes[0]).message.contains("'42' of b/second.md"))
    }
}

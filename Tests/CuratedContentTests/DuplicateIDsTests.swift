import FeedModel
import Foundation
import Testing

@testable import CuratedContent

/// `DuplicateIDs.resolve`: one item per id, the newest edit winning, the losers rejected with the reason.
@Suite("Duplicate ids")
struct DuplicateIDsTests {
    private static let day: Int64 = 86_400
    private static let base: Int64 = 1_606_381_699

    /// An outcome for `path` holding an item with `id`, published at a fixed date and updated `updatedDays` later.
    private func outcome(_ path: String, id: String, updatedDays: Int64, issues: [ContentIssue] = []) -> ReadOutcome {
        let item = FeedItem(
            id: "tag:medigy.com,2020:items/\(id)",
            sourceID: id,
            title: "Item at \(path)",
            contentHTML: "<p>\(path)</p>",
            published: Timestamp(seconds: Self.base),
            updated: Timestamp(seconds: Self.base + updatedDays * Self.day),
            url: "https://www.medigy.com/\(path)/"
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
            error.message.hasPrefix("duplicates the id '7' of b.md, which is published instead: its lastMod is later (")
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
                == "duplicates the id '7' of a.md, which is published instead: "
                + "lastMod is the same and it comes first in path order"
        )
    }

    @Test func earlierLastModLaterInPathOrderLoses() throws {
        let result = DuplicateIDs.resolve([
            outcome("a.md", id: "7", updatedDays: 3), outcome("b.md", id: "7", updatedDays: 1),
        ])
        #expect(result[0].status == .published)
        #expect(try idError(result[1]).message.contains("of a.md, which is published instead: its lastMod is later"))
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

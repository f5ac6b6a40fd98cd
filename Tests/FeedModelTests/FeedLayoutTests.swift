import FeedModel
import Testing

/// `feeds.folders` and `feeds.files`: a layout maps every feed to folders that stay inside the output folder and
/// never meet another feed's, and refuses every other.
@Suite struct FeedLayoutTests {
    @Test func hugosLayoutPutsTheSiteFeedAtTheTopAndEachFeedInItsFolder() throws {
        let layout = try FeedLayout(site: "", files: FeedLayout.FileNames(rss: "index.xml"))
        let slug = try #require(Slug("chronic-care-management"))
        #expect(layout.folders(of: .site) == [])
        #expect(layout.folderPath(of: .site) == "")
        #expect(layout.folderPath(of: .community(slug)) == "communities/chronic-care-management/")
        #expect(layout.location(ofFolders: []) == .site)
        #expect(layout.location(ofFolders: ["communities", "chronic-care-management"]) == .community(slug))
        let deep = try FeedLayout(site: "feeds/site", community: "c/{slug}/feed", topic: "t/{slug}")
        #expect(deep.folders(of: .community(slug)) == ["c", "chronic-care-management", "feed"])
        #expect(deep.location(ofFolders: ["c", "chronic-care-management", "feed"]) == .community(slug))
        #expect(deep.location(ofFolders: ["c", "chronic-care-management"]) == nil)
        #expect(deep.location(ofFolders: ["c", "Not-A-Slug", "feed"]) == nil)
    }

    /// Every refusal, with the key it names: each would leave the output folder, hide a file, or let two feeds'
    /// files meet.
    @Test(arguments: [
        (["community": "../{slug}"], "community"),
        (["community": "communities/../../{slug}"], "community"),
        (["community": "/etc/{slug}"], "community"),
        (["community": "communities//{slug}"], "community"),
        (["community": "communities/{slug}/"], "community"),
        (["community": "communities"], "community"),
        (["community": "{slug}"], "community"),
        (["community": "c/{slug}/{slug}"], "community"),
        (["community": "c/x{slug}"], "community"),
        (["community": ""], "community"),
        (["community": "topics/{slug}"], "topic"),
        (["topic": "all/{slug}"], "topic"),
        (["site": "{slug}"], "site"),
        (["site": ".hidden"], "site"),
        (["site": ".feedpub"], "site"),
        (["site": "a b"], "site"),
        (["site": "sité"], "site"),
        (["site": "index.opml"], "site"),
        (["site": "a\u{0}b"], "site"),
        (["site": "a/b/c/d/e/f/g/h/i"], "site"),
        (["site": String(repeating: "a", count: 101)], "site"),
        (["rss": "../rss.xml"], "rss"),
        (["rss": "a/rss.xml"], "rss"),
        (["rss": ".rss.xml"], "rss"),
        (["rss": ""], "rss"),
        (["rss": "index.opml"], "rss"),
        (["rss": "index.html"], "rss"),
        (["json": "links.html"], "json"),
        (["community": "index.html/{slug}"], "community"),
        (["site": "", "topic": "links.html/{slug}"], "topic"),
        (["rss": "x.feedpub-tmp-1"], "rss"),
        (["atom": "rss.xml"], "atom"),
        (["json": "{slug}.json"], "json"),
        (["site": "", "rss": "communities"], "community"),
    ])
    func aLayoutThatCouldLeaveItsFolderOrMeetAnotherIsRefused(_ change: [String: String], key: String) {
        #expect {
            _ = try FeedLayout(
                site: change["site"] ?? "all",
                community: change["community"] ?? "communities/{slug}",
                topic: change["topic"] ?? "topics/{slug}",
                files: FeedLayout.FileNames(
                    rss: change["rss"] ?? "rss.xml",
                    atom: change["atom"] ?? "atom.xml",
                    json: change["json"] ?? "feed.json"
                )
            )
        } throws: { error in
            (error as? FeedLayout.Problem)?.key == key
        }
    }

    @Test func theStandardLayoutIsTheCheckedDefault() throws {
        #expect(try FeedLayout() == FeedLayout.standard)
        #expect(FeedLayout.standard.patterns.map(\.before) == [["all"], ["communities"], ["topics"]])
    }
}

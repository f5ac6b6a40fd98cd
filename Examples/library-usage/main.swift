// The README's library example ("As a library"), compiled as a target and run by the tests, so that it cannot rot.
// Run it: swift run library-usage Examples/content
import CuratedContent
import FeedModel
import FeedWriters
import Foundation

// README: begin
// Every feed of a folder of curated items: the site's, each community's and each topic's.
let settings = FeedSettings(siteTitle: "Medigy", siteURL: "https://www.medigy.com")
let folder = CommandLine.arguments.dropFirst().first ?? "Examples/content"
let outcomes = try ContentReader(settings: ContentSettings(siteURL: settings.siteURL)).read(folder: folder)
let feeds = FeedSetBuilder(settings: settings).build(outcomes.compactMap(\.item))
let atom: [UInt8] = try AtomWriter().render(feeds.site)

// A feed by hand: the feed's own fields, then its items.
var feed = Feed(
    title: "Example News",
    description: "What is new at Example",
    homePageURL: "https://example.org/",
    folderURL: "https://example.org/feeds/"
)
feed.id = "tag:example.org,2026:feeds/news"
feed.authors = [Person(name: "Example Editors", email: "editors@example.org")]
feed.addItem(
    FeedItem(
        id: "tag:example.org,2026:items/1",
        title: "Hello, readers",
        url: "https://example.org/hello/",
        published: Timestamp(Date(timeIntervalSince1970: 1_780_000_000)),
        contentHTML: "<p>The first post.</p>"
    )
)
let json: [UInt8] = try JSONFeedWriter().render(feed)
// README: end

print("\(outcomes.count) files, \(feeds.all.count) feeds; all/atom.xml \(atom.count) bytes")
print(String(decoding: json, as: UTF8.self))

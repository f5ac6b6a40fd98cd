import FeedModel
import FeedTestSupport
import FeedpubSystem
import Foundation
import PropertyBased

/// A feed built by hand with realistic values (as ``FeedSetBuilder`` would make them): three items, the first
/// with every optional field, the last with none, the middle one with some.
enum SampleFeed {
    static let publisher = Person(
        name: "Medigy Editorial Team",
        url: "https://www.medigy.com",
        email: "editors@medigy.com"
    )
    static let generator = Generator(name: "feedpub", version: "0.1.0", url: "https://github.com/feedpub/feedpub")
    static let topicScheme = "https://www.medigy.com/topics/"
    static let tagScheme = "https://www.medigy.com/tags/"

    static func date(_ year: Int, _ month: Int, _ day: Int, _ h: Int, _ m: Int, _ s: Int, ns: Int = 0) -> Timestamp {
        Timestamp(year: year, month: month, day: day, hour: h, minute: m, second: s, nanosecond: ns)!
    }

    /// Every optional field present.
    static let full = FeedItem(
        id: "tag:medigy.com,2020:items/3826",
        sourceID: "3826",
        title: "Healthcare Information Systems: Next Steps for the New Year",
        summary: "As we near the end of an unprecedented year, health systems look at what comes next.",
        contentHTML: "<p>As we near the end&nbsp;of an <em>unprecedented</em> year &amp; more:</p>\n"
            + "<ul><li><a href=\"https://example.org/a?x=1&amp;y=2\">Interoperability</a></li></ul>",
        published: date(2020, 11, 26, 9, 8, 19, ns: 821_451_000),
        updated: date(2020, 11, 27, 10, 0, 0),
        authors: [
            Person(name: "Sonalika Ghosh", url: "https://www.medigy.com/people/sonalika-ghosh/"),
            Person(name: "Shahid N. Shah"),
        ],
        community: Community(name: "Chronic Care Management (CCM)", slug: Slug("chronic-care-management")),
        topics: [Topic(name: "HIMSS: Digital Health", slug: Slug("himss-digital-health"))],
        tags: ["Interoperability"],
        categories: [
            FeedCategory(term: "himss-digital-health", label: "HIMSS: Digital Health", scheme: topicScheme),
            FeedCategory(term: "interoperability", label: "Interoperability", scheme: tagScheme),
        ],
        image: FeedImage(
            url: "https://www.medigy.com/media/3826/hero.jpg",
            width: 1200,
            height: 630,
            alt: "A clinician reviewing records on a tablet",
            mimeType: "image/jpeg"
        ),
        url: "https://www.medigy.com/communities/chronic-care-management/curated-content/3826/",
        externalURL: "https://healthcarebusinesstoday.com/healthcare-information-systems-next-steps/",
        sourceName: "healthcarebusinesstoday.com"
    )

    /// Some optional fields: an author without a page, an image known only by URL, a category without scheme, an
    /// original without source name.
    ///
    /// Published before `full` but updated after it.
    static let partial = FeedItem(
        id: "tag:medigy.com,2020:items/3801",
        sourceID: "3801",
        title: "Remote Patient Monitoring Reimbursement in 2021",
        summary: "CMS finalises RPM codes.",
        contentHTML: "<p>CMS finalised the codes.</p>",
        published: date(2020, 11, 23, 14, 30, 0),
        updated: date(2020, 11, 28, 8, 15, 30, ns: 500_000_000),
        authors: [Person(name: "Jane Roe")],
        categories: [FeedCategory(term: "rpm", label: "RPM")],
        image: FeedImage(url: "https://www.medigy.com/media/3801/chart.png"),
        url: "https://www.medigy.com/curated-content/3801/",
        externalURL: "https://www.cms.gov/newsroom/rpm-2021"
    )

    /// No summary, authors, image, original or categories.
    static let bare = FeedItem(
        id: "tag:medigy.com,2020:items/3790",
        sourceID: "3790",
        title: "Nurse Call Systems",
        contentHTML: "<p>Short body.</p>",
        published: date(2020, 11, 20, 0, 0, 0),
        url: "https://www.medigy.com/curated-content/3790/"
    )

    static let items = [full, partial, bare]

    /// The site feed of the three items, newest first.
    static let feed = Feed(
        location: .site,
        name: nil,
        id: "tag:medigy.com,2020:feeds/all",
        title: "Medigy",
        description: "Curated healthcare content from Medigy's communities of practice",
        homePageURL: "https://www.medigy.com/",
        folderURL: "https://www.medigy.com/feeds/all/",
        language: "en-US",
        updated: items.map(\.updated).max()!,
        authors: [publisher],
        favicon: "https://www.medigy.com/favicon.ico",
        icon: "https://www.medigy.com/icon-512.png",
        logo: "https://www.medigy.com/logo.png",
        copyright: "© Medigy. Curated summaries link to their original publishers.",
        generator: generator,
        items: items
    )

    /// A community feed holding only the bare item, and no images or rights.
    static let communityFeed: Feed = {
        var feed = SampleFeed.feed
        feed.location = .community(Slug("chronic-care-management")!)
        feed.name = "Chronic Care Management (CCM)"
        feed.id = "tag:medigy.com,2020:feeds/communities/chronic-care-management"
        feed.title = "Chronic Care Management (CCM) · Medigy"
        feed.description = "Curated content from the Chronic Care Management (CCM) community on Medigy."
        feed.homePageURL = "https://www.medigy.com/communities/chronic-care-management/"
        feed.folderURL = "https://www.medigy.com/feeds/communities/chronic-care-management/"
        feed.items = [bare]
        feed.updated = bare.updated
        return feed
    }()

    /// Site and one community; no topic feeds.
    static let feedSet = FeedSet(site: feed, communities: [communityFeed], topics: [])

    /// `feed` with every text field a reader shows set from `hostile`, each with its own prefix.
    static func hostile(_ hostile: String) -> Feed {
        var feed = SampleFeed.feed
        feed.title = "T" + hostile
        feed.description = "D" + hostile
        feed.copyright = "C" + hostile
        feed.authors = [Person(name: "P" + hostile, url: publisher.url, email: publisher.email)]
        feed.items = items.map { item in
            var item = item
            item.title = "t" + hostile
            if item.summary != nil { item.summary = "s" + hostile }
            item.contentHTML = "h" + hostile
            item.authors = item.authors.map { Person(name: "a" + hostile, url: $0.url) }
            item.categories = item.categories.map {
                FeedCategory(term: $0.term, label: "l" + hostile, scheme: $0.scheme)
            }
            if item.image?.alt != nil { item.image?.alt = "i" + hostile }
            if item.sourceName != nil { item.sourceName = "n" + hostile }
            return item
        }
        return feed
    }
}

/// `text` as a parser should read it back from any of the three formats.
func expectedBack(_ text: String) -> [UInt32] { scalars(XMLCharacters.filtered(text)) }

/// The document as text.
func utf8(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// Parses JSON bytes into an object.
func jsonObject(_ bytes: [UInt8]) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(bytes))
    guard let dictionary = object as? [String: Any] else { throw CocoaError(.coderReadCorrupt) }
    return dictionary
}

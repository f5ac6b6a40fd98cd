import FeedModel
import Foundation
import Testing

@testable import CuratedContent

/// What the reader does when an optional field is missing or odd: it publishes and says what it assumed.
@Suite("Fallbacks")
struct FallbackTests {
    private let sample = ContentDocument.sample

    @Test func topicsFromMedigyTopicsWhenNoCommunityTopics() throws {
        let seed = try ContentTestKit.seedText()
        let start = try #require(seed.range(of: "communityTopics:\n"))
        let end = try #require(seed.range(of: "contentCategories:"))
        let withoutTopics = seed.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "")
        #expect(!withoutTopics.contains("communityTopics"))
        let outcome = ContentTestKit.read(withoutTopics)
        let item = try #require(outcome.item)
        #expect(outcome.status == .published)
        #expect(
            item.topics.map(\.name) == [
                "Medigy: Business Survival & Continuity", "HIMSS: Digital Health",
                "KLAS: Health Information Exchange (HIE)",
            ]
        )
        #expect(
            ContentTestKit.resolved(item).topics.compactMap(\.slug?.text).first == "medigy-business-survival-continuity"
        )
    }

    @Test func medigyTopicsOnlyReadWhenCommunityTopicsIsMissing() throws {
        let custom = "\n  medigyTopics: '[\"JSON: One\",\"JSON: Two\",\"JSON: One\"]'"
        let onlyJSON = sample.setting("communityTopics", nil).setting("openProjectCustomFields", custom)
        #expect(try #require(onlyJSON.read().item).topics.map(\.name) == ["JSON: One", "JSON: Two"])
        let both = sample.setting("openProjectCustomFields", custom)
        #expect(try #require(both.read().item).topics.map(\.name) == ["HIMSS: Digital Health", "KLAS: Telehealth"])
    }

    @Test func medigyTopicsThatAreNotJSONGiveNoTopicsAndAWarning() throws {
        let document = sample.setting("communityTopics", nil)
            .setting("openProjectCustomFields", "\n  medigyTopics: not json")
        let outcome = document.read()
        #expect(try #require(outcome.item).topics.isEmpty)
        let warning = try #require(
            ContentTestKit.warnings(outcome, field: "openProjectCustomFields.medigyTopics").first
        )
        #expect(warning.line == document.line(of: "openProjectCustomFields").map { $0 + 1 })
    }

    @Test func missingLastModIsTakenFromDate() throws {
        let outcome = sample.setting("lastMod", nil).read()
        let item = try #require(outcome.item)
        #expect(outcome.status == .repaired)
        #expect(item.updated == item.published)
        #expect(item.updated.rfc3339 == "2021-03-04T05:06:07Z")
        let warning = try #require(ContentTestKit.warnings(outcome, field: "lastMod").first)
        #expect(warning.message.contains("missing"))
        #expect(warning.line == nil)
    }

    @Test func lastModBeforeDateIsTakenFromDate() throws {
        let document = sample.setting("lastMod", " '2017-01-01T00:00:00.000000Z'")
        let outcome = document.read()
        let item = try #require(outcome.item)
        #expect(item.updated == item.published)
        let warning = try #require(ContentTestKit.warnings(outcome, field: "lastMod").first)
        #expect(warning.message.contains("before date"))
        #expect(warning.line == document.line(of: "lastMod"))
    }

    @Test func unreadableLastModIsTakenFromDate() throws {
        let document = sample.setting("lastMod", " soon")
        let outcome = document.read()
        #expect(outcome.status == .repaired)
        #expect(try #require(outcome.item).updated.rfc3339 == "2021-03-04T05:06:07Z")
        #expect(ContentTestKit.warnings(outcome, field: "lastMod").first?.line == document.line(of: "lastMod"))
    }

    @Test func missingIDUsesMdName() throws {
        let outcome = sample.setting("id", nil).read()
        let item = try #require(outcome.item)
        #expect(item.sourceID == "item-42")
        #expect(item.id == "tag:medigy.com,2020:items/item-42")
        let warning = try #require(ContentTestKit.warnings(outcome, field: "id").first)
        #expect(warning.message.contains("mdName 'item-42'"))
    }

    @Test func missingIDAndMdNameUseTheFileName() throws {
        let outcome = sample.setting("id", nil).setting("mdName", nil).setting("slug", nil)
            .read(path: "2021/some-item.md")
        let item = try #require(outcome.item)
        #expect(item.sourceID == "some-item")
        #expect(item.url == "https://www.medigy.com/communities/care-team/curated-content/some-item/")
        let warning = try #require(ContentTestKit.warnings(outcome, field: "id").first)
        #expect(warning.message.contains("'some-item'"))
    }

    @Test(arguments: ["'WP-3826/b'", "abc", "'ünïcode id'"])
    func nonNumericIDsAreKeptAndEscapedInTheTagURI(_ value: String) throws {
        let outcome = sample.setting("id", " \(value)").read()
        #expect(outcome.status == .published, "\(outcome.issues)")
        let item = try #require(outcome.item)
        let raw = value.trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        #expect(item.sourceID == raw)
        #expect(item.id.hasPrefix("tag:medigy.com,2020:items/"))
        #expect(item.id.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }, "tag URIs are ASCII: \(item.id)")
    }

    @Test func aBodyOfTwoMegabytesIsPublishedWhole() throws {
        let paragraph =
            "<p>" + String(repeating: "Remote monitoring &amp; care coordination at scale. ", count: 40) + "</p>"
        let body = String(repeating: paragraph, count: 2_000_000 / paragraph.utf8.count + 1)
        #expect(body.utf8.count > 2_000_000)
        let text = String(decoding: try ContentTestKit.seedBytes(), as: UTF8.self)
        let head = text.components(separatedBy: "\n---\n")[0]
        let outcome = ContentTestKit.read(head + "\n---\n\n" + body + "\n")
        #expect(outcome.status == .published, "\(outcome.issues)")
        #expect(try #require(outcome.item).contentHTML == body)
    }

    @Test func authorAsOneString() throws {
        let outcome = sample.setting("author", " Jane Doe").read()
        #expect(outcome.status == .published)
        #expect(try #require(outcome.item).authors == [Person(name: "Jane Doe")])
    }

    @Test func authorsInOrderWithoutRepeats() throws {
        let outcome = sample.setting("author", "\n- B Writer\n- A Writer\n- B Writer").read()
        #expect(try #require(outcome.item).authors.map(\.name) == ["B Writer", "A Writer"])
    }

    @Test(arguments: [" []", nil, " ~"])
    func noAuthors(_ value: String?) throws {
        let outcome = sample.setting("author", value).read()
        #expect(outcome.status == .published, "\(outcome.issues)")
        #expect(try #require(outcome.item).authors.isEmpty)
    }

    @Test func noFeaturedImage() throws {
        let outcome = sample.setting("featuredImage", nil).read()
        #expect(outcome.status == .published)
        #expect(try #require(outcome.item).image == nil)
    }

    @Test func invalidFeaturedImageIsLeftOut() throws {
        let document = sample.setting("featuredImage", "\n  href: item-42-featuredImage.png\n  valid: false")
        let outcome = document.read()
        #expect(outcome.status == .repaired)
        #expect(try #require(outcome.item).image == nil)
        let warning = try #require(ContentTestKit.warnings(outcome, field: "featuredImage").first)
        #expect(warning.message.contains("valid: false"))
        #expect(warning.line == document.line(of: "featuredImage").map { $0 + 1 })
    }

    @Test(arguments: [
        ("pic.png", "https://www.medigy.com/media/pic.png", "image/png"),
        ("sub dir/pic one.webp", "https://www.medigy.com/media/sub%20dir/pic%20one.webp", "image/webp"),
        ("/static/pic.gif", "https://www.medigy.com/static/pic.gif", "image/gif"),
        ("https://img.example.com/a/pic.jpg?w=2", "https://img.example.com/a/pic.jpg?w=2", "image/jpeg"),
        ("//cdn.example.com/pic.svg", "https://cdn.example.com/pic.svg", "image/svg+xml"),
    ])
    func imageHref(_ href: String, _ url: String, _ mimeType: String) throws {
        let document = sample.setting("featuredImage", "\n  href: '\(href)'\n  valid: true")
        let outcome = document.read()
        let image = try #require(try ContentTestKit.item(outcome).image)
        #expect(image.url == url)
        #expect(image.mimeType == mimeType)
        #expect(image.width == nil && image.height == nil && image.alt == nil)
    }

    @Test func imageWithASchemeOtherThanHTTPIsLeftOut() throws {
        let outcome = sample.setting("featuredImage", "\n  href: 'ftp://example.com/pic.png'").read()
        #expect(try #require(outcome.item).image == nil)
        #expect(!ContentTestKit.warnings(outcome, field: "featuredImage.href").isEmpty)
    }

    @Test func imageSizeMustBeTwoPositiveNumbers() throws {
        for size in ["\n  - 0\n  - 400", "\n  - 700", "\n  - wide\n  - 400"] {
            let document = sample.setting("featuredImage", "\n  href: pic.png\n  size:\(size)")
            let image = try #require(try ContentTestKit.item(document.read()).image)
            #expect(image.width == nil && image.height == nil, "size\(size)")
        }
    }

    @Test func relativeLinkIsLeftOut() throws {
        let document = sample.setting("link", "\n  brand: example.com\n  href: /article/1")
        let outcome = document.read()
        let item = try #require(outcome.item)
        #expect(item.externalURL == nil)
        #expect(item.sourceName == "example.com")
        let warning = try #require(ContentTestKit.warnings(outcome, field: "link.href").first)
        #expect(warning.message.contains("'/article/1'"))
        #expect(warning.line == document.line(of: "link").map { $0 + 1 })
    }

    @Test func linkWithSpacesIsEscaped() throws {
        let outcome = sample.setting("link", "\n  href: https://example.com/a b?q=ü").read()
        #expect(try #require(outcome.item).externalURL == "https://example.com/a%20b?q=%C3%BC")
    }

    @Test func missingDescriptionAndBody() throws {
        let document = sample.setting("description", nil).withBody("")
        let outcome = document.read()
        let item = try #require(outcome.item)
        #expect(item.summary == nil)
        #expect(item.contentHTML == "")
        let warnings = ContentTestKit.warnings(outcome, field: "body")
        #expect(warnings.count == 1)
        #expect(warnings.first?.line == document.bodyLine - 1)  // the line after the closing ---
    }

    @Test func emptyBodyUsesTheEscapedDescription() throws {
        let outcome = sample.setting("description", " 'Fish & <chips>'").withBody("").read()
        #expect(try #require(outcome.item).contentHTML == "<p>Fish &amp; &lt;chips&gt;</p>")
    }

    @Test func categoriesJoinTags() throws {
        let outcome = sample.setting("categories", "\n- policy\n- news").read()
        #expect(try #require(outcome.item).tags == ["news", "policy"])
    }

    @Test func duplicateKeysWarnAndTheLastWins() throws {
        let document = sample.setting("title", " First title\ntitle: Second title")
        let outcome = document.read()
        #expect(try #require(outcome.item).title == "Second title")
        let warning = try #require(ContentTestKit.warnings(outcome, field: "title").first)
        #expect(warning.line == document.line(of: "title").map { $0 + 1 })
    }

    @Test func unsafeSlugIsMadeSafe() throws {
        let document = sample.setting("slug", " '../../etc/passwd'")
        let outcome = document.read()
        let item = try #require(outcome.item)
        #expect(item.url == "https://www.medigy.com/communities/care-team/curated-content/etc-passwd/")
        #expect(ContentTestKit.warnings(outcome, field: "slug").first?.line == document.line(of: "slug"))
    }

    @Test func unsafeBasePathFallsBackToTheCommunity() throws {
        let outcome = sample.setting("basePath", " /communities/../admin/").read()
        #expect(
            try #require(outcome.item).url.hasPrefix("https://www.medigy.com/communities/care-team/curated-content/")
        )
        #expect(!ContentTestKit.warnings(outcome, field: "basePath").isEmpty)
    }
}

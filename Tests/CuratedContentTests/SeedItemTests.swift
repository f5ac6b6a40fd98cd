import FeedModel
import FeedTestSupport
import Foundation
import Testing

@testable import CuratedContent

/// The seed item, `Examples/content/231bd5ac-….md`, mapped field by field to a ``FeedItem``.
@Suite("Seed item")
struct SeedItemTests {
    private let seedPage =
        "https://www.medigy.com/communities/chronic-care-management/curated-content/"
        + "healthcarebusinesstoday-healthcare-information-systems-next-steps-for-the-new-year/"
    private let original =
        "https://www.healthcarebusinesstoday.com/healthcare-information-systems-next-steps-for-the-new-year/"

    private func seedItem() throws -> FeedItem {
        let outcome = try ContentTestKit.seedOutcome()
        return try #require(outcome.item, "seed rejected: \(outcome.issues)")
    }

    @Test func isPublishedWithoutIssues() throws {
        let outcome = try ContentTestKit.seedOutcome()
        #expect(outcome.status == .published)
        #expect(outcome.issues.isEmpty)
        #expect(outcome.path == "231bd5ac-56ed-52d4-b129-6d06debb9391.md")
    }

    @Test func identity() throws {
        let item = try seedItem()
        #expect(item.id == "tag:medigy.com,2020:items/3826")
        #expect(item.sourceID == "3826")
    }

    @Test func titleAndSummary() throws {
        let item = try seedItem()
        #expect(item.title == "Healthcare Information Systems: Next Steps for the New Year")
        // The description is folded over three lines in the file; YAML unfolds it into one.
        #expect(
            item.summary
                == "As we near the end of an unprecedented year in which the pandemic led to dramatic changes in "
                + "terms of how healthcare is delivered, the stage is now set for providers to modernize their health"
        )
        #expect(item.summary?.contains("\n") == false)
    }

    @Test func contentIsTheBodyAsWritten() throws {
        let item = try seedItem()
        let text = try ContentTestKit.seedText()
        let afterDelimiter = try #require(text.range(of: "\n---\n", options: .backwards))
        let body = text[afterDelimiter.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(item.contentHTML == body)
        #expect(item.contentHTML?.hasPrefix("<p>As we near the end of an unprecedented year") == true)
        #expect(item.contentHTML?.contains("information systems (HIS).&nbsp;Advanced HIS solutions") == true)
        #expect(item.contentHTML?.hasSuffix("radically changing the HIS solution space.&nbsp;</p>") == true)
    }

    @Test func publishedIsDate() throws {
        let item = try seedItem()
        #expect(item.published.rfc3339 == "2020-11-26T09:08:19.821451Z")
        #expect(item.published.seconds == 1_606_381_699)
        #expect(item.published.nanoseconds == 821_451_000)
    }

    @Test func updatedIsLastMod() throws {
        let item = try seedItem()
        #expect(item.updated.rfc3339 == "2020-11-26T09:08:30.022605Z")
        #expect(item.updated.seconds == 1_606_381_710)
        #expect(item.updated.nanoseconds == 22_605_000)
    }

    @Test func authorsAndTags() throws {
        let item = try seedItem()
        #expect(item.authors == [Person(name: "Sonalika Ghosh")])
        #expect(item.tags == ["news"])
        #expect(item.categories.isEmpty)
    }

    @Test func community() throws {
        let community = try #require(try seedItem().community)
        #expect(community.name == "Chronic Care Management (CCM)")
        #expect(community.slug?.text == "chronic-care-management")  // from basePath, not from the name
        #expect(community.title == "Chronic Care Management (CCM) CoP")
        #expect(community.displayTitle == "Chronic Care Management (CCM) CoP")
    }

    @Test func topicsInOrderWithSlugs() throws {
        let topics = try seedItem().topics
        #expect(
            topics.map(\.name) == [
                "Medigy: Business Survival & Continuity",
                "HIMSS: Digital Health",
                "KLAS: Health Information Exchange (HIE)",
            ]
        )
        #expect(topics.allSatisfy { $0.slug == nil }, "the reader leaves topic slugs to FeedSetBuilder")
        #expect(
            ContentTestKit.resolved(try seedItem()).topics.compactMap(\.slug?.text) == [
                "medigy-business-survival-continuity",
                "himss-digital-health",
                "klas-health-information-exchange-hie",
            ]
        )
    }

    @Test func featuredImage() throws {
        let image = try #require(try seedItem().image)
        #expect(image.url == "https://www.medigy.com/media/231bd5ac-56ed-52d4-b129-6d06debb9391-featuredImage.jpeg")
        #expect(image.width == 700)
        #expect(image.height == 400)
        #expect(image.alt == "Healthcare Information Systems: Next Steps for the New Year")
        #expect(image.mimeType == "image/jpeg")
    }

    @Test func pagesAndSource() throws {
        let item = try seedItem()
        #expect(item.url == seedPage)
        #expect(item.externalURL == original)
        #expect(item.sourceName == "healthcarebusinesstoday.com")
    }

    @Test func customMediaURLTemplateAndIDs() throws {
        let settings = ContentSettings(
            siteURL: "https://www.medigy.com/",
            mediaURL: "https://cdn.example.org/images",
            itemURLTemplate: "{site}/items/{community}/{id}/{slug}.html",
            ids: TagURI(authority: "Example.org", date: "2024-01")
        )
        #expect(settings.siteURL == "https://www.medigy.com")
        #expect(settings.mediaURL == "https://cdn.example.org/images/")
        let outcome = ItemReader(settings: settings).read(path: "seed.md", bytes: try ContentTestKit.seedBytes())
        let item = try #require(outcome.item)
        #expect(outcome.issues.isEmpty)
        #expect(item.id == "tag:example.org,2024-01:items/3826")
        #expect(
            item.image?.url == "https://cdn.example.org/images/231bd5ac-56ed-52d4-b129-6d06debb9391-featuredImage.jpeg"
        )
        #expect(
            item.url
                == "https://www.medigy.com/items/chronic-care-management/3826/"
                + "healthcarebusinesstoday-healthcare-information-systems-next-steps-for-the-new-year.html"
        )
    }

    @Test func basePathTemplatePlaceholder() throws {
        let settings = ContentSettings(siteURL: "https://example.org", itemURLTemplate: "{site}{basePath}p/{id}/")
        let item = try #require(
            ItemReader(settings: settings).read(path: "s.md", bytes: try ContentTestKit.seedBytes()).item
        )
        #expect(item.url == "https://example.org/communities/chronic-care-management/curated-content/p/3826/")
        #expect(item.id == "tag:example.org,2020:items/3826")
    }

    @Test func sampleDocumentIsPublishedAsWritten() throws {
        let outcome = ContentDocument.sample.read()
        #expect(outcome.status == .published, "\(outcome.issues)")
        let item = try #require(outcome.item)
        #expect(item.sourceID == "42")
        #expect(item.community == Community(name: "Care Team", slug: Slug("care-team"), title: "Care Team CoP"))
        #expect(
            item.image
                == FeedImage(
                    url: "https://www.medigy.com/media/item-42-featuredImage.png",
                    width: 640,
                    height: 480,
                    alt: "An image",
                    mimeType: "image/png"
                )
        )
        #expect(item.url == "https://www.medigy.com/communities/care-team/curated-content/example-article/")
    }
}

import FeedModel
import Foundation
import Testing

@testable import CuratedContent

/// Community and topic names that try to escape a folder or break a slug: never a rejection, always a safe slug.
@Suite("Hostile names")
struct HostileNameTests {
    private let sample = ContentDocument.sample

    /// YAML single-quoted.
    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    private static func expectSafeSlug(_ value: Slug?, sourceLocation: SourceLocation = #_sourceLocation) {
        let slug = value?.text ?? ""
        #expect(Slug.isValid(slug), "'\(slug)'", sourceLocation: sourceLocation)
        #expect(!slug.contains("/") && !slug.contains(".."), "'\(slug)'", sourceLocation: sourceLocation)
        #expect(PathSegment.isSafe(slug), "'\(slug)'", sourceLocation: sourceLocation)
    }

    static let longName = String(repeating: "Very Long Community ", count: 15)  // 300 characters

    static let communityNames = ["../../etc", "..", "/", "CON", "", longName, "nul", "COM1", ".hidden", "a/../../b"]

    /// The item with the exporter's fields all built from community `name`, as the corpus quirks do.
    private func community(_ name: String) -> ContentDocument {
        sample.setting("identifier", " " + Self.quoted(name))
            .setting("mastHead", " " + Self.quoted("\(name) CoP"))
            .setting("basePath", " " + Self.quoted("/communities/\(name)/curated-content/"))
            .setting("type", " " + Self.quoted("communities/medigy-\(name)"))
            .setting("contentCategories", " " + Self.quoted("medigy-\(name)-curated-content"))
    }

    @Test(arguments: communityNames)
    func hostileCommunity(_ name: String) throws {
        let document = community(name)
        let outcome = document.read()
        #expect(outcome.status != .rejected, "\(outcome.issues)")
        let item = try #require(outcome.item)
        #expect(item.url.hasPrefix("https://www.medigy.com/"))
        #expect(!item.url.contains("/../") && !item.url.contains("/./") && !item.url.dropFirst(8).contains("//"))
        #expect(item.url.hasSuffix("/example-article/"))
        if name.isEmpty {
            #expect(item.community == nil)
            let warning = try #require(ContentTestKit.warnings(outcome, field: "identifier").first)
            #expect(warning.line == document.line(of: "identifier"))
        } else {
            let community = try #require(ContentTestKit.resolved(item).community)
            #expect(community.name == name.trimmingWhitespace)
            #expect(community.title == "\(name) CoP".split(separator: " ").joined(separator: " "))
            Self.expectSafeSlug(community.slug)
        }
    }

    @Test func longCommunityNameIsCutWithAHash() throws {
        #expect(Self.longName.count == 300)
        let slug = try #require(
            ContentTestKit.resolved(try ContentTestKit.item(community(Self.longName).read())).community?.slug?.text
        )
        #expect(slug.count <= Slug.maximumLength)
        #expect(slug.hasPrefix("very-long-community-very-long-community"))
    }

    @Test func reservedDeviceNamesAreNotSlugs() throws {
        for name in ["CON", "nul", "COM1"] {
            let slug = try #require(
                ContentTestKit.resolved(try ContentTestKit.item(community(name).read())).community?.slug?.text
            )
            #expect(slug.hasPrefix(name.lowercased() + "-"), "\(slug)")
        }
    }

    @Test func traversalInBasePathIsReplaced() throws {
        let outcome = community("../../etc").read()
        let item = try #require(outcome.item)
        let slug = try #require(ContentTestKit.resolved(item).community?.slug?.text)
        #expect(slug.hasPrefix("etc"))
        #expect(item.url == "https://www.medigy.com/communities/\(slug)/curated-content/example-article/")
        #expect(ContentTestKit.warnings(outcome, field: "basePath").count == 1)
    }

    static let topicNames = [
        "../../etc", "..", "/", "CON", "", "   ",
        "Medigy: " + String(repeating: "Very Long Topic Name ", count: 14) + "End",
        "🩺💊🧬", "Medigy: صحة رقمية", "\\", "%2e%2e%2f", "\u{202E}RTL override", "Santé: Données",
    ]

    @Test(arguments: topicNames)
    func hostileTopic(_ name: String) throws {
        let document = sample.setting("communityTopics", "\n- \(Self.quoted(name))\n- 'HIMSS: Digital Health'")
        let outcome = document.read()
        #expect(outcome.status != .rejected, "\(outcome.issues)")
        let topics = ContentTestKit.resolved(try #require(outcome.item)).topics
        for topic in topics { Self.expectSafeSlug(topic.slug) }
        #expect(topics.last == Topic(name: "HIMSS: Digital Health", slug: Slug("himss-digital-health")))
        if name.trimmingWhitespace.isEmpty {
            #expect(topics.count == 1)
            let warning = try #require(ContentTestKit.warnings(outcome, field: "communityTopics").first)
            #expect(warning.message.contains("empty entry"))
            #expect(warning.line == document.line(of: "communityTopics").map { $0 + 1 })
        } else if name.count > ContentLimits().title {
            #expect(topics.count == 2)
            #expect((topics.first?.name.count ?? 0) <= ContentLimits().title)
            #expect(topics.first?.name.hasSuffix("…") == true)
            #expect(outcome.status == .repaired, "a name past limits.title is cut, with a warning")
        } else {
            #expect(topics.count == 2)
            #expect(topics.first?.name == name)
            #expect(outcome.status == .published, "\(outcome.issues)")
        }
    }

    @Test func topicSlugsOfNotableNames() throws {
        let document = sample.setting(
            "communityTopics",
            "\n- 'Medigy: صحة رقمية'\n- '🩺💊🧬'\n- 'Santé: Données'\n- CON\n- '../../etc'"
        )
        let slugs = ContentTestKit.resolved(try #require(document.read().item)).topics.compactMap(\.slug?.text)
        #expect(slugs.count == 5)
        #expect(slugs[0] == "medigy")
        #expect(slugs[1].hasPrefix("topic-"))
        #expect(slugs[2] == "sante-donnees")
        #expect(slugs[3].hasPrefix("con-"))
        #expect(slugs[4] == "etc")
    }

    @Test func hostileTopicsInMedigyTopicsToo() throws {
        let json = #"["../../etc","","   ","/","🩺💊🧬"]"#
        let document = sample.setting("communityTopics", nil)
            .setting("openProjectCustomFields", "\n  medigyTopics: '\(json)'")
        let outcome = document.read()
        let topics = ContentTestKit.resolved(try #require(outcome.item)).topics
        #expect(topics.map(\.name) == ["../../etc", "/", "🩺💊🧬"])
        for topic in topics { Self.expectSafeSlug(topic.slug) }
        #expect(ContentTestKit.warnings(outcome, field: "openProjectCustomFields.medigyTopics").count == 2)
    }

    @Test func hostileSourceIDIsEscapedInTheTagURI() throws {
        let outcome = sample.setting("id", " '../a b%2F'").read()
        let item = try #require(outcome.item)
        #expect(item.sourceID == "../a b%2F")
        #expect(item.id == "tag:medigy.com,2020:items/../a%20b%252F")
    }
}

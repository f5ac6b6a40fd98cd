import FeedModel
import FeedTestSupport
import FeedpubSystem
import Foundation
import PropertyBased
import Testing

@testable import FeedWriters

/// Hostile text in every field a reader shows: all three formats stay parseable, and a parser reads back
/// exactly the text minus the characters XML forbids (JSON Feed drops them too, so the formats agree).
@Suite struct EscapingTests {
    /// What went wrong for `hostile` in any format: empty when every field round-trips.
    static func problems(_ hostile: String) throws -> [String] {
        let feed = SampleFeed.hostile(hostile)
        var fields: [(String, String?, String)] = []
        func field(_ label: String, _ actual: String?, _ expected: String) { fields.append((label, actual, expected)) }

        let rssBytes = try RSSWriter().render(feed)
        guard let rss = try? XMLElement.parse(rssBytes) else { return ["RSS not well-formed"] }
        let channel = rss.child("channel")
        field("rss title", channel?.text(of: "title"), "T" + hostile)
        // RSS readers take a description as HTML: plain text goes in HTML-escaped, so it shows as written.
        field("rss description", channel?.text(of: "description"), HTMLText.escaped("D" + hostile))
        field("rss copyright", channel?.text(of: "copyright"), "C" + hostile)
        field("rss managingEditor", channel?.text(of: "managingEditor"), "editors@medigy.com (P\(hostile))")
        field("rss image title", channel?.at("image/title")?.text, "T" + hostile)
        for (item, source) in zip(channel?.children("item") ?? [], feed.items) {
            field("rss item title", item.text(of: "title"), "t" + hostile)
            if source.summary != nil {
                field("rss item description", item.text(of: "description"), HTMLText.escaped("s" + hostile))
            }
            field("rss content:encoded", item.text(of: "content:encoded"), "h" + hostile)
            let creators = item.children("dc:creator").map(\.text)
            if creators.count != source.authors.count { return ["rss dc:creator count"] }
            for creator in creators { field("rss dc:creator", creator, "a" + hostile) }
            for category in item.children("category") { field("rss category", category.text, "l" + hostile) }
            if source.image?.alt != nil {
                field("rss media:description", item.at("media:content/media:description")?.text, "i" + hostile)
            }
        }

        let atomBytes = try AtomWriter().render(feed)
        guard let atom = try? XMLElement.parse(atomBytes) else { return ["Atom not well-formed"] }
        field("atom title", atom.text(of: "title"), "T" + hostile)
        field("atom subtitle", atom.text(of: "subtitle"), "D" + hostile)
        field("atom rights", atom.text(of: "rights"), "C" + hostile)
        field("atom author", atom.at("author/name")?.text, "P" + hostile)
        for (entry, source) in zip(atom.children("entry"), feed.items) {
            field("atom entry title", entry.text(of: "title"), "t" + hostile)
            if source.summary != nil { field("atom summary", entry.text(of: "summary"), "s" + hostile) }
            field("atom content", entry.text(of: "content"), "h" + hostile)
            for author in entry.children("author") {
                field("atom entry author", author.text(of: "name"), "a" + hostile)
            }
            for category in entry.children("category") {
                field("atom label", category.attributes["label"], "l" + hostile)
            }
            let links = entry.children("link")
            if source.sourceName != nil {
                field(
                    "atom related title",
                    links.first { $0.attributes["rel"] == "related" }?.attributes["title"],
                    "n" + hostile
                )
            }
            if source.image?.alt != nil {
                field(
                    "atom enclosure title",
                    links.first { $0.attributes["rel"] == "enclosure" }?.attributes["title"],
                    "i" + hostile
                )
            }
        }

        // JSONDecoder, not JSONSerialization: on Linux the latter drops a U+FEFF that follows an escape
        // (`"\\n\u{FEFF}y"` reads back as "\ny"); see `jsonSerializationLosesBOMAfterAnEscape`.
        let jsonBytes = try JSONFeedWriter().render(feed)
        guard let json = try? JSONDecoder().decode(JSONMirror.self, from: Data(jsonBytes)) else {
            return ["JSON not parseable"]
        }
        if jsonBytes.contains(where: { $0 < 0x20 && $0 != 0x0A }) { return ["raw control byte in JSON"] }
        if utf8(jsonBytes).unicodeScalars.contains(where: { $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            return ["raw U+2028/U+2029 in JSON"]
        }
        field("json title", json.title, "T" + hostile)
        field("json description", json.description, "D" + hostile)
        field("json author", json.authors?.first?.name, "P" + hostile)
        for (item, source) in zip(json.items, feed.items) {
            field("json item title", item.title, "t" + hostile)
            if source.summary != nil { field("json summary", item.summary, "s" + hostile) }
            field("json content_html", item.content_html, "h" + hostile)
            for author in item.authors ?? [] { field("json author", author.name, "a" + hostile) }
            for tag in item.tags ?? [] { field("json tag", tag, "l" + hostile) }
        }

        // Feed level, then the full, partial and bare items: RSS 5+8+5+2, Atom 4+9+5+2, JSON 3+7+5+2.
        let expectedFields = 20 + 20 + 17
        if fields.count != expectedFields { return ["checked \(fields.count) fields, expected \(expectedFields)"] }
        return fields.compactMap { label, actual, expected in
            guard let actual else { return "\(label): missing" }
            return scalars(actual) == expectedBack(expected) ? nil : "\(label): \(actual.debugDescription)"
        }
    }

    /// The JSON Feed fields that carry text.
    struct JSONMirror: Decodable {
        struct Author: Decodable { var name: String }
        struct Item: Decodable {
            var title: String
            var summary: String?
            var content_html: String
            var authors: [Author]?
            var tags: [String]?
        }
        var title: String
        var description: String
        var authors: [Author]?
        var items: [Item]
    }

    @Test func jsonSerializationLosesBOMAfterAnEscape() throws {
        // The writer is right: the U+FEFF after the escaped quote is in the bytes, and JSONDecoder reads it.
        var feed = SampleFeed.feed
        feed.title = "T\"\u{FEFF}"
        let bytes = try JSONFeedWriter().render(feed)
        #expect(utf8(bytes).contains("\"title\": \"T\\\"\u{FEFF}\","))
        let decoded = try JSONDecoder().decode(JSONMirror.self, from: Data(bytes))
        #expect(scalars(decoded.title) == scalars(feed.title))
    }

    @Test func plainTextPassesTheCheck() throws {
        #expect(try Self.problems("plain") == [])
    }

    @Test func everyHostilePieceAndPair() throws {
        var failures: [String] = []
        for hostile in HostileStrings.combinations {
            let found = try Self.problems(hostile)
            if !found.isEmpty { failures.append("\(hostile.debugDescription): \(found.prefix(3))") }
        }
        #expect(failures.isEmpty, "\(failures.count) inputs failed; first: \(failures.prefix(3))")
    }

    @Test func randomHostileStrings() async {
        await propertyCheck(count: 200, input: HostileGen.string) { hostile in
            let found = try Self.problems(hostile)
            #expect(found == [], "input: \(hostile.debugDescription)")
        }
    }

    @Test func forbiddenCharactersAreDroppedInEveryFormat() throws {
        let feed = SampleFeed.hostile("\u{0}\u{B}\u{1B}\u{FFFE}\u{FFFF}x")
        for bytes in [try RSSWriter().render(feed), try AtomWriter().render(feed), try JSONFeedWriter().render(feed)] {
            #expect(!bytes.contains(0x00) && !bytes.contains(0x0B) && !bytes.contains(0x1B))
            #expect(!utf8(bytes).unicodeScalars.contains { $0.value == 0xFFFE || $0.value == 0xFFFF })
            #expect(!utf8(bytes).contains("\\u0000") && !utf8(bytes).contains("\\u000b") && !utf8(bytes).contains("&#"))
            #expect(utf8(bytes).contains("Tx"))
        }
    }
}

import CuratedContent
import FeedModel
import FeedPublisher
import FeedTestSupport
import FeedWriters
import Foundation
import Testing

/// `feedpub.yml`: every key optional, typos and wrong types reported with their line.
@Suite struct ConfigurationFileTests {
    @Test func emptyFileGivesTheDefaults() throws {
        let configuration = try ConfigurationFile.parse("", source: "empty.yml")
        #expect(configuration == PublishConfiguration())
        #expect(configuration.limit == .newest(50))
        #expect(configuration.formats == [.rss, .atom, .json])
    }

    @Test func readsEveryKey() throws {
        let text = """
            site:
              title: Example
              url: https://example.org
              description: All of it
              language: fr-CA
              favicon: https://example.org/f.ico
              icon: https://example.org/i.png
              logo: https://example.org/l.png
              copyright: © Example
            publisher: {name: Ed, email: ed@example.org, url: https://example.org/ed}
            feeds: {url: https://cdn.example.org/f/, limit: 0, formats: [atom, json], opml: atom}
            content: {mediaURL: https://img.example.org/, itemURL: "{site}/items/{id}/"}
            pages: {community: "{site}/c/{slug}", topic: "{site}/t/{slug}"}
            categories: {topicScheme: https://example.org/topics, tagScheme: https://example.org/tags}
            ids: {authority: example.org, date: 2019-05}
            communities:
              alpha: {title: A, description: About A}
            """
        let c = try ConfigurationFile.parse(text, source: "full.yml")
        #expect(c.siteTitle == "Example" && c.siteURL == "https://example.org" && c.siteDescription == "All of it")
        #expect(
            c.language == "fr-CA" && c.favicon == "https://example.org/f.ico" && c.logo == "https://example.org/l.png"
        )
        #expect(c.publisherName == "Ed" && c.publisherEmail == "ed@example.org")
        #expect(c.feedsURL == "https://cdn.example.org/f/" && c.limit == .all && c.formats == [.atom, .json])
        #expect(c.effectiveOPMLFormat == .atom)
        #expect(c.mediaURL == "https://img.example.org/" && c.itemURLTemplate == "{site}/items/{id}/")
        #expect(c.idAuthority == "example.org" && c.idDate == "2019-05")
        #expect(c.communities["alpha"]?.description == "About A")
        #expect(c.feedSettings.ids.uri("x") == "tag:example.org,2019-05:x")
        #expect(c.contentSettings.mediaURL == "https://img.example.org/")
    }

    @Test func theExampleConfigurationLoads() throws {
        let path = Fixtures.repositoryRoot.appendingPathComponent("feedpub.yml").path
        let configuration = try ConfigurationFile.load(path)
        #expect(configuration.siteURL == "https://www.medigy.com")
        #expect(configuration.publisherEmail == "editors@medigy.com")
    }

    @Test(arguments: [
        ("site:\n  titel: X\n", 2, "site.titel", "not a known key"),
        ("feeds:\n  limit: many\n", 2, "feeds.limit", "whole number"),
        ("feeds:\n  formats: [rss, html]\n", 2, "feeds.formats", "'html' is not a format"),
        ("site: [1, 2]\n", 1, "site", "mapping"),
        ("colour: blue\n", 1, "colour", "not a known key"),
    ])
    func mistakesAreReportedWithLineAndKey(text: String, line: Int, key: String, message: String) {
        #expect {
            _ = try ConfigurationFile.parse(text, source: "bad.yml")
        } throws: { error in
            guard let error = error as? ConfigurationError else { return false }
            return error.line == line && error.key == key && error.message.contains(message)
                && error.description.hasPrefix("bad.yml:\(line): \(key): ")
        }
    }

    @Test(arguments: [
        ("site:\n  url: www.example.org\n", "site.url"),
        ("feeds:\n  limit: -1\n", "feeds.limit"),
        ("feeds:\n  formats: []\n", "feeds.formats"),
        ("ids:\n  date: yesterday\n", "ids.date"),
    ])
    func invalidValuesAreRefused(text: String, key: String) {
        #expect {
            _ = try ConfigurationFile.parse(text, source: "bad.yml")
        } throws: { error in
            (error as? ConfigurationError)?.key == key
        }
    }
}

import FeedModel
import Testing

/// Tag URIs (RFC 4151) as item and feed ids.
@Suite struct TagURITests {
    @Test func buildsTagURIs() {
        let tags = TagURI(authority: "Medigy.com", date: "2020")
        #expect(tags.uri("items/3826") == "tag:medigy.com,2020:items/3826")
        #expect(tags.uri("feeds/communities/ccm") == "tag:medigy.com,2020:feeds/communities/ccm")
    }

    @Test func escapesWhatTagURIsCannotHold() {
        let tags = TagURI(authority: "medigy.com", date: "2020-11")
        #expect(tags.uri("items/a b") == "tag:medigy.com,2020-11:items/a%20b")
        #expect(tags.uri("items/é") == "tag:medigy.com,2020-11:items/%C3%A9")
        #expect(tags.uri("items/100%") == "tag:medigy.com,2020-11:items/100%25")
        #expect(tags.uri("items/<x>\"") == "tag:medigy.com,2020-11:items/%3Cx%3E%22")
        #expect(tags.uri("items/a:b@c?d") == "tag:medigy.com,2020-11:items/a:b@c?d")
    }

    @Test func hostOfSiteURL() {
        #expect(FeedSettings.host(of: "https://www.medigy.com/x") == "medigy.com")
        #expect(FeedSettings.host(of: "http://Example.ORG:8080") == "example.org")
        #expect(FeedSettings.host(of: "medigy.com") == nil)
    }
}

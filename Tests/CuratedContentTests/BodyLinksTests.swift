import FeedModel
import Foundation
import Testing

@testable import CuratedContent

/// `BodyLinks.absolutized`: relative `href` and `src` values made absolute, everything else byte for byte.
@Suite("Body links")
struct BodyLinksTests {
    private let site = "https://www.medigy.com"
    private let page = "https://www.medigy.com/communities/care/curated-content/item/"

    private func absolutized(_ body: String, line: Int = 7) -> (String, [ContentIssue]) {
        var log = IssueLog(path: "x.md")
        let result = BodyLinks.absolutized(body, site: site, page: page, line: line, log: &log)
        return (result, log.issues)
    }

    @Test(arguments: [
        (#"<a href="/x">"#, #"<a href="https://www.medigy.com/x">"#),
        (#"<img src='//cdn/x'>"#, #"<img src='https://cdn/x'>"#),
        (
            #"<a href="page.html">"#,
            #"<a href="https://www.medigy.com/communities/care/curated-content/item/page.html">"#
        ),
        (#"<a class="c" HREF="/Up?q=1&amp;r=2">"#, #"<a class="c" HREF="https://www.medigy.com/Up?q=1&amp;r=2">"#),
        ("<img\n  src=\"/i.png\"\talt=''>", "<img\n  src=\"https://www.medigy.com/i.png\"\talt=''>"),
        (#"<a href=" /padded ">"#, #"<a href="https://www.medigy.com/padded">"#),
    ])
    func relativeReferencesBecomeAbsolute(_ body: String, _ expected: String) {
        let (result, issues) = absolutized(body)
        #expect(result == expected)
        #expect(issues.count == 1)
    }

    @Test(arguments: [
        ##"<a href="#a">"##, #"<a href="mailto:someone@example.com">"#, #"<a href="https://example.com/x">"#,
        #"<a href="HTTP://EXAMPLE.COM">"#, #"<img src="data:image/png;base64,AAAA">"#, #"<a href="">"#,
        #"<a data-href="/x">"#, #"<img srcset="/a.png 2x">"#, #"<a href=/unquoted>"#, "<p>href=\"/x\" in text</p>",
        #"<a title="src='/x'">"#, "plain text = /x", #"<a href="/never-closed>"#,
    ])
    func otherValuesStay(_ body: String) {
        let (result, issues) = absolutized(body)
        #expect(result == body)
        #expect(issues.isEmpty)
    }

    @Test func warningListsTheChangesAndTheBodyIsOtherwiseIdentical() throws {
        let body =
            "<p>Read <a href=\"/x\" target=\"_blank\">this</a>&nbsp;and <img src='//cdn/x'> or "
            + "<a href=\"page.html\">that</a>, not <a href=\"#a\">here</a> 🩺 <a href=\"mailto:a@b.c\">mail</a>.</p>"
        let (result, issues) = absolutized(body)
        let expected = body.replacingOccurrences(of: "\"/x\"", with: "\"\(site)/x\"")
            .replacingOccurrences(of: "'//cdn/x'", with: "'https://cdn/x'")
            .replacingOccurrences(of: "\"page.html\"", with: "\"\(page)page.html\"")
        #expect(result == expected)
        let warning = try #require(issues.first)
        #expect(issues.count == 1)
        #expect(warning.field == "body")
        #expect(warning.line == 7)
        #expect(warning.severity == .warning)
        #expect(
            warning.message
                == "made 3 relative URL(s) absolute: /x → https://www.medigy.com/x, //cdn/x → https://cdn/x, "
                + "page.html → \(page)page.html"
        )
    }

    @Test func warningShowsThreeExamplesOfMany() throws {
        let body = (1...5).map { "<a href=\"/p\($0)\">\($0)</a>" }.joined()
        let (result, issues) = absolutized(body)
        #expect(result == (1...5).map { "<a href=\"\(site)/p\($0)\">\($0)</a>" }.joined())
        let message = try #require(issues.first?.message)
        #expect(message.hasPrefix("made 5 relative URL(s) absolute: /p1 → "))
        #expect(message.hasSuffix("/p3, …"))
        #expect(!message.contains("/p4"))
    }

    @Test func bodyLinksInAnItemUseTheItemPage() throws {
        let document = ContentDocument.sample.withBody("<p><a href=\"notes.html\">n</a> <img src=\"/media/a.png\"></p>")
        let outcome = document.read()
        let item = try #require(outcome.item)
        #expect(
            item.contentHTML
                == "<p><a href=\"https://www.medigy.com/communities/care-team/curated-content/example-article/"
                + "notes.html\">n</a> "
                + "<img src=\"https://www.medigy.com/media/a.png\"></p>"
        )
        let warning = try #require(ContentTestKit.warnings(outcome, field: "body").first)
        #expect(warning.line == document.bodyLine)
        #expect(outcome.status == .repaired)
    }

    @Test func warningLineIsTheBodyLineWhereverItStarts() throws {
        let document = ContentDocument.sample
        let body = "<p><a href=\"/x\">x</a></p>"
        for (gap, extraLines) in [("", -1), ("\n", 0), ("\n  \n\t\n", 2)] {
            let text = "---\n" + document.yaml + "---\n" + gap + body + "\n"
            let warning = ContentTestKit.warnings(ContentTestKit.read(text), field: "body").first
            #expect(warning?.line == document.bodyLine + extraLines, "gap \(gap.debugDescription)")
        }
    }
}

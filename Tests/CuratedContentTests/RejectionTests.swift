import FeedModel
import Foundation
import Testing

@testable import CuratedContent

/// Files the reader cannot publish: each is rejected with an error naming the field and, where known, the line.
@Suite("Rejections")
struct RejectionTests {
    private let sample = ContentDocument.sample

    /// The single error of a rejected outcome, failing the test otherwise.
    private func rejection(
        _ outcome: ReadOutcome,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> ContentIssue {
        #expect(outcome.status == .rejected, sourceLocation: sourceLocation)
        #expect(outcome.item == nil, sourceLocation: sourceLocation)
        let errors = ContentTestKit.errors(outcome)
        #expect(errors.count == 1, "\(errors)", sourceLocation: sourceLocation)
        return try #require(errors.first, sourceLocation: sourceLocation)
    }

    @Test(arguments: ["", "   ", "\n\n\t \n", "\u{FEFF}", "\r\n\r\n"])
    func emptyFile(_ text: String) throws {
        let error = try rejection(ContentTestKit.read(text, path: "a/empty.md"))
        #expect(error.field == "file")
        #expect(error.message == "is empty")
        #expect(error.line == nil)
        #expect(error.path == "a/empty.md")
        #expect(error.description == "a/empty.md: file: is empty")
    }

    @Test(arguments: ["<p>Only a body.</p>\n", "title: x\n---\n", " ---\ntitle: x\n---\n", "----\ntitle: x\n---\n"])
    func noFrontMatter(_ text: String) throws {
        let error = try rejection(ContentTestKit.read(text))
        #expect(error.field == "front matter")
        #expect(error.line == 1)
        #expect(error.message.contains("missing"))
    }

    @Test func frontMatterNeverClosed() throws {
        let text = ContentTestKit.replacing("\n---\n\n", with: "\n\n", in: sample.text)
        let error = try rejection(ContentTestKit.read(text))
        #expect(error.field == "front matter")
        #expect(error.line == 1)
        #expect(error.message.contains("never closed"))
        #expect(error.description == "items/sample.md:1: front matter: is never closed (no second --- line)")
    }

    @Test func closingDelimiterMayHaveTrailingBlanksAndEndTheFile() throws {
        let text = "---\n" + sample.yaml + "--- \t"
        let outcome = ContentTestKit.read(text)
        #expect(outcome.item?.title == "A sample title")
    }

    @Test(arguments: ["---\n---\n<p>x</p>", "---\n# only a comment\n---\n"])
    func emptyFrontMatter(_ text: String) throws {
        let error = try rejection(ContentTestKit.read(text))
        #expect(error.field == "front matter")
        #expect(error.message == "is empty")
    }

    /// A broken front matter: the text, and the YAML line and column libyaml reports.
    struct SyntaxCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var yamlLine: Int
        var column: Int
        var testDescription: String { name }
    }

    static let syntaxCases: [SyntaxCase] = {
        let text = ContentDocument.sample.text
        func replace(_ old: String, _ new: String) -> String { ContentTestKit.replacing(old, with: new, in: text) }
        return [
            SyntaxCase(
                name: "unterminated quote",
                text: replace("\ntitle: A sample title\n", "\ntitle: 'Unterminated quote: it's broken\n"),
                yamlLine: 28,  // the title's line: the quote closes after "it", then "s broken" is no key
                column: 32
            ),
            SyntaxCase(name: "tab indentation", text: replace("\nid: 42\n", "\n\tid: 42\n"), yamlLine: 17, column: 1),
            SyntaxCase(
                name: "unclosed [",
                text: replace("\ntags:\n- news\n", "\ntags: [news, policy\n"),
                yamlLine: 27,  // libyaml finds out on the next line (title), where ',' or ']' is missing
                column: 6
            ),
            SyntaxCase(
                name: "bad indentation",
                text: replace("\nslug: example-article\n", "\nslug: example-article\n  - stray: [\n"),
                yamlLine: 26,
                column: 10
            ),
        ]
    }()

    @Test(arguments: syntaxCases)
    func yamlSyntaxError(_ syntax: SyntaxCase) throws {
        let error = try rejection(ContentTestKit.read(syntax.text))
        #expect(error.field == "front matter")
        #expect(error.message.hasPrefix("YAML syntax error: "))
        #expect(error.message.hasSuffix("(YAML line \(syntax.yamlLine), column \(syntax.column))"), "\(error.message)")
        #expect(error.line == syntax.yamlLine + 1)
    }

    @Test func secondYAMLDocumentIsASyntaxError() throws {
        let error = try rejection(ContentTestKit.read("---\ntitle: a\n--- b\n---\n"))
        #expect(error.field == "front matter")
        #expect(error.message.contains("more than one YAML document"))
        #expect(error.line == 3)
    }

    @Test func undefinedAliasIsASyntaxError() throws {
        let error = try rejection(sample.setting("tags", " *nowhere").read())
        #expect(error.message.contains("undefined alias"))
        #expect(error.line == sample.line(of: "tags"))
    }

    @Test func missingTitle() throws {
        let error = try rejection(sample.setting("title", nil).read())
        #expect(error.field == "title")
        #expect(error.message == "is missing")
        #expect(error.line == nil)
    }

    @Test(arguments: [" ''", " '   '", " \"\\t\\n\"", " ~", " \"\\v\""])
    func emptyTitle(_ value: String) throws {
        let document = sample.setting("title", value)
        let error = try rejection(document.read())
        #expect(error.field == "title")
        if value == " ~" {
            #expect(error.message == "is missing")
        } else {
            #expect(error.message == "is empty")
            #expect(error.line == document.line(of: "title"))
        }
    }

    @Test func titleThatIsAListIsRejected() throws {
        let document = sample.setting("title", "\n- one\n- two")
        let error = try rejection(document.read())
        #expect(error.field == "title")
        #expect(error.message == "is not text")
        #expect(error.line == document.line(of: "title").map { $0 + 1 })
    }

    @Test func missingDate() throws {
        let error = try rejection(sample.setting("date", nil).read())
        #expect(error.field == "date")
        #expect(error.message == "is missing")
    }

    @Test func missingDateAndLastMod() throws {
        let error = try rejection(sample.setting("date", nil).setting("lastMod", nil).read())
        #expect(error.field == "date")
    }

    @Test(arguments: [
        "yesterday", "2021-02-30T10:00:00Z", "2021-02-30T10:00:00.000000Z", "2020-13-01T00:00:00Z", "26/11/2020 09:08",
        "", "2020-11-26T25:61:00Z", "0000-00-00T00:00:00Z", "2020-11-26T09:08:19+24:00", "2020-11-26T09:08:19 UTC",
    ])
    func unparseableDate(_ date: String) throws {
        let document = sample.setting("date", " '\(date)'")
        let error = try rejection(document.read())
        #expect(error.field == "date")
        #expect(error.line == document.line(of: "date"))
        #expect(!error.message.isEmpty)
        if !date.isEmpty { #expect(error.message.contains("'\(date)'")) }
    }

    @Test func titleAndDateErrorsAreBothReported() throws {
        let outcome = sample.setting("title", nil).setting("date", " never").read()
        #expect(outcome.status == .rejected)
        #expect(Set(ContentTestKit.errors(outcome).map(\.field)) == ["title", "date"])
    }

    @Test(arguments: ["---\n- a\n- b\n---\n<p>x</p>\n", "---\njust text\n---\n", "---\n[1, 2]\n---\n"])
    func frontMatterThatIsNotAMapping(_ text: String) throws {
        let error = try rejection(ContentTestKit.read(text))
        #expect(error.field == "front matter")
        #expect(error.line == 2)
        #expect(error.message.contains("not a mapping"))
    }

    @Test func warningsBeforeARejectionAreKept() throws {
        let document = sample.setting("title", nil).withBody("<p>a\u{01}</p>")
        let outcome = document.read()
        #expect(outcome.status == .rejected)
        #expect(outcome.issues.map(\.severity) == [.warning, .error])
        #expect(outcome.issues.map(\.field) == ["body", "title"])
    }
}

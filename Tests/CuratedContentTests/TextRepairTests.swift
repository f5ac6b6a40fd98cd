import FeedModel
import FeedpubSystem
import Foundation
import PropertyBased
import Testing

@testable import CuratedContent

/// `TextRepair.repair` and how its changes reach the item and its warnings.
@Suite("Text repair")
struct TextRepairTests {
    private let sample = ContentDocument.sample

    /// The bytes of `text` with `marker` replaced by raw `bytes` (which need not be UTF-8).
    private func bytes(_ text: String, replacing marker: String, with bytes: [UInt8]) throws -> [UInt8] {
        let utf8 = Array(text.utf8)
        let needle = Array(marker.utf8)
        let start = try #require(
            (0...(utf8.count - needle.count)).first { Array(utf8[$0..<$0 + needle.count]) == needle },
            "\(marker) not in the text"
        )
        return Array(utf8[..<start]) + bytes + Array(utf8[(start + needle.count)...])
    }

    // MARK: The repair itself

    @Test func cleanInputIsReturnedUnchanged() throws {
        let seed = try ContentTestKit.seedBytes()
        let result = TextRepair.repair(seed)
        #expect(result.bytes == seed)
        #expect(result.changes.isEmpty)
        #expect(TextRepair.isClean(seed, from: 0))
    }

    @Test func byteOrderMarkIsDroppedSilently() {
        let result = TextRepair.repair([0xEF, 0xBB, 0xBF] + Array("a\u{FEFF}b".utf8))
        #expect(result.bytes == Array("a\u{FEFF}b".utf8))  // only the leading one is a byte-order mark
        #expect(result.changes.isEmpty)
    }

    @Test func lineEndsBecomeLineFeeds() {
        let result = TextRepair.repair(Array("a\r\nb\rc\n\r\n\rd".utf8))
        #expect(String(decoding: result.bytes, as: UTF8.self) == "a\nb\nc\n\n\nd")
        #expect(result.changes.isEmpty)
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        let input: [UInt8] = [0x61, 0xE9, 0x0A, 0xFF, 0xFE, 0x0A, 0xE2, 0x80, 0x20, 0xED, 0xA0, 0x80, 0xC0, 0xAF]
        let result = TextRepair.repair(input)
        #expect(
            String(decoding: result.bytes, as: UTF8.self)
                == "a\u{FFFD}\n\u{FFFD}\u{FFFD}\n\u{FFFD} \u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}"
        )
        #expect(result.changes.map(\.line) == [1, 2, 2, 3, 3, 3, 3, 3, 3])
        #expect(result.changes.allSatisfy { $0.kind == .invalidUTF8 })
    }

    @Test func forbiddenCharactersAreRemoved() {
        let result = TextRepair.repair(Array("a\u{0B}b\u{00}\r\nc\u{1B}\u{FFFE}\u{FFFF}\t\u{7F}\u{85}".utf8))
        #expect(String(decoding: result.bytes, as: UTF8.self) == "ab\nc\t\u{7F}\u{85}")
        #expect(
            result.changes == [
                .init(kind: .illegalCharacter(0x0B), line: 1), .init(kind: .illegalCharacter(0x00), line: 1),
                .init(kind: .illegalCharacter(0x1B), line: 2), .init(kind: .illegalCharacter(0xFFFE), line: 2),
                .init(kind: .illegalCharacter(0xFFFF), line: 2),
            ]
        )
    }

    @Test func changeLinesCountEveryLineEndOnce() {
        for text in ["a\r\nb\r\n\u{01}", "a\rb\r\u{01}", "a\nb\n\u{01}", "\u{FEFF}a\r\n\rb\u{01}"] {
            #expect(TextRepair.repair(Array(text.utf8)).changes.map(\.line) == [3], "\(text.debugDescription)")
        }
    }

    // MARK: Through the item reader

    @Test func invalidUTF8InTheBody() throws {
        let document = sample.withBody("<p>caf MARK</p>")
        let outcome = ContentTestKit.read(try bytes(document.text, replacing: "MARK", with: [0xE9, 0x20, 0xFF, 0xFE]))
        let item = try #require(outcome.item)
        #expect(item.contentHTML == "<p>caf \u{FFFD} \u{FFFD}\u{FFFD}</p>")
        #expect(outcome.status == .repaired)
        let warnings = ContentTestKit.warnings(outcome, field: "body")
        #expect(warnings.count == 1)  // one per field, line and kind
        #expect(warnings.first?.line == document.bodyLine)
        #expect(warnings.first?.message == "replaced bytes that are not UTF-8 with U+FFFD")
    }

    @Test func truncatedSequenceInTheDescription() throws {
        let document = sample.setting("description", " A short description MARK")
        let outcome = ContentTestKit.read(try bytes(document.text, replacing: " MARK", with: [0x20, 0xE2, 0x80]))
        #expect(try #require(outcome.item).summary == "A short description \u{FFFD}")
        let warning = try #require(ContentTestKit.warnings(outcome, field: "description").first)
        #expect(warning.line == document.line(of: "description"))
    }

    @Test func latin1InAnAuthor() throws {
        let document = sample.setting("author", "\n- MARK\n- Jane Doe")
        let latin1: [UInt8] = Array("Jos".utf8) + [0xE9] + Array(" Garc".utf8) + [0xED] + Array("a".utf8)
        let outcome = ContentTestKit.read(try bytes(document.text, replacing: "MARK", with: latin1))
        #expect(try #require(outcome.item).authors.map(\.name) == ["Jos\u{FFFD} Garc\u{FFFD}a", "Jane Doe"])
        let warning = try #require(ContentTestKit.warnings(outcome, field: "author").first)
        #expect(warning.line == document.line(of: "author").map { $0 + 1 })
    }

    @Test func rawControlCharactersInTheBody() throws {
        let document = sample.withBody("<p>Colour\u{0B}\u{01}\u{1B}[0m reset</p>")
        let outcome = document.read()
        #expect(try #require(outcome.item).contentHTML == "<p>Colour[0m reset</p>")
        let warnings = ContentTestKit.warnings(outcome, field: "body")
        #expect(
            warnings.map(\.message) == [
                "removed a character XML forbids (U+000B)", "removed a character XML forbids (U+0001)",
                "removed a character XML forbids (U+001B)",
            ]
        )
        #expect(warnings.allSatisfy { $0.line == document.bodyLine })
    }

    @Test func yamlEscapesOfForbiddenCharacters() throws {
        let document = sample.setting("title", " \"A \\v title\"")
            .setting("author", "\n- \"Bell\\aAuthor\"\n- \"Form\\fFeed Author\"")
            .setting("communityTopics", "\n- \"nul\\0byte\"\n- 'HIMSS: Digital Health'")
        let outcome = document.read()
        let item = try #require(outcome.item)
        #expect(item.title == "A title")
        #expect(item.authors.map(\.name) == ["BellAuthor", "FormFeed Author"])
        #expect(
            ContentTestKit.resolved(item).topics == [
                Topic(name: "nulbyte", slug: Slug("nulbyte")),
                Topic(name: "HIMSS: Digital Health", slug: Slug("himss-digital-health")),
            ]
        )
        let title = try #require(ContentTestKit.warnings(outcome, field: "title").first)
        #expect(title.message == "removed characters XML forbids (U+000B)")
        #expect(title.line == document.line(of: "title"))
        let authors = ContentTestKit.warnings(outcome, field: "author")
        #expect(
            authors.map(\.message) == [
                "removed characters XML forbids (U+0007)", "removed characters XML forbids (U+000C)",
            ]
        )
        let authorLine = try #require(document.line(of: "author"))
        #expect(authors.map(\.line) == [authorLine + 1, authorLine + 2])
        let topic = try #require(ContentTestKit.warnings(outcome, field: "communityTopics").first)
        #expect(topic.message.contains("U+0000"))
    }

    @Test func byteOrderMarkGivesTheSameItemWithoutIssues() throws {
        let seed = try ContentTestKit.seedBytes()
        let plain = ContentTestKit.read(seed, path: "s.md")
        let marked = ContentTestKit.read([0xEF, 0xBB, 0xBF] + seed, path: "s.md")
        #expect(marked.status == .published)
        #expect(marked == plain)
    }

    @Test(arguments: ["\r\n", "\r"])
    func otherLineEndsGiveTheSameOutcome(_ lineEnd: String) throws {
        let seed = try ContentTestKit.seedText()
        let seedLF = ContentTestKit.read(seed, path: "s.md")
        let seedOther = ContentTestKit.read(seed.replacingOccurrences(of: "\n", with: lineEnd), path: "s.md")
        #expect(seedOther == seedLF)
        #expect(seedOther.status == .published)

        // With issues on known lines, those lines do not move either.
        let document = sample.setting("lastMod", " '2001-01-01T00:00:00Z'").setting("date", " '2021-03-04 05:06'")
            .withBody("<p>a\u{01}</p>\n<p><a href=\"/x\">x</a></p>")
        let lf = document.read()
        let other = ContentTestKit.read(document.text.replacingOccurrences(of: "\n", with: lineEnd))
        let withBOM = ContentTestKit.read(
            [0xEF, 0xBB, 0xBF] + Array(document.text.replacingOccurrences(of: "\n", with: lineEnd).utf8)
        )
        #expect(lf.issues.count == 6, "\(lf.issues)")
        #expect(other == lf)
        #expect(withBOM == lf)
    }

    // MARK: Properties

    /// Checks what repair promises for any input, against the standard library's own UTF-8 decoding.
    private static func checkRepair(_ input: [UInt8]) {
        let result = TextRepair.repair(input)
        guard let text = String(validating: result.bytes, as: UTF8.self) else {
            Issue.record("not UTF-8 after repair: \(input)")
            return
        }
        #expect(XMLCharacters.allAllowed(text), "\(input)")
        #expect(!result.bytes.contains(0x0D), "\(input)")
        // The input without its byte-order mark, CRLF and CR made LF byte by byte.
        var normalized: [UInt8] = []
        var index = input.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < input.count {
            if input[index] == 0x0D {
                normalized.append(0x0A)
                if index + 1 < input.count && input[index + 1] == 0x0A { index += 1 }
            } else {
                normalized.append(input[index])
            }
            index += 1
        }
        let expected = XMLCharacters.filtered(String(decoding: normalized, as: UTF8.self))
        #expect(text == expected, "\(input)")
        #expect(result.changes.isEmpty == (result.bytes == normalized), "\(input)")
        let again = TextRepair.repair(result.bytes)
        #expect(again.bytes == result.bytes && again.changes.isEmpty, "\(input)")
    }

    @Test func anyBytesBecomeValidXMLText() async {
        await propertyCheck(count: 1000, input: Gen.uint8().array(of: 0...80)) { input in
            Self.checkRepair(input)
        }
    }

    static let awkwardBytes: [UInt8] = [
        0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1B, 0x20, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBB, 0xBE, 0xBF, 0xC0,
        0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
    ]

    @Test func awkwardBytesBecomeValidXMLText() async {
        await propertyCheck(count: 1000, input: Gen.element(of: Self.awkwardBytes).array(of: 0...40)) { input in
            Self.checkRepair(input.compactMap { $0 })
        }
    }
}

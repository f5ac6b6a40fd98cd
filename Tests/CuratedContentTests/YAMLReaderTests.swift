import FeedModel
import Foundation
import Testing

@testable import CuratedContent

/// The fast libyaml reader and the Yams fallback: the same values for the same text, and the hand-over between them.
@Suite("YAML readers")
struct YAMLReaderTests {
    /// A YAML text and what some of its keys must read as.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var expected: [String: String?]  // key → text, nil for null
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "block mapping and sequences",
            yaml: "outer:\n  inner: value\n  list:\n  - a\n  - b\nseq:\n- x\n-   y\n",
            expected: [:]
        ),
        Case(
            name: "flow collections",
            yaml: "flow: {a: 1, b: [x, 'y z'], c: {d: e}}\nseq: [1, two, \"three\", [4]]\nempty: []\nnone: {}\n",
            expected: [:]
        ),
        Case(
            name: "plain",
            yaml: "plain: hello world  \nnumber: 42\nbool: true\nday: 2020-11-26\n",
            expected: [
                "plain": "hello world", "number": "42", "bool": "true", "day": "2020-11-26",
            ]
        ),
        Case(
            name: "single-quoted",
            yaml: "single: 'it''s ''here'' # not a comment'\n",
            expected: [
                "single": "it's 'here' # not a comment"
            ]
        ),
        Case(
            name: "double-quoted",
            yaml: #"double: "q\" b\\ n\n e\u00e9 t\t x\x41 \U0001F489""# + "\n",
            expected: ["double": "q\" b\\ n\n eé t\t xA 💉"]
        ),
        Case(
            name: "folded",
            yaml: "folded: >\n  first line\n  second line\n\n  new paragraph\nnext: x\n",
            expected: ["folded": "first line second line\nnew paragraph\n"]
        ),
        Case(
            name: "literal",
            yaml: "literal: |\n  line one\n    indented\n  line three\nkeep: |+\n  kept\n\nstrip: |-\n  stripped\n",
            expected: ["literal": "line one\n  indented\nline three\n", "keep": "kept\n\n", "strip": "stripped"]
        ),
        Case(
            name: "multi-line plain (PyYAML folding)",
            yaml: "description: As we near the end of an unprecedented year in which the pandemic led\n"
                + "  to dramatic changes in terms of how healthcare is delivered, the stage is now set\n"
                + "  for providers\n",
            expected: [
                "description": "As we near the end of an unprecedented year in which the pandemic led to dramatic "
                    + "changes in terms of how healthcare is delivered, the stage is now set for providers"
            ]
        ),
        Case(
            name: "multi-line single-quoted (PyYAML folding)",
            yaml: "title: 'Healthcare Information Systems: Next Steps for the New Year, and What It''s\n"
                + "  Worth'\nmedigyTopics: '[\"Medigy: Business Survival & Continuity\",\"HIMSS: Digital Health\","
                + "\"KLAS:\n"
                + "    Health Information Exchange (HIE)\"]'\n",
            expected: [
                "title": "Healthcare Information Systems: Next Steps for the New Year, and What It's Worth",
                "medigyTopics":
                    #"["Medigy: Business Survival & Continuity","HIMSS: Digital Health","#
                    + #""KLAS: Health Information Exchange (HIE)"]"#,
            ]
        ),
        Case(
            name: "null forms",
            yaml: "a: ~\nb: null\nc:\nd: ''\ne: 'null'\nf: Null\ng: NULL\nh: \"~\"\ni: nULL\n",
            expected: ["a": nil, "b": nil, "c": nil, "d": "", "e": "null", "f": nil, "g": nil, "h": "~", "i": "nULL"]
        ),
        Case(
            name: "anchors and aliases",
            yaml: "base: &b\n  x: 1\ncopy: *b\nlist: &l [a, b]\nagain: *l\ns: &s text\nt: *s\n",
            expected: ["s": "text", "t": "text"]
        ),
        Case(
            name: "comments, unicode and emoji",
            yaml: "# leading comment\nname: \"Medigy: صحة رقمية 🩺\" # trailing\nplain: Santé — café\n",
            expected: ["name": "Medigy: صحة رقمية 🩺", "plain": "Santé — café"]
        ),
    ]

    @Test(arguments: cases)
    func fastAndYamsAgree(_ testCase: Case) throws {
        let fast = try ContentTestKit.fast(testCase.yaml).get()
        let yams = try ContentTestKit.yams(testCase.yaml).get()
        let root = try #require(fast)
        #expect(fast == yams)
        for (key, text) in testCase.expected {
            let value = try #require(root[key], "no \(key)")
            #expect(value.string == text, "\(key)")
            #expect(value.isNull == (text == nil), "\(key)")
        }
    }

    @Test func seedFrontMatterReadsTheSameWithBoth() throws {
        let seed = try ContentTestKit.seedText()
        let parts = seed.components(separatedBy: "---\n")
        let yaml = parts[1]
        let fast = try #require(try ContentTestKit.fast(yaml).get())
        #expect(fast == (try ContentTestKit.yams(yaml).get()))
        guard case .mapping(let entries, 1) = fast else {
            Issue.record("not a mapping at line 1: \(fast)")
            return
        }
        #expect(entries.count == 29)
        #expect(entries.first?.key == "aliases")
        #expect(fast["id"] == .scalar("3826", plain: true, line: 40))
        #expect(
            fast["title"]
                == .scalar("Healthcare Information Systems: Next Steps for the New Year", plain: false, line: 63)
        )
        #expect(fast["status"] == .scalar("", plain: false, line: 59))
        #expect(fast["status"]?.isNull == false)
    }

    @Test func scalarsKeepStyleAndLine() throws {
        let yaml = "a: plain\nb: 'quoted'\nc:\n- \"d\"\n- ~\n"
        let expected = YAMLValue.mapping(
            [
                YAMLEntry(key: "a", line: 1, value: .scalar("plain", plain: true, line: 1)),
                YAMLEntry(key: "b", line: 2, value: .scalar("quoted", plain: false, line: 2)),
                YAMLEntry(
                    key: "c",
                    line: 3,
                    value: .sequence(
                        [.scalar("d", plain: false, line: 4), .scalar("~", plain: true, line: 5)],
                        line: 4
                    )
                ),
            ],
            line: 1
        )
        #expect(try ContentTestKit.fast(yaml).get() == expected)
        #expect(try ContentTestKit.yams(yaml).get() == expected)
    }

    @Test func fastReaderDropsUnwantedKeys() throws {
        let yaml = "keep: 1\ndrop:\n  deep: [a, {b: c}]\nalso: &x text\nkeep2: [y]\n"
        let root = try #require(try ContentTestKit.fast(yaml, wanted: ["keep", "keep2"]).get())
        guard case .mapping(let entries, _) = root else {
            Issue.record("not a mapping")
            return
        }
        #expect(entries.map(\.key) == ["keep", "keep2"])
        #expect(root["keep2"] == .sequence([.scalar("y", plain: true, line: 5)], line: 5))
    }

    @Test func emptyDocumentsHaveNoRoot() throws {
        for yaml in ["", "\n", "# comment only\n"] {
            #expect(try ContentTestKit.fast(yaml).get() == nil)
            #expect(try ContentTestKit.yams(yaml).get() == nil)
        }
    }

    // MARK: Hand-over to Yams

    static let fullParserCases: [(String, String)] = [
        ("explicit tag", "n: !!str 123\n"),
        ("local tag", "n: !custom 123\n"),
        ("tagged sequence", "n: !!seq [a]\n"),
        ("merge key", "base: &base\n  a: one\n  b: two\nn:\n  <<: *base\n  b: three\n"),
        ("complex key", "? [a, b]\n: c\nn: 1\n"),
        ("alias into a skipped value", "skipped: &x [a]\nn: *x\n"),
    ]

    @Test(arguments: fullParserCases)
    func fastReaderHandsOver(_ name: String, _ yaml: String) {
        let wanted: Set<String>? = name == "alias into a skipped value" ? ["n"] : nil
        guard case .failure(.needsFullParser(let why)) = ContentTestKit.fast(yaml, wanted: wanted) else {
            Issue.record("\(name): not handed over: \(ContentTestKit.fast(yaml, wanted: wanted))")
            return
        }
        #expect(!why.isEmpty)
    }

    @Test func yamsReadsExplicitTagsAsText() throws {
        let root = try #require(
            try ContentTestKit.yams("n: !!str 123\nm: !!str null\nk: !custom value\ne: !!str\n").get()
        )
        #expect(root["n"]?.string == "123")
        #expect(root["m"]?.string == "null")
        #expect(root["m"]?.isNull == false)
        #expect(root["k"]?.string == "value")
        #expect(root["e"]?.isNull == false)
    }

    @Test func yamsAppliesMergeKeysAndOwnKeysWin() throws {
        let yaml =
            "base: &base\n  a: one\n  b: two\nextra: &extra\n  b: other\n  c: see\n"
            + "n:\n  <<: *base\n  b: three\nlist:\n  <<: [*base, *extra]\n"
        let root = try #require(try ContentTestKit.yams(yaml).get())
        #expect(root["n"]?["a"]?.string == "one")
        #expect(root["n"]?["b"]?.string == "three")
        #expect(root["list"]?["b"]?.string == "two")  // earlier mappings in the list win
        #expect(root["list"]?["c"]?.string == "see")
    }

    @Test func complexKeysAreRefusedNotCrashed() throws {
        guard case .failure(let problem) = ContentTestKit.yams("? [a, b]\n: c\n") else {
            Issue.record("a complex key was read")
            return
        }
        guard case .unsupported(let what, let line) = problem else {
            Issue.record("unexpected \(problem)")
            return
        }
        #expect(what == "a mapping key that is not text")
        #expect(line == 1)
    }

    @Test func itemReaderFallsBackToYams() throws {
        var document = ContentDocument.sample
            .setting("featuredImage", "\n  <<: *img\n  href: pic")
            .setting("title", " !!str 2021")
            .setting("communityTopics", " *topics")
        // Anchors come before their aliases, in keys the mapping does not use.
        document.fields.insert(("imageDefaults", "  &img\n  format: WEBP\n  valid: true"), at: 0)
        document.fields.insert(("extra", " &topics ['A: One', 'B: Two']"), at: 0)
        let outcome = document.read()
        #expect(outcome.status == .published, "\(outcome.issues)")
        let item = try #require(outcome.item)
        #expect(item.title == "2021")
        #expect(item.image?.url == "https://www.medigy.com/media/pic")
        #expect(item.image?.mimeType == "image/webp")
        #expect(item.topics.map(\.name) == ["A: One", "B: Two"])
    }

    @Test func yamsPathGivesTheSameOutcomeAsTheFastPath() throws {
        // Nulls, empty values and plain texts in a file that a merge key in a used key sends to Yams.
        var document = ContentDocument.sample.setting("description", " ~").setting("lastMod", "")
            .setting("featuredImage", " null").setting("categories", " []").setting("author", " Null")
        document.fields.insert(("defaults", " &d {brand: example.com}"), at: 0)
        let fastPath = document.read()
        let yamsDocument = document.setting("link", "\n  <<: *d\n  href: https://example.com/article")
        let yaml = Array(yamsDocument.yaml.utf8)
        guard case .failure(.needsFullParser) = ContentTestKit.fast(yaml, wanted: ItemMapper.usedKeys) else {
            Issue.record("the fast reader reads the merge key itself")
            return
        }
        let yamsPath = yamsDocument.read()
        #expect(yamsPath == fastPath)
        let item = try ContentTestKit.item(yamsPath)
        #expect(item.summary == "Body text.", "no description: derived from the body")
        #expect(item.image == nil)
        #expect(item.authors.isEmpty)
        #expect(item.updated == item.published)
        #expect(
            yamsPath.issues.map(\.message) == [
                "is missing; taken from date", "is missing; derived from the body (its text, 10 characters)",
            ]
        )
    }

    @Test func explicitStringNullIsATitle() throws {
        let outcome = ContentDocument.sample.setting("title", " !!str null").read()
        #expect(try #require(outcome.item).title == "null")
    }

    @Test func complexKeyInAnItemIsARejection() throws {
        let text = ContentTestKit.replacing(
            "\n---\n\n",
            with: "\n? [a, b]\n: c\n---\n\n",
            in: ContentDocument.sample.text
        )
        let outcome = ContentTestKit.read(text)
        #expect(outcome.status == .rejected)
        #expect(ContentTestKit.errors(outcome).first?.field == "front matter")
    }
}

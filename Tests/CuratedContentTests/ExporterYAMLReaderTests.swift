import FeedModel
import Foundation
import Testing

@testable import CuratedContent

/// The exporter-subset YAML reader: the same values as libyaml wherever it answers, and a hand-over for
/// everything outside the subset.
@Suite struct ExporterYAMLReaderTests {
    static func subset(_ yaml: String) -> ExporterYAMLReader.Outcome {
        Array(yaml.utf8).withUnsafeBytes { ExporterYAMLReader(wantedKeys: nil).read($0) }
    }

    static let answered: [String] = [
        "title: Plain text\n",
        "description: As we near the end of an unprecedented year in which the pandemic led\n  to dramatic changes in terms\n  of how healthcare is delivered\n",
        "a: first line\n\n  after a blank line\nb: x\n",
        "title: 'Q&A: Kevin''s view: on it'\n",
        "alt: 'A long single-quoted value that PyYAML folds: it goes on and on and on and\n  on across lines'\n",
        "t: 'one\n\n  two'\n",
        "t: \"tab\\there \\\"quoted\\\" back\\\\slash \\u00e9 \\x41 \\U0001F600 \\/ \\N \\_ \\L \\P \\0 \\a \\e\"\n",
        "t: \"folded\n  \\ with escaped space and\\\n  \\ an escaped break\"\n",
        "empty:\nnull: ~\nquoted: ''\nlist: []\nmap: {}\n",
        "author:\n- Sonalika Ghosh\n- 'Dr. Siobhán O''Connor, MD'\n- \"Form\\fFeed\"\ntags:\n  - news\n  - policy\n",
        "featuredImage:\n  alt: Picture\n  size:\n  - 700\n  - 400\n  wpAttachment:\n    fileName: Screen Shot 2020-11-26 at 9.08.19 AM.png\n    link: /api/v3/attachments/9975/content\nid: 3826\n",
        "date: 2020-11-26\nurl: https://example.org/a:b?c=d#frag\nweird: a[b]{c},d & e * f ! g\n",
        "description: coding\n  & billing - later; it's 50% \"done\"\n",
        "medigyTopics: '[\"KLAS: Medication Adherence\",\"HIMSS: Hospice & Palliative Care\",\"KLAS:\n    Hypertension\"]'\n",
        "key: value   \nother:    spaced   \n",
        "a: b\n c\n",
        "émoji: 🩺 صحة رقمية\n",
        "",
        "\n\n",
    ]

    @Test(arguments: answered)
    func answersAsLibyamlDoes(_ yaml: String) throws {
        let outcome = Self.subset(yaml)
        guard case .value(let value) = outcome else {
            Issue.record("handed over: \(yaml.debugDescription)")
            return
        }
        let full = try ContentTestKit.fast(yaml).get()
        #expect(value == full, "\(yaml.debugDescription)")
    }

    static let handedOver: [String] = [
        "a:\tb\n",  // tab
        "a: b # comment\n",
        "# comment\na: b\n",
        "a: &anchor b\nc: *anchor\n",
        "a: !!str 123\n",
        "a: [b, c]\n",
        "a: {b: c}\n",
        "a: |\n  literal\n",
        "a: >\n  folded\n",
        "'quoted key': b\n",
        "? complex\n: value\n",
        "<<: {a: b}\n",
        "a : b\n",
        "a: b: c\n",
        "a: b\n---\nc: d\n",
        "a: line\u{85}break\n",
        "a: \u{FEFF}bom\n",
        "a: \u{7F}\n",
        "- a\n- b\n",
        "a:\n  - - nested\n",
        "a:\n  - b: c\n",
        "a: \"unclosed\n",
        "a: 'unclosed\n",
        "a: \"bad escape \\q\"\n",
        "a:\n  b: c\n d: e\n",
        "a: \"x\"y\n",
        "a: \"ends with escaped space \\ \n  next\"\n",
        "%YAML 1.1\n---\na: b\n",
        "a: @b\n",
        "a: `b\n",
    ]

    @Test(arguments: handedOver)
    func handsOverWhatLeavesTheSubset(_ yaml: String) {
        #expect(Self.subset(yaml) == .unsupported, "\(yaml.debugDescription)")
    }

    @Test func keysLongerThanLibyamlAllowsAreHandedOver() {
        // libyaml refuses simple keys over 1024 characters; found by the fuzzer.
        #expect(Self.subset(String(repeating: "k", count: 1100) + ": v\n") == .unsupported)
        #expect(Self.subset("a:\n  " + String(repeating: "x", count: 1100) + ": v\n") == .unsupported)
        #expect(Self.subset(String(repeating: "k", count: 900) + ": v\n") != .unsupported)
    }

    @Test func deepNestingIsHandedOver() {
        var yaml = ""
        for depth in 0..<70 { yaml += String(repeating: "  ", count: depth) + "k\(depth):\n" }
        yaml += String(repeating: "  ", count: 70) + "leaf: x\n"
        #expect(Self.subset(yaml) == .unsupported)
    }

    @Test func theSeedIsAnsweredAndAgreesWithLibyaml() throws {
        let bytes = try ContentTestKit.seedBytes()
        let split = try FrontMatter.split(bytes)
        let yaml = String(decoding: bytes[split.yaml], as: UTF8.self)
        let outcome = Array(yaml.utf8).withUnsafeBytes {
            ExporterYAMLReader(wantedKeys: ItemMapper.usedKeySet).read($0)
        }
        guard case .value(let value) = outcome else {
            Issue.record("the seed's front matter was handed over")
            return
        }
        #expect(value == (try ContentTestKit.fast(yaml, wanted: ItemMapper.usedKeys).get()))
        guard case .mapping(let entries, _)? = value else {
            Issue.record("not a mapping")
            return
        }
        // The seed has every used key but the two it never sets (draft, expiryDate), and no other is built.
        #expect(Set(entries.map(\.key)) == ItemMapper.usedKeys.subtracting(["draft", "expiryDate"]))
        #expect(entries.count == ItemMapper.usedKeys.count - 2)
    }
}

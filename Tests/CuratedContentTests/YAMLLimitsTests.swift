import FeedModel
import Foundation
import Testing

@testable import CuratedContent

/// Hostile YAML: alias bombs and deep nesting are refused or skipped, quickly, never expanded or crashed on.
@Suite("YAML limits")
struct YAMLLimitsTests {
    /// `lol0: &a0 [9 × "lol"]`, then `lolN: &aN [9 × *aN-1]` up to `lol9`: 9⁹ leaves if expanded.
    static let bomb: String = {
        var lines = [#"lol0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        for level in 1...9 {
            lines.append(
                "lol\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ",") + "]"
            )
        }
        return lines.joined(separator: "\n")
    }()

    private let sample = ContentDocument.sample

    /// The sample with `yaml` inserted before the closing `---`, or first when `atStart`.
    private func sampleWith(_ yaml: String, atStart: Bool = false) -> String {
        if atStart { return "---\n" + yaml + "\n" + sample.text.dropFirst(4) }
        return ContentTestKit.replacing("\n---\n\n", with: "\n" + yaml + "\n---\n\n", in: sample.text)
    }

    /// Runs `body`, failing the test when it takes a second or more.
    private func withinASecond<T>(_ body: () -> T, sourceLocation: SourceLocation = #_sourceLocation) -> T {
        var result: T?
        let elapsed = ContinuousClock().measure { result = body() }
        #expect(elapsed < .seconds(1), "took \(elapsed)", sourceLocation: sourceLocation)
        return result!
    }

    @Test func bombInUnusedKeysIsSkipped() throws {
        let outcome = withinASecond { ContentTestKit.read(sampleWith(Self.bomb)) }
        #expect(outcome.status == .published, "\(outcome.issues)")
        #expect(outcome.item?.title == "A sample title")
    }

    @Test func bombAsTagsIsRefusedAsTooLarge() throws {
        let text = sampleWith(Self.bomb, atStart: true).replacingOccurrences(
            of: "\ntags:\n- news\n",
            with: "\ntags: *a9\n"
        )
        #expect(text.contains("tags: *a9"))
        let outcome = withinASecond { ContentTestKit.read(text) }
        #expect(outcome.status == .rejected)
        let error = try #require(ContentTestKit.errors(outcome).first)
        #expect(error.field == "front matter")
        #expect(error.message.hasPrefix("YAML is too large to read"), "\(error.message)")
    }

    @Test func bombDefinedInTagsIsRefusedAsTooLarge() throws {
        let text = sampleWith(Self.bomb.replacingOccurrences(of: "lol9: &a9", with: "tags:"))
            .replacingOccurrences(of: "\ntags:\n- news\n", with: "\n")
        let outcome = withinASecond { ContentTestKit.read(text) }
        #expect(outcome.status == .rejected)
        #expect(ContentTestKit.errors(outcome).first?.message.hasPrefix("YAML is too large to read") == true)
    }

    @Test func bombInsideAUsedMappingIsSharedNotExpanded() throws {
        let nested =
            "openProjectCustomFields:\n  medigyTopics: '[\"A: One\"]'\n"
            + Self.bomb.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        let outcome = withinASecond {
            ContentTestKit.read(
                sampleWith(nested).replacingOccurrences(
                    of: "\ncommunityTopics:\n- 'HIMSS: Digital Health'\n- 'KLAS: Telehealth'\n",
                    with: "\n"
                )
            )
        }
        #expect(outcome.status == .published, "\(outcome.issues)")
        #expect(outcome.item?.topics.map(\.name) == ["A: One"])
    }

    @Test func fastReaderSharesAliasesInsteadOfCopying() throws {
        let result = withinASecond { ContentTestKit.fast(Self.bomb) }
        let root = try #require(try result.get())
        guard case .sequence(let items, _) = root["lol9"], case .sequence(let inner, _) = items.first else {
            Issue.record("lol9 is not a list of lists")
            return
        }
        #expect(items.count == 9)
        #expect(inner.count == 9)
    }

    @Test func yamsStopsAtItsNodeBudget() {
        let result = withinASecond { ContentTestKit.yams(Self.bomb) }
        guard case .failure(.tooLarge(let what, _)) = result else {
            Issue.record("not refused: \(result)")
            return
        }
        #expect(what.contains("100000"))
    }

    @Test func fastReaderStopsAtItsNodeBudget() {
        var reader = FastYAMLReader(wantedKeys: nil)
        reader.maximumNodes = 50
        let yaml = "list:\n" + (1...60).map { "- \($0)" }.joined(separator: "\n")
        let result = Array(yaml.utf8).withUnsafeBytes { buffer in
            Result { () throws(YAMLProblem) in try reader.read(buffer) }
        }
        guard case .failure(.tooLarge(let what, let line)) = result else {
            Issue.record("not refused: \(result)")
            return
        }
        #expect(what == "more than 50 nodes")
        #expect(line == 51)  // item 50 is node 51 (the key is the first), on line 51
    }

    // MARK: Nesting

    private func nestedTags(_ depth: Int) -> ContentDocument {
        sample.setting("tags", " " + String(repeating: "[", count: depth) + "x" + String(repeating: "]", count: depth))
    }

    @Test func nestingUpToTheLimitIsRead() throws {
        // The root mapping is one level: 63 lists more make 64.
        let outcome = nestedTags(63).read()
        #expect(outcome.status == .repaired)
        #expect(outcome.item?.tags == [])
        #expect(ContentTestKit.warnings(outcome, field: "tags").first?.message.contains("not text") == true)
    }

    @Test(arguments: [64, 70, 900])
    func deeperNestingIsRejectedAsTooLarge(_ depth: Int) throws {
        let document = nestedTags(depth)
        let outcome = document.read()
        #expect(outcome.status == .rejected)
        let error = try #require(ContentTestKit.errors(outcome).first)
        #expect(error.field == "front matter")
        #expect(error.message == "YAML is too large to read: nesting deeper than 64")
        #expect(error.line == document.line(of: "tags"))
    }

    @Test func deepBlockNestingIsRejectedAsTooLarge() throws {
        let levels = (0..<80).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n")
        let text = sampleWith(
            "identifier:\n" + levels.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n") + " end"
        )
        let outcome = ContentTestKit.read(text)
        #expect(outcome.status == .rejected)
        #expect(ContentTestKit.errors(outcome).first?.message == "YAML is too large to read: nesting deeper than 64")
    }

    @Test func nestingInAnUnusedKeyIsParsedButNotBuilt() {
        let text = sampleWith("unused: " + String(repeating: "[", count: 500) + String(repeating: "]", count: 500))
        let outcome = ContentTestKit.read(text)
        #expect(outcome.status == .published, "\(outcome.issues)")
    }

    @Test(arguments: [5_000, 100_000])
    func absurdNestingIsASyntaxErrorNotACrash(_ depth: Int) throws {
        let text = sampleWith("unused: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        let outcome = withinASecond { ContentTestKit.read(text) }
        #expect(outcome.status == .rejected)
        let error = try #require(ContentTestKit.errors(outcome).first)
        #expect(error.field == "front matter")
        #expect(error.message.hasPrefix("YAML syntax error: "))
        #expect(error.message.lowercased().contains("nesting"))
    }

    @Test func absurdNestingBehindAMergeKeyIsNotACrash() throws {
        // A merge key sends the whole text to Yams, which nests as deep as libyaml lets it.
        let text = sampleWith(
            "base: &b {a: 1}\nmerged:\n  <<: *b\nunused: " + String(repeating: "[", count: 5_000)
                + String(repeating: "]", count: 5_000)
        )
        let outcome = ContentTestKit.read(text)
        #expect(outcome.status == .rejected)
        #expect(ContentTestKit.errors(outcome).first?.message.hasPrefix("YAML syntax error: ") == true)
    }
}

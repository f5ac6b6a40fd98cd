import FeedTestSupport
import Foundation
import Testing

/// The README's library example is a program of its own (`Examples/library-usage`): it builds, runs, and the README
/// shows exactly its code.
@Suite struct LibraryExampleTests {
    static let source = Fixtures.repositoryRoot.appendingPathComponent("Examples/library-usage/main.swift")

    @Test func theExampleRunsOnTheExampleContent() throws {
        let program = try #require(ProcessRunner.builtProduct("library-usage"), "library-usage is not built")
        let content = Fixtures.repositoryRoot.appendingPathComponent("Examples/content").path
        let run = try ProcessRunner.run(program, [content])
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", maxSplits: 1).map(String.init)
        #expect(lines.first?.hasPrefix("45 files, 88 feeds; all/atom.xml ") == true, "\(run.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data((lines.last ?? "").utf8)) as? [String: Any]
        let items = try #require(json?["items"] as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == ["tag:example.org,2026:items/1"])
        #expect(json?["authors"] as? [[String: String]] == [["name": "Example Editors"]])
    }

    @Test func theReadmeShowsTheExamplesCode() throws {
        let source = try String(contentsOf: Self.source, encoding: .utf8)
        let readme = try String(
            contentsOf: Fixtures.repositoryRoot.appendingPathComponent("README.md"),
            encoding: .utf8
        )
        let begin = try #require(source.range(of: "// README: begin\n"))
        let end = try #require(source.range(of: "// README: end\n"))
        let code = String(source[begin.upperBound..<end.lowerBound])
        #expect(
            readme.contains("```swift\n" + code + "```\n"),
            "README's library example differs from \(Self.source.path)"
        )
    }
}

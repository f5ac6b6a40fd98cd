import CuratedContent
import FeedModel
import FeedPublisher
import FeedTestSupport
import Foundation
import Testing

/// `feeds/` is what `feedpub build` makes of `Examples/`: a golden folder, checked byte for byte.
@Suite struct ExampleFeedsTests {
    static let repository = Fixtures.repositoryRoot

    func buildExamples(into output: URL) throws -> BuildResult {
        let configuration = try ConfigurationFile.load(
            Self.repository.appendingPathComponent("feedpub.yml").path
        )
        var options = BuildOptions(
            contentFolder: Self.repository.appendingPathComponent("Examples/content").path,
            outputFolder: output.path,
            configuration: configuration
        )
        options.durable = false
        options.waitForLock = false
        return try Publisher(options: options).run()
    }

    @Test func committedFeedsAreCurrent() throws {
        let output = try Fixtures.temporaryFolder("examples")
        let result = try buildExamples(into: output)
        #expect(result.summary.rejected == 0)
        #expect(result.summary.repaired == 0, "the examples should need no repair: \(result.issues)")
        let committed = Self.repository.appendingPathComponent("feeds")
        let expectedFiles = PublisherFixture.files(under: committed)
        let actualFiles = PublisherFixture.files(under: output)
        #expect(actualFiles == expectedFiles, "feeds/ is out of date: run `swift run feedpub build` and commit feeds/")
        for file in actualFiles where expectedFiles.contains(file) {
            let expected = Array(try Data(contentsOf: committed.appendingPathComponent(file)))
            let actual = Array(try Data(contentsOf: output.appendingPathComponent(file)))
            let difference = GoldenFile.difference(expected, actual, label: "feeds/\(file)")
            #expect(difference == nil, "\(difference ?? ""): run `swift run feedpub build` and commit feeds/")
        }
    }

    @Test func examplesSpanTheCasesTheyShow() throws {
        let configuration = try ConfigurationFile.load(
            Self.repository.appendingPathComponent("feedpub.yml").path
        )
        let folder = Self.repository.appendingPathComponent("Examples/content").path
        let items = try ContentReader(settings: configuration.contentSettings).read(folder: folder).compactMap(\.item)
        #expect(items.count >= 41)
        #expect(Set(items.compactMap { $0.community?.name }).count >= 5)
        #expect(Set(items.flatMap { $0.topics.map(\.name) }).count >= 15)
        #expect(Set(items.flatMap { $0.authors.map(\.name) }).count >= 5)
        #expect(items.contains { $0.authors.contains { !$0.name.allSatisfy(\.isASCII) } })
        #expect(items.contains { $0.title.contains("&") })
        #expect(items.contains { $0.title.contains("\"") })
        #expect(items.contains { $0.title.contains(":") })
        #expect(items.contains { $0.sourceID == "3826" }, "the seed item")
    }

    @Test(.enabled(if: Fixtures.checkFeeds != nil)) func committedFeedsPassTheConformanceCheck() throws {
        let checker = URL(fileURLWithPath: try #require(Fixtures.checkFeeds))
        let run = try ProcessRunner.run(checker, ["--quiet", Self.repository.appendingPathComponent("feeds").path])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.contains(" 0 failed"), "\(run.stdout)")
    }
}

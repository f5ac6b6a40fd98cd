import FeedTestSupport
import Foundation
import Testing

/// The fuzzer's checks, replayed on the committed inputs: hostile samples of every kind, and every input the
/// fuzzer ever found failing (`Tests/Fixtures/Fuzz/crashes`, each kept after its fix as a regression test).
@Suite struct FuzzRegressionTests {
    @Test func everyCommittedInputPassesTheFuzzChecks() throws {
        let replayer: URL = try #require(ProcessRunner.builtProduct("feedpub-fuzz"), "feedpub-fuzz is not built")
        let fixtures = Fixtures.folder.appendingPathComponent("Fuzz")
        let run = try ProcessRunner.run(
            replayer,
            [fixtures.appendingPathComponent("inputs").path, fixtures.appendingPathComponent("crashes").path]
        )
        let output = run.stdout
        #expect(run.status == 0, "\(output)")
        let visible = { (folder: String) in
            try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(folder).path)
                .filter { !$0.hasPrefix(".") }
        }
        let inputs = try visible("inputs")
        let crashes = try visible("crashes")
        #expect(inputs.count >= 13)
        #expect(output.contains("feedpub-fuzz: \(inputs.count + crashes.count) inputs replayed, 0 failed"), "\(output)")
    }
}

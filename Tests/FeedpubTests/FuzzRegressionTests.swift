import FeedTestSupport
import Foundation
import Testing

/// The fuzzer's checks, replayed on the committed inputs: hostile samples of every kind, and every input the
/// fuzzer ever found failing (`Tests/Fixtures/Fuzz/crashes`, each kept after its fix as a regression test).
@Suite struct FuzzRegressionTests {
    static var replayer: URL? {
        let folder = Bundle.main.bundleURL
        let candidates = [folder.appendingPathComponent("feedpub-fuzz"), folder.deletingLastPathComponent().appendingPathComponent("feedpub-fuzz")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    @Test func everyCommittedInputPassesTheFuzzChecks() throws {
        let process = Process()
        let replayer: URL = try #require(Self.replayer, "feedpub-fuzz is not built next to the tests")
        process.executableURL = replayer
        let fixtures = Fixtures.folder.appendingPathComponent("Fuzz")
        process.arguments = [fixtures.appendingPathComponent("inputs").path, fixtures.appendingPathComponent("crashes").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(output)")
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

import FeedTestSupport
import Foundation
import Testing

/// The `feedpub` executable as cron and people run it: options, messages, exit statuses.
@Suite struct CommandLineTests {
    func feedpub(_ arguments: [String], in folder: URL? = nil) throws -> ProcessRunner.Run {
        let executable: URL = try #require(
            ProcessRunner.builtProduct("feedpub"),
            "feedpub is not built next to the tests"
        )
        return try ProcessRunner.run(executable, arguments, in: folder)
    }

    /// A folder with `content/` holding one good item (and optionally a broken one), and no output yet.
    func workspace(broken: Bool = false) throws -> URL {
        let root = try Fixtures.temporaryFolder("cli")
        let content = root.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Fixtures.repositoryRoot.appendingPathComponent(Fixtures.seedPath),
            to: content.appendingPathComponent("seed.md")
        )
        if broken {
            try Data("---\ntitle: 'Never dated'\n---\n<p>x</p>\n".utf8).write(
                to: content.appendingPathComponent("broken.md")
            )
        }
        return root
    }

    @Test func helpExplainsCommandsOptionsAndExitStatuses() throws {
        let run = try feedpub(["build", "--help"])
        #expect(run.status == 0)
        for text in [
            "--content", "--config", "--out", "--limit", "--formats", "--strict", "--report", "--quiet", "EXIT STATUS",
            "64",
        ] {
            #expect(run.stdout.contains(text), "help lacks \(text)")
        }
        let top = try feedpub(["--help"])
        #expect(top.stdout.contains("build") && top.stdout.contains("check"))
    }

    @Test func versionIsPrinted() throws {
        let run = try feedpub(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test func buildPrintsOneSummaryLineAndExitsZero() throws {
        let root = try workspace()
        let run = try feedpub(["build", "--content", "content", "--out", "out", "--limit", "0"], in: root)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(
            run.stdout.hasPrefix("feedpub: 1 read = 1 published + 0 repaired + 0 rejected; 5 feeds; files: 16 written")
        )
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/all/atom.xml").path))
    }

    @Test func rejectedItemsAreNamedAndGiveExitStatusTwo() throws {
        let root = try workspace(broken: true)
        let run = try feedpub(["build", "--content", "content", "--out", "out"], in: root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: content/broken.md: date: is missing"))
        #expect(run.stdout.contains("2 read = 1 published + 0 repaired + 1 rejected"))
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/all/rss.xml").path))
    }

    @Test func strictRefusesAndWritesNothing() throws {
        let root = try workspace(broken: true)
        let run = try feedpub(["build", "--content", "content", "--out", "out", "--strict"], in: root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/broken.md: date: is missing"))
        #expect(run.stderr.contains("--strict"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out/all").path))
    }

    @Test func checkWritesNothingAndReportsLikeBuild() throws {
        let root = try workspace(broken: true)
        let run = try feedpub(["check", "--content", "content", "--report", "report.json"], in: root)
        #expect(run.status == 2)
        #expect(run.stdout.contains("nothing written (check)"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("feeds").path))
        let report = try JSONSerialization.jsonObject(
            with: Data(contentsOf: root.appendingPathComponent("report.json"))
        )
        let object = try #require(report as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["read"] as? Int == 2 && summary["rejected"] as? Int == 1)
        let files = try #require(object["files"] as? [[String: Any]])
        #expect(files.count == 1)
        #expect(files.first?["path"] as? String == "broken.md" && files.first?["status"] as? String == "rejected")
        let issues = try #require(files.first?["issues"] as? [[String: Any]])
        #expect(issues.first?["field"] as? String == "date" && issues.first?["severity"] as? String == "error")
    }

    @Test func badConfigurationIsFatalWithItsLine() throws {
        let root = try workspace()
        try Data("site:\n  url: https://example.org\n  titel: Oops\n".utf8).write(
            to: root.appendingPathComponent("bad.yml")
        )
        let run = try feedpub(["build", "--content", "content", "--out", "out", "--config", "bad.yml"], in: root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("bad.yml:3: site.titel: is not a known key"))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out").path))
    }

    @Test func missingContentFolderIsFatal() throws {
        let root = try workspace()
        let run = try feedpub(["build", "--content", "nowhere", "--out", "out"], in: root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("nowhere: not a folder"))
    }

    @Test func quietPrintsNothingWhenNothingChanged() throws {
        let root = try workspace()
        let first = try feedpub(["build", "--content", "content", "--out", "out", "--quiet"], in: root)
        #expect(first.status == 0)
        #expect(first.stdout.contains("16 written"), "output changed, so the summary shows")
        let second = try feedpub(["build", "--content", "content", "--out", "out", "--quiet"], in: root)
        #expect(second.status == 0)
        #expect(second.stdout.isEmpty && second.stderr.isEmpty)
    }

    @Test func formatsAndLimitOptionsApply() throws {
        let root = try workspace()
        let run = try feedpub(
            ["build", "--content", "content", "--out", "out", "--formats", "atom", "--limit", "1"],
            in: root
        )
        #expect(run.status == 0)
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("out/all/atom.xml").path))
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out/all/rss.xml").path))
        let bad = try feedpub(["build", "--content", "content", "--out", "out", "--formats", "atom,html"], in: root)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("'html' is not a format"))
    }

    @Test func usageErrorsExitWith64() throws {
        let run = try feedpub(["build", "--no-such-option"])
        #expect(run.status == 64)
    }
}

import FeedTestSupport
import Foundation
import Testing

/// The `feedpub` command line as cron and people run it: options, messages, exit statuses — in this process
/// (``InProcess``), and as the built program for what only a process shows.
@Suite struct CommandLineTests {
    /// A folder with `content/` holding the seed item and, optionally, more example items and a broken one.
    func workspace(broken: Bool = false, examples: Int = 0) throws -> URL {
        let root = try Fixtures.temporaryFolder("cli")
        let content = root.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Fixtures.repositoryRoot.appendingPathComponent(Fixtures.seedPath),
            to: content.appendingPathComponent("seed.md")
        )
        let examplesFolder = Fixtures.repositoryRoot.appendingPathComponent("Examples/content")
        let names = try FileManager.default.contentsOfDirectory(atPath: examplesFolder.path).sorted()
        for name in names.filter({ !Fixtures.seedPath.hasSuffix($0) }).prefix(examples) {
            try FileManager.default.copyItem(
                at: examplesFolder.appendingPathComponent(name),
                to: content.appendingPathComponent(name)
            )
        }
        if broken {
            try Data("---\ntitle: 'Never dated'\n---\n<p>x</p>\n".utf8).write(
                to: content.appendingPathComponent("broken.md")
            )
        }
        return root
    }

    /// `build` with the workspace's content and output folders.
    func build(_ root: URL, _ more: [String] = []) -> InProcess.Run {
        InProcess.feedpub(["build", "--content", root.path + "/content", "--out", root.path + "/out"] + more)
    }

    func exists(_ root: URL, _ path: String) -> Bool {
        FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path)
    }

    @Test func helpExplainsCommandsOptionsAndExitStatuses() {
        let run = InProcess.feedpub(["build", "--help"])
        #expect(run.status == 0)
        for text in [
            "--content", "--config", "--out", "--limit", "--formats", "--strict", "--report", "--quiet", "EXIT STATUS",
            "64",
        ] {
            #expect(run.stdout.contains(text), "help lacks \(text)")
        }
        let top = InProcess.feedpub(["--help"])
        #expect(top.stdout.contains("build") && top.stdout.contains("check"))
    }

    @Test func versionIsPrinted() {
        let run = InProcess.feedpub(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }

    @Test func buildPrintsOneSummaryLineAndExitsZero() throws {
        let root = try workspace()
        let run = build(root, ["--limit", "0"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == 1)
        #expect(
            run.stdout.hasPrefix("feedpub: 1 read = 1 published + 0 repaired + 0 rejected; 5 feeds; files: 16 written")
        )
        #expect(exists(root, "out/all/atom.xml"))
    }

    @Test func rejectedItemsAreNamedAndGiveExitStatusTwo() throws {
        let root = try workspace(broken: true)
        let run = build(root)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error: \(root.path)/content/broken.md: date: is missing"))
        #expect(run.stdout.contains("2 read = 1 published + 0 repaired + 1 rejected"))
        #expect(exists(root, "out/all/rss.xml"))
    }

    @Test func rejectedItemsAreNamedOnEveryRunWhileTheyLast() throws {
        let root = try workspace(broken: true)
        #expect(build(root).status == 2)
        let again = build(root)
        #expect(again.status == 2)
        #expect(again.stderr.contains("error: \(root.path)/content/broken.md: date: is missing"), "\(again.stderr)")
        #expect(again.stdout.contains("0 written"))
    }

    @Test func strictRefusesWritesNothingAndSaysWhyOnce() throws {
        let root = try workspace(broken: true)
        let run = build(root, ["--strict"])
        #expect(run.status == 1)
        let reason = "error: \(root.path)/content/broken.md: date: is missing"
        #expect(run.stderr.components(separatedBy: reason).count == 2, "the reason, once: \(run.stderr)")
        #expect(run.stderr.contains("feedpub: error: settle duplicates: --strict: 1 item(s) would be rejected"))
        #expect(!exists(root, "out/all"))
    }

    @Test func strictRefusesWhenNothingChangedToo() throws {
        let root = try workspace(broken: true)
        #expect(build(root).status == 2)
        let run = build(root, ["--strict"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("broken.md: date: is missing"), "\(run.stderr)")
        #expect(run.stderr.contains("load state: --strict"), "\(run.stderr)")
    }

    @Test func checkWritesNothingAndReportsLikeBuild() throws {
        let root = try workspace(broken: true)
        let report = root.path + "/report.json"
        let run = InProcess.feedpub(["check", "--content", root.path + "/content", "--report", report])
        #expect(run.status == 2)
        #expect(run.stdout.contains("nothing written (check)"))
        #expect(!exists(root, "out") && !exists(root, "feeds"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any]
        )
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
        let config = root.path + "/bad.yml"
        try Data("site:\n  url: https://example.org\n  titel: Oops\n".utf8).write(to: URL(fileURLWithPath: config))
        let run = build(root, ["--config", config])
        #expect(run.status == 1)
        #expect(run.stderr.contains("bad.yml:3: site.titel: is not a known key"))
        #expect(!exists(root, "out"))
    }

    @Test func missingContentFolderIsFatal() throws {
        let root = try workspace()
        let run = InProcess.feedpub(["build", "--content", root.path + "/nowhere", "--out", root.path + "/out"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("feedpub: error: scan: \(root.path)/nowhere: not a folder"))
    }

    @Test func quietPrintsNothingWhenNothingChanged() throws {
        let root = try workspace()
        let first = build(root, ["--quiet"])
        #expect(first.status == 0)
        #expect(first.stdout.contains("16 written"), "output changed, so the summary shows")
        let second = build(root, ["--quiet"])
        #expect(second.status == 0)
        #expect(second.stdout.isEmpty && second.stderr.isEmpty)
    }

    @Test func formatsAndLimitOptionsApply() throws {
        let root = try workspace(examples: 4)
        let run = build(root, ["--formats", "atom", "--limit", "2"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("5 read"))
        let atom = try String(contentsOfFile: root.path + "/out/all/atom.xml", encoding: .utf8)
        #expect(atom.components(separatedBy: "<entry>").count - 1 == 2, "--limit 2 keeps the two newest of five")
        #expect(!exists(root, "out/all/rss.xml") && !exists(root, "out/all/feed.json"))
        let all = build(root, ["--formats", "json,rss", "--limit", "0"])
        #expect(all.status == 0)
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: root.appendingPathComponent("out/all/feed.json"))
        )
        #expect(((json as? [String: Any])?["items"] as? [Any])?.count == 5, "--limit 0 keeps all")
        #expect(exists(root, "out/all/rss.xml") && !exists(root, "out/all/atom.xml"), "the atom files are removed")
    }

    @Test(arguments: [
        (["--formats", "atom,html"], "'html' is not a format (rss, atom, json)"),
        (["--limit", "-5"], "The value '-5' is invalid for '--limit <n>'"),
        (["--limit", "many"], "must be a whole number"),
        (["--no-such-option"], "Unknown option '--no-such-option'"),
    ])
    func badOptionValuesAreUsageErrors(_ options: [String], message: String) throws {
        let root = try workspace()
        let run = build(root, options)
        #expect(run.status == 64)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!exists(root, "out"))
    }

    @Test func theProgramExitsAsTheInProcessRunDoes() throws {
        let executable = try #require(ProcessRunner.builtProduct("feedpub"), "feedpub is not built next to the tests")
        let root = try workspace(broken: true)
        let arguments = ["build", "--content", root.path + "/content", "--out", root.path + "/out", "--quiet"]
        let program = try ProcessRunner.run(executable, arguments)
        #expect(program.status == 2)
        #expect(program.stderr.contains("broken.md: date: is missing"))
        let usage = try ProcessRunner.run(executable, ["build", "--limit", "-1"])
        #expect(usage.status == 64)
        #expect(usage.stderr == InProcess.feedpub(["build", "--limit", "-1"]).stderr)
    }
}

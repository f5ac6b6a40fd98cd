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
            "64", "--max-remove", "--allow-removal", "3   incomplete", "130", "143",
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
            run.stdout.hasPrefix(
                "feedpub: 1 read = 1 published + 0 repaired + 0 rejected + 0 skipped + 0 scheduled + 0 drafts + 0 expired; 5 feeds; files: 22 written"
            )
        )
        #expect(exists(root, "out/all/atom.xml"))
    }

    @Test func case4NowSchedulesLaterItemsAndABadNowIsAUsageError() throws {
        let root = try workspace()
        // The seed item is dated 2020-11-26: with a "now" before it, it is scheduled.
        let early = build(root, ["--now", "2020-01-01T00:00:00Z"])
        #expect(early.status == 0, "\(early.stderr)")
        #expect(early.stdout.contains("1 read = 0 published + 0 repaired + 0 rejected + 0 skipped + 1 scheduled"))
        let due = build(root, ["--now", "2026-12-01T00:00:00Z"])
        #expect(
            due.stdout.contains("1 read = 1 published + 0 repaired + 0 rejected + 0 skipped + 0 scheduled + 0 drafts")
        )
        let bad = build(root, ["--now", "next tuesday"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("'next tuesday' is not a date and time"))
    }

    /// Issue 11, items 1 to 3: every URL-like value, address, template and id part is checked when the file is
    /// read, and the error names the file, the line and the key; nothing is written.
    @Test(arguments: [
        ("site:\n  title: T\n  url: 'https://'\n", 3, "site.url", "has no host"),
        ("site:\n  url: \"https://example.org/\\tx\"\n", 2, "site.url", "holds a control character"),
        ("site:\n  url: example.org\n", 2, "site.url", "is not an absolute http(s) URL"),
        ("feeds:\n  url: 'ftp://example.org/feeds/'\n", 2, "feeds.url", "is not an absolute http(s) URL"),
        ("site:\n  logo: '/logo.png'\n", 2, "site.logo", "is not an absolute http(s) URL"),
        ("site:\n  icon: 'https:// x'\n", 2, "site.icon", "holds a space"),
        ("site:\n  favicon: 'http://'\n", 2, "site.favicon", "has no host"),
        ("publisher:\n  url: 'mailto:a@b.c'\n", 2, "publisher.url", "is not an absolute http(s) URL"),
        ("publisher:\n  email: nobody\n", 2, "publisher.email", "is not an e-mail address"),
        ("content:\n  mediaURL: 'media/'\n", 2, "content.mediaURL", "is not an absolute http(s) URL"),
        (
            "site:\n  title: T\n  url: https://example.org\ncontent:\n  itemURL: '{site}/{nope}/'\n", 5,
            "content.itemURL", "{nope} is not a placeholder"
        ),
        (
            "site:\n  title: T\n  url: https://example.org\ncontent:\n  itemURL: 'javascript:alert({id})'\n", 5,
            "content.itemURL", "not an absolute http(s) URL"
        ),
        (
            "site:\n  title: T\n  url: https://example.org\npages:\n  community: '{site}/c/{id}/'\n", 5,
            "pages.community", "{id} is not a placeholder"
        ),
        (
            "site:\n  title: T\n  url: https://example.org\npages:\n  topic: '/topics/{slug}/'\n", 5, "pages.topic",
            "not an absolute http(s) URL"
        ),
        ("ids:\n  authority: 'not a domain'\n", 2, "ids.authority", "is not a domain name or an e-mail address"),
        ("ids:\n  date: '2020-02-30'\n", 2, "ids.date", "is not a real date"),
        ("feeds:\n  formats: atom,json\n  opml: rss\n", 3, "feeds.opml", "is not among the formats written"),
        ("feeds:\n  limit: -1\n", 2, "feeds.limit", "must be 0 (no limit) or more"),
        ("limits:\n  topics: 0\n", 2, "limits.topics", "must be 1 or more"),
    ])
    func item1EveryBadValueStopsTheBuildWithItsLine(_ yaml: String, _ line: Int, _ key: String, _ why: String) throws {
        let root = try workspace()
        let config = root.appendingPathComponent("feedpub.yml")
        try Data(yaml.utf8).write(to: config)
        let run = build(root, ["--config", config.path])
        #expect(run.status == 1, "\(key): \(run.stderr)")
        #expect(run.stderr.contains("feedpub: error: \(config.path):\(line): \(key): "), "\(run.stderr)")
        #expect(run.stderr.contains(why), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "one line: \(run.stderr)")
        #expect(!exists(root, "out"), "nothing written")
    }

    @Test func item2AYAMLErrorIsOneLineWithLineAndColumn() throws {
        let root = try workspace()
        let config = root.appendingPathComponent("feedpub.yml")
        try Data("site:\n  title: [a\n  url: b\n".utf8).write(to: config)
        let run = build(root, ["--config", config.path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("feedpub: error: \(config.path):"))
        #expect(run.stderr.contains("YAML syntax error at column "))
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        let missing = build(root, ["--config", root.path + "/missing.yml"])
        #expect(missing.status == 1)
        #expect(missing.stderr.split(separator: "\n").count == 1, "reported once: \(missing.stderr)")
    }

    @Test func item3IndexOPMLListsOnlyFeedsThatWereWritten() throws {
        let root = try workspace(examples: 3)
        // feedpub.yml says feeds.opml: rss; the option writes no RSS.
        let run = build(root, ["--formats", "atom,json"])
        #expect(run.status == 0, "\(run.stderr)")
        let opml = try String(contentsOfFile: root.path + "/out/index.opml", encoding: .utf8)
        let urls = opml.components(separatedBy: "xmlUrl=\"").dropFirst().compactMap { $0.split(separator: "\"").first }
        #expect(!urls.isEmpty)
        for url in urls {
            let path = String(url).replacingOccurrences(of: "https://www.medigy.com/feeds/", with: "")
            #expect(path.hasSuffix("atom.xml") && exists(root, "out/" + path), "\(url)")
        }
    }

    @Test func item10QuietIsSilentWhenNothingChangedAndSaysEverythingOtherwise() throws {
        let root = try workspace(broken: true)
        let first = build(root, ["--quiet"])
        #expect(first.status == 2)
        #expect(first.stderr.contains("broken.md: date: is missing") && first.stdout.contains("2 read"))
        // Nothing changed: the same problems, already said — nothing printed, the status still 2.
        let again = build(root, ["--quiet"])
        #expect(again.status == 2)
        #expect(again.stdout.isEmpty && again.stderr.isEmpty, "\(again.stdout)\(again.stderr)")
        // Without --quiet the error is said on every run while it lasts.
        let loud = build(root)
        #expect(loud.status == 2 && loud.stderr.contains("broken.md: date: is missing"))
        // Something changed: everything again, warnings included.
        try Data("---\ntitle: New\ndate: '2024-01-01T00:00:00Z'\n---\n<p>x</p>\n".utf8)
            .write(to: root.appendingPathComponent("content/new.md"))
        let changed = build(root, ["--quiet"])
        #expect(changed.status == 2)
        #expect(changed.stderr.contains("warning: ") && changed.stderr.contains("new.md"))
        #expect(changed.stderr.contains("broken.md: date: is missing") && changed.stdout.contains("3 read"))
    }

    @Test func item11TheReportListsTheFilesWrittenAndRemoved() throws {
        let root = try workspace()
        let report = root.appendingPathComponent("report.json")
        let run = build(root, ["--report", report.path])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let changes = try #require(json["changes"] as? [String: [[String: String]]])
        let written = try #require(changes["written"])
        #expect(written.count == 22 && changes["removed"]?.isEmpty == true, "5 feeds × (3 formats + links.html) + 2")
        let atom = try #require(written.first { $0["path"] == "all/atom.xml" })
        #expect(atom["format"] == "atom" && atom["url"] == "https://www.medigy.com/feeds/all/atom.xml")
        #expect(written.contains { $0["path"] == "index.opml" && $0["format"] == "opml" })
        #expect(written.contains { $0["path"] == "index.html" && $0["format"] == "html" })
        #expect(written.contains { $0["path"] == "all/links.html" && $0["format"] == "links" })
        // Only json: the RSS and Atom files go, and the report says which.
        _ = build(root, ["--report", report.path, "--formats", "json", "--allow-removal"])
        let second = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: report)) as? [String: Any])
        let removed = try #require((second["changes"] as? [String: [[String: String]]])?["removed"])
        #expect(removed.contains { $0["path"] == "all/rss.xml" && $0["format"] == "rss" })
    }

    /// Issue 11, items 4 and 5: a site folder, as `feedpub init` makes it, and no built-in site identity.
    @Test func item4And5InitThenBuildASiteFolder() throws {
        let root = try Fixtures.temporaryFolder("site")
        let site = root.appendingPathComponent("site")
        let made = InProcess.feedpub(["init", site.path])
        #expect(made.status == 0, "\(made.stderr)")
        let config = site.appendingPathComponent("feedpub.yml").path
        let template = try String(contentsOfFile: config, encoding: .utf8)
        for key in ["site:", "feeds:", "content:", "limits:", "ids:", "folder: public/feeds", "folder: content"] {
            #expect(template.contains(key), "the template documents \(key)")
        }
        #expect(FileManager.default.fileExists(atPath: site.path + "/content"))
        #expect(InProcess.feedpub(["init", site.path]).status == 1, "an existing feedpub.yml is not overwritten")
        // No site identity: exit 1, naming the keys; nothing created.
        let bare = InProcess.feedpub(["build", "--config", config])
        #expect(bare.status == 1)
        #expect(bare.stderr.contains("site.url: is not set: set site.url and site.title"), "\(bare.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site.path + "/public"))
        // Set them, add the seed: feeds in the folders the file names, relative to it.
        let filled = template.replacingOccurrences(of: "  title: \"\"", with: "  title: Example Health")
            .replacingOccurrences(of: "  url: \"\"", with: "  url: https://example.org")
        try Data(filled.utf8).write(to: URL(fileURLWithPath: config))
        try FileManager.default.copyItem(
            at: Fixtures.repositoryRoot.appendingPathComponent(Fixtures.seedPath),
            to: site.appendingPathComponent("content/seed.md")
        )
        let built = InProcess.feedpub(["build", "--config", config])
        #expect(built.status == 0, "\(built.stderr)")
        let rss = try String(contentsOfFile: site.path + "/public/feeds/all/rss.xml", encoding: .utf8)
        #expect(rss.contains("https://example.org/feeds/all/rss.xml") && rss.contains("tag:example.org,2020:items/"))
        #expect(!rss.contains("medigy.com/feeds"), "no one else's identity")
        // feedpub config: each value and where it came from.
        let shown = InProcess.feedpub(["config", "--config", config, "--limit", "7"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("site.title") && shown.stdout.contains("Example Health  (\(config):"))
        #expect(shown.stdout.contains("feeds.limit") && shown.stdout.contains("7  (option)"))
        #expect(shown.stdout.contains("limits.topics") && shown.stdout.contains("20  (default)"))
    }

    @Test func item4AContentFolderThatIsNotThereCreatesNothing() throws {
        let root = try Fixtures.temporaryFolder("nothing")
        let run = InProcess.feedpub(["build", "--content", root.path + "/nonexistent", "--out", root.path + "/out"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("scan: "), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.path + "/out"), "no output folder, no lock file")
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
        #expect(first.stdout.contains("22 written"), "output changed, so the summary shows")
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

    /// Case 11 of issue 9: a file name or a field value cannot forge a line or drive the terminal of whoever reads
    /// the cron mail.
    @Test func case11_controlCharactersInNamesAndValuesAreEscapedInEveryMessage() throws {
        let root = try workspace()
        let content = root.appendingPathComponent("content")
        let broken = "---\ntitle: 'Never dated'\n---\n<p>x</p>\n"
        try Data(broken.utf8).write(to: content.appendingPathComponent("evil\nerror: fake.md:1: title: injected.md"))
        try Data(broken.utf8).write(to: content.appendingPathComponent("\u{1B}[2J.md"))
        try Data("---\ntitle: 'x'\ndate: '2024\u{202E}10-01'\n---\n<p>x</p>\n".utf8).write(
            to: content.appendingPathComponent("value.md")
        )
        let run = build(root)
        #expect(run.status == 2)
        for output in [run.stdout, run.stderr] {
            #expect(!output.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F }, "\(output)")
        }
        let lines = run.stderr.split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix("error: fake.md") }, "\(run.stderr)")
        #expect(lines.contains { $0.contains("evil\\nerror: fake.md:1: title: injected.md: date: is missing") })
        #expect(lines.contains { $0.contains("\\x1B[2J.md: date: is missing") }, "\(run.stderr)")
        // A value that reorders the text shown (a right-to-left override) is shown as its escape.
        #expect(lines.contains { $0.contains("value.md:3: date: '2024\\u{202E}10-01'") }, "\(run.stderr)")
        #expect(!run.stderr.unicodeScalars.contains("\u{202E}"))
    }

    @Test func case5_anEmptyContentFolderIsRefusedUntilRemovalIsAllowed() throws {
        let root = try workspace(examples: 4)
        #expect(build(root).status == 0)
        let content = root.appendingPathComponent("content")
        try FileManager.default.removeItem(at: content)
        try FileManager.default.createDirectory(at: content, withIntermediateDirectories: false)
        let refused = build(root)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("no readable item") && refused.stderr.contains("--allow-removal"))
        #expect(exists(root, "out/all/rss.xml") && exists(root, "out/communities"))
        let allowed = build(root, ["--allow-removal"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stdout.contains("0 read") && !exists(root, "out/communities/chronic-care-management"))
    }

    @Test(arguments: ["101", "-1", "half"])
    func maxRemoveTakesAPercentage(_ value: String) throws {
        let run = build(try workspace(), ["--max-remove", value])
        #expect(run.status == 64)
        #expect(run.stderr.contains("must be a percentage from 0 to 100"), "\(run.stderr)")
    }

    @Test func case4_feedsPublishedButTheStateNotSavedExitsThree() throws {
        let root = try workspace(examples: 2)
        #expect(build(root).status == 0)
        let state = root.appendingPathComponent("out/.feedpub/state")
        try FileManager.default.removeItem(at: state)
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: false)
        try Data().write(to: state.appendingPathComponent("keep"))
        let seed = root.appendingPathComponent("content/seed.md")
        let text = try String(contentsOf: seed, encoding: .utf8)
        try Data(text.replacingOccurrences(of: "title: 'Healthcare", with: "title: 'Edited: Healthcare").utf8).write(
            to: seed
        )
        let run = build(root)
        #expect(run.status == 3)
        #expect(run.stderr.contains("save state: ") && run.stderr.contains("the feeds were published"), "\(run.stderr)")
        try FileManager.default.removeItem(at: state)
        #expect(build(root).status == 0)
    }
}

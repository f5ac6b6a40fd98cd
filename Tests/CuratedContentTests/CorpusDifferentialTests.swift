import FeedModel
import FeedTestSupport
import FeedpubSystem
import Foundation
import Testing

@testable import CuratedContent

/// `../shared/corpus/make-corpus` beside the repository, when present.
private let makeCorpusPath: String? = {
    let path = Fixtures.repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/corpus/make-corpus").path
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
}()

/// A generated corpus with hostile items: the fast reader agrees with Yams on every used key, and the folder
/// reader accounts for every file.
@Suite("Corpus differential", .enabled(if: makeCorpusPath != nil, "make-corpus is not installed"))
struct CorpusDifferentialTests {

    /// Writes a corpus of 300 items with quirks (seed 5) into a new folder under the temporary directory.
    private static func generate() throws -> TemporaryFolder {
        let folder = try TemporaryFolder("feedpub-cc-corpus")
        let output = folder.url.appendingPathComponent("corpus")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(makeCorpusPath))
        process.arguments = [
            "--count", "300", "--seed", "5", "--quirks", "--out", output.path, "--jobs", "1",
            "--manifest", folder.url.appendingPathComponent("manifest.tsv").path,
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "make-corpus failed")
        return folder
    }

    /// The YAML of a file, after the reader's repairs, when its front matter can be split off.
    private static func frontMatter(_ bytes: [UInt8]) -> String? {
        let text = TextRepair.repair(bytes).bytes
        guard let split = try? FrontMatter.split(text) else { return nil }
        return String(decoding: text[split.yaml], as: UTF8.self)
    }

    @Test func exporterSubsetReaderAgreesWithLibyamlWheneverItAnswers() throws {
        let folder = try Self.generate()
        let root = folder.url.appendingPathComponent("corpus").path
        let files = try ContentScanner(root: root).scan().filter { $0.refusal == nil }
        var answered = 0
        var handedOver = 0
        for file in files {
            guard let yaml = Self.frontMatter(try FileBytes.read(root + "/" + file.path)) else { continue }
            let bytes = Array(yaml.utf8)
            let outcome = bytes.withUnsafeBytes { ExporterYAMLReader(wantedKeys: ItemMapper.usedKeySet).read($0) }
            guard case .value(let subset) = outcome else {
                handedOver += 1
                continue
            }
            answered += 1
            switch ContentTestKit.fast(bytes, wanted: ItemMapper.usedKeys) {
            case .success(let full): #expect(subset == full, "\(file.path)")
            case .failure(let problem):
                Issue.record("\(file.path): the subset reader accepted what libyaml refuses: \(problem)")
            }
        }
        // Every ordinary item keeps to the exporter's subset; the hostile ones (about 2%) may not.
        #expect(answered >= 280, "answered \(answered), handed over \(handedOver)")
    }

    @Test func fastReaderAgreesWithYamsOnEveryUsedKey() throws {
        let folder = try Self.generate()
        let root = folder.url.appendingPathComponent("corpus").path
        let files = try ContentScanner(root: root).scan().filter { $0.refusal == nil }
        #expect(files.count >= 290)
        var compared = 0
        var keysCompared = 0
        for file in files {
            guard let yaml = Self.frontMatter(try FileBytes.read(root + "/" + file.path)) else { continue }
            let fast = ContentTestKit.fast(yaml, wanted: ItemMapper.usedKeys)
            let yams = ContentTestKit.yams(yaml)
            switch (fast, yams) {
            case (.success(let fastRoot), .success(let yamsRoot)):
                compared += 1
                guard case .mapping(let entries, _)? = fastRoot else {
                    Issue.record("\(file.path): not a mapping")
                    continue
                }
                #expect(entries.allSatisfy { ItemMapper.usedKeys.contains($0.key) }, "\(file.path)")
                for key in ItemMapper.usedKeys {
                    #expect(fastRoot?[key] == yamsRoot?[key], "\(file.path): \(key)")
                    if fastRoot?[key] != nil { keysCompared += 1 }
                }
            case (.success, .failure(.tooLarge)):
                // Yams expands aliases; only an alias bomb (in unused keys) gets here.
                #expect(yaml.contains("lol9: &a9"), "\(file.path)")
            case (.failure(.syntax(_, let line, _)), .failure(.syntax(_, let yamsLine, _))):
                #expect(line == yamsLine, "\(file.path)")
            case (.failure(.needsFullParser), .success):
                break
            default:
                Issue.record("\(file.path): fast \(fast), Yams \(yams)")
            }
        }
        #expect(compared >= 280)
        #expect(keysCompared >= compared * 12)
    }

    @Test func folderReaderAccountsForEveryFile() throws {
        let folder = try Self.generate()
        let root = folder.url.appendingPathComponent("corpus").path
        let names = try FileManager.default.contentsOfDirectory(atPath: root).filter { $0.hasSuffix(".md") }
        let outcomes = try ContentReader(settings: ContentSettings(siteURL: ContentTestKit.site)).read(folder: root)
        #expect(outcomes.map(\.path) == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(outcomes.count == 300)
        for item in ContentTestKit.resolved(outcomes.compactMap(\.item)) {
            #expect(item.topics.allSatisfy { $0.slug != nil }, "\(item.sourceID)")
            #expect(item.community.map { $0.slug != nil } != false, "\(item.sourceID)")
        }
        for outcome in outcomes {
            #expect(ReadOutcome.Status.allCases.contains(outcome.status))
            if outcome.status == .rejected {
                #expect(!ContentTestKit.errors(outcome).isEmpty, "\(outcome.path)")
            } else {
                #expect(ContentTestKit.errors(outcome).isEmpty, "\(outcome.path)")
                #expect(outcome.status == (outcome.issues.isEmpty ? .published : .repaired))
                if let item = outcome.item {
                    #expect(
                        (item.contentHTML ?? "").unicodeScalars.allSatisfy(XMLCharacters.isAllowed),
                        "\(outcome.path)"
                    )
                    #expect(item.updated >= item.published)
                }
            }
        }
        let counts = Dictionary(grouping: outcomes, by: \.status).mapValues(\.count)
        #expect((counts[.published] ?? 0) > 200)

        // Each hostile kind ends as it must; of the normal items, only a duplicate id's partner may be rejected.
        let manifest = try String(contentsOf: folder.url.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        var kinds: [String: (kind: String, note: String)] = [:]
        for line in manifest.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if columns.count == 3 { kinds[columns[0]] = (columns[1], columns[2]) }
        }
        #expect(kinds.count == 15)
        let mustReject: Set = ["yaml-error", "no-front-matter", "bad-date", "missing-date", "symlink-outside"]
        for outcome in outcomes {
            guard let (kind, note) = kinds[outcome.path] else {
                if outcome.status == .rejected {
                    #expect(ContentTestKit.errors(outcome).map(\.field) == ["id"], "\(outcome.path)")
                }
                continue
            }
            if kind == "duplicate-id" { continue }
            let rejects = mustReject.contains(kind) && !(kind == "bad-date" && note.contains("Nov 2020"))
            #expect((outcome.status == .rejected) == rejects, "\(outcome.path): \(kind) (\(note)): \(outcome.issues)")
        }
        #expect(outcomes.filter { $0.status == .rejected }.count == 6)
        let ids = outcomes.compactMap { $0.item?.id }
        #expect(Set(ids).count == ids.count)
    }
}

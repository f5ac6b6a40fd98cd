import Benchmark
@_spi(Benchmarks) import CuratedContent
import FeedModel
import FeedWriters
import Foundation

// Inputs: the seed item, and the newest items of a make-corpus folder when FEEDPUB_BENCH_CORPUS names one.
let seedURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Examples/content/231bd5ac-56ed-52d4-b129-6d06debb9391.md")
let seed = Array((try? Data(contentsOf: seedURL)) ?? Data())
let settings = ContentSettings(siteURL: "https://www.medigy.com")
let reader = ItemReader(settings: settings)

nonisolated(unsafe) var samples: [[UInt8]] = [seed]
if let folder = ProcessInfo.processInfo.environment["FEEDPUB_BENCH_CORPUS"],
    let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
{
    samples = names.sorted().prefix(200).compactMap {
        FileManager.default.contents(atPath: folder + "/" + $0).map(Array.init)
    }
}
nonisolated(unsafe) var next = 0
func sample() -> [UInt8] {
    next = (next + 1) % samples.count
    return samples[next]
}

benchmark("reader: repair + split front matter (per item)") { _ = ReaderStages.split(sample()) }
benchmark("reader: front matter, exporter subset (per item)") { _ = ReaderStages.parseExporter(sample()) }
benchmark("reader: front matter, libyaml events (per item)") { _ = ReaderStages.parseFast(sample()) }
benchmark("reader: front matter, Yams fallback (per item)") { _ = ReaderStages.parseYams(sample()) }
benchmark("reader: whole item (per item)") { _ = reader.read(path: "x.md", bytes: sample()) }

// A feed of 50 items, as the writers see them.
let items = (0..<50).compactMap { index -> FeedItem? in
    reader.read(path: "\(index).md", bytes: samples[index % samples.count]).item.map { item in
        var item = item
        item.id += "-\(index)"
        return item
    }
}
let feed = FeedSetBuilder(settings: FeedSettings(siteTitle: "Medigy", siteURL: "https://www.medigy.com")).build(items)
    .site

benchmark("writer: RSS 2.0, feed of 50 items") { _ = try RSSWriter().render(feed) }
benchmark("writer: Atom 1.0, feed of 50 items") { _ = try AtomWriter().render(feed) }
benchmark("writer: JSON Feed 1.1, feed of 50 items") { _ = try JSONFeedWriter().render(feed) }

Benchmark.main()

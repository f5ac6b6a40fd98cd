import CuratedContent
import FeedModel
import FeedWriters
import Foundation

/// Turning feeds into files: what to render, rendering into staged files, and `feedpub check`'s dry run.
extension Publisher {
    /// One file to write: a feed in a format, or the OPML index (`feedIndex` nil), and the fingerprint of
    /// everything its bytes depend on.
    struct RenderJob: Sendable {
        var path: OutputPath
        var feedIndex: Int?
        var format: FeedFormat
        var fingerprint: UInt64
    }

    func renderJobs(_ feeds: FeedSet, fingerprint: String) -> [RenderJob] {
        var jobs: [RenderJob] = []
        let all = feeds.all
        let feedFingerprints = ParallelMap.map(all, batch: 8) { feed in
            FeedFingerprint.of(feed, configuration: fingerprint)
        }
        for (index, feed) in all.enumerated() {
            for format in options.configuration.formats {
                guard let path = OutputPath(feedPath: feed.path, fileName: format.fileName) else { continue }
                jobs.append(
                    RenderJob(path: path, feedIndex: index, format: format, fingerprint: feedFingerprints[index])
                )
            }
        }
        if let opml = OutputPath(topLevel: "index.opml") {
            let format = options.configuration.effectiveOPMLFormat
            jobs.append(
                RenderJob(
                    path: opml,
                    feedIndex: nil,
                    format: format,
                    fingerprint: FeedFingerprint.ofIndex(feeds, configuration: fingerprint)
                )
            )
        }
        return jobs
    }

    /// Renders every job into a staged file (`nil`: the file is unchanged).
    ///
    /// On any failure every staged file is discarded and nothing is written.
    func stage(
        _ jobs: [RenderJob],
        feeds: [Int: Feed],
        feedSet: FeedSet,
        in output: OutputFolder,
        progress: (@Sendable (String, Int, Int) -> Void)?
    ) throws(PublishError) -> [StagedFile?] {
        let configuration = options.configuration
        // One format at a time, each with a cache of its rendered items: an item is rendered once per format,
        // whatever the number of feeds that hold it, and only one format's items are held at once.
        var results = [Result<StagedFile?, PublishError>](repeating: .success(nil), count: jobs.count)
        for format in FeedFormat.allCases {
            let group = jobs.indices.filter { jobs[$0].format == format }
            guard !group.isEmpty else { continue }
            let cache = ItemFragmentCache()
            let groupResults = ParallelMap.map(
                group,
                batch: 2,
                progress: Self.phase("writing \(format.rawValue)", of: group.count, progress)
            ) {
                serial -> Result<StagedFile?, PublishError> in
                let job = jobs[serial]
                do {
                    let folder = try output.prepareFolder(for: job.path)
                    let file = try StagedFile(folder: folder, fileName: job.path.fileName, serial: serial)
                    let sink: (UnsafeRawBufferPointer) throws -> Void = { try file.write($0) }
                    if let index = job.feedIndex, let feed = feeds[index] {
                        try Self.write(feed, format: job.format, cache: cache, to: sink)
                    } else {
                        let bytes = try OPMLWriter(format: job.format).render(
                            feedSet,
                            title: "\(configuration.siteTitle) feeds",
                            owner: configuration.feedSettings.publisher
                        )
                        try bytes.withUnsafeBytes(sink)
                    }
                    return .success(try file.finish() == .staged ? file : nil)
                } catch let error as OutputError {
                    return .failure(.output(error))
                } catch {
                    return .failure(.render(path: job.path.description, reason: "\(error)"))
                }
            }
            for (serial, result) in zip(group, groupResults) { results[serial] = result }
        }
        var staged: [StagedFile?] = []
        for result in results {
            switch result {
            case .success(let file): staged.append(file)
            case .failure(let error):
                for case .success(let file?) in results { file.discard() }
                throw error
            }
        }
        return staged
    }

    /// A per-item progress callback for `phase`, or `nil` when nobody listens.
    static func phase(
        _ name: String,
        of total: Int,
        _ progress: (@Sendable (String, Int, Int) -> Void)?
    ) -> (@Sendable (Int) -> Void)? {
        guard let progress else { return nil }
        return { done in progress(name, done, total) }
    }

    static func write(
        _ feed: Feed,
        format: FeedFormat,
        cache: ItemFragmentCache? = nil,
        to sink: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try format.writer.write(feed, cache: cache, to: sink)
    }

    /// `feedpub check`: every feed is rendered in memory, so that a writer failure shows without writing.
    func check(_ feeds: [Feed]) throws(PublishError) {
        let formats = options.configuration.formats
        let failures = ParallelMap.map(feeds, batch: 4) { feed -> String? in
            for format in formats {
                do {
                    try Self.write(feed, format: format) { _ in }
                } catch {
                    return "\(feed.path)/\(format.fileName): \(error)"
                }
            }
            return nil
        }
        if let failure = failures.compactMap({ $0 }).first {
            throw .render(path: failure, reason: "writer failed")
        }
    }
}

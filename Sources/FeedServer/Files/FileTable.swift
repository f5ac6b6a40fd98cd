import FeedModel
import FeedPublisher
import Synchronization

/// The files the server answers for, swapped whole after each build: a request takes the table once and answers
/// from it, so it never mixes two builds' headers.
///
/// A table comes from `OUT/.feedpub/state` (``PublishedFiles``): only what feedpub wrote. It is loaded again when a
/// build of this process finishes and, for builds of other processes on the same folder, when the state file is
/// replaced (``reloadIfReplaced()``, polled).
final class FileTable: Sendable {
    /// One build's files, immutable.
    struct Generation: Sendable {
        let published: PublishedFiles
        let files: [String: ServedFile]
        /// Counts the tables loaded by this process (1 first); not in any response.
        let number: Int
    }

    let root: String
    let layout: FeedLayout
    let feedsURL: String
    let cacheControl: String
    private let current: Mutex<Generation>
    /// Held while a table is loaded and stored: loads run one after the other, so the last one stored read the
    /// newest state (a poll that read the state before a build saved it cannot overwrite the build's table).
    private let loading = Mutex(())

    /// The table of the output folder `root` now; its files' self links under `feedsURL`, their `Cache-Control`
    /// `cacheControl`.
    init(root: String, layout: FeedLayout, feedsURL: String, cacheControl: String) {
        self.root = root
        self.layout = layout
        self.feedsURL = feedsURL.hasSuffix("/") ? feedsURL : feedsURL + "/"
        self.cacheControl = cacheControl
        current = Mutex(
            Self.load(root: root, layout: layout, feedsURL: self.feedsURL, cacheControl: cacheControl, number: 1)
        )
    }

    /// The current table.
    var generation: Generation { current.withLock { $0 } }

    /// Loads the table again from the state; the new one.
    @discardableResult
    func reload() -> Generation {
        loading.withLock { _ in loadNext() }
    }

    /// Loads the table again when the state file is not the one it came from; whether it did.
    @discardableResult
    func reloadIfReplaced() -> Bool {
        let version = PublishedFiles.currentVersion(root: root)
        guard version != current.withLock({ $0.published.stateVersion }) else { return false }
        loading.withLock { _ in
            // Another reload may have loaded this very state meanwhile.
            guard version != current.withLock({ $0.published.stateVersion }) else { return }
            loadNext()
        }
        return true
    }

    /// Makes the files a build of this process just committed the current table (before its state is saved: the
    /// reload after the build finds the same files).
    func install(_ published: PublishedFiles) {
        loading.withLock { _ in
            let last = current.withLock { $0 }
            let fresh = Self.generation(
                of: published,
                feedsURL: feedsURL,
                cacheControl: cacheControl,
                number: last.number + 1,
                reusing: last.files
            )
            current.withLock { $0 = fresh }
        }
    }

    /// The next generation, loaded from the state and made current; called holding `loading`.
    @discardableResult
    private func loadNext() -> Generation {
        let last = current.withLock { $0 }
        let fresh = Self.load(
            root: root,
            layout: layout,
            feedsURL: feedsURL,
            cacheControl: cacheControl,
            number: last.number + 1,
            reusing: last.files
        )
        current.withLock { $0 = fresh }
        return fresh
    }

    private static func load(
        root: String,
        layout: FeedLayout,
        feedsURL: String,
        cacheControl: String,
        number: Int,
        reusing previous: [String: ServedFile] = [:]
    ) -> Generation {
        generation(
            of: PublishedFiles.load(root: root, layout: layout),
            feedsURL: feedsURL,
            cacheControl: cacheControl,
            number: number,
            reusing: previous
        )
    }

    /// The table of `published`; a file that is in `previous` as it is now keeps its headers from there (made again
    /// for 1,400 files, they were 8 ms of a watched edit's latency at 100,000 items).
    private static func generation(
        of published: PublishedFiles,
        feedsURL: String,
        cacheControl: String,
        number: Int,
        reusing previous: [String: ServedFile] = [:]
    ) -> Generation {
        var files: [String: ServedFile] = [:]
        files.reserveCapacity(published.files.count)
        for (path, file) in published.files {
            if let served = previous[path], served.file == file {
                files[path] = served
                continue
            }
            var known = file
            // A file of an older state has no hash yet: its bytes are hashed once, here.
            if file.contentHash == 0 {
                guard let read = try? published.read(file) else { continue }
                known = file.withContentHash(read.contentHash)
            }
            files[path] = ServedFile(known, feedsURL: feedsURL, cacheControl: cacheControl)
        }
        return Generation(published: published, files: files, number: number)
    }
}

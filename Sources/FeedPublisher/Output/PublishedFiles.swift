package import FeedModel
import FeedWriters
import FeedpubSystem

/// The files of an output folder that feedpub wrote, as its state records them — the only files `feedpub serve`
/// serves — with what a server needs of each: size, modification time, content hash and media type.
///
/// Read from `OUT/.feedpub/state` whatever the configuration or the code that wrote it; nothing is created, locked or
/// changed. A file is read with ``read(_:)``: beneath the output folder, through no symbolic link, and given only when
/// its bytes are the ones recorded.
package struct PublishedFiles: Sendable {
    /// One file feedpub wrote.
    package struct File: Sendable, Hashable {
        /// The path relative to the output folder (`all/rss.xml`).
        package let path: String
        /// The size in bytes.
        package let size: Int64
        /// The modification time the build recorded, in nanoseconds since the epoch.
        package let modified: Int64
        /// The content hash of its bytes (``StableHash/Stream``), the same in every process for the same bytes.
        package let contentHash: UInt64
        /// The media type to serve it with, `; charset=utf-8` included.
        package let contentType: String
        /// Whether it is a feed (a subscription document or an archive page), whose self URL is its address.
        package let isFeed: Bool
        let stamp: FileStamp

        /// The same file with `hash` as its content hash (a file of an older state, hashed by its reader).
        package func withContentHash(_ hash: UInt64) -> File {
            File(
                path: path,
                size: size,
                modified: modified,
                contentHash: hash,
                contentType: contentType,
                isFeed: isFeed,
                stamp: stamp
            )
        }
    }

    /// Why a file is not given.
    package enum ReadError: Error, Sendable, Equatable, CustomStringConvertible {
        /// It is not (or no longer) the file the state records: changed, replaced by hand, or a newer build's.
        case changed(String)
        /// It cannot be opened or read (removed, a link on the way, not a regular file).
        case unreadable(String, reason: String)

        package var description: String {
            switch self {
            case .changed(let path): "\(DisplayText.escaped(path)): not the file feedpub wrote"
            case .unreadable(let path, let reason): "\(DisplayText.escaped(path)): \(reason)"
            }
        }
    }

    /// The output folder, as given.
    package let root: String
    /// Every file, by path.
    package let files: [String: File]
    /// The stamp of the state file these come from (`nil`: there was none), to tell when it is replaced.
    package let stateVersion: StateVersion
    /// Why the state gave no file, when it was damaged.
    package let problem: String?
    private let top: Directory?

    /// What identifies one state file: a new build renames a new one in (another inode, another change time).
    package struct StateVersion: Sendable, Hashable {
        let stamp: FileStamp?
    }

    /// The published files of the output folder `root`, the URL of each feed under `feedsURL`, their types by
    /// `layout` — an empty table when there is no folder or no state yet.
    package static func load(root: String, layout: FeedLayout) -> PublishedFiles {
        guard let top = try? Directory(root), let state = try? top.folder(OutputFolder.stateFolderName) else {
            return PublishedFiles(
                root: root,
                files: [:],
                stateVersion: StateVersion(stamp: nil),
                problem: nil,
                top: nil
            )
        }
        let version = StateVersion(stamp: state.status(of: "state")?.stamp)
        var problem: String?
        let outputs: [String: BuildState.Output]
        // No fingerprint is empty: every readable state is "other", which gives its outputs.
        switch BuildState.load(from: state, fingerprint: "") {
        case .none: outputs = [:]
        case .damaged(let why):
            outputs = [:]
            problem = "the state of the last build is damaged (\(why)): nothing is served until the next build"
        case .other(let recorded, _): outputs = recorded
        case .current(let recorded): outputs = recorded.outputs
        }
        return PublishedFiles(
            root: root,
            files: files(outputs, layout: layout),
            stateVersion: version,
            problem: problem,
            top: top
        )
    }

    /// The files a build just committed into `output` (``BuildOptions/onPublished``), as the state it is about to save
    /// will give them: `stateVersion` is the state file's before it is replaced, so that a poll loads the new one
    /// when it is there.
    static func committed(
        _ outputs: [String: BuildState.Output],
        in output: OutputFolder,
        layout: FeedLayout
    ) -> PublishedFiles {
        let root = output.root
        return PublishedFiles(
            root: root,
            files: files(outputs, layout: layout),
            stateVersion: currentVersion(root: root),
            problem: nil,
            top: try? Directory(root)
        )
    }

    /// The files of `outputs`, their types by `layout`.
    private static func files(_ outputs: [String: BuildState.Output], layout: FeedLayout) -> [String: File] {
        var files: [String: File] = [:]
        files.reserveCapacity(outputs.count)
        for (path, output) in outputs {
            guard let parsed = OutputPath(parsing: path) else { continue }
            let feed = parsed.feed(in: layout)
            files[path] = File(
                path: path,
                size: output.stamp.size,
                modified: output.stamp.modified,
                contentHash: output.contentHash,
                contentType: Self.contentType(of: parsed, format: feed?.format),
                isFeed: feed?.format != nil,
                stamp: output.stamp
            )
        }
        return files
    }

    /// The version of the state file of `root` now (cheap: one `fstatat`), to compare with ``stateVersion``.
    package static func currentVersion(root: String) -> StateVersion {
        StateVersion(stamp: FileStamp.ofRegularFile(root + "/" + OutputFolder.stateFolderName + "/state"))
    }

    /// The media type of `path`: a feed's by its format, the OPML index, HTML pages; each with `; charset=utf-8`.
    static func contentType(of path: OutputPath, format: FeedFormat?) -> String {
        if let format { return format.mediaType + "; charset=utf-8" }
        let name = path.fileName
        if name.hasSuffix(".opml") { return "text/x-opml; charset=utf-8" }
        if name.hasSuffix(".html") { return "text/html; charset=utf-8" }
        if name.hasSuffix(".xml") { return "application/xml; charset=utf-8" }
        if name.hasSuffix(".json") { return "application/json; charset=utf-8" }
        return "text/plain; charset=utf-8"
    }

    /// The bytes of `file`, and their content hash.
    ///
    /// Opened beneath the output folder with no symbolic link on the way (`openat2` `RESOLVE_BENEATH |
    /// RESOLVE_NO_SYMLINKS`), a regular file only, and read whole through that one descriptor. When its stamp is the
    /// recorded one, the recorded hash is its hash; otherwise (an rsynced copy, or a file changed since) its bytes are
    /// hashed once here and given only when they hash to the recorded value. A file of an older state, without hash,
    /// is given with the hash of its bytes.
    package func read(_ file: File) throws(ReadError) -> (bytes: [UInt8], contentHash: UInt64) {
        guard let top else { throw .unreadable(file.path, reason: "no output folder") }
        let opened: OpenFile
        let status: FileStatus
        do {
            opened = try top.openBeneath(Array(file.path.utf8), displayPath: file.path)
            status = try opened.status()
        } catch {
            throw .unreadable(file.path, reason: "\(error)")
        }
        guard status.stamp.size == file.size, file.size < Int64(Int32.max) else { throw .changed(file.path) }
        var bytes = [UInt8](repeating: 0, count: Int(file.size) + 1)
        let count = bytes.withUnsafeMutableBytes { FileReading.readFully(opened.descriptor, into: $0, at: 0) }
        guard count == Int(file.size) else {
            if count < 0 { throw .unreadable(file.path, reason: "cannot be read") }
            throw .changed(file.path)
        }
        bytes.removeLast()
        if status.stamp == file.stamp && file.contentHash != 0 { return (bytes, file.contentHash) }
        var stream = StableHash.Stream()
        bytes.withUnsafeBytes { stream.update($0) }
        guard file.contentHash == 0 || stream.value == file.contentHash else { throw .changed(file.path) }
        return (bytes, stream.value)
    }
}

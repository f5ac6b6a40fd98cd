import FeedModel
package import FeedpubSystem

/// Reads a whole content folder: lists it, reads every file on all cores, and settles duplicate ids.
///
/// The outcomes come back in path order, one per listed file, whatever the number of threads.
public struct ContentReader: Sendable {
    /// The reader of single files.
    public var itemReader: ItemReader
    /// Files larger than this are rejected unread (default 64 MiB).
    public var maximumFileSize: Int

    /// A reader for `settings`.
    public init(settings: ContentSettings, maximumFileSize: Int = 64 << 20) {
        self.itemReader = ItemReader(settings: settings)
        self.maximumFileSize = maximumFileSize
    }

    /// Lists and reads `folder`; duplicate ids are resolved (see ``DuplicateIDs``).
    public func read(folder: String) throws(ContentFolderError) -> [ReadOutcome] {
        let scanner = ContentScanner(root: folder)
        let top = try scanner.open()
        return DuplicateIDs.resolve(read(try scanner.scan(top), in: top))
    }

    /// Reads `files` of `folder` in parallel; outcomes in the order of `files`.
    public func read(_ files: [ContentFile], in folder: String) throws(ContentFolderError) -> [ReadOutcome] {
        read(files, in: try ContentScanner(root: folder).open())
    }

    /// Reads `files` of the open content folder `folder` in parallel; outcomes in the order of `files`.
    package func read(_ files: [ContentFile], in folder: Directory) -> [ReadOutcome] {
        ParallelMap.map(files) { file in read(file, in: folder) }
    }

    /// Reads one listed file of the open content folder `folder`: opened once, relative to the folder, never through
    /// a symbolic link and never outside it, then read and examined through that descriptor only.
    package func read(_ file: ContentFile, in folder: Directory) -> ReadOutcome {
        switch file.kind {
        case .file:
            break
        case .refused(let reason):
            let issue = ContentIssue(path: file.path, line: nil, field: "file", message: reason, severity: .error)
            return ReadOutcome(path: file.path, item: nil, issues: [issue])
        case .skipped(let reason):
            let issue = ContentIssue(path: file.path, line: nil, field: "file", message: reason, severity: .warning)
            return ReadOutcome(path: file.path, item: nil, issues: [issue], isSkipped: true)
        }
        do throws(SystemError) {
            let bytes = try FileBytes.read(
                try folder.openBeneath(file.fileSystemPath, displayPath: file.path),
                limit: maximumFileSize
            )
            var outcome = itemReader.read(path: file.path, bytes: bytes)
            outcome.contentHash = StableHash.contentHash(bytes)
            outcome.item?.sourceDigest = outcome.contentHash
            return outcome
        } catch {
            let issue = ContentIssue(
                path: file.path,
                line: nil,
                field: "file",
                message: Self.reason(error, limit: maximumFileSize),
                severity: .error
            )
            return ReadOutcome(path: file.path, item: nil, issues: [issue])
        }
    }

    /// The content hash of a listed file (as ``ReadOutcome/contentHash`` has it), read the same way but not parsed;
    /// `nil` when it cannot be read.
    package func contentHash(of file: ContentFile, in folder: Directory) -> UInt64? {
        guard file.kind == .file else { return nil }
        guard
            let bytes = try? FileBytes.read(
                try folder.openBeneath(file.fileSystemPath, displayPath: file.path),
                limit: maximumFileSize
            )
        else { return nil }
        return StableHash.contentHash(bytes)
    }

    /// Why a file could not be read, for its error.
    package static func reason(_ error: SystemError, limit: Int) -> String {
        switch error.errno {
        case SystemError.fileTooLarge: "is larger than the limit of \(describe(bytes: limit)); not read"
        case SystemError.notARegularFile: "is no longer a regular file (a FIFO or a device in its place?); not read"
        case SystemError.leavesFolder, SystemError.isLink:
            "leads through a symbolic link to a place feedpub does not read (it changed since the folder was listed?); not read"
        default: "cannot be read: \(error.reason) (errno \(error.errno))"
        }
    }

    /// `64 MiB`, `512 KiB` or `100 bytes`.
    static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

import FeedModel
import FeedpubSystem

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
        let files = try ContentScanner(root: folder).scan()
        return DuplicateIDs.resolve(read(files, in: folder))
    }

    /// Reads `files` of `folder` in parallel; outcomes in the order of `files`.
    public func read(_ files: [ContentFile], in folder: String) -> [ReadOutcome] {
        ParallelMap.map(files) { file in read(file, in: folder) }
    }

    /// Reads one listed file.
    public func read(_ file: ContentFile, in folder: String) -> ReadOutcome {
        if let refusal = file.refusal {
            let issue = ContentIssue(path: file.path, line: nil, field: "file", message: refusal, severity: .error)
            return ReadOutcome(path: file.path, item: nil, issues: [issue])
        }
        do {
            let bytes = try FileBytes.read(folder + "/" + file.path, limit: maximumFileSize)
            var outcome = itemReader.read(path: file.path, bytes: bytes)
            outcome.contentHash = StableHash.contentHash(bytes)
            outcome.item?.sourceDigest = outcome.contentHash
            return outcome
        } catch {
            let message =
                error.errno == SystemError.fileTooLarge
                ? "is larger than the limit of \(Self.describe(bytes: maximumFileSize)); not read"
                : "cannot be read: \(error.reason) (errno \(error.errno))"
            let issue = ContentIssue(path: file.path, line: nil, field: "file", message: message, severity: .error)
            return ReadOutcome(path: file.path, item: nil, issues: [issue])
        }
    }

    /// `64 MiB`, `512 KiB` or `100 bytes`.
    static func describe(bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}

import FeedpubSystem

/// The files a build rendered and staged, and the feed folders it created for them: until ``commit(_:)`` marks them
/// committed, dropping them removes every temporary file and every folder created that is still empty, so that a
/// build that fails or is stopped before its commit leaves the output folder as it found it.
final class Staging: @unchecked Sendable {  // used by one thread at a time, then handed over
    /// One per file to render: the staged file, or `nil` when its bytes are unchanged.
    let files: [StagedFile?]
    /// The feed folders this build created, parents first.
    let createdFolders: [[String]]
    /// The content hash of every file rendered, changed or not, by path.
    let hashes: [String: UInt64]
    private let output: OutputFolder
    private var settled = false

    init(files: [StagedFile?], createdFolders: [[String]], hashes: [String: UInt64] = [:], output: OutputFolder) {
        self.files = files
        self.createdFolders = createdFolders
        self.hashes = hashes
        self.output = output
    }

    deinit {
        if !settled { discard() }
    }

    /// The files with new bytes.
    var changed: [StagedFile] { files.compactMap { $0 } }

    /// Removes every file not renamed into place yet, and the created folders left empty.
    func discard() {
        for file in changed { file.discard() }
        output.removeFoldersIfEmpty(createdFolders)
        settled = true
    }

    /// Every file is in place: nothing is removed when this is dropped.
    func markCommitted() {
        settled = true
    }
}

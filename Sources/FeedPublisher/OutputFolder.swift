#if canImport(Glibc)
    import Glibc
#endif

/// The output folder: the only place feedpub writes, through ``OutputPath``s that cannot leave it.
///
/// Holds feedpub's private state in `.feedpub/` (the lock, incremental state). Folders on the way to a file are
/// created as needed and must be real folders: a symbolic link planted in the output is refused, not followed.
public struct OutputFolder: Sendable {
    /// The folder, as given.
    public let root: String

    /// The output folder at `root`, created (with its parents) if missing.
    public init(root: String) throws(OutputError) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        try Self.makeFolders(self.root)
        try Self.makeFolder(stateFolder)
    }

    /// feedpub's own folder inside the output (hidden, so `check-feeds` and web servers' listings skip it).
    public var stateFolder: String { root + "/.feedpub" }

    /// Takes the build lock (see ``OutputLock``).
    public func lock(wait: Bool, waiting: (String) -> Void = { _ in }) throws(OutputError) -> OutputLock {
        try OutputLock(path: stateFolder + "/lock", wait: wait, waiting: waiting)
    }

    /// The absolute-or-relative file system path of `path`.
    public func fileSystemPath(_ path: OutputPath) -> String {
        root + "/" + path.description
    }

    /// Creates the folders of `path`, refusing symbolic links; returns the folder's file system path.
    func prepareFolder(for path: OutputPath) throws(OutputError) -> String {
        var folder = root
        for part in path.folders {
            folder += "/" + part
            try Self.makeFolder(folder)
        }
        return folder
    }

    /// Every feed file feedpub may have written before: known names in `all/`, `communities/*/`, `topics/*/`.
    func existingFeedFiles() -> Set<OutputPath> {
        var found: Set<OutputPath> = []
        for file in Self.entries(root + "/all") {
            if let path = OutputPath(feedPath: "all", fileName: file) { found.insert(path) }
        }
        for top in ["communities", "topics"] {
            for slug in Self.entries(root + "/" + top) {
                for file in Self.entries(root + "/" + top + "/" + slug) {
                    if let path = OutputPath(feedPath: top + "/" + slug, fileName: file) { found.insert(path) }
                }
            }
        }
        if let opml = OutputPath(topLevel: "index.opml"), access(root + "/index.opml", F_OK) == 0 { found.insert(opml) }
        return found
    }

    /// Removes temporary files a killed build left behind; returns how many.
    func removeLeftoverTemporaries() -> Int {
        var folders = [root, root + "/all"]
        for top in ["communities", "topics"] {
            folders += Self.entries(root + "/" + top).map { root + "/" + top + "/" + $0 }
        }
        var removed = 0
        for folder in folders {
            for name in Self.entries(folder, includeHidden: true)
            where name.hasPrefix(".") && name.contains(StagedFile.temporaryMarker) {
                if unlink(folder + "/" + name) == 0 { removed += 1 }
            }
        }
        return removed
    }

    /// Flushes everything written to the output's file system to disk (`syncfs`): one call for all the files
    /// of a build, where an `fsync` per file would cost a disk round trip each.
    func flush() throws(OutputError) {
        guard let syncfs = Self.syncfs else {
            sync()  // no syncfs (not Linux): flush every file system
            return
        }
        let descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(root, "open") }
        defer { close(descriptor) }
        guard syncfs(descriptor) == 0 else { throw .system(root, "syncfs") }
    }

    /// Flushes a folder's entries (the renames in it) to disk.
    static func syncFolder(_ folder: String) throws(OutputError) {
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .system(folder, "open") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw .system(folder, "fsync") }
    }

    /// Linux's `syncfs(2)`, which Swift's Glibc module does not declare (it is a GNU extension).
    private static let syncfs: (@convention(c) (Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
    }()

    /// Removes a feed file and, when it leaves its feed folder empty, the folder.
    func remove(_ path: OutputPath) throws(OutputError) {
        let file = fileSystemPath(path)
        guard unlink(file) == 0 || errno == ENOENT else { throw .system(file, "remove") }
        if path.folders.count == 2 {
            rmdir(root + "/" + path.folders.joined(separator: "/"))  // fails, harmlessly, when not empty
        }
    }

    /// The names in `folder` (none when it is missing), without `.` and `..`, hidden ones only on request.
    static func entries(_ folder: String, includeHidden: Bool = false) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." || (!includeHidden && name.hasPrefix(".")) { continue }
            names.append(name)
        }
        return names
    }

    private static func makeFolder(_ path: String) throws(OutputError) {
        var status = stat()
        if lstat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                let what = (status.st_mode & S_IFMT) == S_IFLNK ? "is a symbolic link" : "is not a folder"
                throw OutputError(
                    path: path,
                    operation: "create folder",
                    reason: "\(what); refusing to write through it"
                )
            }
            return
        }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw .system(path, "create folder") }
    }

    /// Creates `path` and its missing parents (the output root itself may be several levels deep).
    private static func makeFolders(_ path: String) throws(OutputError) {
        var status = stat()
        if stat(path, &status) == 0 {
            guard (status.st_mode & S_IFMT) == S_IFDIR else {
                throw OutputError(path: path, operation: "create folder", reason: "is not a folder")
            }
            return
        }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeFolders(String(path[..<slash]))
        }
        guard mkdir(path, 0o755) == 0 || errno == EEXIST else { throw .system(path, "create folder") }
    }
}

import FeedModel
package import FeedpubSystem

/// The output folder: the only place feedpub writes, through ``OutputPath``s that cannot leave it.
///
/// Holds feedpub's private state in `.feedpub/` (the lock, incremental state). Folders on the way to a file are
/// created as needed and must be real folders: a symbolic link planted in the output is refused, not followed.
package struct OutputFolder: Sendable {
    /// The folder, as given.
    package let root: String

    /// The output folder at `root`, created (with its parents) if missing.
    package init(root: String) throws(OutputError) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        try Self.makeFolders(self.root)
        try Self.makeFolder(stateFolder)
    }

    /// feedpub's own folder inside the output (hidden, so `check-feeds` and web servers' listings skip it).
    package var stateFolder: String { root + "/.feedpub" }

    /// Takes the build lock, `.feedpub/lock`, so that two builds never interleave: when another build holds it,
    /// waits if `wait` (after telling `waiting` who holds it), else throws.
    package func lock(wait: Bool, waiting: (String) -> Void = { _ in }) throws(OutputError) -> FileLock {
        let path = stateFolder + "/lock"
        do {
            return try FileLock(path: path, wait: wait, waiting: waiting)
        } catch {
            switch error {
            case .held(let holder):
                throw OutputError(
                    path: path,
                    operation: "lock",
                    reason: "another feedpub build (\(holder)) is writing this output folder; try again later"
                )
            case .system(let failure):
                throw OutputError(failure)
            }
        }
    }

    /// The file system path of `path`.
    package func fileSystemPath(_ path: OutputPath) -> String {
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
        for file in Directory.names(in: root + "/all") {
            if let path = OutputPath(folders: ["all"], fileName: file) { found.insert(path) }
        }
        for top in ["communities", "topics"] {
            for slug in Directory.names(in: root + "/" + top) {
                for file in Directory.names(in: root + "/" + top + "/" + slug) {
                    if let path = OutputPath(folders: [top, slug], fileName: file) { found.insert(path) }
                }
            }
        }
        if FileSystem.kind(of: fileSystemPath(.index), followingLinks: true) != nil { found.insert(.index) }
        return found
    }

    /// Removes temporary files a killed build left behind; returns how many.
    func removeLeftoverTemporaries() -> Int {
        var folders = [root, root + "/all"]
        for top in ["communities", "topics"] {
            folders += Directory.names(in: root + "/" + top).map { root + "/" + top + "/" + $0 }
        }
        var removed = 0
        for folder in folders {
            for name in Directory.names(in: folder, includeHidden: true)
            where name.hasPrefix(".") && name.contains(StagedFile.temporaryMarker) {
                if (try? FileSystem.removeFile(folder + "/" + name)) != nil { removed += 1 }
            }
        }
        return removed
    }

    /// Flushes everything written to the output's file system to disk (`syncfs`): one call for all the files
    /// of a build, where an `fsync` per file would cost a disk round trip each.
    func flush() throws(OutputError) {
        do {
            try FileSystem.syncFileSystem(containing: root)
        } catch {
            throw OutputError(error)
        }
    }

    /// Flushes a folder's entries (the renames in it) to disk.
    static func syncFolder(_ folder: String) throws(OutputError) {
        do {
            try FileSystem.syncFolder(folder)
        } catch {
            throw OutputError(error)
        }
    }

    /// Removes a feed file and, when it leaves its feed folder empty, the folder.
    func remove(_ path: OutputPath) throws(OutputError) {
        let file = fileSystemPath(path)
        do {
            try FileSystem.removeFile(file)
        } catch  where error.errno == SystemError.noSuchFile {
            // already gone
        } catch {
            throw OutputError(error)
        }
        if path.folders.count == 2 {
            FileSystem.removeFolderIfEmpty(root + "/" + path.folders.joined(separator: "/"))  // kept when not empty
        }
    }

    private static func makeFolder(_ path: String) throws(OutputError) {
        if let kind = FileSystem.kind(of: path) {
            guard kind == .folder else {
                let what = kind == .symbolicLink ? "is a symbolic link" : "is not a folder"
                throw OutputError(
                    path: path,
                    operation: "create folder",
                    reason: "\(what); refusing to write through it"
                )
            }
            return
        }
        do {
            try FileSystem.createFolder(path)
        } catch {
            throw OutputError(error)
        }
    }

    /// Creates `path` and its missing parents (the output root itself may be several levels deep).
    private static func makeFolders(_ path: String) throws(OutputError) {
        if let kind = FileSystem.kind(of: path, followingLinks: true) {
            guard kind == .folder else {
                throw OutputError(path: path, operation: "create folder", reason: "is not a folder")
            }
            return
        }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeFolders(String(path[..<slash]))
        }
        do {
            try FileSystem.createFolder(path)
        } catch {
            throw OutputError(error)
        }
    }
}

import FeedModel
package import FeedpubSystem

/// The output folder: the only place feedpub writes, through ``OutputPath``s that cannot leave it.
///
/// Everything inside it is done relative to folder descriptors (`openat`, `mkdirat`, `renameat`, `unlinkat`, each
/// refusing a symbolic link), so that no link planted in the output — where a feed folder belongs, or swapped in
/// while a build runs — can lead a write, a listing or a removal outside it. Holds feedpub's private state in
/// `.feedpub/` (the lock, the incremental state).
package struct OutputFolder: Sendable {
    /// The folder, as given.
    package let root: String
    /// The folder, open (it may itself be reached through symbolic links: the caller named it).
    let top: Directory
    /// `.feedpub/`, open.
    let state: Directory

    /// The name of feedpub's own folder inside the output (hidden, so `check-feeds` and web servers' listings skip it).
    static let stateFolderName = ".feedpub"

    /// The output folder at `root`, created (with its parents) if missing.
    package init(root: String) throws(OutputError) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
        try Self.makeFolders(self.root)
        do {
            top = try Directory(self.root)
            try top.createFolder(Self.stateFolderName)
        } catch {
            throw OutputError(error)
        }
        state = try Self.openFolder(Self.stateFolderName, in: top)
    }

    /// feedpub's own folder inside the output.
    package var stateFolder: String { root + "/" + Self.stateFolderName }

    /// Takes the build lock, `.feedpub/lock`, so that two builds never interleave: when another build holds it,
    /// waits if `wait` (after telling `waiting` who holds it), else throws.
    package func lock(wait: Bool, waiting: (String) -> Void = { _ in }) throws(OutputError) -> FileLock {
        do {
            return try FileLock(in: state, name: "lock", wait: wait, waiting: waiting)
        } catch {
            let path = stateFolder + "/lock"
            switch error {
            case .held(let holder):
                throw OutputError(
                    path: path,
                    operation: "lock",
                    reason: "another feedpub build (\(holder)) is writing this output folder; try again later"
                )
            case .system(let failure):
                throw OutputError(failure)
            case .interrupted(let signal):
                throw OutputError(
                    path: path,
                    operation: "lock",
                    reason: "stopped by \(Signals.name(signal)) while waiting"
                )
            }
        }
    }

    /// The file system path of `path`, for messages.
    package func fileSystemPath(_ path: OutputPath) -> String {
        root + "/" + path.description
    }

    /// Checks that every place a feed folder belongs in `layout` — each fixed folder of its patterns (`all/`,
    /// `communities/`, `topics/` by default) and every entry of a folder that holds the slugged ones — is a folder,
    /// not a symbolic link: nothing is written, listed or removed through a link, and a build that finds one stops
    /// before it changes anything, naming it.
    func checkTree(_ layout: FeedLayout) throws(OutputError) {
        for pattern in layout.patterns {
            var folder = top
            var path = root
            var reached = true
            for name in pattern.before {
                path += "/" + name
                guard let status = folder.status(of: name) else {
                    reached = false
                    break
                }
                try Self.requireFolder(status.kind, at: path)
                folder = try Self.openFolder(name, in: folder)
            }
            guard reached, pattern.after != nil else { continue }
            let entries: [Directory.Entry]
            do {
                entries = try folder.entries()
            } catch {
                throw OutputError(error)
            }
            for entry in entries where entry.kind == .symbolicLink || entry.kind == nil {
                guard let status = folder.status(of: entry.name) else { continue }
                if status.kind == .symbolicLink {
                    try Self.requireFolder(.symbolicLink, at: path + "/" + DisplayText.escaped(entry.name))
                }
            }
        }
    }

    private static func requireFolder(_ kind: FileKind, at path: String) throws(OutputError) {
        switch kind {
        case .folder: return
        case .symbolicLink:
            throw OutputError(
                path: path,
                operation: "check the output folder",
                reason: "is a symbolic link where a feed folder belongs; feedpub writes, lists and removes nothing "
                    + "through links — remove it and build again"
            )
        case .regular, .other:
            throw OutputError(path: path, operation: "check the output folder", reason: "is not a folder")
        }
    }

    /// The folder `path` is in, opened without following links; created on the way when `creating`.
    func folder(for path: OutputPath, creating: Bool) throws(OutputError) -> Directory {
        var folder = top
        for part in path.folders {
            if creating {
                do {
                    try folder.createFolder(part)
                } catch {
                    throw OutputError(error)
                }
            }
            folder = try Self.openFolder(part, in: folder)
        }
        return folder
    }

    /// Creates the folders `paths` are in (parents first, following no link); returns those it created, in order, for
    /// ``removeFoldersIfEmpty(_:)`` when the build stops before anything is renamed into them.
    func createFolders(for paths: [OutputPath]) throws(OutputError) -> [[String]] {
        var created: [[String]] = []
        var seen: Set<[String]> = []
        do throws(OutputError) {
            for path in paths {
                var folder = top
                for depth in path.folders.indices {
                    let parts = Array(path.folders[...depth])
                    let name = path.folders[depth]
                    if seen.insert(parts).inserted {
                        do {
                            if try folder.createFolder(name) { created.append(parts) }
                        } catch {
                            throw OutputError(error)
                        }
                    }
                    folder = try Self.openFolder(name, in: folder)
                }
            }
        } catch {
            removeFoldersIfEmpty(created)
            throw error
        }
        return created
    }

    /// Removes the folders `created` (by ``createFolders(for:)``) that are empty, deepest first.
    func removeFoldersIfEmpty(_ created: [[String]]) {
        for parts in created.reversed() {
            guard let name = parts.last else { continue }
            Self.openFolders(Array(parts.dropLast()), in: top)?.removeFolderIfEmpty(name)
        }
    }

    /// The stamps of the files at `paths` that are regular files, each folder opened once (without following links).
    func stamps(of paths: some Sequence<OutputPath>) -> [OutputPath: FileStamp] {
        // A folder at a time, on every core: at 100,000 items with archives, 32,719 files in 10,906 folders, each
        // folder opened link by link; one at a time that took 0.8 s of a one-item rebuild on this machine.
        var byFolder: [[String]: [OutputPath]] = [:]
        for path in paths { byFolder[path.folders, default: []].append(path) }
        let groups = Array(byFolder.values)
        let found = ParallelMap.map(groups, batch: 16) { group -> [(OutputPath, FileStamp)] in
            guard let first = group.first, let folder = try? self.folder(for: first, creating: false) else { return [] }
            return group.compactMap { path in
                guard let status = folder.status(of: path.fileName), status.kind == .regular else { return nil }
                return (path, status.stamp)
            }
        }
        var stamps: [OutputPath: FileStamp] = [:]
        stamps.reserveCapacity(found.reduce(0) { $0 + $1.count })
        for group in found { for (path, stamp) in group { stamps[path] = stamp } }
        return stamps
    }

    /// Removes temporary files a killed build left behind — beside the feeds of `layout` and in `.feedpub/` —
    /// listing each folder by its descriptor and following no link; returns how many.
    func removeLeftoverTemporaries(_ layout: FeedLayout) -> Int {
        var folders: [Directory] = [top, state]
        for pattern in layout.patterns {
            guard let folder = Self.openFolders(pattern.before, in: top) else { continue }
            guard let after = pattern.after else {
                if !pattern.before.isEmpty { folders.append(folder) }
                continue
            }
            guard let entries = try? folder.entries() else { continue }
            for entry in entries where entry.kind == .folder || entry.kind == nil {
                guard let child = try? folder.folder(bytes: entry.fileSystemName, displayName: entry.name),
                    let feedFolder = Self.openFolders(after, in: child)
                else { continue }
                folders.append(feedFolder)
            }
        }
        // The archive pages of each feed folder (`archive/<page>/`).
        for feedFolder in [top] + folders.dropFirst(2) {  // the top: a site feed there (`site: ""`)
            guard let archive = try? Self.openFolder(ArchivePaging.folderName, in: feedFolder),
                let entries = try? archive.entries()
            else { continue }
            for entry in entries where entry.kind == .folder || entry.kind == nil {
                if let page = try? archive.folder(bytes: entry.fileSystemName, displayName: entry.name) {
                    folders.append(page)
                }
            }
        }
        // Listed on every core: an archive build's 10,906 folders at 100,000 items took 0.27 s one by one.
        let removed = ParallelMap.map(folders, batch: 16) { folder -> Int in
            var removed = 0
            for entry in (try? folder.entries(includeHidden: true)) ?? []
            where entry.bytes == nil && entry.name.contains(StagedFile.temporaryMarker) && entry.kind != .folder {
                if (try? folder.removeFile(entry.name)) != nil { removed += 1 }
            }
            return removed
        }
        return removed.reduce(0, +)
    }

    /// The folder at `names` beneath `folder`, each step opened without following links, or `nil`.
    private static func openFolders(_ names: [String], in folder: Directory) -> Directory? {
        var folder = folder
        for name in names {
            guard let next = try? openFolder(name, in: folder) else { return nil }
            folder = next
        }
        return folder
    }

    /// Flushes everything written to the output's file system to disk (`syncfs`): one call for all the files
    /// of a build, where an `fsync` per file would cost a disk round trip each.
    func flush() throws(OutputError) {
        do {
            try top.syncFileSystem()
        } catch {
            throw OutputError(error)
        }
    }

    /// What became of a file feedpub wrote, when it was to be removed.
    enum Removal: Equatable {
        /// Removed.
        case removed
        /// Already gone.
        case missing
        /// Left in place: it is not what feedpub wrote (its stamp changed since).
        case changed
    }

    /// Removes the feed file at `path`, when it still is the file feedpub wrote (`written`), and then its feed folder
    /// when that is left empty.
    func remove(_ path: OutputPath, written: FileStamp) throws(OutputError) -> Removal {
        let folder: Directory
        do {
            folder = try self.folder(for: path, creating: false)
        } catch  where error.errno == SystemError.noSuchFile {
            return .missing
        }
        guard let status = folder.status(of: path.fileName) else { return .missing }
        guard status.kind == .regular, status.stamp == written else { return .changed }
        do {
            try folder.removeFile(path.fileName)
        } catch  where error.errno == SystemError.noSuchFile {
            return .missing
        } catch {
            throw OutputError(error)
        }
        // The feed's folders below its first, deepest first, each only when left empty.
        for depth in stride(from: path.folders.count - 1, through: 1, by: -1) {
            guard let parent = Self.openFolders(Array(path.folders[..<depth]), in: top) else { break }
            guard parent.removeFolderIfEmpty(path.folders[depth]) else { break }
        }
        return .removed
    }

    private static func openFolder(_ name: String, in parent: Directory) throws(OutputError) -> Directory {
        do {
            return try parent.folder(name)
        } catch  where error.errno == SystemError.isLink || error.errno == SystemError.notAFolder {
            let path = parent.path + "/" + name
            let what = parent.status(of: name)?.kind == .symbolicLink ? "is a symbolic link" : "is not a folder"
            throw OutputError(path: path, operation: "open folder", reason: "\(what); refusing to write through it")
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

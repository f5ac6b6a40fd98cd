import Glibc

/// Changes under folders and to single files, as inotify reports them: for `feedpub serve --watch`.
///
/// A tree is watched folder by folder (inotify does not recurse): every folder under it when it is added, and each
/// folder created or moved in later as its event arrives. A single file is watched through its folder, by name, so
/// that an editor that saves by renaming a new file over the old one is seen too. Hidden names (`.name`, editors'
/// swap files) and backups (`name~`) are not changes. Every call's return code is checked; the descriptor is closed
/// when the watcher goes away. One owner at a time.
package final class FileWatcher {
    private var descriptor: Int32
    /// What each watch descriptor watches: a folder of a tree (every name counts) or the folder of single files
    /// (only those names count).
    private var watches: [Int32: Watch] = [:]
    private var buffer = [UInt8](repeating: 0, count: 64 << 10)

    private struct Watch {
        var path: String
        var isTree: Bool
        var names: Set<String>
        /// For a folder of a tree: its path from the tree's top ("" for the top).
        var relative = ""
    }

    // The kernel's values (linux/inotify.h); the combined masks are macros Swift does not import.
    private static let modify: UInt32 = 0x0000_0002
    private static let attributes: UInt32 = 0x0000_0004
    private static let closeWrite: UInt32 = 0x0000_0008
    private static let movedFrom: UInt32 = 0x0000_0040
    private static let movedTo: UInt32 = 0x0000_0080
    private static let create: UInt32 = 0x0000_0100
    private static let delete: UInt32 = 0x0000_0200
    private static let deleteSelf: UInt32 = 0x0000_0400
    private static let moveSelf: UInt32 = 0x0000_0800
    private static let overflow: UInt32 = 0x0000_4000
    private static let ignored: UInt32 = 0x0000_8000
    private static let onlyFolders: UInt32 = 0x0100_0000
    private static let doNotFollow: UInt32 = 0x0200_0000
    private static let isFolder: UInt32 = 0x4000_0000
    /// Not `IN_MODIFY`: a file being written is a change when it is closed (`IN_CLOSE_WRITE`), so that a build does
    /// not read it half-written.
    private static let changes = closeWrite | movedFrom | movedTo | create | delete | deleteSelf | moveSelf | attributes

    /// A watcher with nothing watched yet.
    package init() throws(SystemError) {
        let opened = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard opened >= 0 else { throw .last("inotify_init1", path: "") }
        descriptor = opened
    }

    deinit {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
    }

    /// Closes the descriptor, reporting a failure.
    package func close() throws(SystemError) {
        guard descriptor >= 0 else { return }
        let result = Glibc.close(descriptor)
        descriptor = -1
        guard result == 0 else { throw .last("close", path: "inotify") }
    }

    /// Watches the folder `path` and every folder beneath it (not through symbolic links, not hidden ones).
    package func watchTree(_ path: String) throws(SystemError) {
        try watchTree(path, relative: "")
    }

    private func watchTree(_ path: String, relative: String) throws(SystemError) {
        try add(path, isTree: true, name: nil, relative: relative)
        let folder = try Directory(path)
        let subfolders = try folder.entries { _, kind in kind == .folder || kind == nil }
        for entry in subfolders {
            let child = path.hasSuffix("/") ? path + entry.name : path + "/" + entry.name
            guard FileSystem.kind(of: child) == .folder else { continue }
            try watchTree(child, relative: relative.isEmpty ? entry.name : relative + "/" + entry.name)
        }
    }

    /// Watches the file `path` (through its folder: replaced, written, removed or created again).
    package func watchFile(_ path: String) throws(SystemError) {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        try add(folder, isTree: false, name: name)
    }

    private func add(_ path: String, isTree: Bool, name: String?, relative: String = "") throws(SystemError) {
        let mask = Self.changes | Self.onlyFolders | Self.doNotFollow
        let watch = inotify_add_watch(descriptor, path, mask)
        guard watch >= 0 else {
            if Glibc.errno == ENOSPC {
                throw SystemError("watch (the limit fs.inotify.max_user_watches is reached)", path: path, errno: ENOSPC)
            }
            throw .last("watch", path: path)
        }
        var entry = watches[watch] ?? Watch(path: path, isTree: false, names: [])
        if isTree && !entry.isTree { entry.relative = relative }
        entry.isTree = entry.isTree || isTree
        if let name { entry.names.insert(name) }
        watches[watch] = entry
    }

    /// Waits up to `milliseconds` (-1: for ever) for events; whether any of them is a change (``changes(waiting:)``).
    package func wait(milliseconds: Int32) throws(SystemError) -> Bool {
        !(try changes(waiting: milliseconds).isEmpty)
    }

    /// Waits up to `milliseconds` (-1: for ever) for events, and reads every event waiting: what changed (nothing
    /// when no event came, or none was a change — a swap file written).
    ///
    /// A folder created in a watched tree is watched from then on. A full event queue (`IN_Q_OVERFLOW`), a folder
    /// created, moved or removed, a watched folder gone and a name that is not UTF-8 make the change
    /// ``FileChanges/unknown``: something changed, and a scan finds what.
    package func changes(waiting milliseconds: Int32) throws(SystemError) -> FileChanges {
        var changes = FileChanges()
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, milliseconds)
        if ready < 0 {
            if Glibc.errno == EINTR { return changes }
            throw .last("poll", path: "inotify")
        }
        guard ready > 0 else { return changes }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if Glibc.errno == EINTR { continue }
                if Glibc.errno == EAGAIN { break }
                throw .last("read", path: "inotify")
            }
            guard count > 0 else { break }
            var newFolders: [(path: String, relative: String)] = []
            var offset = 0
            buffer.withUnsafeBytes { raw in
                while offset + 16 <= count {
                    let watch = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = raw[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }
                    let name = String(decoding: nameBytes, as: UTF8.self)
                    offset += 16 + length
                    if mask & Self.overflow != 0 {
                        changes.unknown = true
                        continue
                    }
                    guard let entry = watches[watch] else { continue }
                    if mask & Self.ignored != 0 {
                        watches[watch] = nil
                        if entry.isTree { changes.unknown = true }
                        continue
                    }
                    // A regular file created is a change when it is closed after writing (a link, a FIFO is one now).
                    if mask & (Self.create | Self.isFolder) == Self.create,
                        FileSystem.kind(of: Self.join(entry.path, name)) == .regular
                    {
                        continue
                    }
                    if entry.isTree {
                        if name.hasPrefix(".") || name.hasSuffix("~") { continue }
                        let relative = entry.relative.isEmpty ? name : entry.relative + "/" + name
                        if mask & Self.isFolder != 0 || mask & (Self.deleteSelf | Self.moveSelf) != 0
                            || !name.utf8.elementsEqual(nameBytes)
                        {
                            changes.unknown = true
                        } else {
                            changes.paths.insert(relative)
                        }
                        if mask & Self.isFolder != 0, mask & (Self.create | Self.movedTo) != 0 {
                            newFolders.append((entry.path + "/" + name, relative))
                        }
                    }
                    if entry.names.contains(name) {
                        changes.files.insert(Self.join(entry.path, name))
                    }
                }
            }
            for folder in newFolders { try? watchTree(folder.path, relative: folder.relative) }
        }
        return changes
    }

    /// The path of `name` in the folder `folder` as it was watched (`.`: the working folder).
    private static func join(_ folder: String, _ name: String) -> String {
        switch folder {
        case ".": name
        case "/": "/" + name
        default: folder + "/" + name
        }
    }
}

/// What a ``FileWatcher`` saw change.
package struct FileChanges: Sendable, Equatable {
    /// The names changed in watched trees, from the top of their tree (`a.md`, `folder/b.md`): created, written,
    /// renamed, removed, or their attributes changed.
    package var paths: Set<String> = []
    /// Something changed in a watched tree that ``paths`` does not tell.
    package var unknown = false
    /// The single files watched that changed, by the path they were watched as.
    package var files: Set<String> = []

    package init() {}

    /// Whether nothing changed.
    package var isEmpty: Bool { paths.isEmpty && !unknown && files.isEmpty }
}

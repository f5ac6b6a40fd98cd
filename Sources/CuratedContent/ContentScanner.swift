package import FeedpubSystem

/// Lists the `*.md` files under a content folder, recursively, in a stable order (by path, byte-wise).
///
/// Hidden files and folders (`.git`) are skipped. Every folder is opened relative to the content folder, never through
/// a symbolic link. A symbolic link named `*.md` that resolves to a file inside the folder is listed like that file
/// (and read from it); one pointing outside, broken or to something not a file is listed with a refusal, and so is an
/// entry that cannot be examined or a folder that cannot be read, so that the build reports them as rejected instead
/// of losing them. A FIFO, socket or device named `*.md`, and a symbolic link to a folder, are listed as skipped.
/// Names that are not UTF-8 are kept as bytes, for opening, and shown with `\xNN`.
public struct ContentScanner: Sendable {
    /// The folder to scan.
    public var root: String

    /// A scanner of `root`.
    public init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    /// Every content file, sorted by path.
    public func scan() throws(ContentFolderError) -> [ContentFile] {
        try scan(try open())
    }

    /// The content folder, opened (it may be reached through symbolic links: the caller named it).
    package func open() throws(ContentFolderError) -> Directory {
        guard FileSystem.kind(of: root, followingLinks: true) == .folder else { throw .notAFolder(root) }
        do {
            return try Directory(root)
        } catch {
            throw .unreadable(root, errno: error.errno)
        }
    }

    /// Every content file of the open content folder `top`, sorted by path.
    package func scan(_ top: Directory) throws(ContentFolderError) -> [ContentFile] {
        guard let resolvedRoot = FileSystem.realPath(bytes: Array(root.utf8)) else { throw .notAFolder(root) }
        var files: [ContentFile] = []
        var folders: [(path: String, bytes: [UInt8]?)] = [("", nil)]
        while let (relative, relativeBytes) = folders.popLast() {
            let folder: Directory
            let entries: [Directory.Entry]
            do {
                folder =
                    relative.isEmpty
                    ? top : try top.folder(beneath: relativeBytes ?? Array(relative.utf8), displayPath: relative)
                // Regular files that are not *.md need no lookup; folders, links, others and unknowns do.
                entries = try folder.entries { name, kind in kind != .regular || Self.isMarkdown(name) }
            } catch {
                if relative.isEmpty { throw .unreadable(root, errno: error.errno) }
                let reason = "is a folder that cannot be read: \(error.reason) (errno \(error.errno))"
                files.append(.reported(relative, bytes: relativeBytes, .refused(reason)))
                continue
            }
            // Names first (a listing is sequential); then the lookups, on all cores, relative to the folder.
            let lookups = ParallelMap.map(entries, batch: 256) { entry in folder.lookUp(entry) }
            for (entry, lookup) in zip(entries, lookups) {
                let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
                let bytes = Self.childBytes(relative, relativeBytes, entry)
                switch classify(entry, lookup, path: path, bytes: bytes, in: folder, resolvedRoot: resolvedRoot) {
                case .folder: folders.append((path, bytes))
                case .listed(let file): files.append(file)
                case .unlisted: continue
                }
            }
        }
        // Most paths differ in their first eight bytes: compare those as one number, and the rest only on a tie.
        let prefixes = files.map { file in file.pathBytes.map(Self.prefixKey) ?? Self.prefixKey(file.path.utf8) }
        let order = files.indices.sorted { a, b in
            prefixes[a] != prefixes[b] ? prefixes[a] < prefixes[b] : files[a].precedes(files[b])
        }
        return order.map { files[$0] }
    }

    /// What an entry of a scanned folder is to the listing.
    private enum Classified {
        /// A folder: its entries are listed in turn.
        case folder
        /// A content file, or an entry listed with a refusal or as skipped.
        case listed(ContentFile)
        /// Not content (a file not named `*.md`, a link not to a folder).
        case unlisted
    }

    /// What `entry` of `folder`, at `path` from the top, is to the listing, given its `lookup`.
    private func classify(
        _ entry: Directory.Entry,
        _ lookup: Result<FileStatus, SystemError>,
        path: String,
        bytes: [UInt8]?,
        in folder: Directory,
        resolvedRoot: [UInt8]
    ) -> Classified {
        // The shown name ends as the bytes do (only bytes that are not UTF-8 are shown otherwise).
        let isMarkdown = entry.name.utf8.count > 3 && entry.name.utf8.suffix(3).elementsEqual(".md".utf8)
        let status: FileStatus
        switch lookup {
        case .success(let found): status = found
        case .failure(let error):
            // A folder without the search permission lists its names but lets none be examined.
            guard isMarkdown || entry.kind != .regular else { return .unlisted }
            let reason = "cannot be examined: \(error.reason) (errno \(error.errno)); not read"
            return .listed(.reported(path, bytes: bytes, .refused(reason)))
        }
        let stamp = status.stamp
        switch status.kind {
        case .folder:
            return .folder
        case .regular where isMarkdown:
            return .listed(
                ContentFile(
                    path: path,
                    pathBytes: bytes,
                    size: stamp.size,
                    modified: stamp.modified,
                    changed: stamp.changed,
                    inode: stamp.inode
                )
            )
        case .symbolicLink where isMarkdown:
            return .listed(link(path, bytes: bytes, resolvedRoot: resolvedRoot))
        case .symbolicLink:
            if case .success(let target) = folder.lookUp(entry, followingLinks: true), target.kind == .folder {
                return .listed(.reported(path, bytes: bytes, .skipped("is a symbolic link to a folder; not followed")))
            }
            return .unlisted
        case .other where isMarkdown:
            return .listed(.reported(path, bytes: bytes, .skipped("is a FIFO, socket or device, not a file; not read")))
        default:
            return .unlisted
        }
    }

    /// `files`, a listing of `top` that ``scan(_:)`` made, brought up to date as a new scan would list it.
    ///
    /// The entries at `paths` (from the top, UTF-8), which changed since, are looked up again and listed, replaced or
    /// dropped, with what was listed beneath one that is gone; so is every entry listed as a link, a refusal or a
    /// skip (a link's stamp is its target's, and a broken link mends when its target appears). `nil` when that takes
    /// a scan: one of them is a folder now, sits in a folder that cannot be opened or looked up for another reason
    /// than not being there, or has a name that is not UTF-8.
    ///
    /// For `feedpub serve --watch`, whose watcher names the changed files (a folder created makes it scan).
    package func patch(_ files: [ContentFile], changed paths: Set<String>, in top: Directory)
        throws(ContentFolderError) -> [ContentFile]?
    {
        guard let resolvedRoot = FileSystem.realPath(bytes: Array(root.utf8)) else { throw .notAFolder(root) }
        var files = files
        for path in paths.sorted() {
            let low = Self.position(of: path, in: files)
            let present = low < files.count && files[low].pathBytes == nil && files[low].path == path
            switch look(path, in: top, resolvedRoot: resolvedRoot) {
            case .scan, .classified(.folder): return nil
            case .classified(.listed(let file)):
                if present { files[low] = file } else { files.insert(file, at: low) }
            case .classified(.unlisted), .gone:
                if present { files.remove(at: low) }
                // What was listed beneath a folder that is gone (a watcher names the folder only).
                let beneath = path + "/"
                let start = Self.position(of: beneath, in: files)
                var end = start
                while end < files.count, files[end].path.hasPrefix(beneath) { end += 1 }
                files.removeSubrange(start..<end)
            }
        }
        for index in files.indices where files[index].linkTarget != nil || files[index].kind != .file {
            guard files[index].pathBytes == nil else { return nil }
            switch look(files[index].path, in: top, resolvedRoot: resolvedRoot) {
            case .classified(.listed(let file)): files[index] = file
            default: return nil  // rare enough to scan
            }
        }
        return files
    }

    /// What a single path from the top is now.
    private enum Looked {
        case gone
        case scan
        case classified(Classified)
    }

    private func look(_ path: String, in top: Directory, resolvedRoot: [UInt8]) -> Looked {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        guard let name = components.last, !components.contains(where: { $0.isEmpty || $0 == ".." }) else {
            return .scan
        }
        // A hidden name, or one in a hidden folder, is never listed.
        guard !components.contains(where: { $0.hasPrefix(".") }) else { return .classified(.unlisted) }
        let parent = components.dropLast().joined(separator: "/")
        let folder: Directory
        do {
            folder = parent.isEmpty ? top : try top.folder(beneath: Array(parent.utf8), displayPath: parent)
        } catch {
            return Self.isGone(error) ? .gone : .scan
        }
        let entry = Directory.Entry(name: String(name))
        let lookup = folder.lookUp(entry)
        if case .failure(let error) = lookup { return Self.isGone(error) ? .gone : .scan }
        return .classified(classify(entry, lookup, path: path, bytes: nil, in: folder, resolvedRoot: resolvedRoot))
    }

    /// Where `path` is, or would be, in `files` (sorted by path, byte-wise).
    private static func position(of path: String, in files: [ContentFile]) -> Int {
        var low = 0
        var high = files.count
        while low < high {
            let middle = (low + high) / 2
            if files[middle].precedes(path) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Whether a lookup failed because nothing is there (no such name, or a step of the path is not a folder).
    private static func isGone(_ error: SystemError) -> Bool {
        error.errno == SystemError.noSuchFile || error.errno == SystemError.notAFolder
    }

    /// The bytes of the path of `entry` in the folder at `relative`, when it or a folder on the way is not UTF-8.
    private static func childBytes(_ relative: String, _ relativeBytes: [UInt8]?, _ entry: Directory.Entry) -> [UInt8]?
    {
        guard relativeBytes != nil || entry.bytes != nil else { return nil }
        let parent = relativeBytes ?? Array(relative.utf8)
        return parent.isEmpty ? entry.fileSystemName : parent + [UInt8(ascii: "/")] + entry.fileSystemName
    }

    /// Whether a name ends in `.md` and has something before it.
    private static func isMarkdown(_ name: UnsafeRawBufferPointer) -> Bool {
        name.count > 3 && name.suffix(3).elementsEqual(".md".utf8)
    }

    /// The first eight bytes of `path`, big-endian, zero-padded: their order is the byte-wise order of the
    /// prefixes.
    static func prefixKey(_ path: some Collection<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        var count = 0
        for byte in path.prefix(8) {
            key = key << 8 | UInt64(byte)
            count += 1
        }
        return key << (8 * UInt64(8 - count))
    }

    private func link(_ path: String, bytes: [UInt8]?, resolvedRoot: [UInt8]) -> ContentFile {
        let own = bytes ?? Array(path.utf8)
        guard let target = FileSystem.realPath(bytes: Array(root.utf8) + [UInt8(ascii: "/")] + own) else {
            return .reported(path, bytes: bytes, .refused("is a broken symbolic link; not followed"))
        }
        let shown = target.withUnsafeBytes { DisplayText.decode($0).text }
        guard target.starts(with: resolvedRoot + [UInt8(ascii: "/")]) else {
            let reason = "is a symbolic link to \(shown), outside the content folder; not followed"
            return .reported(path, bytes: bytes, .refused(reason))
        }
        guard let status = FileSystem.status(bytes: target, followingLinks: false), status.kind == .regular else {
            return .reported(path, bytes: bytes, .refused("is a symbolic link to something not a file"))
        }
        let stamp = status.stamp
        return ContentFile(
            path: path,
            pathBytes: bytes,
            size: stamp.size,
            modified: stamp.modified,
            changed: stamp.changed,
            inode: stamp.inode,
            linkTarget: Array(target.dropFirst(resolvedRoot.count + 1))
        )
    }
}

extension ContentFile {
    /// Whether this entry's own path comes before the UTF-8 path `other`, byte-wise.
    package func precedes(_ other: String) -> Bool {
        if let own = pathBytes { return own.lexicographicallyPrecedes(other.utf8) }
        return ByteOrder.precedes(path, other)
    }

    /// Whether this entry's own path (a link's, not its target's) comes before `other`'s, byte-wise.
    package func precedes(_ other: ContentFile) -> Bool {
        switch (pathBytes, other.pathBytes) {
        case (nil, nil): ByteOrder.precedes(path, other.path)
        case (let own?, nil): own.lexicographicallyPrecedes(other.path.utf8)
        case (nil, let theirs?): path.utf8.lexicographicallyPrecedes(theirs)
        case (let own?, let theirs?): own.lexicographicallyPrecedes(theirs)
        }
    }
}

/// Why a content folder cannot be read at all.
public enum ContentFolderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path does not exist or is not a folder.
    case notAFolder(String)
    /// The folder exists but cannot be listed.
    case unreadable(String, errno: Int32)

    /// The message as a terminal shows it (control characters escaped).
    public var description: String {
        switch self {
        case .notAFolder(let path): DisplayText.escaped("\(path): not a folder")
        case .unreadable(let path, let code):
            DisplayText.escaped("\(path): cannot be listed: \(SystemError.reason(code)) (errno \(code))")
        }
    }
}

import FeedpubSystem

/// Lists the `*.md` files under a content folder, recursively, in a stable order (by path, byte-wise).
///
/// Hidden files and folders (`.git`) are skipped. Symbolic links are never followed out of the folder: a link
/// to a file inside it is listed like the file; a link pointing outside, or to a folder, is listed with a
/// ``ContentFile/refusal`` so that the build reports it instead of losing it.
public struct ContentScanner: Sendable {
    /// The folder to scan.
    public var root: String

    /// A scanner of `root`.
    public init(root: String) {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    /// Every content file, sorted by path.
    public func scan() throws(ContentFolderError) -> [ContentFile] {
        guard let resolvedRoot = FileSystem.realPath(root), FileSystem.kind(of: root, followingLinks: true) == .folder
        else { throw .notAFolder(root) }
        var files: [ContentFile] = []
        var folders = [""]
        while let relative = folders.popLast() {
            let absolute = relative.isEmpty ? root : root + "/" + relative
            let folder: Directory
            let entries: [Directory.Entry]
            do {
                folder = try Directory(absolute)
                // Regular files that are not *.md need no stat; folders, links and unknowns do.
                entries = try folder.entries { name, kind in kind != .regular || Self.isMarkdown(name) }
            } catch {
                if relative.isEmpty { throw .unreadable(root, errno: error.errno) }
                files.append(ContentFile(path: relative, size: 0, modified: 0, refusal: "folder cannot be read"))
                continue
            }
            // Names first (a listing is sequential); then the stats, on all cores, relative to the folder.
            let statuses = ParallelMap.map(entries, batch: 256) { entry in folder.status(of: entry.name) }
            for (entry, status) in zip(entries, statuses) {
                guard let status else { continue }
                let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
                let isMarkdown =
                    entry.name.utf8.withContiguousStorageIfAvailable {
                        Self.isMarkdown(UnsafeRawBufferPointer($0))
                    } ?? entry.name.hasSuffix(".md")
                switch status.kind {
                case .folder: folders.append(path)
                case .regular where isMarkdown:
                    files.append(ContentFile(path: path, size: status.stamp.size, modified: status.stamp.modified))
                case .symbolicLink where isMarkdown: files.append(link(path, resolvedRoot: resolvedRoot))
                default: continue
                }
            }
        }
        // Most paths differ in their first eight bytes: compare those as one number, and the rest only on a tie.
        let prefixes = files.map { Self.prefixKey($0.path) }
        let order = files.indices.sorted { a, b in
            prefixes[a] != prefixes[b] ? prefixes[a] < prefixes[b] : ByteOrder.precedes(files[a].path, files[b].path)
        }
        return order.map { files[$0] }
    }

    /// Whether a name ends in `.md` and has something before it.
    private static func isMarkdown(_ name: UnsafeRawBufferPointer) -> Bool {
        name.count > 3 && name.suffix(3).elementsEqual(".md".utf8)
    }

    /// The first eight bytes of `path`, big-endian, zero-padded: their order is the byte-wise order of the
    /// prefixes.
    static func prefixKey(_ path: String) -> UInt64 {
        var key: UInt64 = 0
        var count = 0
        for byte in path.utf8.prefix(8) {
            key = key << 8 | UInt64(byte)
            count += 1
        }
        return key << (8 * UInt64(8 - count))
    }

    private func link(_ path: String, resolvedRoot: String) -> ContentFile {
        guard let target = FileSystem.realPath(root + "/" + path) else {
            return ContentFile(path: path, size: 0, modified: 0, refusal: "is a broken symbolic link; not followed")
        }
        guard target.hasPrefix(resolvedRoot + "/") else {
            return ContentFile(
                path: path,
                size: 0,
                modified: 0,
                refusal: "is a symbolic link to \(target), outside the content folder; not followed"
            )
        }
        guard let status = FileSystem.status(of: target, followingLinks: true), status.kind == .regular else {
            return ContentFile(path: path, size: 0, modified: 0, refusal: "is a symbolic link to something not a file")
        }
        return ContentFile(path: path, size: status.stamp.size, modified: status.stamp.modified)
    }
}

/// Why a content folder cannot be read at all.
public enum ContentFolderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path does not exist or is not a folder.
    case notAFolder(String)
    /// The folder exists but cannot be listed.
    case unreadable(String, errno: Int32)

    /// The message as a terminal shows it.
    public var description: String {
        switch self {
        case .notAFolder(let path): "\(path): not a folder"
        case .unreadable(let path, let code): "\(path): cannot be listed: \(SystemError.reason(code)) (errno \(code))"
        }
    }
}

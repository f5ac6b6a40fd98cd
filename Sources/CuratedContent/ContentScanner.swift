#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

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
        guard let resolvedRoot = Self.realPath(root) else { throw .notAFolder(root) }
        var info = stat()
        guard stat(root, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { throw .notAFolder(root) }
        var files: [ContentFile] = []
        var folders = [""]
        while let relative = folders.popLast() {
            let absolute = relative.isEmpty ? root : root + "/" + relative
            guard let directory = opendir(absolute) else {
                if relative.isEmpty { throw .unreadable(root, errno: errno) }
                files.append(ContentFile(path: relative, size: 0, modified: 0, refusal: "folder cannot be read"))
                continue
            }
            defer { closedir(directory) }
            let descriptor = dirfd(directory)
            // Names first (readdir is sequential); then the stats, on all cores, relative to the folder.
            var names: [(name: String, isMarkdown: Bool)] = []
            while let entry = readdir(directory) {
                let type = entry.pointee.d_type
                withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                    let nameBytes = UnsafeRawBufferPointer(rebasing: raw[..<(raw.firstIndex(of: 0) ?? raw.count)])
                    guard let first = nameBytes.first, first != UInt8(ascii: ".") else { return }
                    let isMarkdown = nameBytes.count > 3 && nameBytes.suffix(3).elementsEqual(".md".utf8)
                    // Regular files that are not *.md need no stat; folders, links and unknowns do.
                    if type == UInt8(DT_REG) && !isMarkdown { return }
                    names.append((String(decoding: nameBytes, as: UTF8.self), isMarkdown))
                }
            }
            let stats = ParallelMap.map(names, batch: 256) { entry -> (mode: mode_t, file: ContentFile)? in
                var status = stat()
                guard fstatat(descriptor, entry.name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
                let path = relative.isEmpty ? entry.name : relative + "/" + entry.name
                return (
                    status.st_mode & S_IFMT,
                    ContentFile(path: path, size: Int64(status.st_size), modified: Self.nanoseconds(status))
                )
            }
            for (entry, stat) in zip(names, stats) {
                guard let stat else { continue }
                switch stat.mode {
                case S_IFDIR: folders.append(stat.file.path)
                case S_IFREG where entry.isMarkdown: files.append(stat.file)
                case S_IFLNK where entry.isMarkdown: files.append(link(stat.file.path, resolvedRoot: resolvedRoot))
                default: continue
                }
            }
        }
        // Most paths differ in their first eight bytes: compare those as one number, and the rest only on a tie.
        let prefixes = files.map { Self.prefixKey($0.path) }
        let order = files.indices.sorted { a, b in
            prefixes[a] != prefixes[b] ? prefixes[a] < prefixes[b] : Self.precedes(files[a].path, files[b].path)
        }
        return order.map { files[$0] }
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

    /// Byte-wise order of two paths (what `ls` shows with `LC_ALL=C`), comparing UTF-8 with `memcmp`.
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let fast = lhs.utf8.withContiguousStorageIfAvailable { a in
            rhs.utf8.withContiguousStorageIfAvailable { b -> Bool in
                let common = min(a.count, b.count)
                if common > 0, let aBase = a.baseAddress, let bBase = b.baseAddress {
                    let order = memcmp(aBase, bBase, common)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }
        return (fast ?? nil) ?? lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    private func link(_ path: String, resolvedRoot: String) -> ContentFile {
        guard let target = Self.realPath(root + "/" + path) else {
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
        var status = stat()
        guard stat(target, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            return ContentFile(path: path, size: 0, modified: 0, refusal: "is a symbolic link to something not a file")
        }
        return ContentFile(path: path, size: Int64(status.st_size), modified: Self.nanoseconds(status))
    }

    static func nanoseconds(_ status: stat) -> Int64 {
        Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Why a content folder cannot be read at all.
public enum ContentFolderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path does not exist or is not a folder.
    case notAFolder(String)
    /// The folder exists but cannot be listed.
    case unreadable(String, errno: Int32)
    /// A file could not be read.
    case fileUnreadable(String, errno: Int32)

    /// The message as a terminal shows it.
    public var description: String {
        switch self {
        case .notAFolder(let path): "\(path): not a folder"
        case .unreadable(let path, let code): "\(path): cannot be listed: \(String(cString: strerror(code)))"
        case .fileUnreadable(let path, let code): "\(path): cannot be read: \(String(cString: strerror(code)))"
        }
    }
}

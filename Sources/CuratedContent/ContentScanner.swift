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
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let path = relative.isEmpty ? name : relative + "/" + name
                var status = stat()
                guard lstat(root + "/" + path, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR:
                    folders.append(path)
                case S_IFREG where name.hasSuffix(".md"):
                    files.append(ContentFile(path: path, size: Int64(status.st_size), modified: Self.nanoseconds(status)))
                case S_IFLNK where name.hasSuffix(".md"):
                    files.append(link(path, resolvedRoot: resolvedRoot))
                default:
                    continue
                }
            }
        }
        return files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
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

    public var description: String {
        switch self {
        case .notAFolder(let path): "\(path): not a folder"
        case .unreadable(let path, let code): "\(path): cannot be listed: \(String(cString: strerror(code)))"
        case .fileUnreadable(let path, let code): "\(path): cannot be read: \(String(cString: strerror(code)))"
        }
    }
}

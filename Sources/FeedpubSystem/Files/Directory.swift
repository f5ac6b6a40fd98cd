import Glibc

/// An open folder: its entries, and the status of each, looked up relative to the folder itself.
///
/// Safe to share between threads: ``status(of:)`` only reads through the descriptor, so a scan can look up the
/// entries of one folder on all cores.
package final class Directory: Sendable {
    /// A name in the folder and what it is, as far as the listing tells (`nil`: look it up).
    package struct Entry: Sendable, Hashable {
        /// The name.
        package var name: String
        /// The kind the listing reports (`d_type`); `nil` when the file system does not say.
        package var kind: FileKind?
    }

    /// The path it was opened with.
    package let path: String
    private let descriptor: Int32

    /// Opens the folder at `path` (which may itself be reached through symbolic links).
    package init(_ path: String) throws(SystemError) {
        self.path = path
        descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .last("open folder", path: path) }
    }

    deinit {
        close(descriptor)
    }

    /// The names in the folder, without `.` and `..`, and without hidden ones (`.name`) unless `includeHidden`;
    /// `isWanted` may drop a name before a `String` is made of it.
    package func entries(
        includeHidden: Bool = false,
        where isWanted: (UnsafeRawBufferPointer, FileKind?) -> Bool = { _, _ in true }
    ) throws(SystemError) -> [Entry] {
        let copy = dup(descriptor)
        guard copy >= 0, let stream = fdopendir(copy) else {
            let failure = SystemError.last("list", path: path)
            if copy >= 0 { close(copy) }
            throw failure
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var entries: [Entry] = []
        while let entry = readdir(stream) {
            let kind = Self.kind(entry.pointee.d_type)
            withUnsafeBytes(of: &entry.pointee.d_name) { raw in
                let name = UnsafeRawBufferPointer(rebasing: raw[..<(raw.firstIndex(of: 0) ?? raw.count)])
                guard let first = name.first else { return }
                if first == UInt8(ascii: ".") {
                    guard includeHidden, name.count > 2 || (name.count == 2 && name[1] != UInt8(ascii: ".")) else {
                        return
                    }
                }
                guard isWanted(name, kind) else { return }
                entries.append(Entry(name: String(decoding: name, as: UTF8.self), kind: kind))
            }
        }
        return entries
    }

    /// What `name` in this folder is (a symbolic link is not followed), or `nil` when it cannot be looked up.
    package func status(of name: String) -> FileStatus? {
        var status = stat()
        guard fstatat(descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return FileStatus(status)
    }

    /// The names in the folder at `path` (none when it is missing or cannot be listed).
    package static func names(in path: String, includeHidden: Bool = false) -> [String] {
        guard let folder = try? Directory(path), let entries = try? folder.entries(includeHidden: includeHidden)
        else { return [] }
        return entries.map(\.name)
    }

    private static func kind(_ type: UInt8) -> FileKind? {
        switch Int32(type) {
        case Int32(DT_REG): .regular
        case Int32(DT_DIR): .folder
        case Int32(DT_LNK): .symbolicLink
        case Int32(DT_UNKNOWN): nil
        default: .other
        }
    }
}

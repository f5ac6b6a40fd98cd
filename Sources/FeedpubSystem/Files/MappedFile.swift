import Glibc

/// A file mapped read-only into memory: no copy and no zero-filling, pages come in as they are touched.
///
/// For feedpub's state files, which a build reads once and in part.
package final class MappedFile: @unchecked Sendable {  // immutable after init
    /// The whole file.
    package let bytes: UnsafeRawBufferPointer

    /// Maps the regular file at `path`; `nil` when it cannot be opened, is empty, or is not a regular file.
    package convenience init?(_ path: String) {
        guard let file = try? OpenFile(path, .reading(followingLinks: false)) else { return nil }
        self.init(file.descriptor)
    }

    /// Maps the regular file `name` of `folder` (never through a symbolic link); `nil` as ``init(_:)``.
    package convenience init?(in folder: Directory, name: String) {
        guard let file = try? folder.openFile(name, .reading(followingLinks: false)) else { return nil }
        self.init(file.descriptor)
    }

    private init?(_ descriptor: Int32) {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > 0 else {
            return nil
        }
        let size = Int(status.st_size)
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
            return nil
        }
        bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let address = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: address), bytes.count) }
    }

    /// Whether the file starts with `prefix`.
    package func starts(with prefix: [UInt8]) -> Bool {
        bytes.count >= prefix.count && bytes.prefix(prefix.count).elementsEqual(prefix)
    }
}

import Glibc

/// Reads whole files: one `open`, one `fstat`, reads straight into the array's storage.
package enum FileBytes {
    /// The bytes of the file at `path` (following symbolic links); throws when it cannot be opened or read, or
    /// holds more than `limit` bytes (``SystemError/fileTooLarge``).
    package static func read(_ path: String, limit: Int = .max) throws(SystemError) -> [UInt8] {
        try read(try OpenFile(path, .reading(followingLinks: true)), limit: limit)
    }

    /// The bytes of the open `file`, from its start (see ``read(_:limit:)-(String,_)``).
    package static func read(_ file: OpenFile, limit: Int = .max) throws(SystemError) -> [UInt8] {
        let path = file.path
        let expected = Int(try file.stamp().size)
        guard expected <= limit else { throw SystemError("read", path: path, errno: SystemError.fileTooLarge) }
        var bytes = [UInt8](repeating: 0, count: expected)
        let filled = try bytes.withUnsafeMutableBytes { buffer in
            Result { () throws(SystemError) in try file.read(into: buffer) }
        }.get()
        if filled < expected { bytes.removeLast(expected - filled) }
        // The file may have grown since fstat: read on until the end.
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = try chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(SystemError) in try file.read(into: buffer) }
            }.get()
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= limit else { throw SystemError("read", path: path, errno: SystemError.fileTooLarge) }
            if count < chunk.count { break }
        }
        return bytes
    }
}

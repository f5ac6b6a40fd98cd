#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads whole files with POSIX calls: one `open`, one `fstat`, reads straight into the array's storage.
public enum FileBytes {
    /// The bytes of the file at `path`; throws when it cannot be opened or read, or holds more than `limit`.
    public static func read(_ path: String, limit: Int = .max) throws(ContentFolderError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .fileUnreadable(path, errno: errno) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .fileUnreadable(path, errno: errno) }
        let expected = Int(status.st_size)
        guard expected <= limit else { throw .fileUnreadable(path, errno: EFBIG) }
        var bytes = [UInt8](repeating: 0, count: expected)
        let filled = bytes.withUnsafeMutableBytes { FileReading.readFully(descriptor, into: $0) }
        guard filled >= 0 else { throw .fileUnreadable(path, errno: errno) }
        if filled < expected { bytes.removeLast(expected - filled) }
        // The file may have grown since fstat: read on until the end.
        var chunk = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = chunk.withUnsafeMutableBytes { FileReading.readFully(descriptor, into: $0) }
            guard count >= 0 else { throw .fileUnreadable(path, errno: errno) }
            bytes.append(contentsOf: chunk[0..<count])
            guard bytes.count <= limit else { throw .fileUnreadable(path, errno: EFBIG) }
            if count < chunk.count { break }
        }
        return bytes
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// Writing a buffer to a file descriptor until all of it is written, retrying interrupted calls: the counterpart of
/// `FileReading`, for every file feedpub writes.
enum FileWriting {
    /// Writes all of `bytes` to `descriptor`; a failure is reported on `path`.
    static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(OutputError) {
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            let count = write(descriptor, base + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                throw .system(path, "write")
            }
            written += count
        }
    }

    /// Writes all of `bytes` to `descriptor`; a failure is reported on `path`.
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(OutputError) {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(OutputError) in try writeAll(descriptor, raw, path: path) }
        }.get()
    }
}

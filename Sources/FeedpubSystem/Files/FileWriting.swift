import Glibc

/// Writing a buffer to a file descriptor until all of it is written, retrying interrupted calls: the counterpart of
/// ``FileReading``, for every file feedpub writes.
package enum FileWriting {
    /// Writes all of `bytes` to `descriptor`; a failure is reported on `path`.
    package static func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer, path: String)
        throws(SystemError)
    {
        guard let base = bytes.baseAddress else { return }
        var written = 0
        while written < bytes.count {
            let count = write(descriptor, base + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                throw .last("write", path: path)
            }
            written += count
        }
    }

    /// Writes all of `bytes` to `descriptor`; a failure is reported on `path`.
    package static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], path: String) throws(SystemError) {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(SystemError) in try writeAll(descriptor, raw, path: path) }
        }.get()
    }
}

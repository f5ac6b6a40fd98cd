import Glibc

/// Reading from a file descriptor until a buffer is full, retrying interrupted calls.
package enum FileReading {
    /// Reads into `buffer` until it is full or the file ends — from the current position, or from `offset`
    /// with `pread`; the count read, or -1 with `errno` set.
    package static func readFully(
        _ descriptor: Int32,
        into buffer: UnsafeMutableRawBufferPointer,
        at offset: Int? = nil
    )
        -> Int
    {
        guard let base = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let count: Int
            if let offset {
                count = pread(descriptor, base + filled, buffer.count - filled, off_t(offset + filled))
            } else {
                count = read(descriptor, base + filled, buffer.count - filled)
            }
            if count < 0 {
                if errno == EINTR { continue }
                return -1
            }
            if count == 0 { break }
            filled += count
        }
        return filled
    }
}

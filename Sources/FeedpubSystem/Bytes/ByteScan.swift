/// Eight bytes at a time: whether a word is all printable ASCII (0x20...0x7E), the common case the reader's
/// byte loops skip through before looking at single bytes.
///
/// `public` and `@inlinable`, unlike the rest of this layer, which is `package`: the reader's loops call these once per
/// eight bytes of every file, a call across modules costs more than the test, and Swift 6.3 inlines only `public`
/// `@inlinable` functions into other modules (a `package` one is called: measured with callgrind on a 10,000-item
/// build, 255 million instructions of calls, 3 % of the build). The target is no product, so this is no product's API.
public enum ByteScan {
    /// Whether no byte of `word` is below 0x20, 0x7F or above.
    @inlinable @inline(__always)
    public static func isPrintableASCII(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let below = (word &- ones &* 0x20) & ~word  // a byte < 0x20 sets its high bit here
        let delete = word ^ (ones &* 0x7F)
        let isDelete = (delete &- ones) & ~delete  // a byte == 0x7F becomes 0 and sets its high bit here
        return (word | below | isDelete) & 0x8080_8080_8080_8080 == 0
    }

    /// The word of 8 bytes at `offset` (which must leave 8 bytes).
    @inlinable @inline(__always)
    public static func word(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
    }
}

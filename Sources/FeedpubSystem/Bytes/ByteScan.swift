/// Eight bytes at a time: whether a word is all printable ASCII (0x20...0x7E), the common case the reader's
/// byte loops skip through before looking at single bytes.
package enum ByteScan {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether no byte of `word` is below 0x20, 0x7F or above.
    @inline(__always)
    package static func isPrintableASCII(_ word: UInt64) -> Bool {
        let below = (word &- ones &* 0x20) & ~word  // a byte < 0x20 sets its high bit here
        let delete = word ^ (ones &* 0x7F)
        let isDelete = (delete &- ones) & ~delete  // a byte == 0x7F becomes 0 and sets its high bit here
        return (word | below | isDelete) & highBits == 0
    }

    /// The word of 8 bytes at `offset` (which must leave 8 bytes).
    @inline(__always)
    package static func word(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
        UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
    }
}

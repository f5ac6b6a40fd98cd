import Glibc

/// Comparing bytes with `memcmp`: the byte-wise order of UTF-8 text (what `ls` shows with `LC_ALL=C`), and equality
/// of raw buffers.
package enum ByteOrder {
    /// Whether `lhs` comes before `rhs`, comparing their UTF-8 bytes.
    package static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let fast = lhs.utf8.withContiguousStorageIfAvailable { a in
            rhs.utf8.withContiguousStorageIfAvailable { b -> Bool in
                let common = min(a.count, b.count)
                if common > 0, let aBase = a.baseAddress, let bBase = b.baseAddress {
                    let order = memcmp(aBase, bBase, common)
                    if order != 0 { return order < 0 }
                }
                return a.count < b.count
            }
        }
        return (fast ?? nil) ?? lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// Whether the two buffers hold the same bytes.
    package static func equal(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        guard let a = lhs.baseAddress, let b = rhs.baseAddress else { return lhs.count == 0 }
        return memcmp(a, b, lhs.count) == 0
    }

    /// Whether `string`'s UTF-8 is exactly `utf8`.
    package static func equal(_ string: String, _ utf8: UnsafeRawBufferPointer) -> Bool {
        string.utf8.withContiguousStorageIfAvailable { known in equal(UnsafeRawBufferPointer(known), utf8) }
            ?? string.utf8.elementsEqual(utf8)
    }
}

/// FNV-1a, 64 bits: a hash that is the same on every machine and in every run (Swift's `Hasher` is seeded
/// per process), for slugs that must not change between builds.
public enum StableHash {
    /// The FNV-1a 64-bit hash of `bytes`.
    public static func fnv1a64<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The first `digits` lowercase hex digits of the FNV-1a hash of `text`'s UTF-8.
    public static func hex(_ text: String, digits: Int = 8) -> String {
        let full = String(fnv1a64(text.utf8), radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - full.count)) + full
        return String(padded.prefix(digits))
    }
}

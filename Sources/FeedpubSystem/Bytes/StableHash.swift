/// FNV-1a, 64 bits: a hash that is the same on every machine and in every run (Swift's `Hasher` is seeded
/// per process), for slugs that must not change between builds.
package enum StableHash {
    /// The FNV-1a 64-bit hash of `bytes`.
    package static func fnv1a64<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The first `digits` lowercase hex digits of the FNV-1a hash of `text`'s UTF-8.
    package static func hex(_ text: String, digits: Int = 8) -> String {
        let full = String(fnv1a64(text.utf8), radix: 16)
        let padded = String(repeating: "0", count: max(0, 16 - full.count)) + full
        return String(padded.prefix(digits))
    }
}

extension StableHash {
    /// A fast 64-bit hash of `bytes`, eight bytes per step, the same on every machine and run; for telling
    /// whether a file changed (not for security: anyone can make two inputs collide on purpose).
    package static func contentHash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash: UInt64 = 0x243F_6A88_85A3_08D3 ^ (UInt64(bytes.count) &* multiplier)
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            hash = (hash ^ word) &* multiplier
            hash ^= hash >> 29
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < count {
            tail |= UInt64(bytes[index]) << shift
            shift += 8
            index += 1
        }
        hash = (hash ^ tail) &* multiplier
        hash ^= hash >> 32
        hash = hash &* 0xBF58_476D_1CE4_E5B9
        return hash ^ (hash >> 31)
    }

    /// ``contentHash(_:)`` of an array.
    package static func contentHash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { contentHash($0) }
    }
}

extension StableHash {
    /// A 64-bit checksum of bytes given in pieces (the state file is written a megabyte at a time): the same value for
    /// the same bytes however they are cut, eight bytes per step; for telling a damaged file from an intact one.
    package struct Stream: Sendable {
        private var hash: UInt64 = 0x243F_6A88_85A3_08D3
        private var pending: UInt64 = 0
        private var pendingCount: UInt64 = 0
        private var total: UInt64 = 0

        /// A checksum of no bytes yet.
        package init() {}

        /// Adds `bytes`.
        package mutating func update(_ bytes: UnsafeRawBufferPointer) {
            var index = 0
            let count = bytes.count
            total &+= UInt64(count)
            while pendingCount > 0 && index < count {
                pending |= UInt64(bytes[index]) << (8 * pendingCount)
                pendingCount += 1
                index += 1
                if pendingCount == 8 {
                    mix(pending)
                    pending = 0
                    pendingCount = 0
                }
            }
            while index + 8 <= count {
                mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
                index += 8
            }
            while index < count {
                pending |= UInt64(bytes[index]) << (8 * pendingCount)
                pendingCount += 1
                index += 1
            }
        }

        /// Adds `bytes`.
        package mutating func update(_ bytes: [UInt8]) {
            bytes.withUnsafeBytes { update($0) }
        }

        private mutating func mix(_ word: UInt64) {
            hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
        }

        /// The checksum of everything added.
        package var value: UInt64 {
            var final = (hash ^ pending ^ (total &* 0x9E37_79B9_7F4A_7C15)) &* 0x9E37_79B9_7F4A_7C15
            final ^= final >> 32
            final = final &* 0xBF58_476D_1CE4_E5B9
            return final ^ (final >> 31)
        }
    }
}

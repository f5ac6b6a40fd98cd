import FeedTestSupport
import FeedpubSystem
import PropertyBased
import Testing

/// Byte-wise order of UTF-8 (the order of content paths) and byte equality.
@Suite struct ByteOrderTests {
    @Test func precedesIsTheOrderOfTheUTF8Bytes() async {
        await propertyCheck(input: HostileGen.string, HostileGen.string) { a, b in
            #expect(ByteOrder.precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8))
            #expect(!(ByteOrder.precedes(a, b) && ByteOrder.precedes(b, a)))
        }
    }

    @Test func examples() {
        #expect(ByteOrder.precedes("a/b.md", "a0.md"))  // '/' (0x2F) sorts before '0' (0x30)
        #expect(ByteOrder.precedes("Z.md", "a.md"))
        #expect(ByteOrder.precedes("e.md", "é.md"))
        #expect(!ByteOrder.precedes("a", "a"))
        #expect(ByteOrder.precedes("a", "ab"))
    }

    @Test func equalComparesBytes() {
        let a: [UInt8] = [1, 2, 3]
        a.withUnsafeBytes { x in
            ([1, 2, 3] as [UInt8]).withUnsafeBytes { y in #expect(ByteOrder.equal(x, y)) }
            ([1, 2] as [UInt8]).withUnsafeBytes { y in #expect(!ByteOrder.equal(x, y)) }
            ([1, 2, 4] as [UInt8]).withUnsafeBytes { y in #expect(!ByteOrder.equal(x, y)) }
            #expect(!ByteOrder.equal("abd", x))
        }
        Array("résumé".utf8).withUnsafeBytes { #expect(ByteOrder.equal("résumé", $0)) }
    }
}

import FeedTestSupport
import FeedpubSystem
import PropertyBased
import Testing

/// The hashes feedpub keeps in slugs and state files must be the same on every machine and in every run: known
/// vectors pin them.
@Suite struct StableHashTests {
    /// FNV-1a 64 test vectors (Fowler, Noll, Vo: http://www.isthe.com/chongo/src/fnv/test_fnv.c).
    @Test(
        arguments: [
            ("", 0xcbf2_9ce4_8422_2325), ("a", 0xaf63_dc4c_8601_ec8c), ("b", 0xaf63_df4c_8601_f1a5),
            ("foobar", 0x8594_4171_f739_67e8),
        ] as [(String, UInt64)]
    )
    func fnv1aMatchesTheReferenceVectors(text: String, expected: UInt64) {
        #expect(StableHash.fnv1a64(text.utf8) == expected)
    }

    @Test func hexIsZeroPaddedAndCut() {
        #expect(StableHash.hex("foobar") == "85944171")
        #expect(StableHash.hex("foobar", digits: 16) == "85944171f73967e8")
        #expect(StableHash.hex("Medigy: Santé Publique").count == 8)
    }

    /// feedpub's own content hash: pinned so that a change to it (which would make every state file look changed)
    /// is deliberate.
    @Test(
        arguments: [
            ([], 17_044_876_196_687_140_625), (Array("a".utf8), 18_212_289_447_028_222_944),
            (Array("12345678".utf8), 6_624_925_912_476_324_757), (Array("123456789".utf8), 8_788_795_360_169_594_639),
        ] as [([UInt8], UInt64)]
    )
    func contentHashIsPinned(bytes: [UInt8], expected: UInt64) {
        #expect(StableHash.contentHash(bytes) == expected, "\(String(StableHash.contentHash(bytes), radix: 16))")
    }

    @Test func contentHashSeesEveryByteAndTheLength() async {
        await propertyCheck(input: Gen.uint8().array(of: 0...40), Gen.int(in: 0...319)) { bytes, bit in
            var flipped = bytes
            if !bytes.isEmpty {
                flipped[(bit / 8) % bytes.count] ^= UInt8(1 << (bit % 8))
                #expect(StableHash.contentHash(flipped) != StableHash.contentHash(bytes))
            }
            #expect(StableHash.contentHash(bytes + [0]) != StableHash.contentHash(bytes))
        }
    }
}

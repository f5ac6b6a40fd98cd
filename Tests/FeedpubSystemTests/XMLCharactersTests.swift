import FeedTestSupport
import FeedpubSystem
import PropertyBased
import Testing

/// ``XMLCharacters``: the XML 1.0 `Char` production, the byte scan that checks a whole string, and the filter.
@Suite struct XMLCharactersTests {
    /// `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`, written independently.
    static func xmlChar(_ value: UInt32) -> Bool {
        value == 0x9 || value == 0xA || value == 0xD || (0x20...0xD7FF).contains(value)
            || (0xE000...0xFFFD).contains(value) || (0x10000...0x10FFFF).contains(value)
    }

    @Test(
        arguments: [
            (0x00, false), (0x01, false), (0x08, false), (0x09, true), (0x0A, true), (0x0B, false), (0x0C, false),
            (0x0D, true), (0x0E, false), (0x1F, false), (0x20, true), (0x7F, true), (0x85, true), (0xA0, true),
            (0xD7FF, true), (0xE000, true), (0xFEFF, true), (0xFFFD, true), (0xFFFE, false), (0xFFFF, false),
            (0x10000, true), (0x1FFFE, true), (0x10FFFF, true),
        ] as [(UInt32, Bool)]
    )
    func isAllowedTable(value: UInt32, allowed: Bool) throws {
        let scalar = try #require(Unicode.Scalar(value))
        #expect(XMLCharacters.isAllowed(scalar) == allowed)
        #expect(XMLCharacters.allAllowed("a\(scalar)b") == allowed)
    }

    @Test func isAllowedMatchesTheProductionForEveryScalar() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }  // surrogates
            if XMLCharacters.isAllowed(scalar) != Self.xmlChar(value) { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty, "first: \(disagreements.prefix(5).map { String($0, radix: 16) })")
    }

    @Test func filteredRemovesExactlyTheForbiddenCharacters() {
        #expect(XMLCharacters.filtered("a\u{0}b\u{B}c\u{FFFE}d\u{FFFF}e\u{1F}") == "abcde")
        #expect(XMLCharacters.filtered("\u{0}\u{1}\u{2}") == "")
        #expect(scalars(XMLCharacters.filtered("\r\n\t\u{85}\u{FEFF}x")) == scalars("\r\n\t\u{85}\u{FEFF}x"))
    }

    @Test func filteredReturnsAnAllowedStringItself() {
        // Long enough to live in a heap buffer: "returns `text` itself" means that buffer, not a copy.
        var original = String(repeating: "Healthcare é 🩺 \t\n", count: 20)
        var filtered = XMLCharacters.filtered(original)
        #expect(filtered == original)
        let same = original.withUTF8 { a in filtered.withUTF8 { b in a.baseAddress == b.baseAddress } }
        #expect(same)
    }

    @Test func allAllowedAgreesWithAScalarByScalarCheck() async {
        await propertyCheck(count: 500, input: HostileGen.string) { input in
            let expected = input.unicodeScalars.allSatisfy(XMLCharacters.isAllowed)
            #expect(XMLCharacters.allAllowed(input) == expected, "input: \(input.debugDescription)")
            let filtered = XMLCharacters.filtered(input)
            #expect(XMLCharacters.allAllowed(filtered))
            #expect(scalars(filtered) == input.unicodeScalars.filter(XMLCharacters.isAllowed).map(\.value))
            if expected { #expect(scalars(filtered) == scalars(input)) }
        }
    }
}

import FeedTestSupport
import FeedpubSystem
import PropertyBased
import Testing

@testable import LibXML

/// Property: whatever string goes in as text and as an attribute value, the document is well-formed and a
/// parser reads back exactly the string without the characters XML forbids.
///
/// libxml2 writes `\r` as `&#13;` in text and `\t`, `\n`, `\r` as references in attributes, so neither the
/// parser's line-end normalisation nor its attribute-value normalisation changes anything: the round-trip is
/// exact, scalar for scalar.
@Suite struct XMLRoundTripPropertyTests {
    @Test func hostileStringsRoundTripAsTextAndAttribute() async throws {
        await propertyCheck(count: 300, input: HostileGen.string, Gen.bool) { input, indent in
            let bytes = try Doc.carrying(text: input, attribute: input, indent: indent)
            #expect(XMLWellFormedness.problem(in: bytes) == nil, "input: \(input.debugDescription)")
            let root = try XMLElement.parse(bytes)
            let expected = scalars(XMLCharacters.filtered(input))
            #expect(scalars(root.text(of: "t") ?? "<missing>") == expected, "input: \(input.debugDescription)")
            #expect(scalars(root.attributes["a"] ?? "<missing>") == expected, "input: \(input.debugDescription)")
        }
    }

    @Test func everyPairOfHostilePiecesRoundTrips() throws {
        var failures: [String] = []
        for input in HostileStrings.combinations {
            let bytes = try Doc.carrying(text: input, attribute: input)
            guard let root = try? XMLElement.parse(bytes) else {
                failures.append("not well-formed: \(input.debugDescription)")
                continue
            }
            let expected = scalars(XMLCharacters.filtered(input))
            if scalars(root.text(of: "t") ?? "") != expected || scalars(root.attributes["a"] ?? "") != expected {
                failures.append("changed: \(input.debugDescription)")
            }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.prefix(5))")
    }
}

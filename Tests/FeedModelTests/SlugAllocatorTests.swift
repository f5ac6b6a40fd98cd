import FeedModel
import FeedpubSystem
import PropertyBased
import Testing

/// Unique slugs for sets of names, whatever order they arrive in.
@Suite struct SlugAllocatorTests {
    @Test func collidingNamesKeepOnePlainSlugAndHashTheOthers() throws {
        let names = ["Medigy: Santé Publique", "Medigy: Sante Publique", "MEDIGY: SANTE PUBLIQUE"]
        let slugs = SlugAllocator.assign(Dictionary(uniqueKeysWithValues: names.map { ($0, Slug(making: $0)) }))
        #expect(Set(slugs.values).count == 3)
        // The name that sorts first keeps the plain slug.
        #expect(slugs["MEDIGY: SANTE PUBLIQUE"]?.text == "medigy-sante-publique")
        let other = try #require(slugs["Medigy: Santé Publique"])
        #expect(other.text == "medigy-sante-publique-" + StableHash.hex("Medigy: Santé Publique"))
        #expect(slugs.values.allSatisfy { Slug.isValid($0.text) })
    }

    @Test func aWishThatIsNotASlugCannotBeMade() {
        #expect(Slug("../../etc") == nil)
        #expect(Slug("bad slug") == nil)
        #expect(Slug("") == nil)
        #expect(Slug("con") == nil)
        #expect(Slug("-a") == nil && Slug("a-") == nil && Slug("a--b") == nil)
        #expect(Slug("chronic-care")?.text == "chronic-care")
    }

    @Test func aHashedSlugThatIsTakenGetsACounter() throws {
        let name = "b"
        let hashed = try #require(Slug("a-" + StableHash.hex(name)))
        let a = try #require(Slug("a"))
        let slugs = SlugAllocator.assign(["a": a, name: a, "c": hashed])
        #expect(Set(slugs.values).count == 3)
        #expect(slugs["c"] == hashed)
        #expect(slugs[name]?.text == hashed.text + "-2")
    }

    @Test func aLongWishIsCutToMakeRoomForItsSuffix() throws {
        let long = try #require(Slug(String(repeating: "a", count: Slug.maximumLength)))
        let slugs = SlugAllocator.assign(["x": long, "y": long])
        let suffixed = try #require(slugs["y"])
        #expect(suffixed.text.count == Slug.maximumLength)
        #expect(suffixed.text.hasSuffix("-" + StableHash.hex("y")))
    }

    @Test func resultDoesNotDependOnOrder() async {
        let names = ["Topic A", "topic a", "TOPIC A", "Topic-A", "Topic B", "", "..", "CON", "con", "Topic  A"]
        let expected = SlugAllocator.assign(Dictionary(uniqueKeysWithValues: names.map { ($0, Slug(making: $0)) }))
        #expect(Set(expected.values).count == names.count)
        await propertyCheck(count: 100, input: Gen.shuffled(names)) { shuffled in
            var requests: [String: Slug] = [:]
            for name in shuffled { requests[name] = Slug(making: name) }
            #expect(SlugAllocator.assign(requests) == expected)
        }
    }
}

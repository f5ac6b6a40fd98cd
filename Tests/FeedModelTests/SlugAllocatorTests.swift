import FeedModel
import PropertyBased
import Testing

/// Unique slugs for sets of names, whatever order they arrive in.
@Suite struct SlugAllocatorTests {
    @Test func collidingNamesKeepOnePlainSlugAndHashTheOthers() throws {
        let requests = [
            "Medigy: Santé Publique": Slug.make("Medigy: Santé Publique"),
            "Medigy: Sante Publique": Slug.make("Medigy: Sante Publique"),
            "MEDIGY: SANTE PUBLIQUE": Slug.make("MEDIGY: SANTE PUBLIQUE"),
        ]
        let slugs = SlugAllocator.assign(requests)
        #expect(Set(slugs.values).count == 3)
        // The name that sorts first keeps the plain slug.
        #expect(slugs["MEDIGY: SANTE PUBLIQUE"] == "medigy-sante-publique")
        let other = try #require(slugs["Medigy: Santé Publique"])
        #expect(other == "medigy-sante-publique-" + StableHash.hex("Medigy: Santé Publique"))
        #expect(slugs.values.allSatisfy(Slug.isValid))
    }

    @Test func invalidWishesAreReplacedBySlugsOfTheName() {
        let slugs = SlugAllocator.assign(["Chronic Care": "../../etc", "Other": "bad slug"])
        #expect(slugs["Chronic Care"] == "chronic-care")
        #expect(slugs["Other"] == "other")
    }

    @Test func aHashedSlugThatIsTakenGetsACounter() {
        let name = "b"
        let hashed = "a-" + StableHash.hex(name)
        let slugs = SlugAllocator.assign(["a": "a", name: "a", "c": hashed])
        #expect(Set(slugs.values).count == 3)
        #expect(slugs["c"] == hashed)
        #expect(slugs[name] == hashed + "-2")
    }

    @Test func resultDoesNotDependOnOrder() async {
        let names = ["Topic A", "topic a", "TOPIC A", "Topic-A", "Topic B", "", "..", "CON", "con", "Topic  A"]
        let expected = SlugAllocator.assign(Dictionary(uniqueKeysWithValues: names.map { ($0, Slug.make($0)) }))
        #expect(Set(expected.values).count == names.count)
        await propertyCheck(count: 100, input: Gen.shuffled(names)) { shuffled in
            var requests: [String: String] = [:]
            for name in shuffled { requests[name] = Slug.make(name) }
            #expect(SlugAllocator.assign(requests) == expected)
        }
    }
}

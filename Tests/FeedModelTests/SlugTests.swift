import FeedModel
import PropertyBased
import Testing

/// Slugs: lowercase ASCII, one path component, stable, never empty or reserved.
@Suite struct SlugTests {
    @Test(arguments: [
        ("Medigy: Business Survival & Continuity", "medigy-business-survival-continuity"),
        ("KLAS: Health Information Exchange (HIE)", "klas-health-information-exchange-hie"),
        ("Chronic Care Management (CCM)", "chronic-care-management-ccm"),
        ("eSanté & Digital Health Europe", "esante-digital-health-europe"),
        ("Medigy: Ärztliche Versorgung", "medigy-arztliche-versorgung"),
        ("Straße & Œuvre", "strasse-oeuvre"),
        ("Women's Health", "womens-health"),
        ("Patients’ Rights", "patients-rights"),
        ("  --Already--slugged--  ", "already-slugged"),
        ("../../etc", "etc"),
        ("HIMSS: eHealth – Europe", "himss-ehealth-europe"),
    ])
    func makesReadableSlugs(name: String, expected: String) {
        #expect(Slug(making: name).text == expected)
        #expect(Slug.isValid(expected))
    }

    @Test(arguments: ["", "..", "/", "   ", "🩺💊🧬", "صحة رقمية", "\u{0}"])
    func namesWithoutLettersGetTheirHash(name: String) {
        let slug = Slug(making: name, fallbackPrefix: "topic").text
        #expect(slug.hasPrefix("topic-"))
        #expect(slug.count == "topic-".count + 8)
        #expect(Slug.isValid(slug))
        #expect(Slug(making: name, fallbackPrefix: "topic").text == slug, "stable")
    }

    @Test func differentEmptyNamesGetDifferentSlugs() {
        #expect(Slug(making: "..").text != Slug(making: "/").text)
        #expect(Slug(making: "🩺").text != Slug(making: "💊").text)
    }

    @Test(arguments: ["CON", "con", "Nul", "aux", "COM1", "lpt9", "PRN"])
    func windowsDeviceNamesAreAvoided(name: String) {
        let slug = Slug(making: name).text
        #expect(slug.hasPrefix(name.lowercased() + "-"))
        #expect(Slug.isValid(slug))
        #expect(!Slug.isValid(name.lowercased()))
    }

    @Test func longNamesAreCutAtAHyphenAndKeptUnique() {
        let long = "Medigy: " + String(repeating: "Very Long Topic Name ", count: 14) + "End"
        let other = "Medigy: " + String(repeating: "Very Long Topic Name ", count: 14) + "Finish"
        let slug = Slug(making: long).text
        #expect(slug.count <= Slug.maximumLength)
        #expect(Slug.isValid(slug))
        #expect(slug.hasPrefix("medigy-very-long-topic-name"))
        #expect(slug != Slug(making: other).text)
    }

    @Test(arguments: ["a", "a-b", "abc-123", String(repeating: "a", count: 80)])
    func validSlugs(slug: String) {
        #expect(Slug.isValid(slug))
    }

    @Test(arguments: ["", "-a", "a-", "a--b", "A", "a b", "a/b", "..", ".", "é", String(repeating: "a", count: 81)])
    func invalidSlugs(slug: String) {
        #expect(!Slug.isValid(slug))
    }

    @Test func everyNameGivesAValidSlug() async {
        let pieces = ["a", "Z", "9", " ", "-", "/", "..", "&", "é", "ß", "🩺", "ك", "\u{0}", "'", "’", "CON", "\t"]
        await propertyCheck(count: 500, input: Gen.element(of: pieces).array(of: 0...30)) { parts in
            let name = parts.compactMap { $0 }.joined()
            let slug = Slug(making: name).text
            #expect(Slug.isValid(slug), "\(name.debugDescription) → \(slug)")
            #expect(!slug.contains("/") && !slug.contains(".."))
        }
    }
}

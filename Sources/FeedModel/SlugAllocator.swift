/// Gives each of a set of names its own slug, the same whatever order the names arrive in.
///
/// Each name asks for a slug (usually ``Slug/make(_:fallbackPrefix:)`` of itself). Where several names ask for
/// the same one, the name that sorts first keeps it and each other gets the slug plus `-` and eight hex digits of
/// its own hash: `medigy-sante-publique` and `medigy-sante-publique-1c2d3e4f`.
public enum SlugAllocator {
    /// Slugs for `requests` (name → wanted slug), unique across the result.
    public static func assign(_ requests: [String: String]) -> [String: String] {
        var byWanted: [String: [String]] = [:]
        for (name, wanted) in requests {
            byWanted[Slug.isValid(wanted) ? wanted : Slug.make(name), default: []].append(name)
        }
        var result: [String: String] = [:]
        var taken = Set(byWanted.keys)
        for wanted in byWanted.keys.sorted() {
            guard let names = byWanted[wanted]?.sorted() else { continue }
            result[names[0]] = wanted
            for name in names.dropFirst() {
                let suffix = "-" + StableHash.hex(name)
                var candidate = trimmed(wanted, room: suffix.count) + suffix
                var counter = 2
                while taken.contains(candidate) {
                    candidate = trimmed(wanted, room: suffix.count + 4) + suffix + "-\(counter)"
                    counter += 1
                }
                taken.insert(candidate)
                result[name] = candidate
            }
        }
        return result
    }

    /// `slug` cut to leave `room` characters within ``Slug/maximumLength``, without a trailing hyphen.
    private static func trimmed(_ slug: String, room: Int) -> String {
        var cut = String(slug.prefix(Slug.maximumLength - room))
        while cut.hasSuffix("-") { cut.removeLast() }
        return cut
    }
}

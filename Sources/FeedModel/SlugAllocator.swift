import FeedpubSystem

/// Gives each of a set of names its own slug, the same whatever order the names arrive in.
///
/// Each name asks for a slug (usually ``Slug/init(making:fallbackPrefix:)`` of itself). Where several names ask for
/// the same one, the name that sorts first keeps it and each other gets the slug plus `-` and eight hex digits of
/// its own hash: `medigy-sante-publique` and `medigy-sante-publique-1c2d3e4f`.
package enum SlugAllocator {
    /// Slugs for `requests` (name → wanted slug), unique across the result.
    package static func assign(_ requests: [String: Slug]) -> [String: Slug] {
        var byWanted: [Slug: [String]] = [:]
        for (name, wanted) in requests { byWanted[wanted, default: []].append(name) }
        var result: [String: Slug] = [:]
        var taken = Set(byWanted.keys)
        for wanted in byWanted.keys.sorted() {
            guard let names = byWanted[wanted]?.sorted() else { continue }
            result[names[0]] = wanted
            for name in names.dropFirst() {
                let suffix = "-" + StableHash.hex(name)
                var candidate = wanted.appending(suffix, cutTo: suffix.count)
                var counter = 2
                while taken.contains(candidate) {
                    candidate = wanted.appending(suffix + "-\(counter)", cutTo: suffix.count + 4)
                    counter += 1
                }
                taken.insert(candidate)
                result[name] = candidate
            }
        }
        return result
    }
}

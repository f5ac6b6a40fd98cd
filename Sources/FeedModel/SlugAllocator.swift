import FeedpubSystem

/// Gives each of a set of names its own slug: the one it was published under before, else the one it asks for, the
/// same whatever order the names arrive in.
///
/// A name published before keeps its slug, whatever else arrives. Each other name asks for a slug (usually
/// ``Slug/init(making:fallbackPrefix:)`` of itself). Where several ask for the same one, the name with the oldest item
/// keeps it (the one most likely published first, so that a build without state repeats history where it can; on a
/// tie, the name that sorts first) — unless a name published before holds it — and each other gets the slug plus `-`
/// and eight hex digits of its own hash: `medigy-sante-publique` and `medigy-sante-publique-1c2d3e4f`.
package enum SlugAllocator {
    /// A name asking for a slug.
    package struct Request: Sendable {
        /// The folded name (``NameFolding``): the key of the result and of published slugs.
        package var key: String
        /// The name as shown: what sorting and the suffix's hash use.
        package var name: String
        /// The slug it asks for.
        package var wanted: Slug
        /// The date of its oldest item.
        package var oldest: Timestamp

        package init(key: String, name: String, wanted: Slug, oldest: Timestamp = Timestamp(seconds: 0)) {
            self.key = key
            self.name = name
            self.wanted = wanted
            self.oldest = oldest
        }
    }

    /// Slugs for `requests` by key, unique across the result and `published` (key → slug of earlier builds).
    package static func assign(_ requests: [Request], published: [String: Slug]) -> [String: Slug] {
        var result: [String: Slug] = [:]
        var byWanted: [Slug: [Request]] = [:]
        for request in requests {
            if let slug = published[request.key] {
                result[request.key] = slug
            } else {
                byWanted[request.wanted, default: []].append(request)
            }
        }
        let held = Set(published.values)
        var taken = held.union(byWanted.keys)
        for wanted in byWanted.keys.sorted() {
            guard let names = byWanted[wanted]?.sorted(by: Self.precedes) else { continue }
            var rest = names[...]
            if !held.contains(wanted), let first = rest.popFirst() { result[first.key] = wanted }
            for request in rest {
                let suffix = "-" + StableHash.hex(request.name)
                var candidate = wanted.appending(suffix, cutTo: suffix.count)
                var counter = 2
                while taken.contains(candidate) {
                    candidate = wanted.appending(suffix + "-\(counter)", cutTo: suffix.count + 4)
                    counter += 1
                }
                taken.insert(candidate)
                result[request.key] = candidate
            }
        }
        return result
    }

    private static func precedes(_ a: Request, _ b: Request) -> Bool {
        if a.oldest != b.oldest { return a.oldest < b.oldest }
        return (a.name, a.key) < (b.name, b.key)
    }

    /// Slugs for `requests` (name → wanted slug), unique across the result; each name its own key.
    package static func assign(_ requests: [String: Slug]) -> [String: Slug] {
        assign(requests.map { Request(key: $0.key, name: $0.key, wanted: $0.value) }, published: [:])
    }
}

/// The candidates of a `srcset` attribute (`a.jpg 1x, b.jpg 2x`), as the HTML standard splits them: a URL runs to
/// the next white space (trailing commas end it), its descriptor to the next comma.
enum SourceSet {
    /// One image candidate.
    struct Candidate: Equatable {
        var url: String
        var descriptor: String
    }

    static func candidates(_ value: String) -> [Candidate] {
        var result: [Candidate] = []
        var rest = Substring(value)
        while true {
            rest = rest.drop { $0.isWhitespace || $0 == "," }
            guard !rest.isEmpty else { return result }
            var url = rest.prefix { !$0.isWhitespace }
            rest = rest.dropFirst(url.count)
            var descriptor = Substring("")
            if url.hasSuffix(",") {
                while url.hasSuffix(",") { url = url.dropLast() }
            } else {
                descriptor = rest.prefix { $0 != "," }
                rest = rest.dropFirst(descriptor.count)
            }
            let trimmed = descriptor.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !url.isEmpty { result.append(Candidate(url: String(url), descriptor: trimmed)) }
        }
    }
}

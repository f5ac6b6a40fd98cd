import CuratedContent
import FeedModel
import FeedWriters
import FeedpubSystem
import Foundation

/// Checks a whole configuration before anything is read or published: each URL, address, template and id part,
/// and the combinations, each failure a ``ConfigurationError`` with the line its key came from.
///
/// Every value here ends up in permanent places — item ids readers keep for ever, links in every item — so a typo
/// must stop the build, not publish 88 feeds of wrong links with exit 0.
struct ConfigurationCheck {
    let configuration: PublishConfiguration
    let source: String
    /// The line of each dotted key, where the configuration came from a file.
    let lines: [String: Int]
    /// Whether the site's identity must be set (a whole configuration), or may come later (a file an option
    /// completes).
    let requiresSite: Bool

    func run() throws(ConfigurationError) {
        let c = configuration
        let unset = [("site.url", c.siteURL), ("site.title", c.siteTitle)].filter { $0.1.isEmpty }.map(\.0)
        if requiresSite, let first = unset.first {
            // No built-in identity: feeds of someone else's site, with ids readers would keep for ever, are worse
            // than no feeds.
            throw ConfigurationError(
                source: source,
                line: nil,
                key: first,
                message: "is not set: set \(unset.joined(separator: " and ")) in feedpub.yml "
                    + "(`feedpub init` writes one)"
            )
        }
        if !c.siteURL.isEmpty { try webURL(c.siteURL, "site.url") }
        for (key, url) in [
            ("feeds.url", c.feedsURL), ("content.mediaURL", c.mediaURL), ("site.logo", c.logo), ("site.icon", c.icon),
            ("site.favicon", c.favicon), ("publisher.url", c.publisherURL),
        ] {
            if let url { try webURL(url, key) }
        }
        if let email = c.publisherEmail, !Self.isEmailAddress(email) {
            throw fail("publisher.email", "'\(email)' is not an e-mail address")
        }
        try template(
            c.itemURLTemplate,
            "content.itemURL",
            placeholders: URLTemplate.Placeholder.allCases.map(\.rawValue)
        )
        try template(c.communityPageTemplate, "pages.community", placeholders: ["site", "slug"])
        try template(c.topicPageTemplate, "pages.topic", placeholders: ["site", "slug"])
        if let authority = c.idAuthority, !Self.isDomainName(authority), !Self.isEmailAddress(authority) {
            throw fail("ids.authority", "'\(authority)' is not a domain name or an e-mail address (RFC 4151)")
        }
        if !Self.isTagDate(c.idDate) {
            throw fail("ids.date", "'\(c.idDate)' is not a real date as YYYY, YYYY-MM or YYYY-MM-DD (RFC 4151)")
        }
        if c.formats.isEmpty { throw fail("feeds.formats", "names no format") }
        if let cacheControl = c.cacheControl, !Self.isFieldValue(cacheControl) {
            throw fail(
                "serve.cacheControl",
                "'\(DisplayText.escaped(cacheControl))' is not a header field value (printable ASCII, 1 to 200 "
                    + "characters, not starting or ending with a space)"
            )
        }
        if let archive = c.archive {
            if c.limit == .all {
                throw fail(
                    "feeds.archive",
                    "needs a feeds.limit: the subscription document holds the newest items, the archive pages the rest "
                        + "(with limit 0 there is no rest)"
                )
            }
            if archive > 100_000 { throw fail("feeds.archive", "\(archive) items per page is more than 100000") }
        }
        if let opml = c.opmlFormat, !c.formats.contains(opml) {
            throw fail(
                "feeds.opml",
                "'\(opml.rawValue)' is not among the formats written (\(c.formats.map(\.rawValue).joined(separator: ", "))): "
                    + "index.opml would list files that do not exist"
            )
        }
        if !c.siteTitle.isEmpty, c.siteTitle.trimmingCharacters(in: .whitespaces).isEmpty {
            throw fail("site.title", "is empty")
        }
    }

    private func fail(_ key: String, _ message: String) -> ConfigurationError {
        ConfigurationError(source: source, line: lines[key], key: key, message: message)
    }

    /// An absolute http(s) URL with a host, and no white space or control character.
    private func webURL(_ url: String, _ key: String) throws(ConfigurationError) {
        if let bad = url.unicodeScalars.first(where: { $0.value <= 0x20 || (0x7F...0x9F).contains($0.value) }) {
            let what =
                bad == " " ? "a space" : "a control character (U+\(String(bad.value, radix: 16, uppercase: true)))"
            throw fail(key, "'\(url)' holds \(what)")
        }
        let lower = url.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = url.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = url.dropFirst(7)
        } else {
            throw fail(key, "'\(url)' is not an absolute http(s) URL")
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@").last.map { $0.split(separator: ":").first ?? "" } ?? ""
        guard !host.isEmpty, host.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "[" })
        else { throw fail(key, "'\(url)' has no host") }
    }

    /// Known placeholders only, and an absolute http(s) URL once rendered for a sample item.
    private func template(_ text: String, _ key: String, placeholders: [String]) throws(ConfigurationError) {
        var rest = text[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw fail(key, "'\(text)' has a { never closed")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard placeholders.contains(name) else {
                throw fail(
                    key,
                    "{\(name)} is not a placeholder (known here: \(placeholders.map { "{\($0)}" }.joined(separator: ", ")))"
                )
            }
            rest = rest[rest.index(after: close)...]
        }
        guard !configuration.siteURL.isEmpty else { return }  // rendered once the site is known
        let site =
            configuration.siteURL.hasSuffix("/") ? String(configuration.siteURL.dropLast()) : configuration.siteURL
        let sample = URLTemplate(text).expand { placeholder in
            switch placeholder {
            case .site: site
            case .basePath: "/communities/sample/curated-content/"
            case .slug: "sample-item"
            case .community: "sample"
            case .id: "sample-id"
            }
        }
        do {
            try webURL(sample, key)
        } catch {
            throw fail(key, "'\(text)' gives '\(sample)' for a sample item, not an absolute http(s) URL")
        }
    }

    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
        else { return false }
        return isDomainName(String(parts[1]))
    }

    static func isDomainName(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && text.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && label.first != "-" && label.last != "-"
                    && label.unicodeScalars.allSatisfy {
                        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-")
                    }
            }
    }

    static func isTagDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.dropFirst().allSatisfy({ $0.count == 2 }),
            let year = Int(parts[0])
        else { return false }
        let month = parts.count > 1 ? Int(parts[1]) : 1
        let day = parts.count > 2 ? Int(parts[2]) : 1
        guard let month, let day else { return false }
        return Timestamp(year: year, month: month, day: day) != nil
    }

    /// Whether `text` can be sent as an HTTP field value as it is: visible ASCII and inner spaces, 1 to 200 bytes.
    static func isFieldValue(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard (1...200).contains(bytes.count), bytes.first != 0x20, bytes.last != 0x20 else { return false }
        return bytes.allSatisfy { (0x20...0x7E).contains($0) }
    }
}

import FeedModel
import FeedpubSystem
import Foundation

/// Maps a parsed front matter and body to a ``FeedItem``, repairing what it can and saying so.
///
/// Field by field, as the seed format has them: `title`, `description` → summary, `date` → published,
/// `lastMod` → updated, `author`, `identifier`/`basePath`/`mastHead` → community, `communityTopics` (else
/// `openProjectCustomFields.medigyTopics`) → topics, `tags` and `categories` → tags, `featuredImage` → image,
/// `link.href`/`link.brand` → original and source, `id` (else `mdName`) → identity, `slug` → page.
struct ItemMapper {
    let settings: ContentSettings

    /// The top-level keys the mapping reads; the fast YAML reader builds no others.
    static let usedKeys: Set<String> = [
        "title", "description", "date", "lastMod", "author", "identifier", "basePath", "mastHead",
        "communityTopics", "openProjectCustomFields", "tags", "categories", "featuredImage", "link", "id", "mdName",
        "slug", "status", "draft", "expiryDate",
    ]

    /// ``usedKeys`` for ``ExporterYAMLReader``.
    static let usedKeySet = ExporterYAMLReader.KeySet(usedKeys)

    /// Whether an item is a draft, and when it expires.
    struct Publication {
        var isDraft = false
        var expires: Timestamp?
    }

    /// Whether the item is a draft (`status: draft`, or `draft: true`) and when it expires (`expiryDate`).
    func publication(_ root: YAMLValue, log: inout IssueLog) -> Publication {
        guard case .mapping(let entries, _) = root else { return Publication() }
        // Every exporter file has `status: ''`; most have neither of the other keys: decided without more work.
        let status = entries.last { $0.key == "status" }?.value.string
        if !entries.contains(where: { $0.key == "draft" || $0.key == "expiryDate" }) {
            return Publication(
                isDraft: status.map { $0.utf8.count < 16 && $0.trimmingWhitespace.lowercased() == "draft" } ?? false
            )
        }
        var fields = Fields(entries: entries, log: log)
        var publication = Publication()
        if let status = fields.text("status")?.lowercased(), status == "draft" { publication.isDraft = true }
        if let draft = fields.text("draft")?.lowercased() {
            switch draft {
            case "true", "yes", "on": publication.isDraft = true
            case "false", "no", "off": break
            default:
                fields.log.warn(
                    "draft",
                    line: fields.value("draft").map { Fields.fileLine($0.line) },
                    "'\(draft)' is not true or false; the item is treated as a draft"
                )
                publication.isDraft = true
            }
        }
        publication.expires = fields.date("expiryDate", required: false)
        if fields.value("expiryDate") != nil, publication.expires == nil, fields.value("expiryDate")?.isNull == false {
            fields.log.warn(
                "expiryDate",
                line: fields.value("expiryDate").map { Fields.fileLine($0.line) },
                "is not a date; the item does not expire"
            )
        }
        log = fields.log
        return publication
    }

    /// The item, or `nil` with at least one error in `log` when it must be rejected.
    func map(_ root: YAMLValue, body: String, bodyLine: Int, fileStem: String, log: inout IssueLog) -> FeedItem? {
        guard case .mapping(let entries, _) = root else {
            log.reject("front matter", line: 2, "is not a mapping of keys to values")
            return nil
        }
        var fields = Fields(entries: entries, log: log)
        fields.reportDuplicateKeys()
        let limits = settings.limits
        let title = fields.requiredText("title").map { fields.cut($0, "title", to: limits.title) }
        let published = fields.date("date", required: true)
        log = fields.log
        guard let title, let published else { return nil }

        var summary = fields.text("description").map { fields.cut($0, "description", to: limits.summary) }
        let updated = fields.lastModified(published: published)
        fields.warnIfBeforeOldest(published, "date", oldest: limits.oldest)
        let authors = fields.capped(fields.textList("author"), "author", to: limits.authors)
            .map { Person(name: fields.cut($0, "author", to: limits.title)) }
        let (sourceID, slug) = fields.identity(fileStem: fileStem)
        let community = fields.community().map { community in
            var community = community
            community.name = fields.cut(community.name, "identifier", to: limits.title)
            return community
        }
        let topics = fields.capped(fields.topics(), "communityTopics", to: limits.topics)
            .map { fields.cut($0, "communityTopics", to: limits.title) }
        var tags = fields.textList("tags")
        for category in fields.textList("categories") where !tags.contains(category) { tags.append(category) }
        tags = fields.capped(tags, "tags", to: limits.tags).map { fields.cut($0, "tags", to: limits.title) }
        let image = fields.image(mediaURL: settings.mediaURL, siteURL: settings.siteURL)
        let (externalURL, sourceName) = fields.link()
        let basePath = fields.basePath(community: community)
        let communitySlug = community.map {
            ($0.slug ?? Slug(making: $0.name, fallbackPrefix: "community")).text
        }
        let url = itemURL(basePath: basePath, slug: slug, community: communitySlug ?? "", id: sourceID)
        let content = ItemBody.html(
            body,
            summary: summary,
            site: settings.siteURL,
            page: url,
            line: bodyLine,
            log: &fields.log
        )
        if summary == nil, !body.isEmpty, let text = BodyText.of(content) {
            // RSS readers and mail tools show the description: an item without one gets one from its body.
            summary = ContentLimits.cut(text, to: limits.summary) ?? text
            fields.log.warn(
                "description",
                line: nil,
                "is missing; derived from the body (its text, \(summary?.count ?? 0) characters)"
            )
        }
        log = fields.log
        return FeedItem(
            id: settings.itemID(sourceID),
            sourceID: sourceID,
            title: title,
            summary: summary,
            contentHTML: content,
            published: published,
            updated: updated,
            authors: authors,
            community: community,
            topics: topics.map { Topic(name: $0) },  // slugs are settled across all items, later
            tags: tags,
            image: image,
            url: url,
            externalURL: externalURL,
            sourceName: sourceName
        )
    }

    private func itemURL(basePath: String, slug: String, community: String, id: String) -> String {
        settings.itemURL.expand { placeholder in
            switch placeholder {
            case .site: settings.siteURL
            case .basePath: basePath
            case .slug: slug
            case .community: community
            case .id: WebAddress.escaped(id)
            }
        }
    }
}

/// The front matter's fields, read one by one with repairs logged against their lines.
private struct Fields {
    let entries: [YAMLEntry]
    var log: IssueLog

    /// File line of a front-matter line.
    static func fileLine(_ yamlLine: Int) -> Int { yamlLine + FrontMatter.yamlLineOffset }

    func value(_ key: String) -> YAMLValue? {
        entries.last { $0.key == key }?.value
    }

    mutating func reportDuplicateKeys() {
        for (position, entry) in entries.enumerated()
        where entries[..<position].contains(where: { $0.key == entry.key }) {
            log.warn(entry.key, line: Self.fileLine(entry.line), "appears more than once; the last value is used")
        }
    }

    /// Text with characters XML forbids removed and white space runs collapsed; logs what it removed.
    mutating func clean(_ text: String, field: String, line: Int) -> String {
        var text = text
        if !XMLCharacters.allAllowed(text) {
            let removed = text.unicodeScalars.filter { !XMLCharacters.isAllowed($0) }
            let names = Set(removed.map { String(format: "U+%04X", $0.value) }).sorted().joined(separator: ", ")
            log.warn(field, line: Self.fileLine(line), "removed characters XML forbids (\(names))")
            text = XMLCharacters.filtered(text)
        }
        return Self.collapsedWhitespace(text)
    }

    static func collapsedWhitespace(_ text: String) -> String {
        var copy = text
        let needs = copy.withUTF8 { bytes -> Bool in
            guard let first = bytes.first, let last = bytes.last else { return false }
            if first == 0x20 || last == 0x20 { return true }
            var previousSpace = false
            for byte in bytes {
                if byte == 0x0A || byte == 0x09 || byte == 0x0D { return true }
                let space = byte == 0x20
                if space && previousSpace { return true }
                previousSpace = space
            }
            return false
        }
        if !needs { return text }
        return text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
            .joined(separator: " ")
    }

    /// `text` cut to `limit` characters (``ContentLimits/cut(_:to:)``), with a warning on `key`'s line.
    mutating func cut(_ text: String, _ key: String, to limit: Int) -> String {
        guard let cut = ContentLimits.cut(text, to: limit) else { return text }
        log.warn(
            key,
            line: value(key).map { Self.fileLine($0.line) },
            "is \(text.count) characters; cut to \(limit) at a word boundary (limits.\(key == "description" ? "summary" : "title"))"
        )
        return cut
    }

    /// The first `limit` entries of `list`, with a warning on `key`'s line when there were more.
    mutating func capped<Element>(_ list: [Element], _ key: String, to limit: Int) -> [Element] {
        guard list.count > limit else { return list }
        log.warn(
            key,
            line: value(key).map { Self.fileLine($0.line) },
            "has \(list.count) entries; the first \(limit) are kept (limits.\(Self.limitKey(key)))"
        )
        return Array(list.prefix(limit))
    }

    mutating func warnIfBeforeOldest(_ date: Timestamp, _ key: String, oldest: Timestamp) {
        guard date < oldest else { return }
        log.warn(
            key,
            line: value(key).map { Self.fileLine($0.line) },
            "is before \(oldest.rfc3339) (limits.oldest): published, but readers that keep 32-bit times show it wrong"
        )
    }

    private static func limitKey(_ key: String) -> String {
        switch key {
        case "title", "identifier": "title"
        case "description": "summary"
        case "communityTopics": "topics"
        case "author": "authors"
        case "tags": "tags"
        default: key
        }
    }

    mutating func text(_ key: String) -> String? {
        guard let value = value(key), !value.isNull else { return nil }
        guard let raw = value.string else {
            log.warn(key, line: Self.fileLine(value.line), "is not text; left out")
            return nil
        }
        let text = clean(raw, field: key, line: value.line)
        return text.isEmpty ? nil : text
    }

    mutating func requiredText(_ key: String) -> String? {
        guard let value = value(key), !value.isNull else {
            log.reject(key, line: nil, "is missing")
            return nil
        }
        guard let raw = value.string else {
            log.reject(key, line: Self.fileLine(value.line), "is not text")
            return nil
        }
        let text = clean(raw, field: key, line: value.line)
        if text.isEmpty { log.reject(key, line: Self.fileLine(value.line), "is empty") }
        return text.isEmpty ? nil : text
    }

    mutating func date(_ key: String, required: Bool) -> Timestamp? {
        guard let value = value(key), !value.isNull else {
            if required { log.reject(key, line: nil, "is missing") }
            return nil
        }
        let line = Self.fileLine(value.line)
        guard let raw = value.string else {
            if required { log.reject(key, line: line, "is not a date") }
            return nil
        }
        do {
            let parsed = try ContentDate.parse(raw)
            for assumption in parsed.assumptions { log.warn(key, line: line, "'\(raw)' \(assumption)") }
            return parsed.timestamp
        } catch {
            if required { log.reject(key, line: line, error.reason) }
            return nil
        }
    }

    mutating func lastModified(published: Timestamp) -> Timestamp {
        guard let value = value("lastMod"), !value.isNull else {
            log.warn("lastMod", line: nil, "is missing; taken from date")
            return published
        }
        let line = Self.fileLine(value.line)
        guard let raw = value.string else {
            log.warn("lastMod", line: line, "is not a date; taken from date")
            return published
        }
        do {
            let parsed = try ContentDate.parse(raw)
            for assumption in parsed.assumptions { log.warn("lastMod", line: line, "'\(raw)' \(assumption)") }
            if parsed.timestamp < published {
                log.warn("lastMod", line: line, "is before date; taken from date")
                return published
            }
            return parsed.timestamp
        } catch {
            log.warn("lastMod", line: line, "\(error.reason); taken from date")
            return published
        }
    }

    /// A list of texts: a sequence of scalars, or one scalar; empty and repeated entries dropped.
    mutating func textList(_ key: String) -> [String] {
        guard let value = value(key), !value.isNull else { return [] }
        return textList(value, field: key)
    }

    mutating func textList(_ value: YAMLValue, field: String) -> [String] {
        let elements: [YAMLValue]
        switch value {
        case .scalar: elements = [value]
        case .sequence(let items, _): elements = items
        case .mapping(_, let line):
            log.warn(field, line: Self.fileLine(line), "is a mapping, not a list; left out")
            return []
        }
        var result: [String] = []
        for element in elements where !element.isNull {
            guard let raw = element.string else {
                log.warn(field, line: Self.fileLine(element.line), "has an entry that is not text; left out")
                continue
            }
            let text = clean(raw, field: field, line: element.line)
            if text.isEmpty {
                log.warn(field, line: Self.fileLine(element.line), "has an empty entry; left out")
            } else if !result.contains(text) {
                result.append(text)
            }
        }
        return result
    }

    /// The content id (`id`, else `mdName`, else the file name) and the page slug (`slug`, else the same).
    mutating func identity(fileStem: String) -> (id: String, slug: String) {
        let mdName = text("mdName")
        var id = text("id")
        if id == nil {
            if let mdName {
                log.warn("id", line: nil, "is missing; mdName '\(mdName)' is used")
                id = mdName
            } else {
                log.warn("id", line: nil, "is missing and so is mdName; the file name '\(fileStem)' is used")
            }
        }
        let slugText = text("slug") ?? mdName ?? fileStem
        let slug = PathSegment.isSafe(slugText) ? slugText : Slug(making: slugText, fallbackPrefix: "item").text
        if slug != slugText, let line = value("slug")?.line {
            log.warn("slug", line: Self.fileLine(line), "'\(slugText)' is not a safe URL path segment; '\(slug)' used")
        }
        return (id ?? fileStem, slug)
    }

    mutating func community() -> Community? {
        guard let name = text("identifier") else {
            let line = value("identifier").map { Self.fileLine($0.line) }
            log.warn("identifier", line: line, "names no community; the item is in the site and topic feeds only")
            return nil
        }
        // The slug the site gives the community (`/communities/<slug>/…`); none when it gives none, for
        // FeedSetBuilder to derive from the name once for all items.
        var slug: Slug?
        if let basePath = value("basePath")?.string, let segment = Self.communitySegment(ofBasePath: basePath) {
            slug = Slug(segment)
        }
        return Community(name: name, slug: slug, title: text("mastHead"))
    }

    mutating func topics() -> [String] {
        if let value = value("communityTopics"), !value.isNull {
            let topics = textList(value, field: "communityTopics")
            if !topics.isEmpty { return topics }
        }
        guard let custom = value("openProjectCustomFields"), let listValue = custom["medigyTopics"],
            let raw = listValue.string
        else { return [] }
        let field = "openProjectCustomFields.medigyTopics"
        guard let data = raw.data(using: .utf8),
            let list = try? JSONSerialization.jsonObject(with: data) as? [Any]
        else {
            log.warn(field, line: Self.fileLine(listValue.line), "is not a JSON list of topic names; no topics")
            return []
        }
        let strings = list.compactMap { $0 as? String }
        let line = listValue.line
        return textList(.sequence(strings.map { .scalar($0, plain: false, line: line) }, line: line), field: field)
    }

    mutating func image(mediaURL: String, siteURL: String) -> FeedImage? {
        guard let image = value("featuredImage"), !image.isNull else { return nil }
        let line = Self.fileLine(image.line)
        guard case .mapping = image else {
            log.warn("featuredImage", line: line, "is not a mapping; no image")
            return nil
        }
        if image["valid"]?.string == "false" {
            log.warn("featuredImage", line: line, "is marked valid: false; no image")
            return nil
        }
        guard let href = image["href"]?.string.map({ Self.collapsedWhitespace($0) }), !href.isEmpty else {
            log.warn("featuredImage", line: line, "has no href; no image")
            return nil
        }
        let url: String
        if WebAddress.isAbsoluteHTTP(href) || WebAddress.hasScheme(href) || href.hasPrefix("//") {
            url = WebAddress.escaped(WebAddress.resolve(href, site: siteURL, page: mediaURL))
        } else if href.hasPrefix("/") {
            url = siteURL + WebAddress.escaped(href)
        } else {
            url = mediaURL + WebAddress.escaped(href)
        }
        guard WebAddress.isAbsoluteHTTP(url) else {
            log.warn("featuredImage.href", line: line, "'\(href)' is not an http(s) URL; no image")
            return nil
        }
        var width: Int?
        var height: Int?
        if case .sequence(let size, _) = image["size"], size.count == 2,
            let w = size[0].string.flatMap({ Int($0) }), let h = size[1].string.flatMap({ Int($0) }), w > 0, h > 0
        {
            width = w
            height = h
        }
        let alt = image["alt"]?.string.map { clean($0, field: "featuredImage.alt", line: image.line) }
        let format = image["format"]?.string?.lowercased()
        return FeedImage(
            url: url,
            width: width,
            height: height,
            alt: alt?.isEmpty == false ? alt : nil,
            mimeType: ImageType.mimeType(format: format, url: url)
        )
    }

    mutating func link() -> (url: String?, source: String?) {
        guard let link = value("link"), case .mapping = link else { return (nil, nil) }
        let source = link["brand"]?.string.map { clean($0, field: "link.brand", line: link.line) }
        guard let href = link["href"]?.string?.trimmingWhitespace, !href.isEmpty else {
            return (nil, source?.isEmpty == false ? source : nil)
        }
        let url = WebAddress.escaped(href)
        guard WebAddress.isAbsoluteHTTP(url) else {
            log.warn("link.href", line: Self.fileLine(link.line), "'\(href)' is not an absolute http(s) URL; left out")
            return (nil, source?.isEmpty == false ? source : nil)
        }
        return (url, source?.isEmpty == false ? source : nil)
    }

    /// `basePath` when it is a safe `/a/b/` path, else the community's `/communities/<slug>/curated-content/`.
    mutating func basePath(community: Community?) -> String {
        var fallback: String {
            guard let community else { return "/" }
            let slug = community.slug ?? Slug(making: community.name, fallbackPrefix: "community")
            return "/communities/\(slug)/curated-content/"
        }
        guard let value = value("basePath"), let raw = value.string else { return fallback }
        let path: String
        if PathSegment.isNormalizedPath(raw) {
            path = raw  // the common case, checked without splitting
        } else {
            let segments = raw.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            guard raw.hasPrefix("/"), segments.allSatisfy(PathSegment.isSafe) else {
                log.warn(
                    "basePath",
                    line: Self.fileLine(value.line),
                    "'\(raw)' is not a safe URL path; '\(fallback)' used"
                )
                return fallback
            }
            path = segments.isEmpty ? "/" : "/" + segments.joined(separator: "/") + "/"
        }
        // An item of a community lives under the community's own path: not at the site's root, nor in a
        // `/communities/…` path that names no community (`/communities/curated-content/`, from an empty slug).
        if community != nil,
            path == "/" || (path.hasPrefix("/communities/") && Self.communitySegment(ofBasePath: path) == nil)
        {
            log.warn(
                "basePath",
                line: Self.fileLine(value.line),
                "'\(raw)' is outside the community's own path; '\(fallback)' used"
            )
            return fallback
        }
        return path
    }

    /// The community a `basePath` names: `<slug>` in `/communities/<slug>/<folder>/…` (a folder must follow, as in
    /// the site's `/communities/<slug>/curated-content/`); `nil` for any other path.
    static func communitySegment(ofBasePath path: String) -> String? {
        let prefix = "/communities/".utf8
        let bytes = path.utf8
        guard bytes.starts(with: prefix) else { return nil }
        let rest = bytes.dropFirst(prefix.count)
        guard let end = rest.firstIndex(of: UInt8(ascii: "/")),
            rest[bytes.index(after: end)...].contains(where: { $0 != UInt8(ascii: "/") })
        else { return nil }
        let segment = String(Substring(path[rest.startIndex..<end]))
        return Slug.isValid(segment) ? segment : nil
    }
}

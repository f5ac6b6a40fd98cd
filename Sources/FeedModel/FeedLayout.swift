/// Where each feed's files live in the output folder — and so under the URL it is served at: a folder per kind of feed
/// and a file name per format (`feeds.folders`, `feeds.files`).
///
/// The default is feedpub's own: `all/rss.xml`, `communities/<slug>/atom.xml`, `topics/<slug>/feed.json`. A site
/// moving from Hugo keeps its subscribers' URLs with `site: ""`, `community: communities/{slug}` and
/// `rss: index.xml` (`/index.xml`, `/communities/<slug>/index.xml`).
///
/// A layout is always safe to write through: ``init(site:community:topic:files:)`` refuses any folder or file name
/// that could leave the output folder, hide a file, or make two feeds' files meet — every part is a plain name or
/// `{slug}` (itself a ``Slug``: no separator, no `..`), a community's and a topic's folder hold `{slug}` once after a
/// fixed first folder, and the kinds' first folders and the file names are all different. Feed ids do not depend on
/// the layout (they name the feed, ``FeedLocation/path``), so changing it moves no id.
public struct FeedLayout: Sendable, Hashable, Codable {
    /// The file name of each format.
    public struct FileNames: Sendable, Hashable, Codable {
        /// RSS 2.0 (default `rss.xml`).
        public var rss: String
        /// Atom 1.0 (default `atom.xml`).
        public var atom: String
        /// JSON Feed 1.1 (default `feed.json`).
        public var json: String

        /// The given names.
        public init(rss: String = "rss.xml", atom: String = "atom.xml", json: String = "feed.json") {
            self.rss = rss
            self.atom = atom
            self.json = json
        }

        /// The three names, RSS, Atom, JSON Feed.
        public var all: [String] { [rss, atom, json] }
    }

    /// Why a layout was refused: the key (`site`, `community`, `topic`, `rss`, `atom`, `json`) and what is wrong.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        /// The folder or file the problem is in.
        public let key: String
        /// What is wrong.
        public let message: String

        /// `key: message`.
        public var description: String { "\(key): \(message)" }
    }

    /// One part of a folder pattern.
    enum Part: Sendable, Hashable {
        case name(String)
        case slug
    }

    /// The site feed's folder (`""`: the top of the output folder).
    public let site: String
    /// A community feed's folder, with `{slug}`.
    public let community: String
    /// A topic feed's folder, with `{slug}`.
    public let topic: String
    /// The file names.
    public let files: FileNames

    let siteParts: [Part]
    let communityParts: [Part]
    let topicParts: [Part]

    /// The name of the OPML index at the top of the output folder, which no feed file or folder may take.
    public static let indexName = "index.opml"
    /// The name of the page listing every feed, at the top of the output folder, which no feed file or folder may take.
    public static let pageName = "index.html"
    /// The name of each feed's discovery snippet, in its folder beside its files, which no feed file may take.
    public static let linksName = "links.html"

    /// feedpub's own layout.
    public static let standard = FeedLayout(
        unchecked: "all",
        "communities/{slug}",
        "topics/{slug}",
        siteParts: [.name("all")],
        communityParts: [.name("communities"), .slug],
        topicParts: [.name("topics"), .slug]
    )

    private init(
        unchecked site: String,
        _ community: String,
        _ topic: String,
        siteParts: [Part],
        communityParts: [Part],
        topicParts: [Part]
    ) {
        self.site = site
        self.community = community
        self.topic = topic
        files = FileNames()
        self.siteParts = siteParts
        self.communityParts = communityParts
        self.topicParts = topicParts
    }

    /// The layout of the given folders (`/`-separated, relative to the output folder) and file names, checked.
    public init(
        site: String = "all",
        community: String = "communities/{slug}",
        topic: String = "topics/{slug}",
        files: FileNames = FileNames()
    ) throws(Problem) {
        self.site = site
        self.community = community
        self.topic = topic
        self.files = files
        siteParts = try Self.parts(site, key: "site", slug: false)
        communityParts = try Self.parts(community, key: "community", slug: true)
        topicParts = try Self.parts(topic, key: "topic", slug: true)
        for (key, name) in [("rss", files.rss), ("atom", files.atom), ("json", files.json)] {
            if let problem = Self.nameProblem(name) { throw Problem(key: key, message: "'\(name)' \(problem)") }
            if name == Self.indexName { throw Problem(key: key, message: "'\(name)' is the OPML index's name") }
            if name == Self.pageName { throw Problem(key: key, message: "'\(name)' is the feeds page's name") }
            if name == Self.linksName {
                throw Problem(key: key, message: "'\(name)' is the discovery snippet's name")
            }
            if name == ArchivePaging.folderName {
                throw Problem(key: key, message: "'\(name)' is the folder of archive pages")
            }
        }
        let names = [("rss", files.rss), ("atom", files.atom), ("json", files.json)]
        for (offset, (key, name)) in names.enumerated() {
            if let other = names.prefix(offset).first(where: { $0.1 == name }) {
                throw Problem(key: key, message: "'\(name)' is also the \(other.0) file's name")
            }
        }
        // Each kind's first folder is its own, so that no slug and no fixed name of one kind can meet another's.
        var firsts: [(String, String)] = []
        for (key, parts) in [("site", siteParts), ("community", communityParts), ("topic", topicParts)] {
            guard case .name(let first)? = parts.first else { continue }
            if let other = firsts.first(where: { $0.1 == first }) {
                throw Problem(
                    key: key,
                    message: "starts with '\(first)/' like the \(other.0) feeds' folder: each kind needs its own"
                )
            }
            if first == Self.indexName { throw Problem(key: key, message: "'\(first)' is the OPML index's name") }
            if first == Self.pageName { throw Problem(key: key, message: "'\(first)' is the feeds page's name") }
            if siteParts.isEmpty, first == Self.linksName {
                throw Problem(key: key, message: "'\(first)' is the site's discovery snippet, at the top")
            }
            if siteParts.isEmpty, first == ArchivePaging.folderName {
                throw Problem(key: key, message: "'\(first)' holds the site's archive pages, at the top with its feeds")
            }
            if siteParts.isEmpty, let file = names.first(where: { $0.1 == first }) {
                throw Problem(key: key, message: "'\(first)' is the \(file.0) file's name, at the top with the site's")
            }
            firsts.append((key, first))
        }
    }

    /// The longest folder or file name, and the most folders a pattern may have.
    static let maximumNameLength = 100
    static let maximumDepth = 8

    private static func parts(_ text: String, key: String, slug: Bool) throws(Problem) -> [Part] {
        guard !text.isEmpty else {
            if slug {
                throw Problem(key: key, message: "is empty: it needs a folder before {slug}, such as '\(key)s/{slug}'")
            }
            return []
        }
        let names = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard names.count <= maximumDepth else {
            throw Problem(key: key, message: "'\(text)' has more than \(maximumDepth) folders")
        }
        var parts: [Part] = []
        for name in names {
            if name == "{slug}" {
                parts.append(.slug)
            } else if let problem = nameProblem(name) {
                throw Problem(key: key, message: "'\(text)': '\(name)' \(problem)")
            } else {
                parts.append(.name(name))
            }
        }
        let slugs = parts.filter { $0 == .slug }.count
        if slug {
            guard slugs == 1 else {
                throw Problem(key: key, message: "'\(text)' must hold {slug} once, as a whole folder")
            }
            guard case .name = parts[0] else {
                throw Problem(key: key, message: "'\(text)' must start with a folder of its own before {slug}")
            }
        } else if slugs > 0 {
            throw Problem(key: key, message: "'\(text)' cannot hold {slug}: there is one site feed")
        }
        return parts
    }

    /// Why `name` cannot be a folder or file name, or `nil`: it must be ASCII letters, digits, `-`, `_` and `.`,
    /// start with a letter, a digit or `_` (so no `.`, `..` or hidden file — `.feedpub/` is feedpub's own), and be
    /// at most ``maximumNameLength`` bytes.
    static func nameProblem(_ name: String) -> String? {
        // Bytes only: every recorded output path is checked by every build (32,719 of them in an archive build of
        // 100,000 items), and String.contains(_:) cost 8 % of a one-item rebuild.
        let bytes = name.utf8
        if bytes.isEmpty { return "is empty (a leading, trailing or doubled '/')" }
        if bytes.count > maximumNameLength { return "is longer than \(maximumNameLength) characters" }
        guard bytes.allSatisfy(isNameByte) else {
            if bytes.contains(UInt8(ascii: "{")) || bytes.contains(UInt8(ascii: "}")) {
                return "holds a placeholder other than a whole {slug} folder"
            }
            return "may hold only ASCII letters, digits, '-', '_' and '.'"
        }
        guard let first = bytes.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-") else {
            return "must start with a letter, a digit or '_'"
        }
        if holdsTemporaryMarker(Array(bytes)) { return "holds feedpub's temporary-file marker" }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
    }

    private static let temporaryMarker = Array(".feedpub-tmp-".utf8)

    /// Whether `bytes` hold `.feedpub-tmp-`, the mark of feedpub's temporary files.
    private static func holdsTemporaryMarker(_ bytes: [UInt8]) -> Bool {
        let marker = temporaryMarker
        guard bytes.count >= marker.count else { return false }
        return (0...(bytes.count - marker.count)).contains { start in
            bytes[start..<start + marker.count].elementsEqual(marker)
        }
    }

    /// Whether `name` is one a layout may use — ASCII letters, digits, `-`, `_` and `.`, not starting with `.` or
    /// `-`, at most 100 bytes — or a slug.
    public static func isSafeName(_ name: String) -> Bool {
        nameProblem(name) == nil || Slug(name) != nil
    }

    /// The folders of the feed at `location`, outermost first (`[]`: the top of the output folder).
    public func folders(of location: FeedLocation) -> [String] {
        let parts: [Part]
        switch location {
        case .site: parts = siteParts
        case .community: parts = communityParts
        case .topic: parts = topicParts
        }
        return parts.map { part in
            switch part {
            case .name(let name): name
            case .slug: location.slug?.text ?? ""
            }
        }
    }

    /// The feed's folder relative to the output folder and `feeds.url`: `""` or `a/b/`.
    public func folderPath(of location: FeedLocation) -> String {
        folders(of: location).map { $0 + "/" }.joined()
    }

    /// The feed whose folders are `folders`, when they match one of the patterns.
    public func location(ofFolders folders: [String]) -> FeedLocation? {
        if Self.match(siteParts, folders) != nil { return .site }
        if case .some(let text?) = Self.match(communityParts, folders), let slug = Slug(text) {
            return .community(slug)
        }
        if case .some(let text?) = Self.match(topicParts, folders), let slug = Slug(text) { return .topic(slug) }
        return nil
    }

    /// `nil` when `folders` does not match `parts`; else the text at `{slug}` (`nil` inside when there is none).
    private static func match(_ parts: [Part], _ folders: [String]) -> String?? {
        guard parts.count == folders.count else { return nil }
        var slug: String?
        for (part, folder) in zip(parts, folders) {
            switch part {
            case .name(let name): guard name == folder else { return nil }
            case .slug: slug = folder
            }
        }
        return .some(slug)
    }

    /// The three patterns, each as its fixed folders before `{slug}` and after it (`after` is `nil` for a pattern
    /// without `{slug}`): what an output folder's checks and clean-ups walk.
    public var patterns: [(before: [String], after: [String]?)] {
        [siteParts, communityParts, topicParts].map { parts in
            let names = parts.map { part -> String? in
                if case .name(let name) = part { return name }
                return nil
            }
            guard let slug = names.firstIndex(of: nil) else { return (names.compactMap { $0 }, nil) }
            return (names[..<slug].compactMap { $0 }, names[(slug + 1)...].compactMap { $0 })
        }
    }

    // Codable as the four texts, checked again when decoded.
    private enum CodingKeys: String, CodingKey { case site, community, topic, files }

    /// Decodes a layout, refusing one that ``init(site:community:topic:files:)`` would.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            site: try container.decode(String.self, forKey: .site),
            community: try container.decode(String.self, forKey: .community),
            topic: try container.decode(String.self, forKey: .topic),
            files: try container.decode(FileNames.self, forKey: .files)
        )
    }

    /// Encodes the four texts.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(site, forKey: .site)
        try container.encode(community, forKey: .community)
        try container.encode(topic, forKey: .topic)
        try container.encode(files, forKey: .files)
    }

    /// Equal when the texts are.
    public static func == (lhs: FeedLayout, rhs: FeedLayout) -> Bool {
        lhs.site == rhs.site && lhs.community == rhs.community && lhs.topic == rhs.topic && lhs.files == rhs.files
    }

    /// Hashes the texts.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(site)
        hasher.combine(community)
        hasher.combine(topic)
        hasher.combine(files)
    }
}

import CuratedContent
import FeedModel
import FeedWriters
import FeedpubSystem
import Foundation
import Yams

/// Reads a `feedpub.yml` into a ``PublishConfiguration``, key by key, so that a typo or a wrong type is
/// reported with its line instead of being ignored.
public enum ConfigurationFile {
    /// The configuration in the file at `path`, over the defaults.
    public static func load(_ path: String) throws(ConfigurationError) -> PublishConfiguration {
        try loadWithLines(path).configuration
    }

    /// ``load(_:)``, with the line each dotted key was read from (for `feedpub config`).
    package static func loadWithLines(_ path: String) throws(ConfigurationError) -> (
        configuration: PublishConfiguration, lines: [String: Int]
    ) {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(path, limit: 1 << 20)
        } catch {
            throw ConfigurationError(source: path, line: nil, key: "", message: "cannot be read: \(error.reason)")
        }
        var (configuration, lines) = try parseWithLines(String(decoding: bytes, as: UTF8.self), source: path)
        // Folders named in the file are relative to the file's folder, as in a Hugo site.
        let folder = (path as NSString).deletingLastPathComponent
        func resolved(_ name: String?) -> String? {
            guard let name, !name.hasPrefix("/"), !folder.isEmpty else { return name }
            return folder + "/" + name
        }
        configuration.contentFolder = resolved(configuration.contentFolder)
        configuration.outputFolder = resolved(configuration.outputFolder)
        return (configuration, lines)
    }

    /// The configuration in `text`; `source` names it in errors.
    public static func parse(_ text: String, source: String) throws(ConfigurationError) -> PublishConfiguration {
        try parseWithLines(text, source: source).configuration
    }

    private static func parseWithLines(_ text: String, source: String) throws(ConfigurationError) -> (
        configuration: PublishConfiguration, lines: [String: Int]
    ) {
        var configuration = PublishConfiguration()
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.syntaxError(error, source: source)
        } catch {
            throw ConfigurationError(source: source, line: nil, key: "", message: "is not valid YAML")
        }
        guard let root else { return (configuration, [:]) }
        let reader = Reader(source: source)
        var layoutTexts: [String: String] = [:]
        try reader.mapping(root, path: "") { key, value, path throws(ConfigurationError) in
            switch key {
            case "site":
                try reader.mapping(value, path: path) { key, value, path throws(ConfigurationError) in
                    switch key {
                    case "title": configuration.siteTitle = try reader.string(value, path)
                    case "url": configuration.siteURL = try reader.string(value, path)
                    case "description": configuration.siteDescription = try reader.string(value, path)
                    case "language": configuration.language = try reader.string(value, path)
                    case "favicon": configuration.favicon = try reader.string(value, path)
                    case "icon": configuration.icon = try reader.string(value, path)
                    case "logo": configuration.logo = try reader.string(value, path)
                    case "copyright": configuration.copyright = try reader.string(value, path)
                    default:
                        throw reader.unknown(
                            value,
                            path,
                            known: "title, url, description, language, favicon, icon, logo, copyright"
                        )
                    }
                }
            case "publisher":
                try reader.mapping(value, path: path) { key, value, path throws(ConfigurationError) in
                    switch key {
                    case "name": configuration.publisherName = try reader.string(value, path)
                    case "email": configuration.publisherEmail = try reader.string(value, path)
                    case "url": configuration.publisherURL = try reader.string(value, path)
                    default: throw reader.unknown(value, path, known: "name, email, url")
                    }
                }
            case "feeds":
                try reader.mapping(value, path: path) { key, value, path throws(ConfigurationError) in
                    switch key {
                    case "url": configuration.feedsURL = try reader.string(value, path)
                    case "folder": configuration.outputFolder = try reader.string(value, path)
                    case "limit": configuration.limit = try reader.limit(value, path)
                    case "archive":
                        let size = try reader.integer(value, path)
                        guard size >= 0 else { throw reader.error(value, path, "must be 0 (no archives) or more") }
                        configuration.archive = size == 0 ? nil : size
                    case "formats": configuration.formats = try reader.formats(value, path)
                    case "opml": configuration.opmlFormat = try reader.formats(value, path).first
                    case "content":
                        let text = try reader.string(value, path)
                        guard let content = FeedContent(rawValue: text) else {
                            throw reader.error(value, path, "'\(text)' is not full or summary")
                        }
                        configuration.content = content
                    case "folders":
                        try reader.mapping(value, path: path) { key, value, path throws(ConfigurationError) in
                            guard ["site", "community", "topic"].contains(key) else {
                                throw reader.unknown(value, path, known: "site, community, topic")
                            }
                            layoutTexts[path] = try reader.string(value, path)
                        }
                    case "files":
                        try reader.mapping(value, path: path) { key, value, path throws(ConfigurationError) in
                            guard FeedFormat(rawValue: key) != nil else {
                                throw reader.unknown(value, path, known: "rss, atom, json")
                            }
                            layoutTexts[path] = try reader.string(value, path)
                        }
                    default:
                        throw reader.unknown(
                            value,
                            path,
                            known: "url, folder, limit, archive, formats, opml, content, folders, files"
                        )
                    }
                }
            case "content":
                try reader.mapping(value, path: path) { key, value, path throws(ConfigurationError) in
                    switch key {
                    case "folder": configuration.contentFolder = try reader.string(value, path)
                    case "mediaURL": configuration.mediaURL = try reader.string(value, path)
                    case "itemURL": configuration.itemURLTemplate = try reader.string(value, path)
                    default: throw reader.unknown(value, path, known: "folder, mediaURL, itemURL")
                    }
                }
            case "pages":
                try reader.mapping(value, path: path) { key, value, path throws(ConfigurationError) in
                    switch key {
                    case "community": configuration.communityPageTemplate = try reader.string(value, path)
                    case "topic": configuration.topicPageTemplate = try reader.string(value, path)
                    default: throw reader.unknown(value, path, known: "community, topic")
                    }
                }
            case "categories":
                try reader.mapping(value, path: path) { key, value, path throws(ConfigurationError) in
                    switch key {
                    case "topicScheme": configuration.topicScheme = try reader.string(value, path)
                    case "tagScheme": configuration.tagScheme = try reader.string(value, path)
                    default: throw reader.unknown(value, path, known: "topicScheme, tagScheme")
                    }
                }
            case "ids":
                try reader.mapping(value, path: path) { key, value, path throws(ConfigurationError) in
                    switch key {
                    case "authority": configuration.idAuthority = try reader.string(value, path)
                    case "date": configuration.idDate = try reader.string(value, path)
                    default: throw reader.unknown(value, path, known: "authority, date")
                    }
                }
            case "communities":
                try reader.mapping(value, path: path) { community, value, path throws(ConfigurationError) in
                    configuration.communities[community] = try reader.override(value, path)
                }
            case "topics":
                try reader.mapping(value, path: path) { topic, value, path throws(ConfigurationError) in
                    if topic == "aliases" {
                        try reader.mapping(value, path: path) { old, value, path throws(ConfigurationError) in
                            configuration.topicAliases[old] = try reader.string(value, path)
                        }
                        return
                    }
                    configuration.topics[topic] = try reader.override(value, path)
                }
            case "limits":
                try reader.mapping(value, path: path) { key, value, path throws(ConfigurationError) in
                    switch key {
                    case "topics": configuration.limits.topics = try reader.positive(value, path)
                    case "authors": configuration.limits.authors = try reader.positive(value, path)
                    case "tags": configuration.limits.tags = try reader.positive(value, path)
                    case "title": configuration.limits.title = try reader.positive(value, path)
                    case "summary": configuration.limits.summary = try reader.positive(value, path)
                    case "oldest": configuration.limits.oldest = try reader.date(value, path)
                    default: throw reader.unknown(value, path, known: "topics, authors, tags, title, summary, oldest")
                    }
                }
            case "serve":
                try reader.mapping(value, path: path) { key, value, path throws(ConfigurationError) in
                    switch key {
                    case "cacheControl": configuration.cacheControl = try reader.string(value, path)
                    default: throw reader.unknown(value, path, known: "cacheControl")
                    }
                }
            default:
                throw reader.unknown(
                    value,
                    path,
                    known: "site, publisher, feeds, content, pages, categories, ids, communities, topics, limits, serve"
                )
            }
        }
        if !layoutTexts.isEmpty {
            configuration.layout = try layout(layoutTexts, source: source, lines: reader.lines.table)
        }
        try configuration.validate(source: source, lines: reader.lines.table, requiresSite: false)
        return (configuration, reader.lines.table)
    }

    /// The layout of `feeds.folders` and `feeds.files` (`texts`, by dotted key), each refusal with its key's line.
    private static func layout(_ texts: [String: String], source: String, lines: [String: Int])
        throws(ConfigurationError) -> FeedLayout
    {
        let standard = FeedLayout.standard
        do {
            return try FeedLayout(
                site: texts["feeds.folders.site"] ?? standard.site,
                community: texts["feeds.folders.community"] ?? standard.community,
                topic: texts["feeds.folders.topic"] ?? standard.topic,
                files: FeedLayout.FileNames(
                    rss: texts["feeds.files.rss"] ?? standard.files.rss,
                    atom: texts["feeds.files.atom"] ?? standard.files.atom,
                    json: texts["feeds.files.json"] ?? standard.files.json
                )
            )
        } catch {
            let section = ["site", "community", "topic"].contains(error.key) ? "feeds.folders." : "feeds.files."
            let key = section + error.key
            throw ConfigurationError(source: source, line: lines[key], key: key, message: error.message)
        }
    }

    /// A YAML error as one line: `feedpub.yml:3: YAML syntax error at column 7: mapping values are not allowed here`.
    private static func syntaxError(_ error: YamlError, source: String) -> ConfigurationError {
        let problem: String
        let mark: Mark?
        switch error {
        case .scanner(_, let text, let at, _), .parser(_, let text, let at, _), .composer(_, let text, let at, _):
            problem = text
            mark = at
        default:
            problem = "\(error)".split(separator: "\n").first.map(String.init) ?? "unreadable"
            mark = nil
        }
        let column = mark.map { " at column \($0.column)" } ?? ""
        return ConfigurationError(
            source: source,
            line: mark?.line,
            key: "",
            message: "YAML syntax error\(column): \(problem)"
        )
    }

    /// The line of each key read, for checks made after parsing.
    private final class Lines {
        var table: [String: Int] = [:]
    }

    /// Typed access to nodes, with errors that name the file, line and key.
    private struct Reader {
        let source: String
        let lines = Lines()

        func error(_ node: Node, _ path: String, _ message: String) -> ConfigurationError {
            ConfigurationError(source: source, line: node.mark?.line, key: path, message: message)
        }

        func unknown(_ node: Node, _ path: String, known: String) -> ConfigurationError {
            error(node, path, "is not a known key (known here: \(known))")
        }

        func mapping(
            _ node: Node,
            path: String,
            _ body: (String, Node, String) throws(ConfigurationError) -> Void
        ) throws(ConfigurationError) {
            if case .scalar(let scalar) = node, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null"
            {
                return  // an empty section
            }
            guard case .mapping(let mapping) = node else { throw error(node, path, "must be a mapping of keys") }
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else { throw error(key, path, "has a key that is not text") }
                let name = keyScalar.string
                let keyPath = path.isEmpty ? name : "\(path).\(name)"
                if let line = key.mark?.line { lines.table[keyPath] = line }
                try body(name, value, keyPath)
            }
        }

        func string(_ node: Node, _ path: String) throws(ConfigurationError) -> String {
            guard case .scalar(let scalar) = node else { throw error(node, path, "must be text") }
            return scalar.string
        }

        func integer(_ node: Node, _ path: String) throws(ConfigurationError) -> Int {
            guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
                throw error(node, path, "must be a whole number")
            }
            return value
        }

        /// A community's or topic's `title` and `description`.
        func override(_ node: Node, _ path: String) throws(ConfigurationError) -> FeedSettings.CommunityOverride {
            var override = FeedSettings.CommunityOverride()
            try mapping(node, path: path) { key, value, path throws(ConfigurationError) in
                switch key {
                case "title": override.title = try string(value, path)
                case "description": override.description = try string(value, path)
                default: throw unknown(value, path, known: "title, description")
                }
            }
            return override
        }

        func positive(_ node: Node, _ path: String) throws(ConfigurationError) -> Int {
            let value = try integer(node, path)
            guard value >= 1 else { throw error(node, path, "must be 1 or more") }
            return value
        }

        func date(_ node: Node, _ path: String) throws(ConfigurationError) -> Timestamp {
            let parts = try string(node, path).split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
                let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
                let date = Timestamp(year: year, month: month, day: day)
            else { throw error(node, path, "must be a date, YYYY-MM-DD") }
            return date
        }

        func limit(_ node: Node, _ path: String) throws(ConfigurationError) -> FeedLimit {
            guard let limit = FeedLimit(count: try integer(node, path)) else {
                throw error(node, path, "must be 0 (no limit) or more")
            }
            return limit
        }

        func formats(_ node: Node, _ path: String) throws(ConfigurationError) -> [FeedFormat] {
            let names: [String]
            switch node {
            case .scalar(let scalar):
                names = scalar.string.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            case .sequence(let sequence):
                names = try sequence.map { node throws(ConfigurationError) in try string(node, path) }
            default:
                throw error(node, path, "must be a list of formats (rss, atom, json)")
            }
            return try names.map { name throws(ConfigurationError) in
                guard let format = FeedFormat(rawValue: name.lowercased()) else {
                    throw error(node, path, "'\(name)' is not a format (rss, atom, json)")
                }
                return format
            }
        }
    }
}

public import FeedModel

/// Reads one content file — bytes in, ``ReadOutcome`` out — with no I/O of its own.
///
/// Repairs the text (bytes that are not UTF-8, characters XML forbids, line ends), splits the front matter, parses
/// it — with a reader of exactly the YAML the exporter writes where the text keeps to it, else libyaml's events, else
/// Yams — then maps the fields to a `FeedItem`, each repair a warning and each reason to reject an error.
public struct ItemReader: Sendable {
    /// The site the items belong to.
    public var settings: ContentSettings

    /// A reader for `settings`.
    public init(settings: ContentSettings) {
        self.settings = settings
    }

    /// The outcome of the file at `path` (relative to the content folder) holding `bytes`.
    ///
    /// A caller that keeps many items without their bodies (to publish only the newest) can load a body again later,
    /// exactly as this gives it, with ``body(of:bytes:)``.
    public func read(path: String, bytes: [UInt8]) -> ReadOutcome {
        var log = IssueLog(path: path)
        let repaired = TextRepair.repair(bytes)
        let text = repaired.bytes
        let frontMatter: FrontMatter
        do {
            frontMatter = try FrontMatter.split(text)
        } catch {
            switch error {
            case .empty: log.reject("file", line: nil, "is empty")
            case .missing: log.reject("front matter", line: 1, "is missing (the file must start with a --- line)")
            case .notClosed: log.reject("front matter", line: 1, "is never closed (no second --- line)")
            }
            return ReadOutcome(path: path, item: nil, issues: log.issues)
        }
        reportRepairs(repaired.changes, in: text, frontMatter: frontMatter, log: &log)

        let root: YAMLValue?
        do {
            root = try parseYAML(text, frontMatter.yaml)
        } catch {
            let line: Int
            let message: String
            switch error {
            case .syntax(let problem, let yamlLine, let column):
                line = yamlLine + FrontMatter.yamlLineOffset
                message = "YAML syntax error: \(problem) (YAML line \(yamlLine), column \(column))"
            case .tooLarge(let what, let yamlLine):
                line = yamlLine + FrontMatter.yamlLineOffset
                message = "YAML is too large to read: \(what)"
            case .unsupported(let what, let yamlLine):
                line = yamlLine + FrontMatter.yamlLineOffset
                message = "YAML holds what feedpub does not read: \(what)"
            case .needsFullParser(let why):
                line = 1
                message = "YAML could not be read: \(why)"
            }
            log.reject("front matter", line: line, message)
            return ReadOutcome(path: path, item: nil, issues: log.issues)
        }
        guard let root else {
            log.reject("front matter", line: 2, "is empty")
            return ReadOutcome(path: path, item: nil, issues: log.issues)
        }
        let (body, bodyLine) = Self.trimmedBody(text, frontMatter)
        let mapper = ItemMapper(settings: settings)
        let item = mapper.map(root, body: body, bodyLine: bodyLine, fileStem: Self.stem(of: path), log: &log)
        let publication = mapper.publication(root, log: &log)
        var outcome = ReadOutcome(path: path, item: log.hasErrors ? nil : item, issues: log.issues)
        outcome.isDraft = publication.isDraft
        outcome.expires = publication.expires
        return outcome
    }

    /// The HTML body of `item`, read earlier from a file that now holds `bytes`, exactly as ``read(path:bytes:)`` would
    /// give it; `nil` when the file no longer has a front matter.
    public func body(of item: FeedItem, bytes: [UInt8]) -> String? {
        let text = TextRepair.repair(bytes).bytes
        guard let frontMatter = try? FrontMatter.split(text) else { return nil }
        let (body, line) = Self.trimmedBody(text, frontMatter)
        var ignored = IssueLog(path: "")
        return ItemBody.html(
            body,
            summary: item.summary,
            site: settings.siteURL,
            page: item.url,
            line: line,
            log: &ignored
        )
    }

    /// The body without surrounding white space, and the line of its first text (not the blank line after `---`).
    private static func trimmedBody(_ text: [UInt8], _ frontMatter: FrontMatter) -> (String, Int) {
        let body = String(decoding: text[frontMatter.body], as: UTF8.self).trimmingWhitespace
        let leadingLines = text[frontMatter.body].prefix { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A }.count { $0 == 0x0A }
        return (body, frontMatter.bodyLine + (body.isEmpty ? 0 : leadingLines))
    }

    /// The exporter's subset first, libyaml where it hands over, and Yams where libyaml does.
    private func parseYAML(_ text: [UInt8], _ range: Range<Int>) throws(YAMLProblem) -> YAMLValue? {
        let result = text.withUnsafeBytes { buffer in
            let yaml = UnsafeRawBufferPointer(rebasing: buffer[range])
            if case .value(let root) = ExporterYAMLReader(wantedKeys: ItemMapper.usedKeySet).read(yaml) {
                return Result<YAMLValue?, YAMLProblem>.success(root)
            }
            let fast = FastYAMLReader(wantedKeys: ItemMapper.usedKeys)
            return Result { () throws(YAMLProblem) in try fast.read(yaml) }
        }
        switch result {
        case .success(let root):
            return root
        case .failure(.needsFullParser):
            return try YamsYAMLReader().read(String(decoding: text[range], as: UTF8.self))
        case .failure(let problem):
            throw problem
        }
    }

    private func reportRepairs(
        _ changes: [TextRepair.Change],
        in text: [UInt8],
        frontMatter: FrontMatter,
        log: inout IssueLog
    ) {
        guard !changes.isEmpty else { return }
        let locator = FieldLocator(text: text, frontMatter: frontMatter)
        var reported: Set<String> = []
        for change in changes {
            let field = locator.field(atLine: change.line)
            let message: String
            switch change.kind {
            case .invalidUTF8: message = "replaced bytes that are not UTF-8 with U+FFFD"
            case .illegalCharacter(let value): message = "removed a character XML forbids (U+\(Self.hex4(value)))"
            }
            // One warning per field, line and kind is enough to find and fix them all.
            if reported.insert("\(field)|\(change.line)|\(message)").inserted {
                log.warn(field, line: change.line, message)
            }
        }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
    }
}

/// Names the front-matter key (or `body`) a file line belongs to, for repair messages.
private struct FieldLocator {
    private var keysByLine: [(line: Int, key: String)] = []
    private let bodyLine: Int

    init(text: [UInt8], frontMatter: FrontMatter) {
        bodyLine = frontMatter.bodyLine
        var line = 1 + FrontMatter.yamlLineOffset
        var lineStart = frontMatter.yaml.lowerBound
        while lineStart < frontMatter.yaml.upperBound {
            let lineEnd =
                text[lineStart..<frontMatter.yaml.upperBound].firstIndex(of: 0x0A) ?? frontMatter.yaml.upperBound
            let first = text[lineStart]
            if lineStart < lineEnd, first != 0x20, first != 0x2D, first != 0x23, first != 0x3A,
                let colon = text[lineStart..<lineEnd].firstIndex(of: UInt8(ascii: ":"))
            {
                keysByLine.append((line, String(decoding: text[lineStart..<colon], as: UTF8.self)))
            }
            lineStart = lineEnd + 1
            line += 1
        }
    }

    func field(atLine line: Int) -> String {
        if line >= bodyLine { return "body" }
        return keysByLine.last { $0.line <= line }?.key ?? "front matter"
    }
}

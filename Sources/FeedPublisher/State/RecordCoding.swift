import CuratedContent
import FeedModel
import FeedpubSystem

/// One file's outcome as a record of the item log, in two parts: what grouping needs (id, dates, community, topics,
/// issues), read for every item, and the details (title, summary, authors, image, links, tags), read only for the items
/// that end up in a feed that is rendered.
///
/// Bodies are never stored: they are read again from the content file when needed. The file's path and content hash
/// live in the state, not here.
enum RecordCoding {
    /// `[length][checksum][grouping length][grouping][details]`, appended to `writer`; the checksum (eight bytes) is
    /// the content hash of what follows it, so that a record damaged on disk is found, not misread.
    static func encode(
        issues: [ContentIssue],
        item: (record: ItemRecord, details: ItemDetails)?,
        into writer: inout BinaryWriter
    ) {
        var grouping = BinaryWriter(capacity: 256)
        grouping.unsigned(UInt64(issues.count))
        for issue in issues {
            grouping.optional(issue.line)
            grouping.string(issue.field)
            grouping.string(issue.message)
            grouping.bool(issue.severity == .error)
        }
        var details = BinaryWriter(capacity: 768)
        if let (record, text) = item {
            grouping.bool(true)
            grouping.string(record.id)
            grouping.string(record.sourceID)
            grouping.signed(record.published.seconds)
            grouping.signed(Int64(record.published.nanoseconds))
            grouping.signed(record.updated.seconds)
            grouping.signed(Int64(record.updated.nanoseconds))
            grouping.bool(record.community != nil)
            if let community = record.community {
                grouping.string(community.name)
                grouping.optional(community.slug?.text)
                grouping.optional(community.title)
            }
            grouping.strings(record.topics.map(\.name))
            grouping.bool(record.isDraft)
            grouping.bool(record.expires != nil)
            if let expires = record.expires {
                grouping.signed(expires.seconds)
                grouping.signed(Int64(expires.nanoseconds))
            }
            details.string(text.title)
            details.optional(text.summary)
            details.unsigned(UInt64(text.authors.count))
            for author in text.authors {
                details.string(author.name)
                details.optional(author.url)
                details.optional(author.email)
            }
            details.bool(text.image != nil)
            if let image = text.image {
                details.string(image.url)
                details.optional(image.width)
                details.optional(image.height)
                details.optional(image.alt)
                details.optional(image.mimeType)
            }
            details.string(text.url)
            details.optional(text.externalURL)
            details.optional(text.sourceName)
            details.strings(text.tags)
        } else {
            grouping.bool(false)
        }
        var body = BinaryWriter(capacity: 10 + grouping.bytes.count + details.bytes.count)
        body.unsigned(UInt64(grouping.bytes.count))
        body.append(grouping.bytes)
        body.append(details.bytes)
        writer.unsigned(UInt64(8 + body.bytes.count))
        writer.fixed(StableHash.contentHash(body.bytes))
        writer.append(body.bytes)
    }

    /// A decoded record's grouping part: the issues, the item (unless rejected) and where its details start.
    struct Grouping {
        var issues: [ContentIssue]
        var item: ItemRecord?
        var detailsOffset: Int
    }

    /// The grouping part of the record at the reader's position (issues carry `path`); the reader ends after the
    /// record.
    static func decodeGrouping(from reader: inout BinaryReader, path: String, strings: inout StringTable)
        throws(BinaryReader.Truncated) -> Grouping
    {
        let length = Int(try reader.unsigned())
        let start = reader.offset
        guard length >= 8, start + length <= reader.bytes.count else { throw BinaryReader.Truncated() }
        let checksum = try reader.fixed()
        let body = UnsafeRawBufferPointer(rebasing: reader.bytes[start + 8..<start + length])
        guard StableHash.contentHash(body) == checksum else { throw BinaryReader.Truncated() }
        let groupingLength = Int(try reader.unsigned())
        let groupingStart = reader.offset
        let issueCount = Int(try reader.unsigned())
        var issues: [ContentIssue] = []
        for _ in 0..<issueCount {
            let line = try reader.optionalInteger()
            let field = try reader.string(interning: &strings)
            let message = try reader.string(interning: &strings)
            let severity: ContentIssue.Severity = try reader.bool() ? .error : .warning
            issues.append(ContentIssue(path: path, line: line, field: field, message: message, severity: severity))
        }
        var item: ItemRecord?
        if try reader.bool() {
            let id = try reader.string()
            let sourceID = try reader.string()
            let published = try timestamp(&reader)
            let updated = try timestamp(&reader)
            var community: Community?
            if try reader.bool() {
                let name = try reader.string(interning: &strings)
                var slug: Slug?
                if let text = try reader.optionalString(interning: &strings) {
                    guard let valid = strings.slug(text) else { throw BinaryReader.Truncated() }
                    slug = valid
                }
                community = Community(name: name, slug: slug, title: try reader.optionalString(interning: &strings))
            }
            let topics = try reader.strings(interning: &strings).map { Topic(name: $0) }
            let isDraft = try reader.bool()
            let expires = try reader.bool() ? try timestamp(&reader) : nil
            item = ItemRecord(
                id: id,
                sourceID: sourceID,
                published: published,
                updated: updated,
                community: community,
                topics: topics,
                isDraft: isDraft,
                expires: expires
            )
        }
        let details = groupingStart + groupingLength
        guard reader.offset == details, details <= start + length else { throw BinaryReader.Truncated() }
        reader.skip(to: start + length)
        return Grouping(issues: issues, item: item, detailsOffset: details)
    }

    /// The details read from `reader`, positioned where ``decodeGrouping(from:path:strings:)`` said they start.
    static func decodeDetails(from reader: inout BinaryReader) throws(BinaryReader.Truncated) -> ItemDetails {
        let title = try reader.string()
        let summary = try reader.optionalString()
        let authorCount = Int(try reader.unsigned())
        var authors: [Person] = []
        for _ in 0..<authorCount {
            authors.append(
                Person(name: try reader.string(), url: try reader.optionalString(), email: try reader.optionalString())
            )
        }
        var image: FeedImage?
        if try reader.bool() {
            image = FeedImage(
                url: try reader.string(),
                width: try reader.optionalInteger(),
                height: try reader.optionalInteger(),
                alt: try reader.optionalString(),
                mimeType: try reader.optionalString()
            )
        }
        return ItemDetails(
            title: title,
            summary: summary,
            authors: authors,
            image: image,
            url: try reader.string(),
            externalURL: try reader.optionalString(),
            sourceName: try reader.optionalString(),
            tags: try reader.strings()
        )
    }

    private static func timestamp(_ reader: inout BinaryReader) throws(BinaryReader.Truncated) -> Timestamp {
        Timestamp(seconds: try reader.signed(), nanoseconds: Int32(truncatingIfNeeded: try reader.signed()))
    }
}

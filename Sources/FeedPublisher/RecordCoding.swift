import CuratedContent
import FeedModel

/// One file's outcome as a record of the item log, in two parts: what grouping needs (id, dates, community, topics,
/// tags, issues), read for every item, and the details (title, summary, authors, image, links), read only for the items
/// that end up in a feed that is rendered.
///
/// Bodies are never stored: they are read again from the content file when needed. The file's path and content hash
/// live in the state, not here.
enum RecordCoding {
    /// `[length][grouping length][grouping][details]`, appended to `writer`.
    static func encode(_ outcome: ReadOutcome, into writer: inout BinaryWriter) {
        var grouping = BinaryWriter(capacity: 256)
        grouping.unsigned(UInt64(outcome.issues.count))
        for issue in outcome.issues {
            grouping.optional(issue.line)
            grouping.string(issue.field)
            grouping.string(issue.message)
            grouping.bool(issue.severity == .error)
        }
        var details = BinaryWriter(capacity: 768)
        if let item = outcome.item {
            grouping.bool(true)
            grouping.string(item.id)
            grouping.string(item.sourceID)
            grouping.signed(item.published.seconds)
            grouping.signed(Int64(item.published.nanoseconds))
            grouping.signed(item.updated.seconds)
            grouping.signed(Int64(item.updated.nanoseconds))
            grouping.bool(item.community != nil)
            if let community = item.community {
                grouping.string(community.name)
                grouping.string(community.slug)
                grouping.optional(community.title)
            }
            grouping.strings(item.topics.map(\.name))
            grouping.strings(item.tags)
            details.string(item.title)
            details.optional(item.summary)
            details.unsigned(UInt64(item.authors.count))
            for author in item.authors {
                details.string(author.name)
                details.optional(author.url)
                details.optional(author.email)
            }
            details.bool(item.image != nil)
            if let image = item.image {
                details.string(image.url)
                details.optional(image.width)
                details.optional(image.height)
                details.optional(image.alt)
                details.optional(image.mimeType)
            }
            details.string(item.url)
            details.optional(item.externalURL)
            details.optional(item.sourceName)
        } else {
            grouping.bool(false)
        }
        let groupingLength = grouping.bytes.count
        var header = BinaryWriter(capacity: 10)
        header.unsigned(UInt64(groupingLength))
        writer.unsigned(UInt64(header.bytes.count + groupingLength + details.bytes.count))
        writer.append(header.bytes)
        writer.append(grouping.bytes)
        writer.append(details.bytes)
    }

    /// The outcome with the item's grouping fields only (title, links… empty), and where its details start.
    static func decodeGrouping(
        from reader: inout BinaryReader,
        path: String,
        contentHash: UInt64,
        strings: inout StringTable
    ) throws(BinaryReader.Truncated) -> (outcome: ReadOutcome, details: Int) {
        let length = Int(try reader.unsigned())
        let start = reader.offset
        guard length >= 0, start + length <= reader.bytes.count else { throw BinaryReader.Truncated() }
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
        var item: FeedItem?
        if try reader.bool() {
            let id = try reader.string()
            let sourceID = try reader.string()
            let published = Timestamp(
                seconds: try reader.signed(),
                nanoseconds: Int32(truncatingIfNeeded: try reader.signed())
            )
            let updated = Timestamp(
                seconds: try reader.signed(),
                nanoseconds: Int32(truncatingIfNeeded: try reader.signed())
            )
            var community: Community?
            if try reader.bool() {
                community = Community(
                    name: try reader.string(interning: &strings),
                    slug: try reader.string(interning: &strings),
                    title: try reader.optionalString(interning: &strings)
                )
            }
            let topics = try reader.strings(interning: &strings).map { Topic(name: $0, slug: "") }
            let tags = try reader.strings(interning: &strings)
            item = FeedItem(
                id: id,
                sourceID: sourceID,
                title: "",
                contentHTML: "",
                published: published,
                updated: updated,
                community: community,
                topics: topics,
                tags: tags,
                url: "",
                sourceDigest: contentHash
            )
        }
        let details = groupingStart + groupingLength
        guard reader.offset == details, details <= start + length else { throw BinaryReader.Truncated() }
        reader.skip(to: start + length)
        return (ReadOutcome(path: path, item: item, issues: issues, contentHash: contentHash), details)
    }

    /// `item` with the details read from `reader` (positioned where ``decodeGrouping`` said they start).
    static func decodeDetails(from reader: inout BinaryReader, into item: inout FeedItem) throws(BinaryReader.Truncated)
    {
        item.title = try reader.string()
        item.summary = try reader.optionalString()
        let authorCount = Int(try reader.unsigned())
        var authors: [Person] = []
        for _ in 0..<authorCount {
            authors.append(
                Person(name: try reader.string(), url: try reader.optionalString(), email: try reader.optionalString())
            )
        }
        item.authors = authors
        if try reader.bool() {
            item.image = FeedImage(
                url: try reader.string(),
                width: try reader.optionalInteger(),
                height: try reader.optionalInteger(),
                alt: try reader.optionalString(),
                mimeType: try reader.optionalString()
            )
        }
        item.url = try reader.string()
        item.externalURL = try reader.optionalString()
        item.sourceName = try reader.optionalString()
    }
}

import CuratedContent
import FeedModel

/// What a build knows of one content file: read now, or taken from the last build's item log.
///
/// The item's grouping fields are always there; its text is known when the file was read now (with its body only
/// when every item is published), else it is where the log keeps it, decoded only when the item makes a feed.
struct FileOutcome: Sendable {
    /// A published item: its grouping fields and where its text is.
    ///
    /// A class, so that copying an outcome (settling duplicates copies them all) costs one reference count, not one
    /// per field: measured with callgrind on 10,000 items, copying and destroying flat outcomes cost 190 million
    /// instructions.
    final class Item: Sendable {
        let record: ItemRecord
        let text: Text

        init(record: ItemRecord, text: Text) {
            self.record = record
            self.text = text
        }
    }

    /// Where an item's text is.
    enum Text: Sendable {
        /// Read by this build; the body only when kept (else it is read again from the file when needed).
        indirect case known(ItemDetails, body: String?)  // boxed: the other cases need no room for the text
        /// In the last build's item log, at this offset.
        case logged(detailsAt: Int)
        /// Read by this build and written to its ``RecordSpool``: the record starts at this offset.
        case spooled(record: Int)
    }

    /// This outcome with its item's text in the spool at `record`, its names shared through `strings`.
    func spooled(record: Int, strings: inout StringTable) -> FileOutcome {
        guard let item else { return self }
        var copy = self
        copy.item = Item(record: item.record.interned(&strings), text: .spooled(record: record))
        return copy
    }

    /// The path relative to the content folder.
    var path: String
    /// The digest of the file's bytes when it was read.
    var contentHash: UInt64
    /// Warnings and errors, in the order found.
    var issues: [ContentIssue]
    /// The item, `nil` when rejected.
    var item: Item?
    /// Whether this build read the file (else its issues were reported when it was).
    var wasRead: Bool
    /// Whether the entry is skipped (not content).
    var isSkipped = false
    /// For an item dated after the build's "now": its date (it is not published in this build).
    var due: Timestamp?
    /// Why a good item is not published in this build: a draft, or expired.
    var withheld: Withheld?

    /// Why a good item is not published.
    enum Withheld: String, Sendable {
        case draft, expired
    }

    /// The outcome of reading a file now; the body is kept only when `keepingBody`.
    init(_ outcome: ReadOutcome, keepingBody: Bool) {
        path = outcome.path
        contentHash = outcome.contentHash
        issues = outcome.issues
        item = outcome.item.map { item in
            var record = ItemRecord(item)
            record.isDraft = outcome.isDraft
            record.expires = outcome.expires
            return Item(record: record, text: .known(ItemDetails(item), body: keepingBody ? item.contentHTML : nil))
        }
        wasRead = true
        isSkipped = outcome.isSkipped
    }

    /// An outcome recorded by the last build (`skipped` when its entry is listed as skipped).
    init(path: String, contentHash: UInt64, grouping: RecordCoding.Grouping, skipped: Bool = false) {
        self.path = path
        self.contentHash = contentHash
        issues = grouping.issues
        item = grouping.item.map { Item(record: $0, text: .logged(detailsAt: grouping.detailsOffset)) }
        wasRead = false
        isSkipped = skipped && item == nil
    }

    /// Skipped when skipped, rejected when there is no item, repaired when there are warnings, else published.
    var status: ReadOutcome.Status {
        if isSkipped { return .skipped }
        if item == nil { return .rejected }
        return issues.isEmpty ? .published : .repaired
    }

    /// This outcome turned into a rejection for `reason` in `field`, keeping earlier issues.
    func rejected(field: String, _ reason: String) -> FileOutcome {
        var copy = self
        copy.item = nil
        copy.issues.append(ContentIssue(path: path, line: nil, field: field, message: reason, severity: .error))
        return copy
    }

    /// Whether the result has something to say of the file: issues, a due date, or why it is withheld.
    var isNoteworthy: Bool { !issues.isEmpty || due != nil || withheld != nil }

    /// What the build result says of the file.
    var result: FileResult {
        var result = FileResult(path: path, status: status, id: item?.record.id, issues: issues, wasRead: wasRead)
        result.due = due
        result.withheld = withheld?.rawValue
        return result
    }
}

import CuratedContent
import FeedModel
import FeedpubSystem

/// Completes, just before they are rendered, the items the feed set holds without their text: details decoded from
/// the item log or the record spool, and bodies read again from their files.
///
/// Planning, fingerprints and selection need only what every item's record holds, so the feed set is built from
/// records; an item's title, links, tags and body are filled in for the documents being written, a wave at a time
/// (``RenderSchedule``), and let go after. Each file is opened beneath the content folder as the first read opened
/// it, and its bytes must hash to what they hashed to then.
struct ItemFiller: Sendable {
    /// Why an item could not be completed.
    enum Failure: Error, Equatable {
        /// Its file cannot give its body any more (outcome index, reason).
        case unreadable(Int, String)
        /// Its file changed since it was read (outcome index).
        case changed(Int)
        /// Its record in the item log does not decode, and its file does not give the same item: the log cannot be
        /// trusted.
        case damaged
    }

    /// What went wrong with a wave's items.
    struct Failures: Error {
        var unreadable: [Int: String] = [:]
        var changed: Set<Int> = []
        var damaged = false
    }

    private let outcomes: [FileOutcome]
    private let sources: [String: Int]
    private let log: ItemLog?
    private let spooled: RecordSpool?
    private let files: [ContentFile]
    private let folder: Directory
    private let reader: ItemReader
    private let contentReader: ContentReader
    private let builder: FeedSetBuilder

    /// A filler of the items of `outcomes` in some feed (the outcome of each by its id: `sources`), their text in
    /// `log` or `spooled`, their files in `content`.
    init(
        outcomes: [FileOutcome],
        sources: [String: Int],
        log: ItemLog?,
        spooled: RecordSpool?,
        content: Content,
        settings: ContentSettings,
        builder: FeedSetBuilder
    ) {
        self.outcomes = outcomes
        self.sources = sources
        self.log = log
        self.spooled = spooled
        files = content.files
        folder = content.folder
        reader = ItemReader(settings: settings)
        contentReader = ContentReader(settings: settings)
        self.builder = builder
    }

    /// Whether `item` lacks its text or its body.
    func needsFilling(_ item: FeedItem) -> Bool {
        guard item.contentHTML != nil, let index = sources[item.id], let published = outcomes[index].item else {
            return true
        }
        if case .known = published.text { return false }
        return true
    }

    /// `items` completed, on every core, or what went wrong.
    func fill(_ items: [FeedItem]) -> Result<[FeedItem], Failures> {
        let results = ParallelMap.map(items, batch: 8) { fill($0) }
        var filled: [FeedItem] = []
        var failures = Failures()
        filled.reserveCapacity(items.count)
        for result in results {
            switch result {
            case .success(let item): filled.append(item)
            case .failure(.unreadable(let index, let reason)): failures.unreadable[index] = reason
            case .failure(.changed(let index)): failures.changed.insert(index)
            case .failure(.damaged): failures.damaged = true
            }
        }
        let failed = failures.damaged || !failures.unreadable.isEmpty || !failures.changed.isEmpty
        return failed ? .failure(failures) : .success(filled)
    }

    /// `item` with its details (unless known) and its body (unless kept).
    func fill(_ item: FeedItem) -> Result<FeedItem, Failure> {
        guard let index = sources[item.id], let published = outcomes[index].item else { return .success(item) }
        var item = item
        var bytes: [UInt8]?
        switch published.text {
        case .known:
            break  // read by this build: the feed set has its text
        case .logged, .spooled:
            let details: ItemDetails
            if let decoded = decodedDetails(published.text) {
                details = decoded
            } else {
                // A damaged record: the file itself, when it still gives the same item.
                switch read(index) {
                case .failure(let failure): return .failure(failure)
                case .success(let read): bytes = read
                }
                let fresh = contentReader.read(files[index], in: folder)
                guard fresh.contentHash == outcomes[index].contentHash else { return .failure(.changed(index)) }
                guard let freshItem = fresh.item, freshItem.id == item.id else { return .failure(.damaged) }
                details = ItemDetails(freshItem)
            }
            item = builder.withTags(details.tags, details.applied(to: item))
        }
        guard item.contentHTML == nil else { return .success(item) }
        if bytes == nil {
            switch read(index) {
            case .failure(let failure): return .failure(failure)
            case .success(let read): bytes = read
            }
        }
        guard let bytes, let body = reader.body(of: item, bytes: bytes) else {
            return .failure(
                .unreadable(index, "no longer has a front matter, so its body cannot be read; not published")
            )
        }
        item.contentHTML = body
        return .success(item)
    }

    private func decodedDetails(_ text: FileOutcome.Text) -> ItemDetails? {
        switch text {
        case .known(let details, _): details
        case .logged(let offset): try? log?.details(at: offset)
        case .spooled(let record): try? spooled?.details(ofRecordAt: record)
        }
    }

    /// The bytes of outcome `index`'s file, when they still hash to what they hashed to when read.
    private func read(_ index: Int) -> Result<[UInt8], Failure> {
        let file = files[index]
        let limit = contentReader.maximumFileSize
        let bytes: [UInt8]
        do throws(SystemError) {
            bytes = try FileBytes.read(
                try folder.openBeneath(file.fileSystemPath, displayPath: file.path),
                limit: limit
            )
        } catch {
            return .failure(.unreadable(index, ContentReader.reason(error, limit: limit) + " (when read again)"))
        }
        guard StableHash.contentHash(bytes) == outcomes[index].contentHash else { return .failure(.changed(index)) }
        return .success(bytes)
    }
}

/// What a build did, in numbers: the one-line summary and the head of the JSON report.
public struct PublishSummary: Sendable, Hashable, Codable {
    /// Content files read (every `*.md` listed, and every entry reported): the sum of the seven counts below.
    public var read = 0
    /// Items published unchanged.
    public var published = 0
    /// Items published after repairs.
    public var repaired = 0
    /// Items rejected.
    public var rejected = 0
    /// Entries skipped, each with a warning: not content (a FIFO, a device, a link to a folder).
    public var skipped = 0
    /// Items dated after the build's "now": not published yet, each in the first build after it comes due.
    public var scheduled = 0
    /// Drafts (`status: draft`, `draft: true`): read and checked, not published.
    public var drafts = 0
    /// Items whose `expiryDate` has passed: no longer published.
    public var expired = 0
    /// Feeds built (per format: site + communities + topics).
    public var feeds = 0
    /// RFC 5005 archive pages of those feeds (`feeds.archive`), each written in every format.
    public var archivePages = 0
    /// Files whose bytes changed or are new, renamed into place.
    public var filesWritten = 0
    /// Files whose bytes would not change, left untouched.
    public var filesUnchanged = 0
    /// Feed files removed because their community or topic has no items left (or their format is off).
    public var filesRemoved = 0
    /// Temporary files of a killed build that were cleaned up.
    public var leftoversRemoved = 0
    /// Wall-clock seconds.
    public var seconds = 0.0
    /// Whether the build wrote nothing (`feedpub check`, or `--strict` refusing).
    public var dryRun = false

    /// An empty summary.
    public init() {}

    /// Whether anything in the output folder changed.
    public var changedOutput: Bool { filesWritten > 0 || filesRemoved > 0 }

    /// `feedpub: 2001 read = 1950 published + 45 repaired + 6 rejected; 347 feeds; 1042 files: …; 3.42 s`.
    public var line: String {
        var text = "feedpub: \(read) read = \(published) published + \(repaired) repaired + \(rejected) rejected"
        text += " + \(skipped) skipped + \(scheduled) scheduled + \(drafts) drafts + \(expired) expired"
        text += "; \(feeds) feeds"
        if archivePages > 0 { text += " + \(archivePages) archive pages" }
        if dryRun {
            text += "; nothing written (check)"
        } else {
            text += "; files: \(filesWritten) written, \(filesUnchanged) unchanged, \(filesRemoved) removed"
            if leftoversRemoved > 0 { text += ", \(leftoversRemoved) leftover temporary files cleaned" }
        }
        let rounded = (seconds * 100).rounded() / 100
        text += "; \(rounded) s"
        return text
    }
}

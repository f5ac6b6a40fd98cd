import FeedPublisher

/// One published file as the server answers for it: its headers made once per table, not per request.
struct ServedFile: Sendable {
    /// The file in the state.
    let file: PublishedFiles.File
    /// The strong entity tag of its bytes, `"<16 hex digits of the content hash>"`.
    let etag: String
    /// The entity tag of its gzip encoding (another representation, another tag).
    let gzipETag: String
    /// `Last-Modified`: the modification time the build recorded.
    let lastModified: String
    /// `Link: <URL>; rel="self"`, for feeds.
    let selfLink: String?

    /// The headers of `file`, whose feeds are at `feedsURL` (ending in `/`).
    init(_ file: PublishedFiles.File, feedsURL: String) {
        self.file = file
        let hex = String(file.contentHash, radix: 16)
        let digits = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        etag = "\"" + digits + "\""
        gzipETag = "\"" + digits + "-gz\""
        lastModified = HTTPDate.format(file.modified / 1_000_000_000)
        selfLink = file.isFeed ? "<" + feedsURL + file.path + ">; rel=\"self\"" : nil
    }
}

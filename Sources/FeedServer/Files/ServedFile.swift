import FeedPublisher
import HTTPTypes

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
    /// The fields of a `200` in full, of a `200` in gzip, of a `304` to a client of each — all but
    /// `Content-Length`, which depends on the body (made once per request as a copy of these).
    let full: HTTPFields
    let gzip: HTTPFields
    let notModified: HTTPFields
    let gzipNotModified: HTTPFields

    static let link = HTTPField.Name("Link")

    /// The headers of `file`, whose feeds are at `feedsURL` (ending in `/`), with `cacheControl`.
    init(_ file: PublishedFiles.File, feedsURL: String, cacheControl: String) {
        self.file = file
        let hex = String(file.contentHash, radix: 16)
        let digits = String(repeating: "0", count: max(0, 16 - hex.count)) + hex
        etag = "\"" + digits + "\""
        gzipETag = "\"" + digits + "-gz\""
        lastModified = HTTPDate.format(file.modified / 1_000_000_000)
        selfLink = file.isFeed ? "<" + feedsURL + file.path + ">; rel=\"self\"" : nil
        let modified = lastModified
        let link = selfLink
        func common(_ etag: String) -> HTTPFields {
            var fields = HTTPFields()
            fields[.eTag] = etag
            fields[.lastModified] = modified
            fields[.cacheControl] = cacheControl
            fields[.vary] = "Accept-Encoding"
            if let name = ServedFile.link, let link { fields[name] = link }
            return fields
        }
        let notModified = common(etag)
        let gzipNotModified = common(gzipETag)
        self.notModified = notModified
        self.gzipNotModified = gzipNotModified
        var full = notModified
        full[.contentType] = file.contentType
        full[.xContentTypeOptions] = "nosniff"
        self.full = full
        var gzip = gzipNotModified
        gzip[.contentType] = file.contentType
        gzip[.contentEncoding] = "gzip"
        gzip[.xContentTypeOptions] = "nosniff"
        self.gzip = gzip
    }
}

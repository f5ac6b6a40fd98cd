import FeedPublisher
import HTTPTypes
import Hummingbird
import NIOCore

/// Answers every request from the table of published files: `GET` and `HEAD` of a file feedpub wrote, with its
/// strong ETag, `Last-Modified`, `Cache-Control`, `Vary: Accept-Encoding`, a `Link` to itself for feeds, gzip when
/// the client accepts it, and `304 Not Modified` when its copy is current; a short plain-text refusal for anything
/// else (``RequestTarget``).
struct FeedResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let table: FileTable
    let cache: BodyCache
    let metrics: ServerMetrics
    let accessLog: AccessLog
    /// Whether `/metrics` is answered here (no `--metrics-port`).
    let servesMetrics: Bool

    /// The most bytes of header fields taken (names and values); more is `431`.
    static let maximumHeaderBytes = 8192

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        let response = answer(request, target: request.head.path ?? "")
        let bytes = request.method == .head ? 0 : response.body.contentLength ?? 0
        record(request.head, status: response.status.code, bytes: bytes, since: start)
        return response
    }

    /// The `304 Not Modified` that answers `request`, when that is known without reading a file.
    ///
    /// That is a GET or HEAD of a plain target (``RequestTarget/isPlain(_:)``) naming a published file whose bytes
    /// are cached, with a conditional its entity tag or date meets, and no `Connection` field (`close` is the
    /// responder's). `nil` for everything else, which ``respond(to:context:)`` answers. For ``NotModifiedHandler``.
    func notModified(_ request: HTTPRequest) -> HTTPResponse? {
        let fields = request.headerFields
        guard request.method == .get || request.method == .head,
            fields.contains(.ifNoneMatch) || fields.contains(.ifModifiedSince), !fields.contains(.connection),
            let target = request.path, RequestTarget.isPlain(target),
            Self.headerBytes(fields) <= Self.maximumHeaderBytes
        else { return nil }
        let path = String(target.dropFirst())
        guard !(servesMetrics && path == "metrics"), let file = table.generation.files[path],
            cache.cached(file) != nil, let headers = Self.notModified(fields, file: file)
        else { return nil }
        return HTTPResponse(status: .notModified, headerFields: headers)
    }

    /// One request answered with `status` and `bytes` of body, begun at `start`: its metrics and access-log line.
    func record(_ request: HTTPRequest, status: Int, bytes: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        metrics.request(status: status, bytes: bytes, nanoseconds: nanoseconds)
        accessLog.log(
            method: request.method.rawValue,
            target: request.path ?? "",
            status: status,
            bytes: bytes,
            nanoseconds: nanoseconds,
            userAgent: request.headerFields[.userAgent]
        )
    }

    private func answer(_ request: Request, target: String) -> Response {
        guard request.method == .get || request.method == .head else {
            var headers = HTTPFields()
            headers[.allow] = "GET, HEAD"
            return Self.plain(.methodNotAllowed, "method not allowed", headers: headers)
        }
        guard Self.headerBytes(request.headers) <= Self.maximumHeaderBytes else {
            return Self.plain(
                .init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
                "header fields too large"
            )
        }
        let path: String
        switch RequestTarget.path(target) {
        case .success(let found): path = found
        case .failure(.tooLong): return Self.plain(.uriTooLong, "request target too long")
        case .failure(.badRequest(let why)): return Self.plain(.badRequest, "bad request: \(why)")
        case .failure(.notFound): return Self.plain(.notFound, "not found")
        }
        if servesMetrics && path == "metrics" {
            var headers = HTTPFields()
            headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: metrics.text())))
        }
        var generation = table.generation
        for attempt in 0..<2 {
            guard let file = generation.files[path] else { break }
            do {
                let body = try cache.body(of: file, in: generation)
                return respond(request, file: file, body: body)
            } catch {
                // Not the bytes the state records: a build (of another process) may have replaced the file after
                // this table was loaded — once more when its state was replaced too. Else it is not feedpub's file
                // (edited by hand), and the table stays (a request cannot make the server reload it).
                guard attempt == 0, table.reloadIfReplaced() else { break }
                generation = table.generation
            }
        }
        return Self.plain(.notFound, "not found")
    }

    private func respond(_ request: Request, file: ServedFile, body: BodyCache.Body) -> Response {
        if let headers = Self.notModified(request.headers, file: file) {
            return Response(status: .notModified, headers: headers)
        }
        let gzip = Conditional.acceptsGzip(Self.field(.acceptEncoding, of: request.headers))
        let bytes = gzip ? body.gzip : body.identity
        var headers = gzip ? file.gzip : file.full
        headers[.contentLength] = String(bytes.readableBytes)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: bytes))
    }

    /// The fields of the `304` that answers a request with `fields` for `file`; `nil` when it is not one.
    ///
    /// A `304` when the client's copy of the representation it accepts (gzip or not) is current. No
    /// `Content-Length`: NIO's encoder takes it off a `304` (RFC 9110 §8.6 allows one, does not ask for it).
    private static func notModified(_ fields: HTTPFields, file: ServedFile) -> HTTPFields? {
        let gzip = Conditional.acceptsGzip(field(.acceptEncoding, of: fields))
        guard
            Conditional.isNotModified(
                ifNoneMatch: field(.ifNoneMatch, of: fields),
                ifModifiedSince: field(.ifModifiedSince, of: fields),
                etag: gzip ? file.gzipETag : file.etag,
                modified: file.file.modified / 1_000_000_000
            )
        else { return nil }
        return gzip ? file.gzipNotModified : file.notModified
    }

    /// The bytes of header fields `fields` (names, values, `: ` and CRLF), held to ``maximumHeaderBytes``.
    private static func headerBytes(_ fields: HTTPFields) -> Int {
        var bytes = 0
        for field in fields { bytes += field.name.rawName.utf8.count + field.value.utf8.count + 4 }
        return bytes
    }

    /// The value of the field `name`, its lines joined with commas when it is sent more than once; `nil` when absent.
    /// (`HTTPFields`' own subscript joins even a single line into a new string.)
    private static func field(_ name: HTTPField.Name, of fields: HTTPFields) -> String? {
        var value: String?
        for field in fields where field.name == name {
            value = value.map { $0 + ", " + field.value } ?? field.value
        }
        return value
    }

    /// A short plain-text answer.
    static func plain(_ status: HTTPResponse.Status, _ text: String, headers: HTTPFields = HTTPFields()) -> Response {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}

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
        let target = request.head.path ?? ""
        let response = answer(request, target: target)
        let elapsed = ContinuousClock.now - start
        let nanoseconds = elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000
        let bytes = request.method == .head ? 0 : response.body.contentLength ?? 0
        let status = response.status.code
        metrics.request(status: status, bytes: bytes, nanoseconds: nanoseconds)
        accessLog.log(
            method: request.method.rawValue,
            target: target,
            status: status,
            bytes: bytes,
            nanoseconds: nanoseconds,
            userAgent: request.headers[.userAgent]
        )
        return response
    }

    private func answer(_ request: Request, target: String) -> Response {
        guard request.method == .get || request.method == .head else {
            var headers = HTTPFields()
            headers[.allow] = "GET, HEAD"
            return Self.plain(.methodNotAllowed, "method not allowed", headers: headers)
        }
        var headerBytes = 0
        for field in request.headers { headerBytes += field.name.rawName.utf8.count + field.value.utf8.count + 4 }
        guard headerBytes <= Self.maximumHeaderBytes else {
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
        let gzip = Conditional.acceptsGzip(Self.field(.acceptEncoding, of: request))
        let etag = gzip ? file.gzipETag : file.etag
        let bytes = gzip ? body.gzip : body.identity
        if Conditional.isNotModified(
            ifNoneMatch: Self.field(.ifNoneMatch, of: request),
            ifModifiedSince: request.headers[.ifModifiedSince],
            etag: etag,
            modified: file.file.modified / 1_000_000_000
        ) {
            var headers = gzip ? file.gzipNotModified : file.notModified
            // The length a 200 would have, as RFC 9110 §8.6 allows (never another one).
            headers[.contentLength] = String(bytes.readableBytes)
            return Response(status: .notModified, headers: headers)
        }
        var headers = gzip ? file.gzip : file.full
        headers[.contentLength] = String(bytes.readableBytes)
        if request.method == .head { return Response(status: .ok, headers: headers) }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: bytes))
    }

    /// The value of the field `name`, its lines joined with commas when it is sent more than once; `nil` when absent.
    private static func field(_ name: HTTPField.Name, of request: Request) -> String? {
        let values = request.headers[values: name]
        switch values.count {
        case 0: return nil
        case 1: return values[0]
        default: return values.joined(separator: ", ")
        }
    }

    /// A short plain-text answer.
    static func plain(_ status: HTTPResponse.Status, _ text: String, headers: HTTPFields = HTTPFields()) -> Response {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }
}

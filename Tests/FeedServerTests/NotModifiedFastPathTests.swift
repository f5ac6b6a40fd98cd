import FeedModel
import FeedPublisher
import FeedpubSystem
import Foundation
import HTTPTypes
import Testing

@testable import FeedServer

/// The `304`s answered on the event loop (``NotModifiedHandler``): which requests, with which fields, in which
/// order, and that the connection's idle timeout and metrics count them.
@Suite(.serialized)
struct NotModifiedFastPathTests {
    /// One answer of a raw exchange.
    struct RawAnswer {
        let status: Int
        let fields: [(name: String, value: String)]
        let body: [UInt8]

        func field(_ name: String) -> String? {
            fields.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    /// The answers in `bytes`, one after the other (a `304` has no body whatever its `Content-Length`).
    static func answers(_ bytes: [UInt8]) -> [RawAnswer] {
        var answers: [RawAnswer] = []
        var rest = bytes[...]
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        while let end = rest.firstRange(of: separator) {
            let head = String(decoding: rest[..<end.lowerBound], as: UTF8.self)
            let lines = head.components(separatedBy: "\r\n")
            let status = Int(lines[0].split(separator: " ")[1]) ?? -1
            let fields = lines.dropFirst().map { line in
                let colon = line.firstIndex(of: ":") ?? line.endIndex
                return (
                    String(line[..<colon]),
                    String(line[colon...].dropFirst().drop { $0 == " " })
                )
            }
            let length = status == 304 ? 0 : Int(fields.first { $0.0.lowercased() == "content-length" }?.1 ?? "0") ?? 0
            let bodyEnd = min(rest.endIndex, end.upperBound + length)
            answers.append(RawAnswer(status: status, fields: fields, body: Array(rest[end.upperBound..<bodyEnd])))
            rest = rest[bodyEnd...]
        }
        return answers
    }

    static func get(_ path: String, _ fields: String = "") -> String {
        "GET \(path) HTTP/1.1\r\nHost: x\r\n\(fields)\r\n"
    }

    @Test("a 304 answered on the event loop has the fields the responder gives it, and a Date")
    func sameFieldsAsTheResponder() async throws {
        let site = try ServerFixture()
        let server = try await site.start()
        defer { Task { try await server.stop() } }
        for gzip in [false, true] {
            let encoding = gzip ? "Accept-Encoding: gzip\r\n" : ""
            let first = try await server.request(
                "/all/atom.xml",
                headers: gzip ? [("Accept-Encoding", "gzip")] : []
            )
            let etag = try #require(first.header("ETag"))
            // The first is answered on the event loop; the second, which asks for the connection to be closed,
            // by the responder.
            let bytes = try await server.exchange(
                [
                    Self.get("/all/atom.xml", "If-None-Match: \(etag)\r\n\(encoding)"),
                    Self.get("/all/atom.xml", "If-None-Match: \(etag)\r\n\(encoding)Connection: close\r\n"),
                ]
            )
            let answers = Self.answers(bytes)
            try #require(answers.count == 2)
            #expect(answers.allSatisfy { $0.status == 304 && $0.body.isEmpty })
            func fields(_ answer: RawAnswer) -> [String] {
                answer.fields.map { "\($0.name.lowercased()): \($0.value)" }
                    .filter { !$0.hasPrefix("date: ") && !$0.hasPrefix("connection: ") }.sorted()
            }
            #expect(fields(answers[0]) == fields(answers[1]))
            #expect(answers[0].field("ETag") == etag)
            #expect(answers[0].field("Content-Encoding") == nil && answers[0].field("Content-Type") == nil)
            let date = try #require(answers[0].field("Date"))
            let seconds = try #require(HTTPDate.parse(date))
            #expect(abs(seconds - FeedpubSystem.Clock.now / 1_000_000_000) <= 5, "\(date)")
        }
    }

    @Test("answers leave in the order of their requests: a 304 waits behind a request the responder is answering")
    func order() async throws {
        let site = try ServerFixture()
        let server = try await site.start()
        defer { Task { try await server.stop() } }
        let atom = try await server.request("/all/atom.xml")
        let etag = try #require(atom.header("ETag"))
        let rss = try site.file("all/rss.xml")
        let json = try site.file("all/feed.json")
        let bytes = try await server.exchange(
            [
                Self.get("/all/rss.xml"), Self.get("/all/atom.xml", "If-None-Match: \(etag)\r\n"),
                Self.get("/all/feed.json"), Self.get("/all/atom.xml", "If-None-Match: \(etag)\r\n"),
                Self.get("/all/atom.xml", "If-None-Match: \(etag)\r\nConnection: close\r\n"),
            ]
        )
        let answers = Self.answers(bytes)
        #expect(answers.map(\.status) == [200, 304, 200, 304, 304])
        let bodies = (rss: answers.first?.body == rss, json: answers.count > 2 && answers[2].body == json)
        #expect(bodies.rss && bodies.json)
    }

    @Test("a client polling 304s on one connection for longer than the idle timeout is not disconnected as idle")
    func pollingIsNotIdle() async throws {
        let site = try ServerFixture()
        let server = try await site.start(idleTimeout: .milliseconds(500))
        defer { Task { try await server.stop() } }
        let etag = try #require(try await server.request("/all/rss.xml").header("ETag"))
        // 12 requests 150 ms apart: 1.8 s, over three idle timeouts; the last one closes the connection.
        var requests = Array(repeating: Self.get("/all/rss.xml", "If-None-Match: \(etag)\r\n"), count: 11)
        requests.append(Self.get("/all/rss.xml", "If-None-Match: \(etag)\r\nConnection: close\r\n"))
        let answers = Self.answers(try await server.exchange(requests, every: .milliseconds(150)))
        #expect(answers.map(\.status) == Array(repeating: 304, count: 12))
        let metrics = server.server.metricsText
        #expect(metrics.contains("feedpub_http_requests_total{status=\"304\"} 12"), "\(metrics)")
    }

    @Test("which requests the fast path answers: a plain conditional GET or HEAD of a cached file that matches")
    func whichRequests() throws {
        let site = try ServerFixture()
        let table = FileTable(
            root: site.output.path,
            layout: site.configuration.layout,
            feedsURL: site.configuration.feedSettings.feedsURL,
            cacheControl: "public, max-age=300"
        )
        let cache = BodyCache()
        let responder = FeedResponder(
            table: table,
            cache: cache,
            metrics: ServerMetrics(),
            accessLog: AccessLog(logger: nil),
            servesMetrics: true
        )
        let generation = table.generation
        let file = try #require(generation.files["all/atom.xml"])
        func request(
            _ method: HTTPRequest.Method = .get,
            _ path: String = "/all/atom.xml",
            _ fields: HTTPFields = [.ifNoneMatch: file.etag]
        ) -> HTTPRequest {
            HTTPRequest(method: method, scheme: "http", authority: "x", path: path, headerFields: fields)
        }
        // Not read yet: the responder reads (and checks) it.
        #expect(responder.notModified(request()) == nil)
        _ = try cache.body(of: file, in: generation)
        let answer = try #require(responder.notModified(request()))
        #expect(answer.status == .notModified && answer.headerFields[.eTag] == file.etag)
        #expect(responder.notModified(request(.head))?.status == .notModified)
        #expect(responder.notModified(request(.get, "/all/atom.xml", [.ifNoneMatch: "*"])) != nil)
        let gzip = responder.notModified(
            request(.get, "/all/atom.xml", [.ifNoneMatch: file.gzipETag, .acceptEncoding: "gzip"])
        )
        #expect(gzip?.headerFields[.eTag] == file.gzipETag)
        let since = HTTPDate.format(file.file.modified / 1_000_000_000)
        #expect(responder.notModified(request(.get, "/all/atom.xml", [.ifModifiedSince: since])) != nil)
        let others: [HTTPRequest] = [
            request(.get, "/all/atom.xml", [:]),  // not conditional
            request(.get, "/all/atom.xml", [.ifNoneMatch: "\"other\""]),  // a copy that is not current
            request(.get, "/all/atom.xml", [.ifNoneMatch: file.etag, .acceptEncoding: "gzip"]),  // the other encoding
            request(.post),
            request(.get, "/all/atom.xml", [.ifNoneMatch: file.etag, .connection: "close"]),
            request(.get, "/all/atom.xml?x=1"), request(.get, "/all/./atom.xml"), request(.get, "/all//atom.xml"),
            request(.get, "/all/%61tom.xml"), request(.get, "/.feedpub/state"), request(.get, "/all/missing.xml"),
            request(.get, "/all/atom.xml", [.ifNoneMatch: file.etag, .userAgent: String(repeating: "x", count: 9000)]),
        ]
        for other in others { #expect(responder.notModified(other) == nil, "\(other) \(other.headerFields)") }
    }
}

import AsyncHTTPClient
import CompressNIO
import FeedPublisher
import FeedServer
import FeedpubSystem
import Foundation
import NIOCore
import NIOHTTP1
import Testing

/// `feedpub serve` over real HTTP: a server on a free loopback port, requests through AsyncHTTPClient (and raw TCP
/// for targets a client would normalise).
@Suite(.serialized)
struct ServeTests {
    static func etag(of bytes: [UInt8]) -> String {
        var stream = StableHash.Stream()
        bytes.withUnsafeBytes { stream.update($0) }
        let hex = String(stream.value, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    @Test("each file with its type, a strong ETag of its bytes, Last-Modified, Cache-Control, Vary and a self link")
    func typesAndHeaders() async throws {
        let site = try ServerFixture()
        let server = try await site.start()
        defer { Task { try await server.stop() } }
        let expected = [
            ("all/rss.xml", "application/rss+xml; charset=utf-8", true),
            ("all/atom.xml", "application/atom+xml; charset=utf-8", true),
            ("all/feed.json", "application/feed+json; charset=utf-8", true),
            ("communities/alpha/rss.xml", "application/rss+xml; charset=utf-8", true),
            ("topics/topic-1/feed.json", "application/feed+json; charset=utf-8", true),
            ("index.opml", "text/x-opml; charset=utf-8", false),
            ("index.html", "text/html; charset=utf-8", false),
            ("communities/alpha/links.html", "text/html; charset=utf-8", false),
        ]
        for (path, type, isFeed) in expected {
            let answer = try await server.request("/" + path)
            let bytes = try site.file(path)
            #expect(answer.status == 200, "\(path)")
            #expect(answer.header("Content-Type") == type, "\(path)")
            #expect(answer.body == bytes, "\(path)")
            #expect(answer.header("Content-Length") == String(bytes.count))
            #expect(answer.header("ETag") == Self.etag(of: bytes), "\(path)")
            #expect(answer.header("Cache-Control") == "public, max-age=300")
            #expect(answer.header("Vary") == "Accept-Encoding")
            #expect(answer.header("Content-Encoding") == nil)
            let modified = try #require(answer.header("Last-Modified"))
            #expect(modified.hasSuffix(" GMT") && modified.count == 29, "\(modified)")
            let link = answer.header("Link")
            #expect(link == (isFeed ? "<https://www.medigy.com/feeds/\(path)>; rel=\"self\"" : nil), "\(path)")
        }
        // `/` is the feeds page.
        let page = try await server.request("/")
        #expect(page.status == 200 && page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.body == (try site.file("index.html")))
    }

    @Test("If-None-Match (exact, list, *, weak) and If-Modified-Since give 304; If-None-Match takes precedence")
    func conditionalRequests() async throws {
        let site = try ServerFixture()
        let server = try await site.start()
        defer { Task { try await server.stop() } }
        let first = try await server.request("/all/atom.xml")
        let etag = try #require(first.header("ETag"))
        let modified = try #require(first.header("Last-Modified"))
        let notModified = [
            [("If-None-Match", etag)], [("If-None-Match", "\"other\", \(etag)")], [("If-None-Match", "*")],
            [("If-None-Match", "W/\(etag)")], [("If-Modified-Since", modified)],
            [("If-Modified-Since", "Fri, 31 Dec 2100 23:59:59 GMT")],
            [("If-None-Match", etag), ("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")],
        ]
        for headers in notModified {
            let answer = try await server.request("/all/atom.xml", headers: headers)
            #expect(answer.status == 304, "\(headers)")
            #expect(answer.body.isEmpty)
            #expect(answer.header("ETag") == etag)
            #expect(answer.header("Cache-Control") == "public, max-age=300")
            #expect(answer.header("Vary") == "Accept-Encoding")
        }
        let modifiedAnswers = [
            [("If-None-Match", "\"0000000000000000\"")], [("If-Modified-Since", "Sat, 01 Jan 2000 00:00:00 GMT")],
            [("If-None-Match", "\"other\""), ("If-Modified-Since", modified)], [("If-Modified-Since", "yesterday")],
        ]
        for headers in modifiedAnswers {
            let answer = try await server.request("/all/atom.xml", headers: headers)
            #expect(answer.status == 200, "\(headers)")
            #expect(answer.body == first.body)
        }
    }

    @Test("HEAD: the headers of GET and no body")
    func head() async throws {
        let site = try ServerFixture()
        let server = try await site.start()
        defer { Task { try await server.stop() } }
        let get = try await server.request("/all/rss.xml")
        let head = try await server.request("/all/rss.xml", method: .HEAD)
        #expect(head.status == 200)
        #expect(head.body.isEmpty)
        for name in ["ETag", "Content-Type", "Content-Length", "Last-Modified", "Cache-Control", "Link"] {
            #expect(head.header(name) == get.header(name), "\(name)")
        }
        let gzip = try await server.request("/all/rss.xml", method: .HEAD, headers: [("Accept-Encoding", "gzip")])
        let gzipGet = try await server.request("/all/rss.xml", headers: [("Accept-Encoding", "gzip")])
        #expect(gzip.header("Content-Length") == String(gzipGet.body.count))
    }

    @Test("gzip when accepted (not with q=0), with its own ETag, the same bytes decompressed, 304 on its ETag")
    func gzip() async throws {
        let site = try ServerFixture()
        let server = try await site.start()
        defer { Task { try await server.stop() } }
        let plain = try await server.request("/all/rss.xml")
        for accept in ["gzip", "gzip, deflate, br", "deflate;q=0.5, gzip;q=0.8", "*", "x-gzip"] {
            let answer = try await server.request("/all/rss.xml", headers: [("Accept-Encoding", accept)])
            #expect(answer.header("Content-Encoding") == "gzip", "\(accept)")
            let etag = try #require(answer.header("ETag"))
            #expect(etag != plain.header("ETag") && etag.hasSuffix("-gz\""))
            #expect(answer.body.count < plain.body.count)
            var compressed = ByteBuffer(bytes: answer.body)
            let decompressed = try compressed.decompress(with: .gzip())
            #expect(Array(buffer: decompressed) == plain.body)
            // The gzip header holds no time and no name (every process gives the same bytes).
            #expect(answer.body[3] == 0 && answer.body[4..<8].allSatisfy { $0 == 0 })
            let again = try await server.request(
                "/all/rss.xml",
                headers: [("Accept-Encoding", accept), ("If-None-Match", etag)]
            )
            #expect(again.status == 304)
        }
        for accept in ["gzip;q=0", "identity", "deflate", "gzip;q=0, *", "*;q=0"] {
            let answer = try await server.request("/all/rss.xml", headers: [("Accept-Encoding", accept)])
            #expect(answer.header("Content-Encoding") == nil, "\(accept)")
            #expect(answer.body == plain.body)
            #expect(answer.header("ETag") == plain.header("ETag"))
        }
    }

    @Test("two servers on one folder give the same bytes and ETags, plain and gzip")
    func serversAgree() async throws {
        let site = try ServerFixture()
        let one = try await site.start()
        let two = try await site.start()
        defer {
            Task {
                try await one.stop()
                try await two.stop()
            }
        }
        for encoding in ["identity", "gzip"] {
            let a = try await one.request("/topics/topic-2/atom.xml", headers: [("Accept-Encoding", encoding)])
            let b = try await two.request("/topics/topic-2/atom.xml", headers: [("Accept-Encoding", encoding)])
            #expect(a.body == b.body)
            #expect(a.header("ETag") == b.header("ETag"))
            #expect(a.header("Last-Modified") == b.header("Last-Modified"))
        }
    }

    @Test("refused: .feedpub/, dotfiles, .. and %2e%2e, escaped slashes, NUL, hand-made and changed files, links")
    func refusals() async throws {
        let site = try ServerFixture()
        let out = site.output
        try Data("hand-made".utf8).write(to: out.appendingPathComponent("all/extra.xml"))
        try Data("hidden".utf8).write(to: out.appendingPathComponent(".hidden"))
        try Data("hidden".utf8).write(to: out.appendingPathComponent("all/.rss.xml"))
        // A feed edited by hand after feedpub wrote it (same size, other bytes), and one replaced by a link.
        var atom = try site.file("communities/beta/atom.xml")
        atom[atom.count - 3] = UInt8(ascii: "X")
        try Data(atom).write(to: out.appendingPathComponent("communities/beta/atom.xml"))
        let json = out.appendingPathComponent("communities/beta/feed.json")
        let copy = out.appendingPathComponent("copy.json")
        try FileManager.default.moveItem(at: json, to: copy)
        try FileManager.default.createSymbolicLink(at: json, withDestinationURL: copy)
        // A feed folder replaced by a link to a copy of itself: its files are the bytes recorded, but not reached
        // through a link.
        let topic = out.appendingPathComponent("topics/topic-0")
        let topicCopy = out.appendingPathComponent("topic-copy")
        try FileManager.default.moveItem(at: topic, to: topicCopy)
        try FileManager.default.createSymbolicLink(at: topic, withDestinationURL: topicCopy)
        let server = try await site.start()
        defer { Task { try await server.stop() } }
        let cases: [(String, Int)] = [
            ("/.feedpub/state", 404), ("/.feedpub/lock", 404), ("/.feedpub/", 404), ("/.hidden", 404),
            ("/all/.rss.xml", 404), ("/all/../index.opml", 400), ("/all/%2e%2e/index.opml", 400),
            ("/all/%2E%2E/index.opml", 400), ("/%2e%2e/etc/passwd", 400), ("/all/./rss.xml", 400),
            ("/all%2Frss.xml", 400), ("/all%2frss.xml", 400), ("/all%5Crss.xml", 400), ("/all/rss.xml%00", 400),
            ("/all/rss.xml%00.html", 400), ("/all/%0arss.xml", 400), ("/all/rss.xml%", 400), ("/all/%zz", 400),
            ("/all/extra.xml", 404), ("/copy.json", 404), ("/communities/beta/atom.xml", 404),
            ("/communities/beta/feed.json", 404), ("/topics/topic-0/rss.xml", 404), ("/topic-copy/rss.xml", 404),
            ("//all/rss.xml", 404), ("/all/", 404), ("/all", 404),
            ("/nothing.xml", 404), ("/%ff.xml", 400), ("all/rss.xml", 400),
            ("/" + String(repeating: "a", count: 3000), 414), ("/all/rss.xml", 200),
            ("/all/rss.xml?cache=1", 200), ("/communities/beta/rss.xml", 200),
        ]
        for (target, status) in cases {
            let answer = try await server.raw("GET \(target) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            #expect(answer.hasPrefix("HTTP/1.1 \(status) "), "\(target): \(answer.prefix(40))")
            // A target that is not a path is refused by the HTTP parser itself (400, before any lookup).
            if status != 200 && target.hasPrefix("/") {
                #expect(answer.contains("Content-Type: text/plain; charset=utf-8"), "\(target)")
                #expect(answer.count < 600, "\(target): a short answer")
            }
        }
        let post = try await server.raw(
            "POST /all/rss.xml HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        )
        #expect(post.hasPrefix("HTTP/1.1 405 ") && post.contains("Allow: GET, HEAD"))
        for method in ["PUT", "DELETE", "OPTIONS", "PATCH"] {
            #expect(
                try await server.raw("\(method) /all/rss.xml HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .hasPrefix("HTTP/1.1 405 ")
            )
        }
        // Header fields past the bound: refused, not read whole.
        let big = "X-Big: " + String(repeating: "b", count: 20_000) + "\r\n"
        let status = try await server.rawStatus("/all/rss.xml", extraHeaders: big)
        #expect(status == 431 || status == 400 || status == -1, "\(status)")
    }

    @Test("a rebuild while serving: every answer is one build's whole bytes with that build's ETag")
    func rebuildWhileServing() async throws {
        let site = try ServerFixture(items: 30)
        let server = try await site.start(rebuilds: true)
        defer { Task { try await server.stop() } }
        let before = try await server.request("/all/rss.xml")
        let rounds = 6
        try await withThrowingTaskGroup(of: [RunningServer.Answer].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var answers: [RunningServer.Answer] = []
                    for _ in 0..<60 {
                        answers.append(try await server.request("/all/rss.xml"))
                        answers.append(try await server.request("/all/rss.xml", headers: [("Accept-Encoding", "gzip")]))
                    }
                    return answers
                }
            }
            group.addTask {
                for round in 1...rounds {
                    try site.writeItem(1, title: "Item 1, edition \(round)")
                    server.server.requestBuild()
                    try await Task.sleep(for: .milliseconds(40))
                }
                return []
            }
            for try await answers in group {
                for answer in answers {
                    #expect(answer.status == 200)
                    var bytes = answer.body
                    if answer.header("Content-Encoding") == "gzip" {
                        var buffer = ByteBuffer(bytes: bytes)
                        bytes = Array(buffer: try buffer.decompress(with: .gzip()))
                        #expect(answer.header("ETag") == String(Self.etag(of: bytes).dropLast()) + "-gz\"")
                    } else {
                        #expect(answer.header("ETag") == Self.etag(of: bytes))
                    }
                    #expect(answer.header("Content-Length").flatMap(Int.init) == answer.body.count)
                    #expect(String(decoding: bytes, as: UTF8.self).hasSuffix("</channel>\n</rss>\n"))
                }
            }
        }
        // Once the builds are done, the last edition is served, with the ETag of the file on disk.
        var after = try await server.request("/all/rss.xml")
        for _ in 0..<100 where !String(decoding: after.body, as: UTF8.self).contains("edition \(rounds)") {
            try await Task.sleep(for: .milliseconds(100))
            after = try await server.request("/all/rss.xml")
        }
        #expect(String(decoding: after.body, as: UTF8.self).contains("Item 1, edition \(rounds)"))
        #expect(after.header("ETag") != before.header("ETag"))
        #expect(after.body == (try site.file("all/rss.xml")))
        #expect(after.header("ETag") == Self.etag(of: try site.file("all/rss.xml")))
    }

    @Test("a build of another process is served once its state is saved")
    func buildOfAnotherProcess() async throws {
        let site = try ServerFixture()
        let server = try await site.start()
        defer { Task { try await server.stop() } }
        let before = try await server.request("/all/feed.json")
        try site.writeItem(2, title: "Item 2, rebuilt elsewhere")
        _ = try site.build()
        var after = before
        for _ in 0..<50 where after.header("ETag") == before.header("ETag") {
            try await Task.sleep(for: .milliseconds(50))
            after = try await server.request("/all/feed.json")
        }
        #expect(String(decoding: after.body, as: UTF8.self).contains("rebuilt elsewhere"))
        #expect(after.header("ETag") == Self.etag(of: try site.file("all/feed.json")))
    }

    @Test("--watch: an edit of a content file becomes a new ETag")
    func watchPicksUpAnEdit() async throws {
        let site = try ServerFixture()
        let server = try await site.start(
            rebuild: .watch(content: site.content.path, configuration: nil),
            rebuilds: true
        )
        defer { Task { try await server.stop() } }
        let before = try await server.request("/all/atom.xml")
        try await Task.sleep(for: .milliseconds(200))  // the watcher's thread has started watching
        try site.writeItem(3, title: "Item 3, edited under watch")
        var after = before
        for _ in 0..<100 where after.header("ETag") == before.header("ETag") {
            try await Task.sleep(for: .milliseconds(50))
            after = try await server.request("/all/atom.xml")
        }
        #expect(after.header("ETag") != before.header("ETag"))
        #expect(String(decoding: after.body, as: UTF8.self).contains("edited under watch"))
        #expect(server.server.builds >= 1)
        #expect(server.server.metricsText.contains("feedpub_watch_latency_seconds_count"))
    }

    @Test("/metrics: requests by status, the 304 share, bytes sent")
    func metrics() async throws {
        let site = try ServerFixture()
        let server = try await site.start()
        defer { Task { try await server.stop() } }
        let first = try await server.request("/all/rss.xml")
        _ = try await server.request("/all/rss.xml", headers: [("If-None-Match", first.header("ETag") ?? "")])
        _ = try await server.request("/nothing")
        let text = String(decoding: try await server.request("/metrics").body, as: UTF8.self)
        #expect(text.contains("feedpub_http_requests_total{status=\"200\"} 1"))
        #expect(text.contains("feedpub_http_requests_total{status=\"304\"} 1"))
        #expect(text.contains("feedpub_http_requests_total{status=\"404\"} 1"))
        #expect(text.contains("feedpub_http_not_modified_ratio 0.333"))
        #expect(text.contains("feedpub_http_response_bytes_total \(first.body.count + "not found\n".utf8.count)"))
    }

    @Test("--metrics-port: /metrics there only")
    func metricsOnTheirOwnPort() async throws {
        let site = try ServerFixture()
        let server = try await site.start(metricsPort: true)
        defer { Task { try await server.stop() } }
        let metricsPort = try #require(server.metricsPort)
        #expect(metricsPort != server.port)
        _ = try await server.request("/all/rss.xml")
        #expect(try await server.request("/metrics").status == 404)
        let metrics = try await server.request("/metrics", port: metricsPort)
        #expect(metrics.status == 200)
        #expect(String(decoding: metrics.body, as: UTF8.self).contains("feedpub_http_requests_total{status=\"200\"} 1"))
        #expect(try await server.request("/all/rss.xml", port: metricsPort).status == 404)
    }

    @Test("--every: a period's build picks up an edit")
    func periodicBuilds() async throws {
        let site = try ServerFixture()
        let server = try await site.start(rebuild: .every(.seconds(1)), rebuilds: true)
        defer { Task { try await server.stop() } }
        let before = try await server.request("/all/rss.xml")
        try site.writeItem(4, title: "Item 4, edited between periods")
        var after = before
        for _ in 0..<100 where after.header("ETag") == before.header("ETag") {
            try await Task.sleep(for: .milliseconds(50))
            after = try await server.request("/all/rss.xml")
        }
        #expect(String(decoding: after.body, as: UTF8.self).contains("edited between periods"))
        #expect(server.server.builds >= 1)
    }

    @Test("a slow client, whose request head does not arrive within the idle timeout, is disconnected")
    func slowClients() async throws {
        let site = try ServerFixture()
        let server = try await site.start(idleTimeout: .milliseconds(500))
        defer { Task { try await server.stop() } }
        // 60 bytes at one per 100 ms would take 6 s; the server closes the connection long before.
        let head = "GET /all/rss.xml HTTP/1.1\r\nHost: x\r\nUser-Agent: slow-loris-client\r\n\r\n"
        #expect(try await server.dribble(head, every: .milliseconds(100)))
        #expect(try await server.request("/all/rss.xml").status == 200)
    }
}

import Testing

@testable import FeedServer

/// The header rules by themselves: entity-tag lists, Accept-Encoding, HTTP dates, request targets, log lines.
struct HeaderRuleTests {
    @Test("If-None-Match lists: weak comparison, *, malformed lists match nothing")
    func entityTags() {
        let etag = "\"0123456789abcdef\""
        #expect(Conditional.matches(etag, etag: etag))
        #expect(Conditional.matches("W/\(etag)", etag: etag))
        #expect(Conditional.matches("\"a\",\(etag)", etag: etag))
        #expect(Conditional.matches("  \"a\" ,  W/\"b\", \(etag) ", etag: etag))
        #expect(Conditional.matches("*", etag: etag))
        #expect(!Conditional.matches("\"0123456789abcde\"", etag: etag))
        #expect(!Conditional.matches("0123456789abcdef", etag: etag))
        #expect(!Conditional.matches("", etag: etag))
        #expect(!Conditional.matches("\"unterminated", etag: etag))
        #expect(!Conditional.isNotModified(ifNoneMatch: "\"x\"", ifModifiedSince: nil, etag: etag, modified: 0))
    }

    @Test("Accept-Encoding: gzip with q above 0, x-gzip, * unless gzip is named")
    func acceptEncoding() {
        for yes in ["gzip", "GZIP", "br, gzip", "gzip;q=0.1", "gzip; q=1.0", "*", "x-gzip", "identity, *;q=0.5"] {
            #expect(Conditional.acceptsGzip(yes), "\(yes)")
        }
        for no in [nil, "", "identity", "br", "gzip;q=0", "gzip;q=0.000", "*;q=0", "gzip;q=0, *"] {
            #expect(!Conditional.acceptsGzip(no), "\(no ?? "nil")")
        }
    }

    @Test("HTTP dates: IMF-fixdate written, all three forms read")
    func dates() {
        #expect(HTTPDate.format(784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(1_709_251_199) == "Thu, 29 Feb 2024 23:59:59 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == 784_111_777)
        #expect(HTTPDate.parse("Sun Nov  6 08:49:37 1994") == 784_111_777)
        #expect(HTTPDate.parse("yesterday") == nil)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 25:49:37 GMT") == nil)
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:61 GMT") == nil)
        #expect(HTTPDate.parse("Thu, 30 Feb 2024 00:00:00 GMT") == nil, "no 30 February")
        #expect(HTTPDate.parse("Sat, 31 Dec 1969 23:59:59 GMT") == -1)
        for seconds: Int64 in [1, 951_782_400, 1_780_000_000, 4_102_444_799] {
            #expect(HTTPDate.parse(HTTPDate.format(seconds)) == seconds)
        }
    }

    @Test("request targets: the path inside the output folder, or why not")
    func targets() {
        #expect(RequestTarget.path("/all/rss.xml") == .success("all/rss.xml"))
        #expect(RequestTarget.path("/all/rss.xml?x=1#y") == .success("all/rss.xml"))
        #expect(RequestTarget.path("/") == .success("index.html"))
        #expect(RequestTarget.path("/topics/sant%C3%A9/rss.xml") == .success("topics/santé/rss.xml"))
        #expect(RequestTarget.path("/a/%2e%2E/b") == .failure(.badRequest("dot segment")))
        #expect(RequestTarget.path("/a%2fb") == .failure(.badRequest("escaped slash")))
        #expect(RequestTarget.path("/.feedpub/state") == .failure(.notFound))
        #expect(RequestTarget.path("/a//b") == .failure(.notFound))
        #expect(RequestTarget.path("*") == .failure(.badRequest("not an absolute path")))
        for plain in ["/all/rss.xml", "/topics/a-b_c/archive/2/feed.json", "/index.opml", "/a.b.c"] {
            #expect(RequestTarget.isPlain(plain), "\(plain)")
        }
        for other in [
            "/", "", "all/rss.xml", "/all/", "//all", "/all//rss.xml", "/.feedpub/state", "/all/.x",
            "/all/..", "/a/./b", "/a%2e", "/a?b", "/sant\u{E9}", "/a b", "/a\\b",
        ] {
            #expect(!RequestTarget.isPlain(other), "\(other)")
        }
    }

    @Test("access log lines: control characters, quotes and backslashes escaped")
    func accessLogLine() {
        let line = AccessLog.line(
            method: "GET",
            target: "/a\u{1B}[2J\n\"b\\",
            status: 404,
            bytes: 10,
            nanoseconds: 1_234_567,
            userAgent: "evil\r\nGET / 200"
        )
        #expect(!line.contains("\n") && !line.contains("\r") && !line.contains("\u{1B}"))
        #expect(line.hasPrefix("GET /a\\x1B[2J\\n\\\"b\\\\ 404 10 1.23ms \"evil"))
    }
}

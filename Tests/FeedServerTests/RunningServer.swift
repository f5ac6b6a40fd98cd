import AsyncHTTPClient
import FeedServer
import NIOCore
import NIOHTTP1
import NIOPosix

/// A started server, and requests to it.
struct RunningServer {
    let server: FeedServer
    let port: Int
    let metricsPort: Int?
    let task: Task<Void, any Error>

    /// The answer to one request.
    struct Answer {
        let status: Int
        let headers: HTTPHeaders
        let body: [UInt8]

        func header(_ name: String) -> String? { headers.first(name: name) }
    }

    /// A client that neither asks for nor decodes compression: what it sends is what each test says.
    static let client = HTTPClient(
        eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
        configuration: HTTPClient.Configuration(decompression: .disabled)
    )

    /// A request through AsyncHTTPClient.
    func request(
        _ path: String,
        method: HTTPMethod = .GET,
        headers: [(String, String)] = [],
        port: Int? = nil
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port ?? self.port)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        let response = try await Self.client.execute(request, timeout: .seconds(20))
        let body = try await response.body.collect(upTo: 64 << 20)
        return Answer(status: Int(response.status.code), headers: response.headers, body: Array(buffer: body))
    }

    /// The status line and the rest of the answer to `raw`, sent as it is over TCP (paths a client library would
    /// normalise or refuse to send).
    func raw(_ raw: String) async throws -> String {
        String(decoding: try await exchange([raw]), as: UTF8.self)
    }

    /// Sends each of `requests` over one connection, `interval` apart (all in one write when `nil`), and reads until
    /// the server closes it (or resets it: what came before is the answer).
    func exchange(_ requests: [String], every interval: Duration? = nil) async throws -> [UInt8] {
        try await connect().executeThenClose { inbound, outbound in
            async let received: [UInt8] = {
                var bytes: [UInt8] = []
                do {
                    for try await chunk in inbound { bytes += Array(buffer: chunk) }
                } catch {}
                return bytes
            }()
            if let interval {
                for request in requests {
                    try await outbound.write(ByteBuffer(string: request))
                    try await Task.sleep(for: interval)
                }
            } else {
                try await outbound.write(ByteBuffer(string: requests.joined()))
            }
            return await received
        }
    }

    /// A raw TCP connection to the server.
    private func connect() async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// Sends `text` one byte every `interval`; whether the server closed the connection before all of it was sent.
    func dribble(_ text: String, every interval: Duration) async throws -> Bool {
        try await connect().executeThenClose { inbound, outbound in
            try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask {
                    // Closed by the server: the inbound stream ends, or is reset.
                    do { for try await _ in inbound {} } catch {}
                    return true
                }
                group.addTask {
                    for byte in text.utf8 {
                        do {
                            try await outbound.write(ByteBuffer(bytes: [byte]))
                        } catch {
                            return true  // a write to a connection the server closed (it may fail before the read ends)
                        }
                        try await Task.sleep(for: interval)
                    }
                    return false
                }
                let first = try await group.next() ?? false
                group.cancelAll()
                return first
            }
        }
    }

    /// The status code of a raw `GET target`.
    func rawStatus(_ target: String, extraHeaders: String = "") async throws -> Int {
        let answer = try await raw("GET \(target) HTTP/1.1\r\nHost: x\r\n\(extraHeaders)Connection: close\r\n\r\n")
        let parts = answer.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, let code = Int(parts[1]) else { return -1 }
        return code
    }

    /// Shuts the server down and waits for it.
    func stop() async throws {
        await server.shutDown()
        try await task.value
    }
}

import CompressNIO
import FeedPublisher
import NIOCore
import Synchronization

/// The bytes of published files, and their gzip encoding, by content hash: each read and compressed once, whatever
/// the number of requests, processes agreeing byte for byte (zlib with no name and no time in its header).
///
/// A response holds its buffers: a build that replaces a file changes what later requests get, never one already
/// answering. Bodies of hashes no longer published are dropped when a table is swapped in; past ``budget`` bytes the
/// oldest bodies go first.
final class BodyCache: Sendable {
    /// A file's bytes as served.
    struct Body: Sendable {
        let identity: ByteBuffer
        let gzip: ByteBuffer
    }

    private struct State {
        var bodies: [UInt64: Body] = [:]
        var order: [UInt64] = []
        var bytes = 0
    }

    /// The most bytes kept (identity and gzip together).
    let budget: Int
    private let state = Mutex(State())

    init(budget: Int = 256 << 20) {
        self.budget = budget
    }

    /// The body of `file` from `table`: cached, or read (checked against the state) and compressed now.
    func body(of file: ServedFile, in table: FileTable.Generation) throws(PublishedFiles.ReadError) -> Body {
        let hash = file.file.contentHash
        if let cached = cached(file) { return cached }
        let read = try table.published.read(file.file)
        guard read.contentHash == hash else { throw .changed(file.file.path) }
        var identity = ByteBuffer(bytes: read.bytes)
        var source = identity
        let gzip =
            (try? source.compress(with: .gzip(configuration: .init(windowSize: 15, compressionLevel: 9))))
            ?? identity
        identity = ByteBuffer(bytes: read.bytes)
        let body = Body(identity: identity, gzip: gzip)
        state.withLock { state in
            guard state.bodies[hash] == nil else { return }
            state.bodies[hash] = body
            state.order.append(hash)
            state.bytes += identity.readableBytes + gzip.readableBytes
            while state.bytes > budget, state.order.count > 1 {
                let oldest = state.order.removeFirst()
                if let gone = state.bodies.removeValue(forKey: oldest) {
                    state.bytes -= gone.identity.readableBytes + gone.gzip.readableBytes
                }
            }
        }
        return body
    }

    /// The body of `file` when it is cached (read and checked once already); `nil` without reading.
    func cached(_ file: ServedFile) -> Body? {
        state.withLock { $0.bodies[file.file.contentHash] }
    }

    /// Drops the bodies of hashes `table` does not publish.
    func keep(only table: FileTable.Generation) {
        let live = Set(table.files.values.lazy.map(\.file.contentHash))
        state.withLock { state in
            state.order.removeAll { !live.contains($0) }
            for hash in Array(state.bodies.keys) where !live.contains(hash) {
                if let gone = state.bodies.removeValue(forKey: hash) {
                    state.bytes -= gone.identity.readableBytes + gone.gzip.readableBytes
                }
            }
        }
    }

    /// How many bodies and bytes are kept.
    var usage: (bodies: Int, bytes: Int) { state.withLock { ($0.bodies.count, $0.bytes) } }
}

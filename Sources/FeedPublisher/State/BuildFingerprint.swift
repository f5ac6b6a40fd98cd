import FeedModel
import FeedpubSystem
import Foundation

/// What an incremental state is valid for: the whole configuration and the code that made it.
///
/// The configuration is encoded as it is (its `Codable` conformance is synthesized, so the compiler enumerates every
/// field: a field added later is covered without a list to keep up to date), and the code is named by the build id of
/// the running program (``BuildOptions/codeIdentity``). Any change of either makes the next build start from the
/// content — a rebuilt feedpub whose writers print one byte differently rewrites every feed that byte is in.
package enum BuildFingerprint {
    /// The fingerprint of a build of `configuration` by the code named `code`.
    package static func of(_ configuration: PublishConfiguration, code: String) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Plain strings, numbers and enums cannot fail to encode; were one ever to, no state could be trusted.
        // What the server sends changes no byte of the output.
        var rendered = configuration
        rendered.cacheControl = nil
        guard let encoded = try? encoder.encode(rendered) else {
            return "unencodable-\(UInt64.random(in: 1...UInt64.max))"
        }
        var bytes = Array(encoded)
        bytes.append(0)
        bytes += Array("\(FeedpubVersion.current)\u{0}\(code)".utf8)
        let hash = String(StableHash.contentHash(bytes), radix: 16)
        return String(repeating: "0", count: 16 - hash.count) + hash
    }
}

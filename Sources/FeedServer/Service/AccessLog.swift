import FeedpubSystem
import Logging

/// One line per request, through swift-log: method, path, status, body bytes, duration and user agent.
///
/// `GET /all/rss.xml 200 131072 0.41ms "NetNewsWire (RSS Reader; https://netnewswire.com/)"`. The path and the user
/// agent are the client's bytes: control characters, DEL, C1 and text-reordering characters are shown escaped
/// (`\n`, `\x1B`), and `"` and `\` as `\"` and `\\`, so that no request can forge or break a line.
struct AccessLog: Sendable {
    let logger: Logger?

    /// The line for one request.
    static func line(
        method: String,
        target: String,
        status: Int,
        bytes: Int,
        nanoseconds: Int64,
        userAgent: String?
    ) -> String {
        let milliseconds = Double(nanoseconds) / 1e6
        let duration = (milliseconds * 100).rounded() / 100
        let agent = userAgent.map { "\"" + quoted($0) + "\"" } ?? "-"
        return "\(quoted(method)) \(quoted(target)) \(status) \(bytes) \(duration)ms \(agent)"
    }

    private static func quoted(_ text: String) -> String {
        DisplayText.escaped(text.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\""))
    }

    func log(method: String, target: String, status: Int, bytes: Int, nanoseconds: Int64, userAgent: String?) {
        guard let logger else { return }
        logger.info(
            "\(Self.line(method: method, target: target, status: status, bytes: bytes, nanoseconds: nanoseconds, userAgent: userAgent))"
        )
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}

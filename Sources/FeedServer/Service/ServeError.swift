package import FeedpubSystem

/// Why `feedpub serve` cannot serve, as one line for a terminal.
package enum ServeError: Error, Sendable, CustomStringConvertible {
    /// The content folder or the configuration cannot be watched.
    case watch(SystemError)
    /// The address cannot be listened on.
    case listen(host: String, ports: [Int], reason: String)

    package var description: String {
        switch self {
        case .watch(let error): "watch: \(error)"
        case .listen(let host, let ports, let reason):
            "cannot listen on \(host) port \(ports.map(String.init).joined(separator: " or ")): \(reason)"
        }
    }
}

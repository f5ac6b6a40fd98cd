/// How many items a feed holds: all of them, or the newest few.
public enum FeedLimit: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Every item (the full history).
    case all
    /// The newest `count` items, by date (at least 1).
    case newest(Int)

    /// The limit a file or a command line writes as a number: `0` for all, `n > 0` for the newest `n`; `nil` for a
    /// negative number.
    public init?(count: Int) {
        switch count {
        case 0: self = .all
        case 1...: self = .newest(count)
        default: return nil
        }
    }

    /// The most items a feed holds (`Int.max` for all).
    public var maximum: Int {
        switch self {
        case .all: .max
        case .newest(let count): max(0, count)
        }
    }

    /// `all`, or the number.
    public var description: String {
        switch self {
        case .all: "all"
        case .newest(let count): String(count)
        }
    }
}

import CuratedContent
import LibXMLWriter

/// Why a build wrote nothing.
public enum PublishError: Error, Sendable, CustomStringConvertible {
    /// The configuration cannot be used.
    case configuration(ConfigurationError)
    /// The content folder cannot be read.
    case content(ContentFolderError)
    /// The output folder cannot be written (or is locked by another build).
    case output(OutputError)
    /// `--strict` and some items would be rejected.
    case strictRejected(count: Int)
    /// A writer failed on a feed (a bug: the model should never hold what a writer refuses).
    case render(path: String, reason: String)

    /// The message as a terminal shows it.
    public var description: String {
        switch self {
        case .configuration(let error): "\(error)"
        case .content(let error): "\(error)"
        case .output(let error): "\(error)"
        case .strictRejected(let count):
            "--strict: \(count) item(s) would be rejected (see the errors above); nothing was published"
        case .render(let path, let reason): "\(path): cannot be written: \(reason)"
        }
    }
}

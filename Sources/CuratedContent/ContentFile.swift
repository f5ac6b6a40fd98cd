/// A content file found by ``ContentScanner``.
public struct ContentFile: Sendable, Hashable, Codable {
    /// The path relative to the content folder, with `/` separators.
    public var path: String
    /// Its size in bytes when listed.
    public var size: Int64
    /// Its modification time when listed, in nanoseconds since the epoch.
    public var modified: Int64
    /// Why it is not read, when it is listed only to be reported (a symlink out of the folder).
    public var refusal: String?

    /// A listed file.
    public init(path: String, size: Int64, modified: Int64, refusal: String? = nil) {
        self.path = path
        self.size = size
        self.modified = modified
        self.refusal = refusal
    }
}

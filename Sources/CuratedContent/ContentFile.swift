/// An entry of a content folder, as ``ContentScanner`` lists it: a file to read, or one to report.
public struct ContentFile: Sendable, Hashable, Codable {
    /// What the listing found.
    public enum Kind: Sendable, Hashable, Codable {
        /// A content file, to read.
        case file
        /// Listed only to be reported as rejected, and why: a symbolic link out of the folder, an entry that cannot
        /// be examined, a folder that cannot be read.
        case refused(String)
        /// Listed only to be counted as skipped, and why: a FIFO, a socket or a device named `*.md`, a symbolic link
        /// to a folder.
        case skipped(String)
    }

    /// The path relative to the content folder, with `/` separators; bytes that are not UTF-8 are shown as `\xNN`.
    public var path: String
    /// Its size in bytes when listed.
    public var size: Int64
    /// Its modification time when listed, in nanoseconds since the epoch.
    public var modified: Int64
    /// Its status-change time when listed, in nanoseconds since the epoch.
    public var changed: Int64
    /// Its inode number when listed.
    public var inode: UInt64
    /// What few entries have — a name that is not UTF-8, a kind other than a file, a link's target — kept apart, so
    /// that the common entry is a path and four numbers (a build compares and copies 100,000 of them).
    private var unusual: Unusual?

    /// The path's bytes when they are not UTF-8 (``path`` then shows them escaped); `nil` otherwise.
    public var pathBytes: [UInt8]? {
        get { unusual?.pathBytes }
        set { unusual = Unusual.make(pathBytes: newValue, kind: kind, linkTarget: linkTarget) }
    }

    /// A file, or an entry listed only to be reported.
    public var kind: Kind {
        get { unusual?.kind ?? .file }
        set { unusual = Unusual.make(pathBytes: pathBytes, kind: newValue, linkTarget: linkTarget) }
    }

    /// For a symbolic link that stays inside the content folder, the path (relative to the folder) of the file it
    /// resolves to: the file is read from there, without following any link at read time.
    public var linkTarget: [UInt8]? {
        get { unusual?.linkTarget }
        set { unusual = Unusual.make(pathBytes: pathBytes, kind: kind, linkTarget: newValue) }
    }

    /// A listed entry.
    public init(
        path: String,
        pathBytes: [UInt8]? = nil,
        size: Int64,
        modified: Int64,
        changed: Int64 = 0,
        inode: UInt64 = 0,
        kind: Kind = .file,
        linkTarget: [UInt8]? = nil
    ) {
        self.path = path
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
        unusual = Unusual.make(pathBytes: pathBytes, kind: kind, linkTarget: linkTarget)
    }

    /// Whether `lhs` and `rhs` are the same entry with the same stamp.
    public static func == (lhs: ContentFile, rhs: ContentFile) -> Bool {
        guard lhs.size == rhs.size, lhs.modified == rhs.modified, lhs.changed == rhs.changed, lhs.inode == rhs.inode,
            lhs.path == rhs.path
        else { return false }
        switch (lhs.unusual, rhs.unusual) {
        case (nil, nil): return true
        case (let a?, let b?):
            return a === b || (a.pathBytes == b.pathBytes && a.kind == b.kind && a.linkTarget == b.linkTarget)
        default: return false
        }
    }

    /// Whether two listings are the same entries with the same stamps, in the same order (``==`` on each pair, done
    /// here where it is inlined: a build compares 100,000 pairs when nothing changed).
    package static func sameListing(_ lhs: [ContentFile], _ rhs: [ContentFile]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.withUnsafeBufferPointer { left in
            rhs.withUnsafeBufferPointer { right in
                for index in left.indices where !(left[index] == right[index]) { return false }
                return true
            }
        }
    }

    /// The indices where `lhs` and `rhs` (of the same count) differ, or where `lhs` was stamped at or after `moment`.
    ///
    /// In order; `nil` as soon as there are more than `limit`. Done here, where ``==`` is inlined, for the same
    /// reason as ``sameListing(_:_:)`` (and an element compared there is not copied).
    package static func indices(
        whereDiffering lhs: [ContentFile],
        _ rhs: [ContentFile],
        orStampedSince moment: Int64,
        limit: Int
    ) -> [Int]? {
        precondition(lhs.count == rhs.count, "listings of different counts")
        return lhs.withUnsafeBufferPointer { left in
            rhs.withUnsafeBufferPointer { right in
                var found: [Int] = []
                for index in left.indices
                where left[index].modified >= moment || left[index].changed >= moment || !(left[index] == right[index])
                {
                    found.append(index)
                    if found.count > limit { return nil }
                }
                return found
            }
        }
    }

    /// Hashes the path and the stamp.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(size)
        hasher.combine(modified)
        hasher.combine(changed)
        hasher.combine(inode)
        hasher.combine(pathBytes)
        hasher.combine(kind)
        hasher.combine(linkTarget)
    }

    private enum CodingKeys: String, CodingKey {
        case path, pathBytes, size, modified, changed, inode, kind, linkTarget
    }

    /// Decodes the fields ``encode(to:)`` writes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            path: try container.decode(String.self, forKey: .path),
            pathBytes: try container.decodeIfPresent([UInt8].self, forKey: .pathBytes),
            size: try container.decode(Int64.self, forKey: .size),
            modified: try container.decode(Int64.self, forKey: .modified),
            changed: try container.decodeIfPresent(Int64.self, forKey: .changed) ?? 0,
            inode: try container.decodeIfPresent(UInt64.self, forKey: .inode) ?? 0,
            kind: try container.decodeIfPresent(Kind.self, forKey: .kind) ?? .file,
            linkTarget: try container.decodeIfPresent([UInt8].self, forKey: .linkTarget)
        )
    }

    /// Encodes every field (the unusual ones only when present).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encodeIfPresent(pathBytes, forKey: .pathBytes)
        try container.encode(size, forKey: .size)
        try container.encode(modified, forKey: .modified)
        try container.encode(changed, forKey: .changed)
        try container.encode(inode, forKey: .inode)
        if kind != .file { try container.encode(kind, forKey: .kind) }
        try container.encodeIfPresent(linkTarget, forKey: .linkTarget)
    }

    /// The fields few entries have, shared by the copies of an entry (immutable).
    private final class Unusual: Sendable {
        let pathBytes: [UInt8]?
        let kind: Kind
        let linkTarget: [UInt8]?

        private init(pathBytes: [UInt8]?, kind: Kind, linkTarget: [UInt8]?) {
            self.pathBytes = pathBytes
            self.kind = kind
            self.linkTarget = linkTarget
        }

        /// `nil` for the common entry: a UTF-8 name, a file, not a link.
        static func make(pathBytes: [UInt8]?, kind: Kind, linkTarget: [UInt8]?) -> Unusual? {
            pathBytes == nil && kind == .file && linkTarget == nil
                ? nil : Unusual(pathBytes: pathBytes, kind: kind, linkTarget: linkTarget)
        }
    }

    /// An entry listed only to be reported.
    static func reported(_ path: String, bytes: [UInt8]? = nil, _ kind: Kind) -> ContentFile {
        ContentFile(path: path, pathBytes: bytes, size: 0, modified: 0, kind: kind)
    }

    /// The bytes to open the file with, relative to the content folder (for a link, its target's).
    public var fileSystemPath: [UInt8] { linkTarget ?? pathBytes ?? Array(path.utf8) }

    /// Why it is refused, when it is listed only to be reported as rejected.
    public var refusal: String? {
        if case .refused(let reason) = kind { return reason }
        return nil
    }
}

/// URL path segments that are safe to put in a page address as they are.
enum PathSegment {
    /// Letters, digits, `-`, `_`, `.`, `~`; not `.` or `..`; at most 200 bytes.
    static func isSafe(_ segment: String) -> Bool {
        guard !segment.isEmpty, segment != ".", segment != "..", segment.utf8.count <= 200 else { return false }
        return segment.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                return true
            default:
                return false
            }
        }
    }

    /// Whether `path` is `/` or `/a/b/`: safe segments, single slashes, slashes at both ends.
    static func isNormalizedPath(_ path: String) -> Bool {
        let bytes = path.utf8
        guard bytes.first == UInt8(ascii: "/"), bytes.last == UInt8(ascii: "/") else { return false }
        if bytes.count == 1 { return true }
        return path.dropFirst().dropLast().split(separator: "/", omittingEmptySubsequences: false)
            .allSatisfy { isSafe(String($0)) }
    }
}

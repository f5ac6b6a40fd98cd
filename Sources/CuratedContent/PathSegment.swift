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
}

/// Orders content ids the way people expect: `99` before `100`, numbers before words.
enum SourceIDOrder {
    /// Negative when `lhs` comes first, zero when equal, positive when `rhs` comes first.
    static func compare(_ lhs: String, _ rhs: String) -> Int {
        let lhsNumber = isNumber(lhs)
        let rhsNumber = isNumber(rhs)
        switch (lhsNumber, rhsNumber) {
        case (true, false): return -1
        case (false, true): return 1
        case (true, true):
            let a = lhs.drop { $0 == "0" }
            let b = rhs.drop { $0 == "0" }
            if a.utf8.count != b.utf8.count { return a.utf8.count < b.utf8.count ? -1 : 1 }
            return a < b ? -1 : (a == b ? 0 : 1)
        case (false, false):
            return lhs < rhs ? -1 : (lhs == rhs ? 0 : 1)
        }
    }

    private static func isNumber(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}

import Foundation

/// Compares output with a committed golden file; `RECORD_GOLDEN=1` writes the file instead.
public enum GoldenFile {
    /// Whether this run records golden files rather than checking them.
    public static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// `nil` when `bytes` equal `Tests/Fixtures/Golden/<name>` (or it was just recorded), else a description of
    /// the first difference.
    public static func mismatch(_ bytes: [UInt8], named name: String) throws -> String? {
        let url = Fixtures.folder.appendingPathComponent("Golden").appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(),
                withIntermediateDirectories: true
            )
            try Data(bytes).write(to: url)
            return nil
        }
        guard let expected = try? Data(contentsOf: url) else {
            return "no golden file \(url.path); run the tests with RECORD_GOLDEN=1 to record it"
        }
        return difference(Array(expected), bytes, label: name)
    }

    /// `nil` when equal, else where the two byte arrays first differ, with the lines there.
    public static func difference(_ expected: [UInt8], _ actual: [UInt8], label: String) -> String? {
        if expected == actual { return nil }
        let expectedLines = String(decoding: expected, as: UTF8.self).split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        let actualLines = String(decoding: actual, as: UTF8.self).split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        for index in 0..<max(expectedLines.count, actualLines.count) {
            let want = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let got = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            if want != got {
                return
                    "\(label): line \(index + 1) differs\n  expected: \(want.prefix(300))\n  actual:   \(got.prefix(300))"
            }
        }
        return "\(label): bytes differ"
    }
}

import FeedTestSupport
import FeedpubSystem
import Foundation
import Testing

/// Opening beneath a folder, never through a link, and text made safe for a terminal: the system layer's half of
/// issue 9 (cases 6, 7 and 11).
@Suite struct BeneathTests {
    func folder() throws -> (Directory, URL) {
        let url = try Fixtures.temporaryFolder("beneath")
        try FileManager.default.createDirectory(
            at: url.appendingPathComponent("in/sub"),
            withIntermediateDirectories: true
        )
        try Data("inside".utf8).write(to: url.appendingPathComponent("in/sub/file.md"))
        try Data("outside".utf8).write(to: url.appendingPathComponent("secret.md"))
        return (try Directory(url.appendingPathComponent("in").path), url)
    }

    @Test func openBeneathReadsAFileBeneathTheFolder() throws {
        let (top, _) = try folder()
        let file = try top.openBeneath(Array("sub/file.md".utf8), displayPath: "sub/file.md")
        #expect(try FileBytes.read(file) == Array("inside".utf8))
    }

    @Test(arguments: ["../secret.md", "/etc/hostname", "sub/../../secret.md", "link.md", "linked/file.md"])
    func openBeneathRefusesWhatLeavesTheFolderOrGoesThroughALink(_ path: String) throws {
        let (top, root) = try folder()
        let inside = root.appendingPathComponent("in")
        try FileManager.default.createSymbolicLink(
            atPath: inside.appendingPathComponent("link.md").path,
            withDestinationPath: "sub/file.md"  // even a link that stays inside
        )
        try FileManager.default.createSymbolicLink(
            atPath: inside.appendingPathComponent("linked").path,
            withDestinationPath: "sub"
        )
        #expect(throws: SystemError.self) { try top.openBeneath(Array(path.utf8), displayPath: path) }
    }

    @Test func openBeneathDoesNotHangOnAFIFOAndRefusesIt() throws {
        let (top, root) = try folder()
        let fifo = root.appendingPathComponent("in/pipe.md").path
        #expect(try ProcessRunner.run(URL(fileURLWithPath: "/usr/bin/mkfifo"), [fifo]).status == 0)
        #expect(throws: SystemError("open", path: top.path + "/pipe.md", errno: SystemError.notARegularFile)) {
            try top.openBeneath(Array("pipe.md".utf8), displayPath: "pipe.md")
        }
    }

    @Test func createFolderSaysWhetherItCreatedIt() throws {
        let (top, _) = try folder()
        #expect(try top.createFolder("new"))
        #expect(try !top.createFolder("new"))
        #expect(try !top.createFolder("sub"))
    }

    @Test(arguments: [
        ("plain name.md", "plain name.md"),
        ("evil\nerror: fake.md", "evil\\nerror: fake.md"),
        ("\u{1B}[2J.md", "\\x1B[2J.md"),
        ("tab\there\r", "tab\\there\\r"),
        ("del\u{7F} c1\u{85}", "del\\x7F c1\\x85"),
        ("rtl\u{202E}dm.exe", "rtl\\u{202E}dm.exe"),
        ("é ü 中文 🩺", "é ü 中文 🩺"),
    ])
    func escapedShowsControlAndReorderingCharactersAsEscapes(_ text: String, _ shown: String) {
        #expect(DisplayText.escaped(text) == shown)
        #expect(DisplayText.escaped(shown) == shown, "escaping twice changes nothing")
    }

    @Test(
        arguments: [
            ([0x61, 0x2E, 0x6D, 0x64], "a.md", true),
            ([0x6C, 0x61, 0x74, 0x69, 0x6E, 0x31, 0x2D, 0xE9, 0x2E, 0x6D, 0x64], "latin1-\\xE9.md", false),
            ([0x63, 0x61, 0x66, 0xC3, 0xA9], "café", true),
            ([0xC3, 0x28, 0xFF], "\\xC3(\\xFF", false),
            ([0xE2, 0x82], "\\xE2\\x82", false),
        ] as [([UInt8], String, Bool)]
    )
    func decodeShowsBytesThatAreNotUTF8AsHex(_ bytes: [UInt8], _ text: String, _ exact: Bool) {
        let decoded = bytes.withUnsafeBytes { DisplayText.decode($0) }
        #expect(decoded.text == text && decoded.exact == exact)
    }
}

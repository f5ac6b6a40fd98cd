import FeedTestSupport
import FeedpubSystem
import Foundation
import Testing

/// Reading, writing, listing and locking files: the system layer's calls, each failure with its errno.
@Suite struct FileTests {
    @Test func fileBytesReadsWholeFilesAndRefusesLargeOnes() throws {
        let folder = try Fixtures.temporaryFolder("system").path
        let bytes = (0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try Data(bytes).write(to: URL(fileURLWithPath: folder + "/data.md"))
        #expect(try FileBytes.read(folder + "/data.md") == bytes)
        #expect(throws: SystemError("read", path: folder + "/data.md", errno: SystemError.fileTooLarge)) {
            try FileBytes.read(folder + "/data.md", limit: 39_999)
        }
        #expect(throws: SystemError("open", path: folder + "/missing.md", errno: SystemError.noSuchFile)) {
            try FileBytes.read(folder + "/missing.md")
        }
    }

    @Test func errorsReadWithTheirCode() {
        let error = SystemError("rename", path: "out/all/rss.xml", errno: 1)
        #expect(error.description == "out/all/rss.xml: rename failed: Operation not permitted (errno 1)")
    }

    @Test func openFileWritesReadsAtOffsetsAndRefusesLinks() throws {
        let folder = try Fixtures.temporaryFolder("system").path
        let path = folder + "/a.bin"
        let file = try OpenFile(path, .creatingNew)
        try file.write(Array("hello, world".utf8))
        try file.sync()
        try file.close()
        #expect(throws: SystemError.self) { try OpenFile(path, .creatingNew) }
        let reader = try OpenFile(path, .reading(followingLinks: false))
        var buffer = [UInt8](repeating: 0, count: 5)
        let count = try buffer.withUnsafeMutableBytes { try reader.read(into: $0, at: 7) }
        #expect(count == 5 && buffer == Array("world".utf8))
        #expect(try reader.stamp().size == 12)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: path)
        #expect(throws: SystemError.self) { try OpenFile(folder + "/link", .reading(followingLinks: false)) }
        #expect(throws: SystemError.self) { try OpenFile(folder + "/link", .replacing) }
        #expect(try OpenFile(folder + "/link", .reading(followingLinks: true)).stamp().size == 12)
    }

    @Test func directoriesListNamesAndLookThemUpWithoutFollowingLinks() throws {
        let folder = try Fixtures.temporaryFolder("system").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/b.md"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/.hidden"))
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: folder + "/link", withDestinationPath: folder + "/sub")
        let directory = try Directory(folder)
        #expect(try directory.entries().map(\.name).sorted() == ["b.md", "link", "sub"])
        #expect(try directory.entries(includeHidden: true).map(\.name).sorted() == [".hidden", "b.md", "link", "sub"])
        #expect(directory.status(of: "b.md")?.kind == .regular)
        #expect(directory.status(of: "sub")?.kind == .folder)
        #expect(directory.status(of: "link")?.kind == .symbolicLink)
        #expect(directory.status(of: "missing") == nil)
        #expect(Directory.names(in: folder + "/missing").isEmpty)
        #expect(throws: SystemError.self) { try Directory(folder + "/b.md") }
    }

    @Test func aLockIsHeldUntilReleasedAndNamesItsHolder() throws {
        let path = try Fixtures.temporaryFolder("system").path + "/lock"
        var first: FileLock? = try FileLock(path: path, wait: false)
        #expect(throws: FileLock.Failure.held(by: "pid \(RunningProcess.id)")) { try FileLock(path: path, wait: false) }
        withExtendedLifetime(first) {}
        first = nil
        #expect(throws: Never.self) { _ = try FileLock(path: path, wait: false) }
    }

    @Test func theCodeIdentityIsTheProgramsBuildID() {
        #expect(RunningProcess.codeIdentity.hasPrefix("build-id:"))
        #expect(RunningProcess.codeIdentity.count > "build-id:".count + 16)
        #expect(RunningProcess.codeIdentity == RunningProcess.codeIdentity)
        #expect(RunningProcess.processorCount >= 1)
    }
}

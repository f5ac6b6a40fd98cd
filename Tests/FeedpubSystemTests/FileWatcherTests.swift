import FeedTestSupport
import FeedpubSystem
import Foundation
import Testing

/// inotify through ``FileWatcher``: changes in a tree (new folders watched as they come), a single file through its
/// folder, hidden names and backups ignored.
@Suite struct FileWatcherTests {
    /// Writes `text` at `path` (relative to `folder`).
    func write(_ text: String, _ path: String, in folder: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: folder + "/" + path))
    }

    @Test func aTreeSeesWritesInEveryFolderAndInFoldersMadeLater() throws {
        let root = try Fixtures.temporaryFolder("watch").path
        try FileManager.default.createDirectory(atPath: root + "/a/b", withIntermediateDirectories: true)
        let watcher = try FileWatcher()
        try watcher.watchTree(root)
        #expect(try !watcher.wait(milliseconds: 0))
        try write("x", "a/b/item.md", in: root)
        #expect(try watcher.wait(milliseconds: 2000))
        #expect(try !watcher.wait(milliseconds: 0))  // every event was read
        try FileManager.default.createDirectory(atPath: root + "/new", withIntermediateDirectories: true)
        #expect(try watcher.wait(milliseconds: 2000))
        try write("y", "new/item.md", in: root)
        #expect(try watcher.wait(milliseconds: 2000))
        try write("swap", "a/.item.md.swp", in: root)
        try write("backup", "a/item.md~", in: root)
        #expect(try !watcher.wait(milliseconds: 200))
        try FileManager.default.removeItem(atPath: root + "/a/b/item.md")
        #expect(try watcher.wait(milliseconds: 2000))
        try watcher.close()
    }

    @Test func aFileIsSeenWhenWrittenOrReplacedAndItsNeighboursAreNot() throws {
        let root = try Fixtures.temporaryFolder("watch").path
        try write("site: {}", "feedpub.yml", in: root)
        let watcher = try FileWatcher()
        try watcher.watchFile(root + "/feedpub.yml")
        try write("other", "notes.txt", in: root)
        #expect(try !watcher.wait(milliseconds: 200))
        try write("site: {title: x}", "feedpub.yml", in: root)
        #expect(try watcher.wait(milliseconds: 2000))
        // An editor's save: a new file renamed over the old one.
        try write("site: {title: y}", "feedpub.yml.new", in: root)
        #expect(try !watcher.wait(milliseconds: 100))
        #expect(rename(root + "/feedpub.yml.new", root + "/feedpub.yml") == 0)
        #expect(try watcher.wait(milliseconds: 2000))
    }

    @Test func changesNameTheirPathsAndAFileIsChangedWhenClosed() throws {
        let root = try Fixtures.temporaryFolder("watch").path
        try FileManager.default.createDirectory(atPath: root + "/sub", withIntermediateDirectories: true)
        try write("old", "sub/item.md", in: root)
        let watcher = try FileWatcher()
        try watcher.watchTree(root)
        // Open for writing and written, not closed: not a change yet (a build would read it half-written).
        let handle = try #require(FileHandle(forWritingAtPath: root + "/sub/item.md"))
        try handle.write(contentsOf: Data("new text".utf8))
        #expect(try watcher.changes(waiting: 200).isEmpty)
        try handle.close()
        var changes = try watcher.changes(waiting: 2000)
        #expect(changes.paths == ["sub/item.md"] && !changes.unknown)
        // A link is a change when made; a renamed file names both paths.
        #expect(symlink("sub/item.md", root + "/link.md") == 0)
        #expect(try watcher.changes(waiting: 2000).paths == ["link.md"])
        #expect(rename(root + "/sub/item.md", root + "/moved.md") == 0)
        changes = try watcher.changes(waiting: 2000)
        usleep(50_000)
        changes.paths.formUnion(try watcher.changes(waiting: 0).paths)
        #expect(changes.paths == ["sub/item.md", "moved.md"])
        // A folder made or removed is a change a scan must find.
        try FileManager.default.createDirectory(atPath: root + "/new", withIntermediateDirectories: true)
        #expect(try watcher.changes(waiting: 2000).unknown)
        try FileManager.default.removeItem(atPath: root + "/sub")
        #expect(try watcher.changes(waiting: 2000).unknown)
    }

    @Test func aMissingFolderIsAnErrorNamingIt() throws {
        let watcher = try FileWatcher()
        #expect(throws: SystemError.self) { try watcher.watchTree("/nonexistent/feedpub-watch") }
    }
}

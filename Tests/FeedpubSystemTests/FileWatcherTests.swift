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

    @Test func aMissingFolderIsAnErrorNamingIt() throws {
        let watcher = try FileWatcher()
        #expect(throws: SystemError.self) { try watcher.watchTree("/nonexistent/feedpub-watch") }
    }
}

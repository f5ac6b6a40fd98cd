import FeedTestSupport
import FeedpubSystem
import Foundation
import Testing

@testable import CuratedContent

/// `ContentScanner.patch`: a listing brought up to date from the paths that changed is the listing a new scan makes.
@Suite("Content scanner patch")
struct ContentScannerPatchTests {
    private let item = ContentDocument.sample.text

    /// What a change did to the folder: the paths a watcher names for it.
    private struct Change {
        var paths: Set<String>
    }

    /// One random change to `folder` (files only, except where it makes a folder).
    private func change(
        _ folder: TemporaryFolder,
        outside: TemporaryFolder,
        using random: inout SplitMix
    ) throws -> Change {
        let names = ["a.md", "b.md", "z.md", "sub/c.md", "sub/d.md", "é.md", "sub/deeper/e.md"]
        let name = names.randomElement(using: &random)!
        let path = folder.url.appendingPathComponent(name).path
        let manager = FileManager.default
        var isFolder: ObjCBool = false
        if manager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            // A folder removed: a watcher names it (its files are then dropped from the listing).
            try manager.removeItem(atPath: path)
            return Change(paths: [name])
        }
        switch Int.random(in: 0..<10, using: &random) {
        case 0, 1, 2:
            // Not through a link (a watcher names the file written, the link's target).
            if (try? manager.destinationOfSymbolicLink(atPath: path)) != nil { try manager.removeItem(atPath: path) }
            try folder.write(name, item + String(repeating: "x", count: Int.random(in: 0..<50, using: &random)))
        case 3:
            try? manager.removeItem(atPath: path)
        case 4:
            let target = names.randomElement(using: &random)!
            let moved = folder.url.appendingPathComponent(target).path
            guard manager.fileExists(atPath: path), target != name else { return Change(paths: []) }
            try? manager.removeItem(atPath: moved)
            try manager.createDirectory(
                atPath: (moved as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            try manager.moveItem(atPath: path, toPath: moved)
            return Change(paths: [name, target])
        case 5:
            try? manager.removeItem(atPath: path)
            try manager.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true
            )
            let targets = [outside.url.appendingPathComponent("secret.md").path, "missing.md", "/etc/hostname"]
            try folder.link(name, to: targets.randomElement(using: &random)!)
        case 6:
            try folder.write(name.replacingOccurrences(of: ".md", with: ".txt"), "notes")
            return Change(paths: [name.replacingOccurrences(of: ".md", with: ".txt")])
        case 7:
            try folder.write(".hidden.md", item)
            return Change(paths: [".hidden.md"])
        case 8:
            // A folder where a file was.
            try? manager.removeItem(atPath: path)
            try folder.write(name + "/inner.md", item)
        default:
            try? manager.removeItem(atPath: path)
            try folder.link(name, to: folder.url.appendingPathComponent("a.md").path)
        }
        return Change(paths: [name])
    }

    @Test func patchedListingIsTheScannedOne() throws {
        var random = SplitMix(seed: 12)
        for round in 0..<40 {
            let folder = try TemporaryFolder("feedpub-cc-patch")
            let outside = try TemporaryFolder("feedpub-cc-patch-outside")
            try outside.write("secret.md", item)
            try folder.write("a.md", item)
            try folder.write("sub/c.md", item)
            try folder.write("sub/deeper/keep.md", item)
            let scanner = ContentScanner(root: folder.path)
            let top = try scanner.open()
            var listing = try scanner.scan(top)
            for _ in 0..<6 {
                var changed: Set<String> = []
                for _ in 0...Int.random(in: 0..<3, using: &random) {
                    changed.formUnion(try change(folder, outside: outside, using: &random).paths)
                }
                // A folder where a changed name is: a watcher says the change is unknown; a patch asks for a scan.
                let needsScan = changed.contains { path in
                    var isFolder: ObjCBool = false
                    let full = folder.url.appendingPathComponent(path).path
                    return FileManager.default.fileExists(atPath: full, isDirectory: &isFolder) && isFolder.boolValue
                        && (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) == nil
                }
                let scanned = try scanner.scan(top)
                guard let patched = try scanner.patch(listing, changed: changed, in: top) else {
                    #expect(needsScan, "round \(round): a patch of \(changed.sorted()) asked for a scan")
                    listing = scanned
                    continue
                }
                #expect(!needsScan, "round \(round): a folder made where \(changed.sorted()) was went unnoticed")
                let differing = zip(patched, scanned).filter { !($0 == $1) }.map { "\($0.path): \($0.size) \($1.size)" }
                #expect(
                    patched == scanned,
                    "round \(round), changed \(changed.sorted()): \(patched.count) \(scanned.count) \(differing)"
                )
                #expect(patched.map(\.kind) == scanned.map(\.kind))
                #expect(patched.map(\.linkTarget) == scanned.map(\.linkTarget))
                listing = patched
            }
        }
    }

    @Test func pathsThatCannotBeChangesAskForAScan() throws {
        let folder = try TemporaryFolder("feedpub-cc-patch")
        try folder.write("a.md", item)
        let scanner = ContentScanner(root: folder.path)
        let top = try scanner.open()
        let listing = try scanner.scan(top)
        for path in ["", "../a.md", "sub//a.md", "/etc/passwd"] {
            #expect(try scanner.patch(listing, changed: [path], in: top) == nil, "\(path)")
        }
        // A name in a hidden folder is never listed, and changes nothing.
        try folder.write(".git/x.md", item)
        #expect(try scanner.patch(listing, changed: [".git/x.md"], in: top) == listing)
    }

    /// The candidates a build with the last outcomes reads again: entries that differ, and entries stamped at or after
    /// the moment (racily clean); none past the limit.
    @Test func theEntriesDifferingOrStampedSinceAreFound() {
        let old = (0..<6).map {
            ContentFile(path: "\($0).md", size: 10, modified: 100, changed: 100, inode: UInt64($0))
        }
        var new = old
        new[1].size = 11
        new[4].modified = 500
        new[5].path = "5b.md"
        #expect(ContentFile.indices(whereDiffering: new, old, orStampedSince: 400, limit: 10) == [1, 4, 5])
        #expect(ContentFile.indices(whereDiffering: new, old, orStampedSince: 100, limit: 10) == [0, 1, 2, 3, 4, 5])
        #expect(ContentFile.indices(whereDiffering: new, old, orStampedSince: 400, limit: 2) == nil)
        #expect(ContentFile.indices(whereDiffering: old, old, orStampedSince: 400, limit: 0) == [])
    }
}

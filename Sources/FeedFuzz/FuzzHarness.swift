@_spi(Benchmarks) import CuratedContent
import FeedModel
import FeedWriters
import FeedpubSystem
import Foundation
import LibXML

/// What one fuzz input must satisfy: any bytes, read as a content file and published in every format, give a
/// sane outcome and well-formed feeds; and wherever the exporter-subset YAML reader answers, libyaml agrees.
enum FuzzHarness {
    static let reader = ItemReader(settings: ContentSettings(siteURL: "https://example.org"))
    static let settings: FeedSettings = {
        var settings = FeedSettings(siteTitle: "Fuzz & <Co>", siteURL: "https://example.org")
        settings.limit = .all
        return settings
    }()

    /// `nil` when `bytes` pass, else what went wrong.
    static func check(_ bytes: [UInt8]) -> String? {
        if let disagreement = ReaderStages.exporterDisagreement(bytes) { return disagreement }
        let outcome = reader.read(path: "fuzz.md", bytes: bytes)
        let errors = outcome.issues.filter { $0.severity == .error }
        if (outcome.item == nil) != !errors.isEmpty { return "rejected ⇔ has errors is broken: \(outcome.issues)" }
        if let issue = outcome.issues.first(where: { $0.path != "fuzz.md" || $0.field.isEmpty }) {
            return "issue without path or field: \(issue)"
        }
        guard let item = outcome.item else { return nil }
        if item.title.isEmpty { return "published an item without a title" }
        if let html = item.contentHTML, let problem = activeMarkup(in: html) { return "content: \(problem)" }
        let feeds = FeedSetBuilder(settings: settings).build([item])
        for feed in feeds.all {
            let folders = settings.layout.folders(of: feed.location)
            guard settings.layout.location(ofFolders: folders) == feed.location, folders.allSatisfy(Self.isSafeFolder)
            else {
                return "feed location \(feed.location) is not a safe output path"
            }
            for format in FeedFormat.allCases {
                let output: [UInt8]
                do {
                    output = try format.render(feed)
                } catch {
                    return "\(format) writer failed on \(feed.location): \(error)"
                }
                if let problem = problem(in: output, format: format) { return "\(feed.location) \(format): \(problem)" }
            }
        }
        do {
            let opml = try OPMLWriter(format: .rss).render(feeds, title: item.title, owner: Person(name: item.title))
            if let problem = XMLWellFormedness.problem(in: opml) { return "OPML: \(problem)" }
        } catch {
            return "OPML writer failed: \(error)"
        }
        return nil
    }

    /// What a published body must never hold, parsed as a reader would: script-bearing elements, event handlers,
    /// styles, comments, URLs with a scheme other than http(s), mailto and tel.
    static func activeMarkup(in html: String) -> String? {
        guard let fragment = try? HTMLFragment.parse(html) else { return "does not parse" }
        guard fragment.complete else { return "the HTML parser gives up on it" }
        var queue = fragment.nodes
        while let node = queue.popLast() {
            switch node {
            case .comment, .other: return "a comment or processing instruction"
            case .text: continue
            case .element(let element):
                let forbidden: Set = ["script", "style", "iframe", "object", "embed", "svg", "math", "form", "base"]
                if forbidden.contains(element.name) { return "<\(element.name)>" }
                for attribute in element.attributes {
                    if attribute.name.hasPrefix("on") || attribute.name == "style" { return "\(attribute.name)=" }
                    let squeezed = attribute.value.unicodeScalars.filter { $0.value > 0x20 }.map(String.init)
                        .joined().lowercased()
                    guard ["href", "src", "srcset", "cite", "poster"].contains(attribute.name) else { continue }
                    for url in squeezed.split(separator: ",") {
                        for scheme in ["javascript:", "vbscript:", "data:"] where url.hasPrefix(scheme) {
                            return "\(scheme) in \(attribute.name)="
                        }
                    }
                }
                queue += element.children
            }
        }
        return nil
    }

    /// A folder name that cannot leave the output folder or clash on any file system.
    private static func isSafeFolder(_ name: String) -> Bool {
        !name.isEmpty && name.count <= Slug.maximumLength
            && name.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    private static func problem(in output: [UInt8], format: FeedFormat) -> String? {
        switch format {
        case .rss, .atom:
            return XMLWellFormedness.problem(in: output)
        case .json:
            guard let object = try? JSONSerialization.jsonObject(with: Data(output)) else { return "not valid JSON" }
            return forbiddenCharacter(in: object)
        }
    }

    private static func forbiddenCharacter(in value: Any) -> String? {
        switch value {
        case let text as String:
            return XMLCharacters.allAllowed(text) ? nil : "a JSON string holds a character XML forbids"
        case let array as [Any]:
            return array.lazy.compactMap(forbiddenCharacter).first
        case let object as [String: Any]:
            return object.lazy.compactMap { forbiddenCharacter(in: $0.key) ?? forbiddenCharacter(in: $0.value) }.first
        default:
            return nil
        }
    }
}

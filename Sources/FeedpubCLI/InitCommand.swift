import ArgumentParser
import FeedpubSystem
import Foundation

/// `feedpub init [DIR]`: a new site folder — a commented `feedpub.yml` and an empty content folder.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a site folder: a commented feedpub.yml (every key, its default) and an empty content/.",
        discussion: "Refuses to overwrite an existing feedpub.yml (exit 1)."
    )

    @Argument(help: ArgumentHelp("The site folder (created when missing).", valueName: "dir"))
    var folder = "."

    func run() throws {
        let console = Console.current
        let file = folder + "/feedpub.yml"
        if FileSystem.kind(of: file) != nil {
            console.printError("feedpub: error: \(file): already there; nothing written")
            throw ExitStatus.fatal
        }
        do {
            try FileManager.default.createDirectory(
                atPath: folder + "/content",
                withIntermediateDirectories: true
            )
            try Data(SiteTemplate.text.utf8).write(to: URL(fileURLWithPath: file), options: .withoutOverwriting)
        } catch {
            console.printError("feedpub: error: \(folder): cannot be set up: \(error.localizedDescription)")
            throw ExitStatus.fatal
        }
        console.print("feedpub: wrote \(file) and \(folder)/content/; set site.url and site.title, then feedpub build")
    }
}

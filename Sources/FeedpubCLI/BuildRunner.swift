import ArgumentParser
import CuratedContent
import FeedModel
import FeedPublisher
import Foundation

/// Runs a build or check for the command line: messages, progress, report, exit status.
struct BuildRunner {
    let common: CommonOptions
    let output: String
    let checkOnly: Bool
    let wait: Bool
    let durable: Bool
    let console = Console.current

    /// Warnings shown without `--verbose`.
    static let warningLimit = 20

    /// Builds; returns for exit status 0, else throws the ``ExitStatus``.
    func run() throws(ExitCode) {
        let configuration: PublishConfiguration
        do {
            configuration = try common.configuration()
        } catch {
            throw fail("\(error)")
        }
        var options = BuildOptions(contentFolder: common.content, outputFolder: output, configuration: configuration)
        options.strict = common.strict
        options.checkOnly = checkOnly
        options.waitForLock = wait
        options.durable = durable
        options.wantsFilesWhenUnchanged = common.report != nil

        let progress = common.quiet ? nil : ProgressLine.ifTerminal(console)
        let result: BuildResult
        do {
            result = try Publisher(options: options).run(progress: progress?.callback) { message in
                console.printError("feedpub: \(message)")
            }
            progress?.clear()
        } catch {
            progress?.clear()
            if case .strictRejected(let files) = error.reason { printIssues(files.flatMap(\.issues)) }
            throw fail("\(error)")
        }
        var fresh: [ContentIssue] = []
        var earlierWarnings = 0
        for file in result.files where !file.issues.isEmpty {
            if file.wasRead {
                fresh += file.issues
            } else {
                // Errors are repeated (the item is still not published); warnings were reported when read.
                fresh += file.issues.filter { $0.severity == .error }
                earlierWarnings += file.issues.count { $0.severity == .warning }
            }
        }
        printIssues(fresh)
        if earlierWarnings > 0 && !common.quiet {
            console.printError(
                "feedpub: \(earlierWarnings) warning(s) in files unchanged since the last build not repeated "
                    + "(--report FILE lists all)"
            )
        }
        if let reportPath = common.report { writeReport(result, options: options, to: reportPath) }
        if !common.quiet || result.summary.changedOutput || result.summary.rejected > 0 {
            console.print(result.summary.line)
        }
        if result.summary.rejected > 0 { throw ExitStatus.rejectedItems }
    }

    private func printIssues(_ issues: [ContentIssue]) {
        var warnings = 0
        for issue in issues {
            let located = locate(issue)
            switch issue.severity {
            case .error:
                console.printError("error: \(located)")
            case .warning:
                warnings += 1
                if !common.quiet && (common.verbose || warnings <= Self.warningLimit) {
                    console.printError("warning: \(located)")
                }
            }
        }
        if !common.quiet && !common.verbose && warnings > Self.warningLimit {
            let more = warnings - Self.warningLimit
            console.printError(
                "feedpub: \(more) more warning(s) not shown (--verbose shows all; --report FILE lists all)"
            )
        }
    }

    /// The issue with its path inside the content folder, so that editors and terminals can open the line.
    private func locate(_ issue: ContentIssue) -> String {
        var copy = issue
        copy.path = common.content.hasSuffix("/") ? common.content + issue.path : common.content + "/" + issue.path
        return copy.description
    }

    private func writeReport(_ result: BuildResult, options: BuildOptions, to path: String) {
        do {
            let data = try BuildReport(result: result, options: options, version: FeedpubVersion.current).json()
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            console.printError("feedpub: cannot write the report \(path): \(error)")
        }
    }

    /// Prints `message` as an error; the fatal status to throw.
    private func fail(_ message: String) -> ExitCode {
        console.printError("feedpub: error: \(message)")
        return ExitStatus.fatal
    }
}

import ArgumentParser
import CuratedContent
import FeedModel
import FeedPublisher
import FeedpubSystem
import Foundation

/// Runs a build or check for the command line: messages, progress, report, exit status.
struct BuildRunner {
    let common: CommonOptions
    /// `--out`; `nil`: `feeds.folder`, else `public/feeds`.
    let output: String?
    let checkOnly: Bool
    let wait: Bool
    let durable: Bool
    let removal: Removal
    let console = Console.current

    /// How much a build may remove (`--max-remove`, `--allow-removal`).
    struct Removal {
        var maximumShare = BuildOptions.defaultMaximumRemovedShare
        var allowed = false
    }

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
        let content = common.contentFolder(configuration)
        var options = BuildOptions(
            contentFolder: content,
            outputFolder: output ?? configuration.outputFolder ?? "public/feeds",
            configuration: configuration
        )
        options.strict = common.strict
        do {
            options.now = try common.buildNow()
        } catch {
            throw fail("\(error)")
        }
        options.checkOnly = checkOnly
        options.waitForLock = wait
        options.durable = durable
        options.wantsFilesWhenUnchanged = common.report != nil
        options.listsEveryFile = false  // what it prints and reports: files with issues, due or withheld
        options.maximumRemovedShare = removal.maximumShare
        options.allowsRemoval = removal.allowed
        // SIGINT, SIGTERM and SIGHUP stop the build at its next safe point (a second one stops the process at once).
        Signals.trap()
        defer { Signals.release() }
        options.stopRequest = { Signals.pending }

        let progress = common.quiet ? nil : ProgressLine.ifTerminal(console)
        let result: BuildResult
        do {
            result = try Publisher(options: options).run(progress: progress?.callback) { message in
                console.printError("feedpub: \(message)")
            }
            progress?.clear()
        } catch {
            progress?.clear()
            switch error.reason {
            case .strictRejected(let files): printIssues(files.flatMap(\.issues), in: content)
            case .removalRefused(let refusal): printIssues(refusal.files.flatMap(\.issues), in: content)
            default: break
            }
            console.printError("feedpub: error: \(error)")
            switch error.reason {
            case .interrupted(let signal): throw ExitStatus.stopped(by: signal)
            case .commitIncomplete, .stateNotSaved: throw ExitStatus.incomplete
            default: throw ExitStatus.fatal
            }
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
        // --quiet (for cron): nothing at all when no file changed — the problems are then the last run's, already
        // said — and everything otherwise, so that a mail comes exactly when something happened.
        let silent = common.quiet && result.inputsUnchanged
        if !silent { printIssues(fresh, in: content) }
        if earlierWarnings > 0 && !silent {
            console.printError(
                "feedpub: \(earlierWarnings) warning(s) in files unchanged since the last build not repeated "
                    + "(--report FILE lists all)"
            )
        }
        if let reportPath = common.report { writeReport(result, options: options, to: reportPath) }
        if !silent { console.print(result.summary.line) }
        let rejected = result.summary.rejected
        // The records of every file (100,000 of them) are not freed on the way out: 75 ms of an edit's rebuild at
        // 100,000 items (Benchmarks/run, "one item edited"), measured between the summary line and exit_group.
        Release.inBackground(consume result)
        if let signal = Signals.pending {
            console.printError(
                "feedpub: \(Signals.name(signal)) arrived after the last point where the build could stop (renaming the "
                    + "feeds into place, or done); the build was completed first"
            )
            throw ExitStatus.stopped(by: signal)
        }
        if rejected > 0 { throw ExitStatus.rejectedItems }
    }

    private func printIssues(_ issues: [ContentIssue], in content: String) {
        var warnings = 0
        for issue in issues {
            let located = locate(issue, in: content)
            switch issue.severity {
            case .error:
                console.printError("error: \(located)")
            case .warning:
                warnings += 1
                if common.verbose || warnings <= Self.warningLimit {
                    console.printError("warning: \(located)")
                }
            }
        }
        if !common.verbose && warnings > Self.warningLimit {
            let more = warnings - Self.warningLimit
            console.printError(
                "feedpub: \(more) more warning(s) not shown (--verbose shows all; --report FILE lists all)"
            )
        }
    }

    /// The issue with its path inside the content folder, so that editors and terminals can open the line.
    private func locate(_ issue: ContentIssue, in content: String) -> String {
        var copy = issue
        copy.path = content.hasSuffix("/") ? content + issue.path : content + "/" + issue.path
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

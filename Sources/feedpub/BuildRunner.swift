import ArgumentParser
import CuratedContent
import FeedModel
import FeedPublisher
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a build or check for the command line: messages, progress, report, exit status.
struct BuildRunner {
    let common: CommonOptions
    let output: String
    let checkOnly: Bool
    let wait: Bool
    let durable: Bool

    /// Warnings shown without `--verbose`.
    static let warningLimit = 20

    func run() throws {
        let configuration: PublishConfiguration
        do {
            configuration = try common.configuration()
        } catch {
            fail("\(error)")
        }
        var options = BuildOptions(contentFolder: common.content, outputFolder: output, configuration: configuration)
        options.strict = common.strict
        options.checkOnly = checkOnly
        options.waitForLock = wait
        options.durable = durable
        options.wantsOutcomesWhenUnchanged = common.report != nil

        let progress = common.quiet ? nil : ProgressLine.ifTerminal()
        let result: BuildResult
        do {
            result = try Publisher(options: options).run(progress: progress?.callback) { message in
                printError("feedpub: \(message)")
            }
            progress?.clear()
        } catch {
            progress?.clear()
            if case .strictRejected = error, let outcomes = try? strictOutcomes(options) {
                printIssues(outcomes.flatMap(\.issues))
            }
            fail("\(error)")
        }
        var fresh: [ContentIssue] = []
        var earlierWarnings = 0
        for (outcome, wasRead) in zip(result.outcomes, result.read) where !outcome.issues.isEmpty {
            if wasRead {
                fresh += outcome.issues
            } else {
                // Errors are repeated (the item is still not published); warnings were reported when read.
                fresh += outcome.issues.filter { $0.severity == .error }
                earlierWarnings += outcome.issues.count { $0.severity == .warning }
            }
        }
        printIssues(fresh)
        if earlierWarnings > 0 && !common.quiet {
            printError(
                "feedpub: \(earlierWarnings) warning(s) in files unchanged since the last build not repeated (--report FILE lists all)"
            )
        }
        if let reportPath = common.report { writeReport(result, options: options, to: reportPath) }
        if !common.quiet || result.summary.changedOutput || result.summary.rejected > 0 {
            print(result.summary.line)
        }
        // Exit here: tearing down 100,000 items would only cost time.
        fflush(nil)
        Foundation.exit(result.summary.rejected > 0 ? ExitStatus.rejectedItems.rawValue : ExitStatus.success.rawValue)
    }

    /// Under `--strict` the build stops before reporting; read again without it to show why.
    private func strictOutcomes(_ options: BuildOptions) throws -> [ReadOutcome] {
        var check = options
        check.strict = false
        check.checkOnly = true
        return try Publisher(options: check).run().outcomes
    }

    private func printIssues(_ issues: [ContentIssue]) {
        var warnings = 0
        for issue in issues {
            let located = locate(issue)
            switch issue.severity {
            case .error:
                printError("error: \(located)")
            case .warning:
                warnings += 1
                if !common.quiet && (common.verbose || warnings <= Self.warningLimit) {
                    printError("warning: \(located)")
                }
            }
        }
        if !common.quiet && !common.verbose && warnings > Self.warningLimit {
            let more = warnings - Self.warningLimit
            printError("feedpub: \(more) more warning(s) not shown (--verbose shows all; --report FILE lists all)")
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
            printError("feedpub: cannot write the report \(path): \(error)")
        }
    }

    private func fail(_ message: String) -> Never {
        printError("feedpub: error: \(message)")
        Foundation.exit(ExitStatus.fatal.rawValue)
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

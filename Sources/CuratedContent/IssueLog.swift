/// Collects the issues of one file as it is read.
struct IssueLog {
    /// The file, relative to the content folder.
    let path: String
    /// What was found, in the order found.
    private(set) var issues: [ContentIssue] = []

    init(path: String) {
        self.path = path
    }

    /// Whether an error (a rejection) has been logged.
    var hasErrors: Bool { issues.contains { $0.severity == .error } }

    /// Records a repair.
    mutating func warn(_ field: String, line: Int?, _ message: String) {
        issues.append(ContentIssue(path: path, line: line, field: field, message: message, severity: .warning))
    }

    /// Records a reason to reject the item.
    mutating func reject(_ field: String, line: Int?, _ message: String) {
        issues.append(ContentIssue(path: path, line: line, field: field, message: message, severity: .error))
    }
}

import Yams

/// Reads a front matter with Yams, the full YAML parser: the fallback for what ``FastYAMLReader`` leaves to it.
///
/// Gives the same ``YAMLValue``s the fast path gives for the same text, and also applies merge keys (`<<`) and
/// explicit tags. Conversion is bounded: an alias bomb stops at ``maximumNodes`` instead of expanding.
struct YamsYAMLReader {
    /// The most nodes converted (every alias counts again here, since Yams has expanded it).
    var maximumNodes = 100_000

    /// Resolves only what changes meaning for feedpub: null and merge keys; every other scalar stays a string.
    private static let resolver = Resolver.basic.appending(.null).appending(.merge)
    private static let nullTag = Tag.Name.null.rawValue
    private static let mergeTag = Tag.Name.merge.rawValue

    /// The document's root, or `nil` for an empty document.
    func read(_ text: String) throws(YAMLProblem) -> YAMLValue? {
        let node: Node?
        do {
            node = try Parser(yaml: text, resolver: Self.resolver, encoding: .utf8).singleRoot()
        } catch let error as YamlError {
            throw Self.problem(error)
        } catch {
            throw .syntax(message: "\(error)", line: 1, column: 1)
        }
        guard let node else { return nil }
        var budget = maximumNodes
        return try convert(node, budget: &budget)
    }

    private func convert(_ node: Node, budget: inout Int) throws(YAMLProblem) -> YAMLValue {
        budget -= 1
        let line = node.mark?.line ?? 1
        guard budget >= 0 else { throw .tooLarge("more than \(maximumNodes) nodes", line: line) }
        switch node {
        case .scalar(let scalar):
            // `plain` is how the text was written, as the fast reader reports it; a plain text that reads as null
            // but is tagged otherwise (`!!str null`) is reported as quoted so that it stays a string. The tag is
            // the node's resolved one: `scalar.tag` stays unresolved until something resolves it.
            let readsAsNull = YAMLValue.scalar(scalar.string, plain: true, line: line).isNull
            let plain = scalar.style == .plain && (!readsAsNull || node.tag.rawValue == Self.nullTag)
            return .scalar(scalar.string, plain: plain, line: line)
        case .alias(let alias):
            throw .syntax(message: "unresolved alias *\(alias.anchor.rawValue)", line: line, column: 1)
        case .sequence(let sequence):
            var items: [YAMLValue] = []
            for element in sequence { items.append(try convert(element, budget: &budget)) }
            return .sequence(items, line: line)
        case .mapping(let mapping):
            var merged: [YAMLEntry] = []
            var own: [YAMLEntry] = []
            for (key, value) in mapping {
                guard case .scalar(let keyScalar) = key else {
                    throw .unsupported("a mapping key that is not text", line: key.mark?.line ?? line)
                }
                if keyScalar.string == "<<" && key.tag.rawValue == Self.mergeTag {
                    merged += try mergeEntries(value, budget: &budget)
                } else {
                    let entry = YAMLEntry(
                        key: keyScalar.string,
                        line: key.mark?.line ?? line,
                        value: try convert(value, budget: &budget)
                    )
                    own.append(entry)
                }
            }
            // Explicit keys win over merged ones: lookups take the last entry with a key.
            return .mapping(merged + own, line: line)
        }
    }

    private func mergeEntries(_ value: Node, budget: inout Int) throws(YAMLProblem) -> [YAMLEntry] {
        switch try convert(value, budget: &budget) {
        case .mapping(let entries, _):
            return entries
        case .sequence(let items, _):
            // Earlier mappings in the list win: put them last.
            return items.reversed().flatMap { item -> [YAMLEntry] in
                if case .mapping(let entries, _) = item { return entries }
                return []
            }
        case .scalar:
            return []
        }
    }

    private static func problem(_ error: YamlError) -> YAMLProblem {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let message = context.map { "\(problem) \($0.text)" } ?? problem
            return .syntax(message: message, line: mark.line, column: mark.column)
        case .composer(let context, let problem, let mark, _):
            let message = context.map { "\(problem) \($0.text)" } ?? problem
            return .syntax(message: message, line: mark.line, column: mark.column)
        default:
            return .syntax(message: "\(error)", line: 1, column: 1)
        }
    }
}

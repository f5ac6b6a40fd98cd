import CLibYAML

/// Reads a front matter with libyaml's event API straight into ``YAMLValue``s, skipping the keys the mapping
/// does not use.
///
/// This is the fast path: about a tenth of the cost of building Yams nodes, because values of unused keys
/// (breadcrumbs, custom fields) never become Swift strings. libyaml still parses every byte, so syntax errors
/// anywhere are found. Aliases share the anchored value instead of copying it, so an alias bomb costs what its
/// text costs. Constructs whose meaning depends on more than the text — explicit tags, complex keys, merge keys,
/// aliases into skipped values — throw ``YAMLProblem/needsFullParser(_:)`` and the caller asks ``YamsYAMLReader``.
struct FastYAMLReader {
    /// Top-level keys whose values are built; the others are parsed and dropped.
    ///
    /// `nil` builds everything.
    var wantedKeys: Set<String>?
    /// The deepest nesting read.
    var maximumDepth = 64
    /// The most nodes built (aliases count once).
    var maximumNodes = 100_000

    private enum Frame {
        case sequence([YAMLValue], line: Int, anchor: String?)
        case mapping([YAMLEntry], pendingKey: (String, Int)?, line: Int, anchor: String?)
    }

    /// The document's root, or `nil` for an empty document.
    func read(_ yaml: UnsafeRawBufferPointer) throws(YAMLProblem) -> YAMLValue? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw .needsFullParser("yaml_parser_initialize failed") }
        defer { yaml_parser_delete(&parser) }
        let base = yaml.baseAddress?.assumingMemoryBound(to: UInt8.self)
        yaml_parser_set_input_string(&parser, base, yaml.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        var state = State(reader: self)
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { throw Self.syntaxProblem(parser) }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { break }
            try state.handle(&event)
        }
        return state.root
    }

    private static func syntaxProblem(_ parser: yaml_parser_t) -> YAMLProblem {
        let problem = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        let context = parser.context.map { String(cString: $0) }
        let message = context.map { "\(problem) \($0)" } ?? problem
        return .syntax(
            message: message,
            line: Int(parser.problem_mark.line) + 1,
            column: Int(parser.problem_mark.column) + 1
        )
    }

    /// The composer: a stack of open collections, the anchors seen, and the skipping state.
    private struct State {
        let reader: FastYAMLReader
        var root: YAMLValue?
        var frames: [Frame] = []
        var anchors: [String: YAMLValue] = [:]
        var skippedAnchors: Set<String> = []
        var skipNextValue = false
        var skipDepth = 0
        var nodes = 0
        var documents = 0

        init(reader: FastYAMLReader) {
            self.reader = reader
        }

        mutating func handle(_ event: inout yaml_event_t) throws(YAMLProblem) {
            let line = Int(event.start_mark.line) + 1
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 { throw .syntax(message: "more than one YAML document", line: line, column: 1) }
                return
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT, YAML_NO_EVENT:
                return
            default:
                break
            }
            if try skip(&event) { return }

            switch event.type {
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                if scalar.tag != nil && scalar.plain_implicit == 0 && scalar.quoted_implicit == 0 {
                    throw .needsFullParser("explicit tag at line \(line)")
                }
                let text = String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length),
                    as: UTF8.self
                )
                let value = YAMLValue.scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE, line: line)
                if let anchor = scalar.anchor { anchors[String(cString: anchor)] = value }
                try add(value, line: line)
            case YAML_ALIAS_EVENT:
                let name = String(cString: event.data.alias.anchor)
                if let value = anchors[name] {
                    try add(value, line: line)
                } else if skippedAnchors.contains(name) {
                    throw .needsFullParser("alias *\(name) into a skipped value at line \(line)")
                } else {
                    throw .syntax(message: "found undefined alias *\(name)", line: line, column: 1)
                }
            case YAML_SEQUENCE_START_EVENT:
                let start = event.data.sequence_start
                if start.tag != nil && start.implicit == 0 { throw .needsFullParser("explicit tag at line \(line)") }
                try open(.sequence([], line: line, anchor: start.anchor.map { String(cString: $0) }), line: line)
            case YAML_MAPPING_START_EVENT:
                let start = event.data.mapping_start
                if start.tag != nil && start.implicit == 0 { throw .needsFullParser("explicit tag at line \(line)") }
                try open(
                    .mapping([], pendingKey: nil, line: line, anchor: start.anchor.map { String(cString: $0) }),
                    line: line
                )
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = frames.popLast() else { return }
                let value: YAMLValue
                let anchor: String?
                switch frame {
                case .sequence(let items, let start, let name):
                    value = .sequence(items, line: start)
                    anchor = name
                case .mapping(let entries, _, let start, let name):
                    value = .mapping(entries, line: start)
                    anchor = name
                }
                if let anchor { anchors[anchor] = value }
                try add(value, line: line)
            default:
                break
            }
        }

        /// Consumes the event when it belongs to the value of an unwanted top-level key.
        private mutating func skip(_ event: inout yaml_event_t) throws(YAMLProblem) -> Bool {
            guard skipNextValue || skipDepth > 0 else { return false }
            var anchor: UnsafeMutablePointer<yaml_char_t>?
            switch event.type {
            case YAML_SCALAR_EVENT:
                anchor = event.data.scalar.anchor
            case YAML_SEQUENCE_START_EVENT:
                anchor = event.data.sequence_start.anchor
                skipDepth += 1
            case YAML_MAPPING_START_EVENT:
                anchor = event.data.mapping_start.anchor
                skipDepth += 1
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                skipDepth -= 1
            default:
                break
            }
            if let anchor { skippedAnchors.insert(String(cString: anchor)) }
            if skipDepth == 0 { skipNextValue = false }
            return true
        }

        private mutating func open(_ frame: Frame, line: Int) throws(YAMLProblem) {
            guard frames.count < reader.maximumDepth else {
                throw .tooLarge("nesting deeper than \(reader.maximumDepth)", line: line)
            }
            frames.append(frame)
        }

        private mutating func add(_ value: YAMLValue, line: Int) throws(YAMLProblem) {
            nodes += 1
            guard nodes <= reader.maximumNodes else {
                throw .tooLarge("more than \(reader.maximumNodes) nodes", line: line)
            }
            guard let frame = frames.popLast() else {
                root = value
                return
            }
            switch frame {
            case .sequence(var items, let start, let anchor):
                items.append(value)
                frames.append(.sequence(items, line: start, anchor: anchor))
            case .mapping(var entries, let pendingKey, let start, let anchor):
                if let (key, keyLine) = pendingKey {
                    entries.append(YAMLEntry(key: key, line: keyLine, value: value))
                    frames.append(.mapping(entries, pendingKey: nil, line: start, anchor: anchor))
                } else {
                    guard case .scalar(let key, let plain, _) = value else {
                        throw .needsFullParser("a key that is not a scalar at line \(line)")
                    }
                    if key == "<<" && plain { throw .needsFullParser("merge key at line \(line)") }
                    if frames.isEmpty, let wanted = reader.wantedKeys, !wanted.contains(key) {
                        skipNextValue = true  // the value is parsed but not built, and the key is dropped
                        frames.append(.mapping(entries, pendingKey: nil, line: start, anchor: anchor))
                    } else {
                        frames.append(.mapping(entries, pendingKey: (key, line), line: start, anchor: anchor))
                    }
                }
            }
        }
    }
}

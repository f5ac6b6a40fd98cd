/// What an article body may hold once published: the allow-list of elements and attributes, and the URL rules.
///
/// An element not listed is removed; an element of ``droppedWithContent`` goes with everything inside it (what it
/// holds is code, a frame, a form control or metadata, not article text), any other with only its tags (its text
/// stays). An attribute not listed for its element (or for every element) is removed, and so is each `on…` handler
/// and `style`. URL attributes keep `http:` and `https:` URLs (and `mailto:`/`tel:` in `href`), made absolute;
/// any other scheme — `javascript:`, `vbscript:`, `data:`, `file:` — removes the attribute.
enum HTMLPolicy {
    /// Elements kept, each with the attributes it may carry beyond ``everywhere``.
    static let elements: [String: Set<String>] = {
        var table: [String: Set<String>] = [:]
        for name in [
            "p", "div", "span", "figure", "figcaption", "ul", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6",
            "table", "caption", "thead", "tbody", "tfoot", "tr", "em", "strong", "b", "i", "u", "s", "small", "sub",
            "sup", "mark", "abbr", "cite", "dfn", "kbd", "samp", "var", "code", "pre", "br", "hr", "wbr", "picture",
        ] {
            table[name] = []
        }
        table["a"] = ["href", "rel", "target", "hreflang"]
        table["img"] = ["src", "srcset", "sizes", "alt", "width", "height", "loading"]
        table["ol"] = ["start", "reversed", "type"]
        table["li"] = ["value"]
        table["blockquote"] = ["cite"]
        table["q"] = ["cite"]
        table["del"] = ["cite", "datetime"]
        table["ins"] = ["cite", "datetime"]
        table["time"] = ["datetime"]
        table["th"] = ["colspan", "rowspan", "scope", "headers", "abbr"]
        table["td"] = ["colspan", "rowspan", "headers"]
        table["colgroup"] = ["span"]
        table["col"] = ["span"]
        table["source"] = ["src", "srcset", "sizes", "type", "media"]
        table["video"] = ["src", "poster", "controls", "width", "height"]
        table["audio"] = ["src", "controls"]
        return table
    }()

    /// Attributes every kept element may carry.
    static let everywhere: Set<String> = ["title", "lang", "dir"]

    /// Elements removed together with everything inside them.
    static let droppedWithContent: Set<String> = [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "param", "noscript", "noembed",
        "noframes", "template", "svg", "math", "canvas", "input", "button", "select", "option", "optgroup",
        "textarea", "datalist", "output", "keygen", "title", "meta", "link", "base", "portal",
    ]

    /// Elements removed that have no content in HTML (a parser of older HTML may still nest what follows in them).
    static let droppedVoid: Set<String> = ["embed", "param", "input", "meta", "link", "base", "keygen", "frame"]

    /// Elements written without an end tag.
    static let void: Set<String> = ["br", "hr", "img", "wbr", "col", "source"]

    /// Attributes holding one URL.
    static let urlAttributes: Set<String> = ["href", "src", "cite", "poster"]

    /// Whether `element` may carry `attribute`.
    static func allows(_ attribute: String, on element: String) -> Bool {
        everywhere.contains(attribute) || elements[element]?.contains(attribute) == true
    }

    /// The scheme of `url` as a browser reads it — white space and control characters anywhere ignored, lower-cased
    /// — or `nil` for a relative reference.
    static func scheme(of url: String) -> String? {
        var scheme = ""
        for scalar in url.unicodeScalars {
            if scalar.value <= 0x20 || scalar.value == 0x7F { continue }
            switch scalar {
            case "a"..."z", "A"..."Z":
                scheme.unicodeScalars.append(scalar)
            case "0"..."9", "+", "-", ".":
                if scheme.isEmpty { return nil }
                scheme.unicodeScalars.append(scalar)
            case ":":
                return scheme.isEmpty ? nil : scheme.lowercased()
            default:
                return nil
            }
        }
        return nil
    }

    /// Whether a URL with `scheme` may stay in `attribute`.
    static func allowsScheme(_ scheme: String, in attribute: String) -> Bool {
        switch scheme {
        case "http", "https": true
        case "mailto", "tel": attribute == "href"
        default: false
        }
    }
}

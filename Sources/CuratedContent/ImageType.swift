/// MIME types of featured images, from the exporter's `format` or the file extension.
enum ImageType {
    private static let byName: [String: String] = [
        "jpeg": "image/jpeg", "jpg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif",
        "svg": "image/svg+xml", "avif": "image/avif",
    ]

    /// The MIME type for `format` (`JPEG`, `PNG`…), else for the URL's extension; `nil` when neither is known.
    static func mimeType(format: String?, url: String) -> String? {
        if let format, let type = byName[format] { return type }
        let path = url.split(separator: "?").first.map(String.init) ?? url
        guard let dot = path.lastIndex(of: ".") else { return nil }
        return byName[path[path.index(after: dot)...].lowercased()]
    }
}

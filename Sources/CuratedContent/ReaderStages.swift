/// The reader's stages one by one, for the micro-benchmarks (`Benchmarks/`); not part of the API.
@_spi(Benchmarks)
public enum ReaderStages {
    /// Repairs the bytes and finds the front matter; the YAML byte count, or -1.
    public static func split(_ bytes: [UInt8]) -> Int {
        let text = TextRepair.repair(bytes).bytes
        return (try? FrontMatter.split(text))?.yaml.count ?? -1
    }

    /// Parses the front matter with the fast libyaml reader (used keys only); the number of keys read, or -1.
    public static func parseFast(_ bytes: [UInt8]) -> Int {
        guard let frontMatter = try? FrontMatter.split(bytes) else { return -1 }
        let reader = FastYAMLReader(wantedKeys: ItemMapper.usedKeys)
        let root = bytes.withUnsafeBytes { try? reader.read(UnsafeRawBufferPointer(rebasing: $0[frontMatter.yaml])) }
        guard case .mapping(let entries, _) = root ?? nil else { return -1 }
        return entries.count
    }

    /// Parses the front matter with the exporter-subset reader; the number of keys read, or -1 (or -2: handed over).
    public static func parseExporter(_ bytes: [UInt8]) -> Int {
        guard let frontMatter = try? FrontMatter.split(bytes) else { return -1 }
        let reader = ExporterYAMLReader(wantedKeys: ItemMapper.usedKeySet)
        let outcome = bytes.withUnsafeBytes { reader.read(UnsafeRawBufferPointer(rebasing: $0[frontMatter.yaml])) }
        guard case .value(.mapping(let entries, _)?) = outcome else { return outcome == .unsupported ? -2 : -1 }
        return entries.count
    }

    /// Whether the exporter-subset reader and libyaml agree on the front matter of `bytes` (after repair), for
    /// the fuzzer: `nil` when they agree or the subset reader hands over, else a description of the difference.
    public static func exporterDisagreement(_ bytes: [UInt8]) -> String? {
        let text = TextRepair.repair(bytes).bytes
        guard let frontMatter = try? FrontMatter.split(text) else { return nil }
        return text.withUnsafeBytes { buffer -> String? in
            let yaml = UnsafeRawBufferPointer(rebasing: buffer[frontMatter.yaml])
            guard case .value(let subset) = ExporterYAMLReader(wantedKeys: ItemMapper.usedKeySet).read(yaml) else {
                return nil
            }
            let full = Result { () throws(YAMLProblem) in try FastYAMLReader(wantedKeys: ItemMapper.usedKeys).read(yaml)
            }
            switch full {
            case .success(let value) where value == subset: return nil
            case .success(let value):
                return "subset reader: \(String(describing: subset)); libyaml: \(String(describing: value))"
            case .failure(.needsFullParser): return nil
            case .failure(let problem): return "subset reader accepted what libyaml refuses: \(problem)"
            }
        }
    }

    /// Parses the front matter with Yams (the fallback); the number of keys read, or -1.
    public static func parseYams(_ bytes: [UInt8]) -> Int {
        guard let frontMatter = try? FrontMatter.split(bytes) else { return -1 }
        let root = try? YamsYAMLReader().read(String(decoding: bytes[frontMatter.yaml], as: UTF8.self))
        guard case .mapping(let entries, _) = root ?? nil else { return -1 }
        return entries.count
    }
}

/// The program that wrote a feed, as Atom's `generator` and RSS's `generator` name it.
public struct Generator: Sendable, Hashable {
    /// The program's name.
    public var name: String
    /// Its version.
    public var version: String
    /// Its home page.
    public var url: String

    /// A generator called `name`, at `version`, documented at `url`.
    public init(name: String, version: String, url: String) {
        self.name = name
        self.version = version
        self.url = url
    }

    /// feedpub itself.
    public static let feedpub = Generator(
        name: "feedpub",
        version: FeedpubVersion.current,
        url: "https://github.com/feedpub/feedpub"
    )
}

/// feedpub's version, printed by `--version` and in every feed's generator.
public enum FeedpubVersion {
    /// The released version.
    public static let current = "0.1.0"
}

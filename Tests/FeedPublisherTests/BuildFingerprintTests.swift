import CuratedContent
import FeedModel
import FeedPublisher
import FeedWriters
import Testing

/// The incremental state is valid for one configuration and one build of the code: any change to either must
/// change the fingerprint, so that the next build starts from the content.
@Suite struct BuildFingerprintTests {
    /// One change to every stored property of ``PublishConfiguration``, by name.
    static let changes: [(field: String, change: @Sendable (inout PublishConfiguration) -> Void)] = [
        ("siteTitle", { $0.siteTitle = "Other" }),
        ("limits", { $0.limits.topics = 3 }),
        ("includeFuture", { $0.includeFuture = true }),
        ("archive", { $0.archive = 100 }),
        ("layout", { $0.layout = (try? FeedLayout(site: "")) ?? $0.layout }),
        ("content", { $0.content = .summary }),
        ("contentFolder", { $0.contentFolder = "elsewhere" }),
        ("outputFolder", { $0.outputFolder = "elsewhere" }),
        ("topics", { $0.topics["x"] = .init(title: "X") }),
        ("topicAliases", { $0.topicAliases["a"] = "b" }),
        ("siteURL", { $0.siteURL = "https://other.example" }),
        ("siteDescription", { $0.siteDescription = "Other things" }),
        ("language", { $0.language = "fr-CA" }),
        ("favicon", { $0.favicon = "https://other.example/f.ico" }),
        ("icon", { $0.icon = "https://other.example/i.png" }),
        ("logo", { $0.logo = "https://other.example/l.png" }),
        ("copyright", { $0.copyright = "© Other" }),
        ("publisherName", { $0.publisherName = "Ed" }),
        ("publisherEmail", { $0.publisherEmail = "ed@other.example" }),
        ("publisherURL", { $0.publisherURL = "https://other.example/ed" }),
        ("feedsURL", { $0.feedsURL = "https://cdn.other.example/" }),
        ("limit", { $0.limit = .newest(10) }),
        ("formats", { $0.formats = [.atom] }),
        ("opmlFormat", { $0.opmlFormat = .atom }),
        ("mediaURL", { $0.mediaURL = "https://img.other.example/" }),
        ("itemURLTemplate", { $0.itemURLTemplate = "{site}/items/{id}/" }),
        ("communityPageTemplate", { $0.communityPageTemplate = "{site}/c/{slug}/" }),
        ("topicPageTemplate", { $0.topicPageTemplate = "{site}/t/{slug}/" }),
        ("topicScheme", { $0.topicScheme = "https://other.example/topics" }),
        ("tagScheme", { $0.tagScheme = "https://other.example/tags" }),
        ("idAuthority", { $0.idAuthority = "other.example" }),
        ("idDate", { $0.idDate = "2021" }),
        ("communities", { $0.communities["alpha"] = FeedSettings.CommunityOverride(title: "A") }),
    ]

    /// The fields that change no byte of the output, and so no fingerprint: what `feedpub serve` sends.
    static let served: [(field: String, change: @Sendable (inout PublishConfiguration) -> Void)] = [
        ("cacheControl", { $0.cacheControl = "no-cache" })
    ]

    @Test func theTableNamesEveryStoredPropertyOfTheConfiguration() {
        let stored = Mirror(reflecting: PublishConfiguration()).children.compactMap(\.label)
        #expect(
            stored.sorted() == (Self.changes + Self.served).map(\.field).sorted(),
            "a field was added: add it to `changes`"
        )
    }

    @Test func whatTheServerSendsLeavesTheFingerprint() {
        let base = PublishConfiguration()
        for (field, change) in Self.served {
            var changed = base
            change(&changed)
            #expect(changed != base, "the change to \(field) changes nothing")
            #expect(BuildFingerprint.of(changed, code: "build-id:1") == BuildFingerprint.of(base, code: "build-id:1"))
        }
    }

    @Test(arguments: changes.indices)
    func everyFieldChangesTheFingerprint(_ index: Int) {
        let base = PublishConfiguration()
        var changed = base
        Self.changes[index].change(&changed)
        #expect(changed != base, "the change to \(Self.changes[index].field) changes nothing")
        #expect(
            BuildFingerprint.of(changed, code: "build-id:1") != BuildFingerprint.of(base, code: "build-id:1"),
            "\(Self.changes[index].field)"
        )
    }

    @Test func anotherBuildOfTheCodeChangesTheFingerprint() {
        let configuration = PublishConfiguration()
        #expect(
            BuildFingerprint.of(configuration, code: "build-id:1")
                == BuildFingerprint.of(configuration, code: "build-id:1")
        )
        #expect(
            BuildFingerprint.of(configuration, code: "build-id:1")
                != BuildFingerprint.of(configuration, code: "build-id:2")
        )
    }

    @Test func nestedValuesCount() {
        var a = PublishConfiguration()
        a.communities["alpha"] = FeedSettings.CommunityOverride(title: "A", description: "x")
        var b = a
        b.communities["alpha"]?.description = "y"
        #expect(BuildFingerprint.of(a, code: "c") != BuildFingerprint.of(b, code: "c"))
    }

    @Test func theRunningProgramHasABuildID() {
        #expect(
            BuildOptions(contentFolder: "c", outputFolder: "o", configuration: PublishConfiguration()).codeIdentity
                .hasPrefix("build-id:")
        )
    }
}

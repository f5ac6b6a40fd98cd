package import FeedModel
package import FeedPublisher

/// What `feedpub serve` serves and how.
package struct ServeSettings: Sendable {
    /// The address to listen on.
    package var host = "127.0.0.1"
    /// The port (0: any free one, told through `onListening`).
    package var port = 8080
    /// Where `/metrics` is answered instead of the main port (`nil`: on the main port).
    package var metricsPort: Int?
    /// The output folder.
    package var outputFolder: String
    /// The layout its feeds were written in (to tell each file's type).
    package var layout: FeedLayout
    /// Where the output folder is published (`feeds.url`), for each feed's `Link: <…>; rel="self"`.
    package var feedsURL: String
    /// `Cache-Control` of every file.
    package var cacheControl = ServeSettings.defaultCacheControl
    /// A connection with no request for this long is closed (slow and idle clients alike).
    package var idleTimeout: Duration = .seconds(30)
    /// How often the state file is looked at for builds of other processes.
    package var pollInterval: Duration = .seconds(1)
    /// When to rebuild in process.
    package var rebuild = Rebuild.never
    /// What the in-process builds keep between them; the watcher tells it what changed.
    package var memory: BuildMemory?
    /// The most bytes of file bodies (and their gzip) kept in memory.
    package var cacheBudget = 256 << 20

    /// When the server builds again.
    package enum Rebuild: Sendable, Equatable {
        /// Never (another process builds; its state is picked up).
        case never
        /// On every change under `content` or to `configuration` (inotify).
        case watch(content: String, configuration: String?)
        /// Every `interval`.
        case every(Duration)
    }

    /// `public, max-age=300`: readers poll every few minutes, and a conditional request costs a 304.
    package static let defaultCacheControl = "public, max-age=300"

    /// Settings for `outputFolder`, whose feeds are at `feedsURL` in `layout`.
    package init(outputFolder: String, layout: FeedLayout, feedsURL: String) {
        self.outputFolder = outputFolder
        self.layout = layout
        self.feedsURL = feedsURL
    }
}

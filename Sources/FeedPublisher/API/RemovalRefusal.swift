/// Why a build refused to publish (``PublishError/Reason/removalRefused(_:)``): it would have removed more of the
/// feeds the last build published than allowed, or it found no readable item where the last build had some — what
/// an empty or half-mounted content folder looks like.
public struct RemovalRefusal: Sendable {
    /// How many of the last build's feeds this one would remove (all of them when ``noReadableItem``).
    public var removing: Int
    /// How many feeds the last build published.
    public var published: Int
    /// The largest share allowed (``BuildOptions/maximumRemovedShare``).
    public var limit: Double
    /// How many of the feeds being removed are at paths the layout (`feeds.folders`, `feeds.files`) no longer uses:
    /// a change of layout moves every feed's URL, which is a removal for their subscribers.
    public var movedByLayout = 0
    /// Whether the content folder gave no readable item.
    public var noReadableItem: Bool
    /// What the content folder gave.
    public var found: PublishSummary
    /// Every file with issues, in path order: why its item is not published.
    public var files: [FileResult]
}

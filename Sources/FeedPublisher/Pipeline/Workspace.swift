import FeedpubSystem

/// The output side of a build: the folder, held locked for the whole build.
struct Workspace {
    let output: OutputFolder
    let lock: FileLock
    /// Temporary files of a killed build, removed once the lock was taken.
    let leftovers: Int
}

/// What the last build left in the output folder: its state and, when usable, its item log.
struct LastBuild {
    let state: BuildState
    let log: ItemLog?
}

/// How a build begins: nothing changed since the last one (its result stands), or it must read what changed.
enum Beginning {
    case unchanged(BuildResult)
    case changed(LastBuild?)
}

/// The outcome of every content file for one build: read now, or taken from the item log of the last build.
struct ContentSnapshot {
    /// One per content file, in path order (before duplicate ids are settled).
    var outcomes: [FileOutcome]
    /// For each file, the offset of its record in ``log`` when its outcome came from there.
    var reused: [UInt64?]
    /// The last build's item log, when there was a usable one.
    var log: ItemLog?
}

import CuratedContent
import FeedModel
import FeedpubSystem

/// The output side of a build: the folder, held locked for the whole build.
struct Workspace {
    let output: OutputFolder
    let lock: FileLock
    /// Temporary files of a killed build, removed once the lock was taken.
    let leftovers: Int
}

/// The content side of a build: the folder, open, and what is in it.
struct Content {
    let folder: Directory
    let files: [ContentFile]
}

/// What the last build left in the output folder.
struct LastBuild {
    /// Its state, when it was made by this code for this configuration.
    let state: BuildState?
    /// Its item log, when usable.
    let log: ItemLog?
    /// The files it recorded as written by feedpub (known even when the state is for other code or configuration).
    let outputs: [String: BuildState.Output]
    /// The slugs its names were published under (known even when the state is for other code or configuration).
    let slugs: PublishedSlugs
    /// The outcome of each file of ``state`` as already decoded from ``log``, where the process that saved the state
    /// kept it (``BuildMemory``).
    var remembered: BuildMemory.Remembered?

    /// No last build: a first build, or one whose state is gone or damaged.
    static let none = LastBuild(state: nil, log: nil, outputs: [:], slugs: PublishedSlugs())

    /// The same build, without its item log (found damaged): every file is read again.
    var withoutLog: LastBuild { LastBuild(state: state, log: nil, outputs: outputs, slugs: slugs) }
}

/// How a build begins: nothing changed since the last one (its result stands), or it must read what changed.
enum Beginning {
    case unchanged(BuildResult)
    case changed(LastBuild)
}

/// The outcome of every content file for one build: read now, or taken from the item log of the last build.
struct ContentSnapshot {
    /// One per content file, in path order (before duplicate ids are settled).
    var outcomes: [FileOutcome]
    /// For each file, the offset of its record in ``log`` when its outcome came from there, else 0.
    ///
    /// No record starts at 0 (the log begins with its header); not optional: at 500,000 files that is 4 MB less.
    var reused: [UInt64]
    /// The last build's item log, when there was a usable one.
    var log: ItemLog?
    /// This build's records of the files it read, for their details.
    var spooled: RecordSpool?
    /// Whether a record of the log did not verify: the build then reads every file again.
    var logDamaged = false
    /// How many times each file was read again because it changed while the build ran.
    var rereads: [Int: Int] = [:]
    /// The files whose body could not be read again, and why: rejected in this build only.
    var unreadableBodies: [Int: String] = [:]
}

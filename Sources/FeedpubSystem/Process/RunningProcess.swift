import CFeedpubSystem
import Dispatch
import Glibc

/// Facts about this process: its id, its cores, its memory, and an identity of the code it runs.
package enum RunningProcess {
    /// The process id.
    package static var id: Int32 { getpid() }

    /// The cores this process may run on.
    package static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    /// The resident set size now, in MiB, from `/proc/self/statm` (0 where there is none).
    package static var residentMiB: Int {
        guard let bytes = try? FileBytes.read("/proc/self/statm", limit: 4096) else { return 0 }
        let fields = String(decoding: bytes, as: UTF8.self).split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return (pages * Int(sysconf(Int32(_SC_PAGESIZE)))) >> 20
    }

    /// An identity of the code this process runs, which changes whenever any of it is rebuilt differently.
    ///
    /// The GNU build id of the program (or library) that holds feedpub, in hex; where the linker wrote none, a hash of
    /// the program's file. Read once.
    package static let codeIdentity: String = {
        var buffer = [UInt8](repeating: 0, count: 64)
        let length = buffer.withUnsafeMutableBufferPointer { feedpub_build_id($0.baseAddress, $0.count) }
        if length > 0 && length <= buffer.count {
            return "build-id:"
                + buffer[0..<length].map { byte in
                    let digits = String(byte, radix: 16)
                    return byte < 16 ? "0" + digits : digits
                }.joined()
        }
        if let program = MappedFile("/proc/self/exe") {
            return "program-hash:" + String(StableHash.contentHash(program.bytes), radix: 16)
        }
        return "unknown"
    }()
}

/// The terminal the command line writes to.
package enum Terminal {
    /// Whether standard error is a terminal (where a progress line may be drawn).
    package static var standardErrorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
}

/// Frees large values off the caller's path.
package enum Release {
    /// Lets `value` go on a background thread instead of on the caller's.
    ///
    /// Freeing a build's records of 100,000 files costs a quarter of a second (measured at the end of a cold build)
    /// that neither a command about to exit nor a server about to answer needs to wait for. The caller must hold no
    /// other reference to what it hands over.
    package static func inBackground<Value: Sendable>(_ value: consuming Value) {
        let owner = Owner(value)
        DispatchQueue.global(qos: .utility).async { owner.drop() }
    }

    private final class Owner<Value: Sendable>: @unchecked Sendable {  // touched by one thread, then by another
        private var value: Value?
        init(_ value: consuming Value) { self.value = value }
        func drop() { value = nil }
    }
}

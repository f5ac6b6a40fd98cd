import Foundation

#if FEEDPUB_FUZZ
    /// libFuzzer's entry point: every input goes through ``FuzzHarness/check(_:)``; a failure aborts, which
    /// libFuzzer records as a crash with the input.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        if let failure = FuzzHarness.check(bytes) {
            FileHandle.standardError.write(Data("feedpub-fuzz: \(failure)\n".utf8))
            abort()
        }
        return 0
    }

    /// libFuzzer's driver (`int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*)(const uint8_t *, size_t))`).
    @_silgen_name("LLVMFuzzerRunDriver")
    private func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// SwiftPM links an executable's `main` to `<module>_main`; under libFuzzer that hands over to its driver.
    @_cdecl("feedpub_fuzz_main")
    public func fuzzMain(
        _ argc: CInt,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
    ) -> CInt {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
    }
#else
    /// Without libFuzzer: replays the files and folders named on the command line (the committed crash inputs and
    /// corpus), printing each failure; exits 1 if any failed.
    @main
    struct FuzzReplay {
        static func main() {
            var failures = 0
            var count = 0
            for argument in CommandLine.arguments.dropFirst() {
                for path in files(argument) {
                    count += 1
                    guard let data = FileManager.default.contents(atPath: path) else { continue }
                    if let failure = FuzzHarness.check(Array(data)) {
                        failures += 1
                        print("\(path): \(failure)")
                    }
                }
            }
            print("feedpub-fuzz: \(count) inputs replayed, \(failures) failed")
            exit(failures == 0 ? 0 : 1)
        }

        static func files(_ path: String) -> [String] {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return [] }
            guard isFolder.boolValue else { return [path] }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.sorted().filter { !$0.hasPrefix(".") }.map { path + "/" + $0 }
        }
    }
#endif

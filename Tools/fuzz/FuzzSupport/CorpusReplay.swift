import Foundation

/// Without libFuzzer, a fuzz target's program runs the files given as arguments through its
/// `LLVMFuzzerTestOneInput` (a corpus replay, as the tests do); with libFuzzer (built with
/// `-DREPLAY_FUZZING`), libFuzzer's own main drives it.
public enum CorpusReplay {
    public static func run(_ target: (UnsafePointer<UInt8>, Int) -> CInt) {
        for path in CommandLine.arguments.dropFirst() {
            let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data()) + [0]
            _ = bytes.withUnsafeBufferPointer { target($0.baseAddress!, $0.count - 1) }
            print("ok \(path)")
        }
    }
}

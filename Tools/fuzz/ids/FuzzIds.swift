import FuzzSupport
import ReplaySupport

// libFuzzer target: ids and names as bytes (a logged id, a folder or file name the walk
// found). What the outputs write of them reads back to the same bytes, never holds a raw
// control or bidirectional control, and two different ids never look alike.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIds(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let shown = IdText.escaped(bytes)
    precondition(IdText.unescaped(shown) == bytes, "an id written does not read back")
    precondition(!IdText.needsRewriting(shown.utf8.filter { $0 != 0xE2 && $0 != 0xD8 }), "a control reached the text")
    precondition(!shown.unicodeScalars.contains { [0x61C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069].contains($0.value) },
                 "a bidirectional control reached the text")
    // Split in two: two different ids are written differently.
    let half = size / 2
    let a = Array(bytes[..<half]), b = Array(bytes[half...])
    precondition((IdText.escaped(a) == IdText.escaped(b)) == (a == b), "two ids look alike")
    let safe = IdText.safe(String(decoding: bytes, as: UTF8.self))
    precondition(IdText.safe(safe) == safe, "safe is not idempotent")
    return 0
}

#if !REPLAY_FUZZING
@main struct Main { static func main() { CorpusReplay.run(fuzzIds) } }
#endif

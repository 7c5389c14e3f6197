import FuzzSupport
import ReplayIncident

// libFuzzer target: the --window parser on any text. A window that parses is half-open with
// its start before its end; a refusal says why.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWindow(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let window = try Window(parsing: text)
        precondition(window.start < window.end, "an empty or reversed window was accepted")
    } catch {
        precondition(!"\(error)".isEmpty)
    }
    return 0
}

#if !REPLAY_FUZZING
@main struct Main { static func main() { CorpusReplay.run(fuzzWindow) } }
#endif

import FuzzSupport
import ReplayIncident
import ReplayMatching

// libFuzzer target: the incident loader (YAML, its keys, rules, templates, durations) on any
// text. A refusal with a message is fine; a crash or a hang is not.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIncident(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let incident = try IncidentLoader.load(text: text, path: "fuzz.yaml")
        _ = try? LineProbe(incident: incident)
    } catch {
        precondition(!"\(error)".isEmpty, "a refusal without a message")
    }
    return 0
}

#if !REPLAY_FUZZING
@main struct Main { static func main() { CorpusReplay.run(fuzzIncident) } }
#endif

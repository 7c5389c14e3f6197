import FuzzSupport
import ReplayIncident

// libFuzzer target: an incident's table (key, subject) on any bytes. A table that loads has
// each key's subjects once each, none empty; a refusal says why.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTable(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    do {
        let table = try SubjectTable(bytes: UnsafeRawBufferPointer(start: data, count: size))
        for (_, subjects) in table.subjects {
            precondition(!subjects.isEmpty && !subjects.contains([]), "an empty subject was listed")
            precondition(Set(subjects).count == subjects.count, "a subject was listed twice under one key")
        }
    } catch {
        precondition(!"\(error)".isEmpty)
    }
    return 0
}

#if !REPLAY_FUZZING
@main struct Main { static func main() { CorpusReplay.run(fuzzTable) } }
#endif

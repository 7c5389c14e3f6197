import Foundation
import FuzzSupport
import ReplayReading

// libFuzzer target: the gzip reader with line splitting, on any bytes, with both inflaters.
// Checks: lines are numbered 1, 2, 3… with oversized ones among them; members begin in order;
// unverified lines are a tail of the delivered ones; zlib and ISA-L deliver the same verified
// lines and agree on whether the file is whole.

struct Recorder: LineSink {
    var lines: [[UInt8]] = []
    var next = 1
    var members: [Int] = []

    mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
        precondition(number == next, "line \(number) after \(next - 1)")
        precondition(bytes.count <= 64, "a line longer than the limit was delivered")
        next += 1
        lines.append(Array(bytes))
    }

    mutating func oversizedLine(number: Int, length: Int) {
        precondition(number == next && length > 64)
        next += 1
        lines.append([])
    }

    mutating func memberBegins(_ member: Int, firstLine: Int) {
        precondition(member == members.count && firstLine >= (members.last ?? 1) && firstLine == next)
        members.append(firstLine)
    }
}

let scratch = "/tmp/replay-fuzz-gzip-\(getpid())"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGzipLines(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FileManager.default.createFile(atPath: scratch, contents: Data(bytes: data, count: size))
    var verified: [[[UInt8]]] = []
    var whole: [Bool] = []
    for kind in InflaterKind.allCases {
        var sink = Recorder()
        let report = LineReader(maxLineLength: 64, inflater: kind, chunkSize: 16).read(path: scratch, into: &sink)
        precondition(report.lines == sink.lines.count)
        precondition(report.unverifiedLines <= report.lines)
        if let first = report.firstUnverifiedLine {
            precondition(report.unverifiedLines == report.lines - first + 1 && !report.isComplete)
        }
        verified.append(Array(sink.lines.prefix(report.lines - report.unverifiedLines)))
        whole.append(report.isComplete)
    }
    precondition(Set(whole).count == 1, "the inflaters disagree on whether the file is whole")
    precondition(verified.dropFirst().allSatisfy { $0 == verified[0] }, "the inflaters deliver different verified lines")
    return 0
}

#if !REPLAY_FUZZING
@main struct Main { static func main() { CorpusReplay.run(fuzzGzipLines) } }
#endif

import ReplayReading
import ReplayMatching

/// Reads the start of a file for its first timestamp: up to its first line that parses, or
/// `linesLooked` lines, whichever comes first. A file whose start has no parsed line is
/// ordered after its node's other files, and is not read twice.
struct FirstTimeSink: LineSink {
    /// Lines looked at, at the most, for a first timestamp.
    static let linesLooked = 4096

    let matcher: RequestMatcher
    var firstTime: Int64?
    private var seen = 0

    init(matcher: RequestMatcher) { self.matcher = matcher }

    mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
        seen += 1
        if firstTime == nil, matcher.read(bytes) == nil { firstTime = matcher.time }
    }

    mutating func oversizedLine(number: Int, length: Int) { seen += 1 }

    var isDone: Bool { firstTime != nil || seen >= Self.linesLooked }
}

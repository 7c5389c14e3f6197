import ReplayReading
import ReplayMatching
import ReplayIncident
import ReplayThreads

/// Reads the start of a file for its first timestamp: up to its first line that parses, or
/// `linesLooked` lines, whichever comes first. A file whose start has no parsed line is
/// ordered after its node's other files, and is not read twice.
package struct FirstTimeSink: LineSink {
    /// Lines looked at, at the most, for a first timestamp.
    static let linesLooked = 4096

    let matcher: RequestMatcher
    var firstTime: Int64?
    private var seen = 0

    init(matcher: RequestMatcher) { self.matcher = matcher }

    package mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
        seen += 1
        if firstTime == nil, matcher.read(bytes) == nil { firstTime = matcher.time }
    }

    package mutating func oversizedLine(number: Int, length: Int) { seen += 1 }

    package var isDone: Bool { firstTime != nil || seen >= Self.linesLooked }

    /// The first timestamp of every input, read in parallel: what orders a node's files.
    package static func firstTimes(of inputs: [LogInput], incident: Incident, window: Window, reader: LineReader,
                                   jobs: Int) throws -> [Int64?] {
        try Parallel.map(inputs.count, jobs: jobs) { i -> Int64? in
            var sink = FirstTimeSink(matcher: try RequestMatcher(incident: incident, window: window))
            _ = reader.read(path: inputs[i].location, into: &sink)
            return sink.firstTime
        }
    }

    /// A node's files in the order they are replayed: by first timestamp, then by path.
    package static func order(_ files: [Int], inputs: [LogInput], firstTimes: [Int64?]) -> [Int] {
        files.sorted { a, b in
            let ta = firstTimes[a] ?? .max, tb = firstTimes[b] ?? .max
            return ta != tb ? ta < tb : inputs[a].path.utf8.lexicographicallyPrecedes(inputs[b].path.utf8)
        }
    }
}

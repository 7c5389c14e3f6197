/// Reads and parses every line of the inputs against the incident's log pattern, without
/// replaying: a quick check of a pattern against real logs, and the reading benchmark.
public struct FormatCheck {
    public var incident: Incident
    public var jobs: Int
    public var reader: LineReader

    public init(incident: Incident, jobs: Int, reader: LineReader = LineReader()) {
        self.incident = incident
        self.jobs = max(1, jobs)
        self.reader = reader
    }

    struct Sink: LineSink {
        let matcher: RequestMatcher
        var account: InputAccount

        mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
            if let rejection = matcher.read(bytes) {
                account.reject(line: number, because: rejection)
            } else {
                account.parsed += 1
                if account.firstTime == nil { account.firstTime = matcher.time }
            }
        }

        mutating func oversizedLine(number: Int, length: Int) {
            account.reject(line: number, because: .oversized(length: length))
        }
    }

    public func run(inputs: [LogInput]) throws -> [InputAccount] {
        let window = Window(start: .min, end: .max)
        return try Parallel.map(inputs.count, jobs: jobs) { i in
            var sink = Sink(matcher: try RequestMatcher(incident: incident, window: window), account: inputs[i].account)
            sink.account.report = reader.read(path: inputs[i].location, into: &sink)
            return sink.account
        }
    }
}

/// Reads a file only up to its first line that parses, for its first timestamp.
struct FirstTimeSink: LineSink {
    let matcher: RequestMatcher
    var firstTime: Int64?

    mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
        if firstTime == nil, matcher.read(bytes) == nil { firstTime = matcher.time }
    }

    mutating func oversizedLine(number: Int, length: Int) {}

    var isDone: Bool { firstTime != nil }
}

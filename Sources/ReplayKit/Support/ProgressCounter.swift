import Synchronization

/// Bytes and lines read so far, shared by the reading threads and the progress display.
public final class ProgressCounter: Sendable {
    private let bytesRead = Atomic<Int>(0)
    private let linesRead = Atomic<Int>(0)
    public let totalBytes: Int

    public init(totalBytes: Int) { self.totalBytes = totalBytes }

    public func add(bytes: Int, lines: Int) {
        if bytes > 0 { bytesRead.add(bytes, ordering: .relaxed) }
        if lines > 0 { linesRead.add(lines, ordering: .relaxed) }
    }

    public var bytes: Int { bytesRead.load(ordering: .relaxed) }
    public var lines: Int { linesRead.load(ordering: .relaxed) }
}

import Synchronization

/// Bytes and lines read so far, shared by the reading threads and the progress display.
package final class ProgressCounter: Sendable {
    private let bytesRead = Atomic<Int>(0)
    private let linesRead = Atomic<Int>(0)
    package let totalBytes: Int

    package init(totalBytes: Int) { self.totalBytes = totalBytes }

    package func add(bytes: Int, lines: Int) {
        if bytes > 0 { bytesRead.add(bytes, ordering: .relaxed) }
        if lines > 0 { linesRead.add(lines, ordering: .relaxed) }
    }

    package var bytes: Int { bytesRead.load(ordering: .relaxed) }
    package var lines: Int { linesRead.load(ordering: .relaxed) }
}

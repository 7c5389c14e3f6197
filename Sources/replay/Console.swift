#if canImport(Glibc)
import Glibc
#endif

/// The command's two streams, written with write(2). A failed write to stderr (closed, a full
/// device, a reader gone) is dropped: the exit status still tells an incomplete run from a
/// complete one, and the results are still written. SIGPIPE is ignored (`main`), so a reader
/// gone is a failed write, not a death. stdout reports whether its write succeeded: an answer
/// that did not reach its reader is an error (`explain` exits 3).
enum Console {
    static func error(_ text: String) {
        _ = write(2, text)
    }

    @discardableResult
    static func out(_ text: String) -> Bool {
        write(1, text)
    }

    private static func write(_ descriptor: Int32, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var done = 0
            while done < bytes.count {
                // Safe because `done` < `bytes.count`: the rest of the buffer is what is written.
                let n = Glibc.write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                done += n
            }
            return true
        }
    }
}

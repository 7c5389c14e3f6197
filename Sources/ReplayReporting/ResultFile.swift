#if canImport(Glibc)
import Glibc
#endif
import ReplaySupport

/// One file of a `ResultSet` being written: appended to in pieces (in order), its SHA-256
/// taken on the way for `SHA256SUMS`, synced and closed by `close`. A write failure (a full
/// disk, a file size limit) is kept and raised by `close`.
///
/// `@unchecked Sendable` is safe because `write` (which alone touches `fd` and `failure`) is
/// called by one thread at a time and `digest` (which alone touches `hash`) by one thread at a
/// time, and `close` only once both are done; `written` is the set's, behind its lock.
package final class ResultFile: @unchecked Sendable {
    package let name: String
    private var fd: Int32
    private var failure: String?
    private var hash = SHA256()
    private let written: @Sendable (String, String) -> Void

    init(name: String, descriptor: Int32, written: @escaping @Sendable (String, String) -> Void) {
        self.name = name
        fd = descriptor
        self.written = written
    }

    deinit {
        if fd >= 0 { Glibc.close(fd) }
    }

    /// Appends bytes and takes them into the digest; a failure is kept and raised by `close`.
    package func append(_ buffer: UnsafeRawBufferPointer) {
        write(buffer)
        digest(buffer)
    }

    /// Takes bytes into the digest: the bytes `write` wrote, in the same order. Apart from
    /// `write` so that threads appending pieces in turn can hash one piece while the next is
    /// written.
    package func digest(_ buffer: UnsafeRawBufferPointer) {
        hash.update(buffer)
    }

    /// Appends bytes without taking them into the digest (see `digest`).
    package func write(_ buffer: UnsafeRawBufferPointer) {
        guard failure == nil, fd >= 0, let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let n = Glibc.write(fd, base + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return
            }
            offset += n
        }
    }

    /// Syncs and closes the file; throws what went wrong while writing it.
    package func close() throws {
        guard fd >= 0 else { return }
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if Glibc.close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        fd = -1
        if let failure { throw ResultSet.WriteFailure(file: name, reason: failure) }
        written(name, hash.finalizeHex())
    }
}

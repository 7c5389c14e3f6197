#if canImport(Glibc)
import Glibc
#endif

/// One file of a `ResultSet` being written: appended to in pieces (in order), its SHA-256
/// taken on the way for `SHA256SUMS`, synced and closed by `close`. A write failure (a full
/// disk, a file size limit) is kept and raised by `close`.
public final class ResultFile {
    public let name: String
    private var fd: Int32
    private var failure: String?
    private var hash = SHA256()
    private let written: (String, String) -> Void

    init(name: String, descriptor: Int32, written: @escaping (String, String) -> Void) {
        self.name = name
        fd = descriptor
        self.written = written
    }

    deinit {
        if fd >= 0 { Glibc.close(fd) }
    }

    /// Appends bytes and takes them into the digest; a failure is kept and raised by `close`.
    public func append(_ buffer: UnsafeRawBufferPointer) {
        write(buffer)
        digest(buffer)
    }

    /// Takes bytes into the digest: the bytes `write` wrote, in the same order. Apart from
    /// `write` so that threads appending pieces in turn can hash one piece while the next is
    /// written.
    public func digest(_ buffer: UnsafeRawBufferPointer) {
        hash.update(buffer)
    }

    /// Appends bytes without taking them into the digest (see `digest`).
    public func write(_ buffer: UnsafeRawBufferPointer) {
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
    public func close() throws {
        guard fd >= 0 else { return }
        if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        if Glibc.close(fd) != 0 && failure == nil { failure = String(cString: strerror(errno)) }
        fd = -1
        if let failure { throw ResultSet.WriteFailure(file: name, reason: failure) }
        written(name, hash.finalizeHex())
    }
}

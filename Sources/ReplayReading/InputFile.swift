#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemPackage

/// An open input file, read front to back with `read(2)`.
package final class InputFile {
    package let path: String
    private let descriptor: Int32

    package struct OpenFailure: Error, CustomStringConvertible {
        package let path: String
        package let reason: String
        package var description: String { "\(path): cannot open: \(reason)" }
    }

    /// Opens a regular file: opened without blocking, so that a FIFO among the logs is refused
    /// instead of waiting forever for a writer, and refused unless it is a regular file (a device
    /// such as /dev/zero would never end).
    package init(path location: FilePath) throws {
        path = location.shown
        let fd = location.withPlatformString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { throw OpenFailure(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw OpenFailure(path: path, reason: "not a regular file (a FIFO, a socket or a device): replay reads log files only")
        }
        descriptor = fd
    }

    deinit { close(descriptor) }

    /// The file's size in bytes, as it is now.
    package var size: Int {
        var info = stat()
        return fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
    }

    /// Reads up to `buffer.count` bytes; 0 at the end of the file.
    package func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Glibc.read(descriptor, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw OpenFailure(path: path, reason: String(cString: strerror(errno)))
        }
    }
}

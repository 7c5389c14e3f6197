import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a result file whole or not at all: a private temporary file (mode 0600) in the same
/// folder, synced, then renamed over the target.
public enum ResultFile {
    public struct WriteFailure: Error, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(path): cannot write: \(reason)" }
    }

    /// Creates `folder` (mode 0700) if missing.
    public static func prepare(folder: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw WriteFailure(path: folder, reason: "exists and is not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw WriteFailure(path: folder, reason: error.localizedDescription)
        }
    }

    public static func write(_ text: String, to path: String) throws {
        try write(Array(text.utf8), to: path)
    }

    public static func write(_ bytes: [UInt8], to path: String) throws {
        let file = try Writer(path: path)
        bytes.withUnsafeBytes { file.append($0) }
        try file.commit()
    }

    /// A result file being written: appended to in pieces under a temporary name, then synced
    /// and renamed over the target by `commit` (or removed if anything failed).
    public final class Writer {
        public let path: String
        private let temporary: String
        private var fd: Int32
        private var failure: String?

        public init(path: String) throws {
            self.path = path
            temporary = path + ".tmp-\(getpid())"
            fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw WriteFailure(path: path, reason: String(cString: strerror(errno))) }
            fchmod(fd, 0o600)
        }

        deinit {
            if fd >= 0 { close(fd); unlink(temporary) }
        }

        /// Appends bytes; a failure is kept and raised by `commit`.
        public func append(_ buffer: UnsafeRawBufferPointer) {
            guard failure == nil, let base = buffer.baseAddress else { return }
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

        public func commit() throws {
            if failure == nil && fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
            close(fd)
            fd = -1
            if let failure {
                unlink(temporary)
                throw WriteFailure(path: path, reason: failure)
            }
            guard rename(temporary, path) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw WriteFailure(path: path, reason: reason)
            }
        }
    }
}

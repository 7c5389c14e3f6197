#if canImport(Glibc)
import Glibc
#endif
import SystemPackage

/// Files that are not logs replay reads, told by their first bytes: an archive or a
/// compression replay does not inflate. Read as logs, their bytes were only "rejected lines";
/// the run refuses them before any log is read, naming the format.
package enum ArchiveFormat: String, Sendable {
    case zip, bzip2, xz, zstd, tar
    /// A tar archive inside a gzip member (`.tar.gz`).
    case tarGzip = "tar inside gzip"

    /// What to do with a file of this format.
    package var advice: String {
        switch self {
        case .zip: return "unzip it and give the log files inside"
        case .tar, .tarGzip: return "unpack it (tar -xf) and give the log files inside"
        case .bzip2, .xz, .zstd: return "decompress it (\(self == .bzip2 ? "bzip2 -d" : self == .xz ? "xz -d" : "zstd -d")) or recompress it with gzip"
        }
    }

    /// The format of the file at `path` by its first bytes (and, for gzip, by the first bytes
    /// of its first member), or nil for a file replay reads (gzip, plain text) or cannot open.
    package static func of(path: FilePath) -> ArchiveFormat? {
        // Without blocking: a FIFO is refused when it is read, not waited on here.
        let fd = path.withPlatformString { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var head = [UInt8](repeating: 0, count: 4096)
        let n = head.withUnsafeMutableBytes { buffer -> Int in
            var filled = 0
            while filled < buffer.count {
                let r = read(fd, buffer.baseAddress! + filled, buffer.count - filled)
                if r < 0 && errno == EINTR { continue }
                if r <= 0 { break }
                filled += r
            }
            return filled
        }
        return of(head: Array(head.prefix(max(0, n))))
    }

    /// The format of a file whose first bytes are `head`.
    package static func of(head: [UInt8]) -> ArchiveFormat? {
        func starts(_ magic: [UInt8]) -> Bool { head.count >= magic.count && Array(head.prefix(magic.count)) == magic }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if starts([0x42, 0x5A, 0x68]) { return .bzip2 }
        if starts([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return .xz }
        if starts([0x28, 0xB5, 0x2F, 0xFD]) { return .zstd }
        if isTar(head) { return .tar }
        if starts([0x1F, 0x8B]), let inner = try? firstInflated(head), isTar(inner) { return .tarGzip }
        return nil
    }

    /// `ustar` at offset 257: a POSIX tar header.
    private static func isTar(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 262 && Array(bytes[257..<262]) == Array("ustar".utf8)
    }

    /// Up to 512 inflated bytes of a gzip member's start.
    private static func firstInflated(_ head: [UInt8]) throws -> [UInt8] {
        let inflater = try ZlibInflater()
        var out = [UInt8](repeating: 0, count: 512)
        let step = head.withUnsafeBytes { input in out.withUnsafeMutableBytes { inflater.inflate(input, into: $0) } }
        return Array(out.prefix(step.produced))
    }
}

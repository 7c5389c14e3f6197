#if canImport(Glibc)
import Glibc
#endif

/// A file as the system knows it, whatever path names it: its device and inode (links
/// followed, as reading it follows them).
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

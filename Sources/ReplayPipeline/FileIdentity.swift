#if canImport(Glibc)
import Glibc
#endif
import ReplayReading
import SystemPackage

/// A file as the system knows it, whatever path names it: its device and inode (links
/// followed, as reading it follows them).
struct FileIdentity: Hashable {
    var device: UInt64
    var inode: UInt64

    init(_ info: Stat) {
        device = UInt64(info.deviceID.rawValue)
        inode = UInt64(info.inode.rawValue)
    }

    init?(location: FilePath) {
        guard let info = try? location.stat(followTargetSymlink: true) else { return nil }
        self.init(info)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import ReplayReading
import ReplaySupport
import SystemPackage

/// The one walk of the log folders the command line names, on bytes: names are kept as the
/// system gives them (shown with `\xHH` where they are not UTF-8), links are followed — inside
/// the folder or out of it — and a link back to a folder it is in is refused. Every entry that
/// would not be read is an error naming it, never a skip: a folder that cannot be listed, a file
/// that cannot be read, a link to nothing, a FIFO, a socket or a device (a FIFO would hang the
/// run; a skipped file would shrink the list and call it complete).
struct LogWalk {
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// Each file found: its path as shown (under the name it was given or walked under), and
    /// where it is read from.
    private(set) var files: [(shown: String, location: FilePath)] = []

    /// Adds what the argument names: a file, or every file below a folder.
    mutating func add(argument: String, location: FilePath) throws {
        let info: Stat
        do { info = try location.stat(followTargetSymlink: true) } catch {
            if (try? location.stat(followTargetSymlink: false)) != nil {
                throw Refusal(description: "\(argument): a link to nothing (\(error)): give the file or folder it was meant to name")
            }
            throw LogInput.Missing(path: argument)
        }
        try add(shown: argument, location: location, info: info, ancestors: [])
    }

    private mutating func add(shown: String, location: FilePath, info: Stat, ancestors: [(FileIdentity, String)]) throws {
        switch info.type {
        case .regular:
            guard location.withPlatformString({ access($0, R_OK) }) == 0 else {
                throw Refusal(description: "\(shown): cannot be read (\(String(cString: strerror(errno)))): its lines would be left out; "
                              + "read the logs as a user who may, or copy them")
            }
            files.append((shown, location))
        case .directory:
            let identity = FileIdentity(info)
            if let loop = ancestors.first(where: { $0.0 == identity }) {
                throw Refusal(description: "\(shown): a link back to \(loop.1), a folder it is inside: a loop; remove the link")
            }
            try walk(folder: location, shown: shown, ancestors: ancestors + [(identity, shown)])
        default:
            throw Refusal(description: "\(shown): \(Self.kind(info.type)), not a log file: replay reads regular files only "
                          + "(a FIFO or a device would never end); give the files themselves")
        }
    }

    private mutating func walk(folder: FilePath, shown: String, ancestors: [(FileIdentity, String)]) throws {
        guard let directory = folder.withPlatformString({ opendir($0) }) else {
            throw Refusal(description: "\(shown): cannot list this folder (\(String(cString: strerror(errno)))): its logs would be left "
                          + "out; name its readable subfolders instead, or read it as a user who may")
        }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while true {
            errno = 0
            guard let entry = readdir(directory) else {
                if errno != 0 { throw Refusal(description: "\(shown): cannot list this folder (\(String(cString: strerror(errno))))") }
                break
            }
            // Safe because d_name is a NUL-terminated array inside the entry readdir returned,
            // valid until the next readdir: its bytes are copied here.
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                Array(raw.prefix(while: { $0 != 0 }))
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        for name in names.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let component = name.withUnsafeBufferPointer { b -> FilePath.Component? in
                var c = b.map { CChar(bitPattern: $0) }
                c.append(0)
                return c.withUnsafeBufferPointer { FilePath.Component(platformString: $0.baseAddress!) }
            }
            guard let component else { continue }
            let location = folder.appending(component)
            // Shown as ids are (a `\` as \x5C): two names never show alike.
            let childShown = (shown.hasSuffix("/") ? shown : shown + "/") + IdText.escaped(name)
            var info: Stat
            do { info = try location.stat(followTargetSymlink: false) } catch {
                throw Refusal(description: "\(childShown): cannot be read (\(error))")
            }
            if info.type == .symbolicLink {
                do { info = try location.stat(followTargetSymlink: true) } catch {
                    throw Refusal(description: "\(childShown): a link to nothing (\(error)): remove it, or give the file it was meant to name")
                }
            }
            try add(shown: childShown, location: location, info: info, ancestors: ancestors)
        }
    }

    static func kind(_ type: FileType) -> String {
        switch type {
        case .fifo: return "a FIFO (named pipe)"
        case .socket: return "a socket"
        case .characterSpecial: return "a character device"
        case .blockSpecial: return "a block device"
        case .symbolicLink: return "a link"
        default: return "not a regular file"
        }
    }
}

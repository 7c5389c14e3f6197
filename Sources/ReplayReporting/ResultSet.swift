import CFileSystem
import ReplaySupport
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The files of one run, replaced in `--out` as one set (SPEC §4). They are written into a
/// staging folder that replay makes beside `--out` (`.NAME.replay-PID-RANDOM`), then the two
/// folders are swapped by one `renameat2(RENAME_EXCHANGE)`: after a crash, a kill, a full disk or
/// a second run, `--out` holds every file of the old set or every file of the new one.
///
/// Nothing is written through a link: every file is created with `O_EXCL | O_NOFOLLOW` in a
/// folder opened with `O_NOFOLLOW`, relative to that folder's descriptor. The folders are 0700,
/// the files 0600. `--out` and the staging folder are locked (`flock`) for the whole run, so a
/// second run on the same `--out` refuses, and a staging folder whose lock is free was left by
/// an interrupted run and is removed.
package final class ResultSet: Sendable {
    /// `--out` cannot be used: exit 1, nothing written.
    package struct Refusal: Error, CustomStringConvertible {
        package var message: String
        package var description: String { message }
    }

    /// Writing the set failed: exit 3, `--out` unchanged.
    package struct WriteFailure: Error, CustomStringConvertible {
        package var file: String
        package var reason: String
        package var description: String { "\(file): \(reason)" }
    }

    /// The names a run writes; an existing `--out` may hold these and nothing else.
    package static let names: Set<String> = [
        "affected.csv", "exposures.csv", "summary.json", "SHA256SUMS",
        "possibly-affected.csv", "possible-exposures.csv", "affected.xlsx", "report.html",
    ]
    package static let manifest = "SHA256SUMS"

    /// `--out` as given.
    package let path: String
    private let name: String
    private let parent: Int32
    private let outFolder: Int32
    private let staging: Int32
    private let stagingName: String
    /// The files closed so far with their digests (files may be closed on several threads).
    private let written = Mutex<[(name: String, sha256: String)]>([])
    /// Committed or discarded.
    private let finished = Atomic<Bool>(false)

    /// Checks `--out` (or makes it), locks it, removes staging folders left by interrupted runs
    /// and makes this run's own. Throws `Refusal` when `--out` is unsafe or in use.
    package init(out: String) throws {
        path = out
        var trimmed = out
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let slash = trimmed.lastIndex(of: "/")
        name = slash.map { String(trimmed[trimmed.index(after: $0)...]) } ?? trimmed
        let parentPath = slash.map { $0 == trimmed.startIndex ? "/" : String(trimmed[..<$0]) } ?? "."
        guard !name.isEmpty, name != ".", name != ".." else {
            throw Refusal(message: "--out \(out): name a folder of its own (not . or ..), e.g. --out replay-out")
        }
        try Self.makeFolders(parentPath, for: out)
        parent = open(parentPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard parent >= 0 else { throw Refusal(message: "--out \(out): cannot open its folder \(parentPath): \(Self.errorText())") }
        do {
            outFolder = try Self.openAndLock(name, in: parent, out: out)
            try Self.checkHoldsOnlyResults(outFolder, out: out)
            Self.removeLeftStaging(of: name, in: parent)
            (staging, stagingName) = try Self.makeStaging(for: name, in: parent, out: out)
        } catch {
            close(parent)
            throw error
        }
    }

    deinit {
        if !finished.load(ordering: .relaxed) { discard() }
        close(staging)
        close(outFolder)
        close(parent)
    }

    // MARK: Writing

    /// A new file of the set, created exclusively in the staging folder.
    package func create(_ file: String) throws -> ResultFile {
        precondition(Self.names.contains(file), "\(file) is not one of a run's files")
        let fd = openat(staging, file, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw WriteFailure(file: file, reason: Self.errorText()) }
        return ResultFile(name: file, descriptor: fd) { [weak self] name, digest in self?.written.withLock { $0.append((name, digest)) } }
    }

    /// Writes a whole file of the set.
    package func write(_ bytes: [UInt8], to file: String) throws {
        let writer = try create(file)
        bytes.withUnsafeBytes { writer.append($0) }
        try writer.close()
    }

    /// Writes `SHA256SUMS` over the files written, syncs the staging folder and swaps it with
    /// `--out` in one step; then removes the old set. A failure before the swap leaves `--out`
    /// as it was.
    package func commit() throws {
        let sums = written.withLock { $0 }.sorted { $0.name < $1.name }.map { "\($0.sha256)  \($0.name)\n" }.joined()
        try write(Array(sums.utf8), to: Self.manifest)
        guard fsync(staging) == 0 else { throw WriteFailure(file: path, reason: Self.errorText()) }
        // Claimed before the swap: a discard from a signal handler's thread from here on does
        // nothing, so it never empties a folder being swapped in.
        guard !finished.exchange(true, ordering: .acquiringAndReleasing) else {
            throw WriteFailure(file: path, reason: "the run was interrupted")
        }
        guard replay_rename_exchange(parent, stagingName, name) == 0 else {
            let reason = Self.errorText()
            Self.remove(stagingName, in: parent)
            throw WriteFailure(file: path, reason: "cannot swap in the new results: \(reason)")
        }
        fsync(parent)
        // The old set now has the staging name.
        Self.remove(stagingName, in: parent)
    }

    /// Removes the staging folder and what it holds; `--out` is untouched.
    package func discard() {
        guard !finished.exchange(true, ordering: .relaxed) else { return }
        Self.remove(stagingName, in: parent)
    }

    // MARK: Opening --out

    private static func errorText() -> String { String(cString: strerror(errno)) }

    /// Makes the folders above `--out` that are missing (mode 0700).
    private static func makeFolders(_ path: String, for out: String) throws {
        var built = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            built += (built.isEmpty || built.hasSuffix("/") ? "" : "/") + component
            if mkdir(built, 0o700) != 0 && errno != EEXIST {
                throw Refusal(message: "--out \(out): cannot make \(built): \(errorText())")
            }
        }
    }

    /// Opens `--out` (made if missing) without following a link, checks that it is a folder of
    /// this user that nobody else can write, and locks it.
    private static func openAndLock(_ name: String, in parent: Int32, out: String) throws -> Int32 {
        for _ in 0..<8 {
            if mkdirat(parent, name, 0o700) != 0 && errno != EEXIST {
                throw Refusal(message: "--out \(out): cannot make it: \(errorText())")
            }
            var seen = stat()
            guard fstatat(parent, name, &seen, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            if (seen.st_mode & S_IFMT) == S_IFLNK {
                throw Refusal(message: "--out \(out) is a link; replay writes only into a real folder (name the folder it points to)")
            }
            guard (seen.st_mode & S_IFMT) == S_IFDIR else { throw Refusal(message: "--out \(out) exists and is not a folder") }
            guard seen.st_uid == geteuid() else {
                throw Refusal(message: "--out \(out) belongs to another user; name a folder of your own")
            }
            guard seen.st_mode & 0o022 == 0 else {
                throw Refusal(message: "--out \(out) can be written by other users (mode \(String(seen.st_mode & 0o777, radix: 8))); "
                              + "results hold personal data: run `chmod 700 \(out)` or name another folder")
            }
            let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                close(fd)
                throw Refusal(message: "--out \(out) is in use by another replay run; wait for it or name another folder")
            }
            // The name may have been swapped by a run that just finished: lock what it names now.
            var opened = stat(), now = stat()
            if fstat(fd, &opened) == 0, fstatat(parent, name, &now, AT_SYMLINK_NOFOLLOW) == 0,
               opened.st_dev == now.st_dev, opened.st_ino == now.st_ino {
                return fd
            }
            close(fd)
        }
        throw Refusal(message: "--out \(out) keeps changing under replay; is another run using it?")
    }

    /// An existing `--out` may hold a run's files and nothing else: replay replaces the folder
    /// whole, and must never take a user's other files with it.
    private static func checkHoldsOnlyResults(_ folder: Int32, out: String) throws {
        let foreign = entries(of: folder).filter { entry in
            // A folder under a result's name (a user's exposures.csv/) is the user's: replacing
            // the set would delete it with what it holds. (A link is removed as itself.)
            var seen = stat()
            if names.contains(entry) {
                return fstatat(folder, entry, &seen, AT_SYMLINK_NOFOLLOW) == 0 && (seen.st_mode & S_IFMT) == S_IFDIR
            }
            // Temporary files of earlier versions (NAME.tmp-PID): results, removed with the old set.
            if let range = entry.range(of: ".tmp-"), names.contains(String(entry[..<range.lowerBound])),
               entry[range.upperBound...].allSatisfy(\.isNumber) { return false }
            return true
        }
        guard foreign.isEmpty else {
            let shown = foreign.sorted().prefix(3).joined(separator: ", ")
            throw Refusal(message: "--out \(out) holds files that replay did not write (\(shown)\(foreign.count > 3 ? ", …" : "")); "
                          + "replay replaces the folder whole: name an empty or new folder")
        }
    }

    private static func stagingPrefix(_ name: String) -> String { "." + name + ".replay-" }

    /// Removes the staging folders of `name` that no running replay holds.
    private static func removeLeftStaging(of name: String, in parent: Int32) {
        let prefix = stagingPrefix(name)
        for entry in entries(of: parent) where entry.hasPrefix(prefix) {
            let fd = openat(parent, entry, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { continue }
            var seen = stat()
            let ours = fstat(fd, &seen) == 0 && seen.st_uid == geteuid()
            if ours && flock(fd, LOCK_EX | LOCK_NB) == 0 { remove(entry, in: parent) }
            close(fd)
        }
    }

    private static func makeStaging(for name: String, in parent: Int32, out: String) throws -> (Int32, String) {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<16 {
            let candidate = stagingPrefix(name) + "\(getpid())-" + String(random.next() as UInt64, radix: 16)
            guard mkdirat(parent, candidate, 0o700) == 0 else {
                if errno == EEXIST { continue }
                throw Refusal(message: "--out \(out): cannot make a folder beside it for the new results: \(errorText())")
            }
            let fd = openat(parent, candidate, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw Refusal(message: "--out \(out): cannot open the new results' folder: \(errorText())") }
            fchmod(fd, 0o700)
            flock(fd, LOCK_EX)
            return (fd, candidate)
        }
        throw Refusal(message: "--out \(out): cannot find a free name for the new results' folder")
    }

    // MARK: Folders by descriptor

    /// The names in a folder, but `.` and `..`.
    private static func entries(of folder: Int32) -> [String] {
        let copy = dup(folder)
        guard copy >= 0, let dir = fdopendir(copy) else { return [] }
        defer { closedir(dir) }
        rewinddir(dir)
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Removes `name` in `parent` and all below it, never following a link (a link is removed
    /// as itself).
    static func remove(_ name: String, in parent: Int32) {
        let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            unlinkat(parent, name, 0)
            return
        }
        for entry in entries(of: fd) {
            if unlinkat(fd, entry, 0) != 0 && (errno == EISDIR || errno == EPERM) { remove(entry, in: fd) }
        }
        close(fd)
        unlinkat(parent, name, AT_REMOVEDIR)
    }
}

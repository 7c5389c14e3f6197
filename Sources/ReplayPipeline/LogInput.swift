import Foundation
import ReplayReading
import SystemPackage

/// One input file: the path as the results show it (as given on the command line, or walked
/// under it), where it is read from (bytes, as the system names it), and the folder name that
/// is its node when nodes are told apart by folder.
package struct LogInput: Sendable, Equatable {
    package var path: String
    package var location: FilePath
    package var folderNode: String
    /// The other paths given for the same file (device and inode), read once under `path`.
    package var otherPaths: [String] = []

    package init(path: String, location: FilePath? = nil, folderNode: String, otherPaths: [String] = []) {
        self.path = path
        self.location = location ?? FilePath(path)
        self.folderNode = folderNode
        self.otherPaths = otherPaths
    }

    /// The account a run keeps of this input.
    package var account: InputAccount {
        var account = InputAccount(path: path)
        account.otherPaths = otherPaths
        account.folderNode = folderNode
        return account
    }

    package struct Missing: Error, CustomStringConvertible {
        package var path: String
        package var description: String { "\(path): no such file or directory" }
    }

    package struct TooFewFolders: Error, CustomStringConvertible {
        package var path: String
        package var levels: Int
        package var description: String {
            "\(path): log.node is dir:\(levels), but this path has fewer than \(levels) folders above the file; give the logs by a path that holds the node's folder"
        }
    }

    struct SameFileUnderTwoNodes: Error, CustomStringConvertible {
        var paths: (String, String)
        var nodes: (String, String)
        var description: String {
            "\(paths.0) and \(paths.1) are the same file, under two nodes (\(nodes.0) and \(nodes.1)): its requests would be "
                + "replayed through the wrong cache; a link in one node's folder to another's file? Remove the link"
        }
    }

    /// The files named on the command line; a directory means every file below it (`LogWalk`).
    /// Sorted by path and without repeats, so that the order given does not matter. Relative
    /// paths are read from `base` when it is given (and still shown as given).
    /// `folders` is `log.node`'s `dir:N`: a file's node is the folder N levels above it on the
    /// path it was given or walked under, never where a link points.
    /// `byFolder`: the node is the folder (else a logged variable, and one file under two
    /// folders is just one file, read once).
    package static func collect(_ arguments: [String], relativeTo base: String? = nil, folders: Int = 1, byFolder: Bool = true) throws -> [LogInput] {
        func located(_ p: String) -> FilePath {
            guard let base, !p.hasPrefix("/") else { return FilePath(p) }
            return FilePath(base).appending(p)
        }
        var walk = LogWalk()
        for argument in arguments { try walk.add(argument: argument, location: located(argument)) }
        // One file, one input: the same file given twice (a link, `./x`, an absolute path) is
        // read once, under the bytewise-smallest of its paths, whatever the order given; under
        // two nodes, it is refused.
        var seen = Set<FilePath>()
        let unique = walk.files.filter { seen.insert($0.location).inserted }.sorted { $0.shown.utf8.lexicographicallyPrecedes($1.shown.utf8) }
        var inputs: [LogInput] = []
        var byFile: [FileIdentity: Int] = [:]
        for file in unique {
            let node = try folderName(of: file.shown, located: file.location, levels: folders)
            if let identity = FileIdentity(location: file.location) {
                if let first = byFile[identity] {
                    guard inputs[first].folderNode == node || !byFolder else {
                        throw SameFileUnderTwoNodes(paths: (inputs[first].path, file.shown), nodes: (inputs[first].folderNode, node))
                    }
                    inputs[first].otherPaths.append(file.shown)
                    continue
                }
                byFile[identity] = inputs.count
            }
            inputs.append(LogInput(path: file.shown, location: file.location, folderNode: node))
        }
        return inputs
    }

    /// The folder `levels` above the file: the file's own folder (as the system names it, a
    /// relative path read from the working folder) for 1; for more, counted on the path as given.
    static func folderName(of path: String, located: FilePath, levels: Int) throws -> String {
        guard levels > 1 else {
            var absolute = located
            if absolute.isRelative, let cwd = getcwd(nil, 0) {
                // Safe because getcwd(nil, 0) returns a NUL-terminated string it allocated, freed here.
                absolute = FilePath(platformString: cwd).pushing(located)
                free(cwd)
            }
            let folder = absolute.lexicallyNormalized().removingLastComponent()
            guard let last = folder.lastComponent else { return "/" }
            return FilePath(root: nil, [last]).shown
        }
        let folders = path.split(separator: "/").dropLast()
        guard folders.count >= levels else { throw TooFewFolders(path: path, levels: levels) }
        let name = String(folders[folders.count - levels])
        guard name != "." && name != ".." else { throw TooFewFolders(path: path, levels: levels) }
        return name
    }
}

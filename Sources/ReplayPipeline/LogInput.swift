import Foundation

/// One input file: the path as the results show it (as given on the command line), where it
/// is read from, and the folder name that is its node when nodes are told apart by folder.
package struct LogInput: Sendable, Equatable {
    package var path: String
    package var location: String
    package var folderNode: String
    /// The other paths given for the same file (device and inode), read once under `path`.
    package var otherPaths: [String] = []

    package init(path: String, location: String? = nil, folderNode: String, otherPaths: [String] = []) {
        self.path = path
        self.location = location ?? path
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

    /// The files named on the command line; a directory means every file below it. Sorted
    /// by path and without repeats, so that the order given does not matter. Relative paths
    /// are read from `base` when it is given (and still shown as given).
    /// `folders` is `log.node`'s `dir:N`: a file's node is the folder N levels above it.
    package static func collect(_ arguments: [String], relativeTo base: String? = nil, folders: Int = 1) throws -> [LogInput] {
        let fm = FileManager.default
        func located(_ p: String) -> String {
            guard let base, !p.hasPrefix("/") else { return p }
            return (base as NSString).appendingPathComponent(p)
        }
        var paths: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: located(argument), isDirectory: &isDirectory) else { throw Missing(path: argument) }
            if isDirectory.boolValue {
                // A folder given through a link is walked where it points (the paths stay as given).
                let root = URL(fileURLWithPath: located(argument)).resolvingSymlinksInPath().path
                guard let walker = fm.enumerator(atPath: root) else { throw Missing(path: argument) }
                while let relative = walker.nextObject() as? String {
                    let full = argument.hasSuffix("/") ? argument + relative : argument + "/" + relative
                    var sub: ObjCBool = false
                    if fm.fileExists(atPath: located(full), isDirectory: &sub), !sub.boolValue { paths.append(full) }
                }
            } else {
                paths.append(argument)
            }
        }
        // One file, one input: the same file given twice (a link, `./x`, an absolute path) is
        // read once, under the bytewise-smallest of its paths, whatever the order given.
        let unique = Set(paths).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var inputs: [LogInput] = []
        var byFile: [FileIdentity: Int] = [:]
        for path in unique {
            if let identity = FileIdentity(path: located(path)) {
                if let first = byFile[identity] {
                    inputs[first].otherPaths.append(path)
                    continue
                }
                byFile[identity] = inputs.count
            }
            inputs.append(LogInput(path: path, location: located(path), folderNode: try folderName(of: path, located: located(path), levels: folders)))
        }
        return inputs
    }

    /// The folder `levels` above the file: the file's own folder (as the system names it) for
    /// 1; for more, counted on the path as given.
    static func folderName(of path: String, located: String, levels: Int) throws -> String {
        guard levels > 1 else { return folderName(of: located) }
        let folders = path.split(separator: "/").dropLast()
        guard folders.count >= levels else { throw TooFewFolders(path: path, levels: levels) }
        let name = String(folders[folders.count - levels])
        guard name != "." && name != ".." else { throw TooFewFolders(path: path, levels: levels) }
        return name
    }

    static func folderName(of path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        let name = url.lastPathComponent
        return name.isEmpty ? "/" : name
    }
}

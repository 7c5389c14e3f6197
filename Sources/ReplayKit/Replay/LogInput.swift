import Foundation

/// One input file: the path as the results show it (as given on the command line), where it
/// is read from, and the folder name that is its node when nodes are told apart by folder.
public struct LogInput: Sendable, Equatable {
    public var path: String
    public var location: String
    public var folderNode: String

    public init(path: String, location: String? = nil, folderNode: String) {
        self.path = path
        self.location = location ?? path
        self.folderNode = folderNode
    }

    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path): no such file or directory" }
    }

    /// The files named on the command line; a directory means every file below it. Sorted
    /// by path and without repeats, so that the order given does not matter. Relative paths
    /// are read from `base` when it is given (and still shown as given).
    public static func collect(_ arguments: [String], relativeTo base: String? = nil) throws -> [LogInput] {
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
                guard let walker = fm.enumerator(atPath: located(argument)) else { throw Missing(path: argument) }
                while let relative = walker.nextObject() as? String {
                    let full = argument.hasSuffix("/") ? argument + relative : argument + "/" + relative
                    var sub: ObjCBool = false
                    if fm.fileExists(atPath: located(full), isDirectory: &sub), !sub.boolValue { paths.append(full) }
                }
            } else {
                paths.append(argument)
            }
        }
        let unique = Set(paths).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return unique.map { LogInput(path: $0, location: located($0), folderNode: folderName(of: located($0))) }
    }

    static func folderName(of path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        let name = url.lastPathComponent
        return name.isEmpty ? "/" : name
    }
}

import Foundation

/// One input file: the path as the results show it, and the folder name that is its node
/// when nodes are told apart by folder.
public struct LogInput: Sendable, Equatable {
    public var path: String
    public var folderNode: String

    public init(path: String, folderNode: String) {
        self.path = path
        self.folderNode = folderNode
    }

    public struct Missing: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "\(path): no such file or directory" }
    }

    /// The files named on the command line; a directory means every file below it. Sorted
    /// by path and without repeats, so that the order given does not matter.
    public static func collect(_ arguments: [String]) throws -> [LogInput] {
        let fm = FileManager.default
        var paths: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: argument, isDirectory: &isDirectory) else { throw Missing(path: argument) }
            if isDirectory.boolValue {
                guard let walker = fm.enumerator(atPath: argument) else { throw Missing(path: argument) }
                var found: [String] = []
                while let relative = walker.nextObject() as? String {
                    let full = argument.hasSuffix("/") ? argument + relative : argument + "/" + relative
                    var sub: ObjCBool = false
                    if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { found.append(full) }
                }
                paths += found
            } else {
                paths.append(argument)
            }
        }
        let unique = Set(paths).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return unique.map { LogInput(path: $0, folderNode: folderName(of: $0)) }
    }

    static func folderName(of path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL.deletingLastPathComponent()
        let name = url.lastPathComponent
        return name.isEmpty ? "/" : name
    }
}

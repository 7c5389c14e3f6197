/// Which cache node wrote a line.
package enum NodeSource: Equatable, Sendable {
    /// A folder of the file's path: `levels` 1 is the file's own folder, 2 the one above it.
    /// `dir` (1, names that look like dates or hours make the run incomplete) or `dir:N`
    /// (written explicitly: such names are accepted).
    case directory(levels: Int, acceptsDateNames: Bool)
    /// A logged variable, e.g. `$hostname`.
    case variable(String)

    /// `dir`, the default.
    package static let dir = NodeSource.directory(levels: 1, acceptsDateNames: false)

    package var isDirectory: Bool {
        if case .directory = self { return true }
        return false
    }

    /// The variable (without `$`) when nodes are told apart by one.
    package var variableName: String? {
        if case .variable(let name) = self { return name }
        return nil
    }

    /// How many folders up a file's node is named (1 when nodes are a logged variable).
    package var folderLevels: Int {
        if case .directory(let levels, _) = self { return levels }
        return 1
    }

    /// Whether `name` looks like a date or an hour (`2024-03-05`, `20240305`, `2024-03`, `19`):
    /// logs kept in folders per day or per hour, not per node.
    package static func looksLikeDate(_ name: String) -> Bool {
        let b = Array(name.utf8)
        func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { b[$0] >= 0x30 && b[$0] <= 0x39 } }
        switch b.count {
        case 1, 2: return digits(0..<b.count)
        case 4, 6, 8: return digits(0..<b.count) && (b.count != 4 || b[0] == 0x31 || b[0] == 0x32)
        case 7: return digits(0..<4) && b[4] == 0x2D && digits(5..<7)
        case 10: return digits(0..<4) && (b[4] == 0x2D || b[4] == 0x2E || b[4] == 0x5F) && digits(5..<7) && b[7] == b[4] && digits(8..<10)
        default: return false
        }
    }
}

/// Why a line did not fit the log pattern: the field and the byte (from 0) where it failed.
package struct LineRejection: Error, Equatable, Sendable, CustomStringConvertible {
    package var field: String
    package var byte: Int
    package var reason: String

    package init(field: String, byte: Int, reason: String) {
        self.field = field
        self.byte = byte
        self.reason = reason
    }

    /// A line longer than the reader's limit, read past without being held.
    package static func oversized(length: Int) -> LineRejection {
        LineRejection(field: "", byte: 0, reason: "line of \(length) bytes is longer than the limit")
    }

    package var description: String { field.isEmpty ? reason : "\(field) at byte \(byte): \(reason)" }
}

/// Why a line did not fit the log pattern: the field and the byte (from 0) where it failed.
public struct LineRejection: Error, Equatable, Sendable, CustomStringConvertible {
    public var field: String
    public var byte: Int
    public var reason: String

    public init(field: String, byte: Int, reason: String) {
        self.field = field
        self.byte = byte
        self.reason = reason
    }

    /// A line longer than the reader's limit, read past without being held.
    public static func oversized(length: Int) -> LineRejection {
        LineRejection(field: "", byte: 0, reason: "line of \(length) bytes is longer than the limit")
    }

    public var description: String { field.isEmpty ? reason : "\(field) at byte \(byte): \(reason)" }
}

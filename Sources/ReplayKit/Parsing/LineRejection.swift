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

    public var description: String { "\(field) at byte \(byte): \(reason)" }
}

/// Something wrong with an input file as a whole (not with one line of it).
public struct ReadProblem: Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The file ended inside a gzip member.
        case truncated
        /// zlib refused the compressed data (a bad block, a CRC or length mismatch).
        case corrupt
        /// Bytes after the last member that are not another gzip member.
        case trailingGarbage = "trailing-garbage"
        /// Zero bytes after the last member (a file preallocated before a crash): a warning.
        case trailingZeros = "trailing-zeros"
        /// The file could not be opened or read.
        case unreadable
    }

    public var kind: Kind
    /// The compressed byte offset where the damage begins.
    public var offset: Int
    public var detail: String

    /// Whether lines may have been lost (everything but trailing zeros).
    public var losesData: Bool { kind != .trailingZeros }

    public init(kind: Kind, offset: Int, detail: String) {
        self.kind = kind
        self.offset = offset
        self.detail = detail
    }

    public var description: String { "\(kind.rawValue) at byte \(offset): \(detail)" }
}

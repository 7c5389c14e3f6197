/// Something wrong with an input file as a whole (not with one line of it).
package struct ReadProblem: Equatable, Sendable, CustomStringConvertible {
    package enum Kind: String, Sendable {
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

    package var kind: Kind
    /// The compressed byte offset where the damage begins.
    package var offset: Int
    package var detail: String

    /// Whether lines may have been lost (everything but trailing zeros).
    package var losesData: Bool { kind != .trailingZeros }

    package init(kind: Kind, offset: Int, detail: String) {
        self.kind = kind
        self.offset = offset
        self.detail = detail
    }

    package var description: String { "\(kind.rawValue) at byte \(offset): \(detail)" }
}

import CZlib
import CISAL

/// What one call to an inflater did.
package struct InflateStep {
    /// Compressed bytes taken from the input.
    package var consumed: Int
    /// Decompressed bytes written to the output.
    package var produced: Int
    package var status: Status

    package enum Status: Equatable {
        /// More input or more output room is needed to go on.
        case progress
        /// The gzip member ended (its trailer and CRC checked).
        case memberEnd
        /// The data is not valid gzip; the message is the library's.
        case failed(String)
    }

    package init(consumed: Int, produced: Int, status: Status) {
        self.consumed = consumed
        self.produced = produced
        self.status = status
    }
}

/// The one small interface between replay and a C inflate library: inflate one gzip member at
/// a time, from a borrowed input buffer into a borrowed output buffer.
package protocol Inflater: AnyObject {
    /// Forgets the member in progress and expects a new gzip header.
    func reset()
    /// Inflates as much of `input` into `output` as it can.
    func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> InflateStep
}

/// Which inflate library reads gzip members.
package enum InflaterKind: String, CaseIterable, Sendable {
    case zlib
    case isal

    package func make() throws -> Inflater {
        switch self {
        case .zlib: return try ZlibInflater()
        case .isal: return IsalInflater()
        }
    }

    /// The library and its version, as built in.
    package var library: String {
        switch self {
        case .zlib: return "zlib " + String(cString: zlibVersion())
        case .isal: return "ISA-L \(ISAL_MAJOR_VERSION).\(ISAL_MINOR_VERSION).\(ISAL_PATCH_VERSION)"
        }
    }

    /// ISA-L: both are always built in, and ISA-L is the faster.
    package static var preferred: InflaterKind { .isal }
}

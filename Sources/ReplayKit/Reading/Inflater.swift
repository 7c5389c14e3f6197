/// What one call to an inflater did.
public struct InflateStep {
    /// Compressed bytes taken from the input.
    public var consumed: Int
    /// Decompressed bytes written to the output.
    public var produced: Int
    public var status: Status

    public enum Status: Equatable {
        /// More input or more output room is needed to go on.
        case progress
        /// The gzip member ended (its trailer and CRC checked).
        case memberEnd
        /// The data is not valid gzip; the message is the library's.
        case failed(String)
    }

    public init(consumed: Int, produced: Int, status: Status) {
        self.consumed = consumed
        self.produced = produced
        self.status = status
    }
}

/// The one small interface between replay and a C inflate library: inflate one gzip member at
/// a time, from a borrowed input buffer into a borrowed output buffer.
public protocol Inflater: AnyObject {
    /// Forgets the member in progress and expects a new gzip header.
    func reset()
    /// Inflates as much of `input` into `output` as it can.
    func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> InflateStep
}

/// Which inflate library reads gzip members.
public enum InflaterKind: String, CaseIterable, Sendable {
    case zlib
    case isal

    /// The inflaters this build has: zlib always, ISA-L when libisal-dev was present.
    public static var allCases: [InflaterKind] {
        #if REPLAY_ISAL
        return [.zlib, .isal]
        #else
        return [.zlib]
        #endif
    }

    public func make() throws -> Inflater {
        switch self {
        case .zlib: return try ZlibInflater()
        case .isal:
            #if REPLAY_ISAL
            return IsalInflater()
            #else
            throw Unavailable()
            #endif
        }
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String { "this replay was built without ISA-L (install libisal-dev and rebuild)" }
    }

    /// ISA-L where it was built in, else zlib.
    public static var preferred: InflaterKind { allCases.contains(.isal) ? .isal : .zlib }

    /// A name given on the command line, if this build has it.
    public init?(available name: String) {
        guard let kind = InflaterKind(rawValue: name), InflaterKind.allCases.contains(kind) else { return nil }
        self = kind
    }
}

import CISAL

/// Inflates gzip members with Intel's ISA-L (`isal_inflate` with gzip framing, CRC checked).
/// The only file that calls ISA-L; built when Debian's libisal-dev is present.
/// Its buffers are managed by hand, safe because this object is their only owner: allocated
/// when it is made, freed in its `deinit`, never lent out beyond a call.
package final class IsalInflater: Inflater {
    private let state: UnsafeMutablePointer<inflate_state>

    package init() {
        state = UnsafeMutablePointer<inflate_state>.allocate(capacity: 1)
        state.initialize(to: inflate_state())
        isal_inflate_init(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
    }

    deinit {
        state.deinitialize(count: 1)
        state.deallocate()
    }

    package func reset() {
        isal_inflate_reset(state)
        state.pointee.crc_flag = UInt32(ISAL_GZIP)
    }

    package func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> InflateStep {
        guard let inBase = input.baseAddress, let outBase = output.baseAddress, input.count > 0, output.count > 0 else {
            return InflateStep(consumed: 0, produced: 0, status: .progress)
        }
        let inCount = min(input.count, Int(UInt32.max)), outCount = min(output.count, Int(UInt32.max))
        state.pointee.next_in = UnsafeMutablePointer(mutating: inBase.assumingMemoryBound(to: UInt8.self))
        state.pointee.avail_in = UInt32(inCount)
        state.pointee.next_out = outBase.assumingMemoryBound(to: UInt8.self)
        state.pointee.avail_out = UInt32(outCount)
        let code = isal_inflate(state)
        let consumed = inCount - Int(state.pointee.avail_in)
        let produced = outCount - Int(state.pointee.avail_out)
        if code < 0 {
            return InflateStep(consumed: consumed, produced: produced, status: .failed(Self.message(code)))
        }
        if state.pointee.block_state == ISAL_BLOCK_FINISH {
            return InflateStep(consumed: consumed, produced: produced, status: .memberEnd)
        }
        return InflateStep(consumed: consumed, produced: produced, status: .progress)
    }

    private static func message(_ code: Int32) -> String {
        switch code {
        case ISAL_INVALID_BLOCK: return "invalid block type"
        case ISAL_INVALID_SYMBOL: return "invalid code"
        case ISAL_INVALID_LOOKBACK: return "invalid distance too far back"
        case ISAL_INVALID_WRAPPER: return "incorrect header check"
        case ISAL_UNSUPPORTED_METHOD: return "unknown compression method"
        case ISAL_INCORRECT_CHECKSUM: return "incorrect data check"
        default: return "isal error \(code)"
        }
    }
}

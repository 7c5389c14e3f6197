import CZlib

/// Inflates gzip members with zlib. The only file that calls zlib.
/// Its buffers are managed by hand, safe because this object is their only owner: allocated
/// when it is made, freed in its `deinit`, never lent out beyond a call.
package final class ZlibInflater: Inflater {
    private let stream: UnsafeMutablePointer<z_stream>

    package struct InitFailure: Error, CustomStringConvertible {
        package let code: Int32
        package var description: String { "zlib could not start an inflater (code \(code))" }
    }

    package init() throws {
        stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let code = replay_inflate_init_gzip(stream)
        guard code == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw InitFailure(code: code)
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    package func reset() {
        inflateReset(stream)
    }

    package func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) -> InflateStep {
        guard let inBase = input.baseAddress, let outBase = output.baseAddress, input.count > 0, output.count > 0 else {
            return InflateStep(consumed: 0, produced: 0, status: .progress)
        }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: inBase.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(min(input.count, Int(UInt32.max)))
        stream.pointee.next_out = outBase.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(min(output.count, Int(UInt32.max)))
        let code = CZlib.inflate(stream, Z_NO_FLUSH)
        let consumed = min(input.count, Int(UInt32.max)) - Int(stream.pointee.avail_in)
        let produced = min(output.count, Int(UInt32.max)) - Int(stream.pointee.avail_out)
        switch code {
        case Z_OK, Z_BUF_ERROR:
            return InflateStep(consumed: consumed, produced: produced, status: .progress)
        case Z_STREAM_END:
            return InflateStep(consumed: consumed, produced: produced, status: .memberEnd)
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(code)"
            return InflateStep(consumed: consumed, produced: produced, status: .failed(message))
        }
    }
}

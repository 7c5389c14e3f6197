import ReplaySupport

/// The parts of `$request` (`GET /a/b?x=1 HTTP/1.1`), as spans into the line, for logs that
/// carry only the request line.
package struct RequestLine: Equatable {
    package var method: ByteSpan
    package var uri: ByteSpan
    package var path: ByteSpan
    package var args: ByteSpan
    package var proto: ByteSpan
    package var hasArgs: Bool

    /// Splits a request span of `line`; nil for a request that is not `METHOD URI [PROTOCOL]`.
    package static func split(_ span: ByteSpan, in line: UnsafeRawBufferPointer) -> RequestLine? {
        let start = span.start, end = span.end
        guard span.count > 0 else { return nil }
        guard let base = line.baseAddress, let firstSpace = Bytes.find(0x20, in: base, from: start, to: end), firstSpace > start else {
            return nil
        }
        var lastSpace = end - 1
        while lastSpace > firstSpace && line[lastSpace] != 0x20 { lastSpace -= 1 }
        let uriEnd: Int
        let proto: ByteSpan
        if lastSpace > firstSpace {
            uriEnd = lastSpace
            proto = ByteSpan(start: lastSpace + 1, count: end - lastSpace - 1)
        } else {
            uriEnd = end
            proto = ByteSpan(start: end, count: 0)
        }
        let uri = ByteSpan(start: firstSpace + 1, count: uriEnd - firstSpace - 1)
        guard uri.count > 0 else { return nil }
        var parts = uriParts(uri, in: line)
        parts.method = ByteSpan(start: start, count: firstSpace - start)
        parts.proto = proto
        return parts
    }

    /// Splits a `$request_uri` span into path and arguments.
    package static func uriParts(_ uri: ByteSpan, in line: UnsafeRawBufferPointer) -> RequestLine {
        let q = line.baseAddress.flatMap { Bytes.find(0x3F, in: $0, from: uri.start, to: uri.end) } ?? uri.end
        let hasArgs = q < uri.end
        return RequestLine(method: .empty, uri: uri, path: ByteSpan(start: uri.start, count: q - uri.start),
                           args: hasArgs ? ByteSpan(start: q + 1, count: uri.end - q - 1) : ByteSpan(start: uri.end, count: 0),
                           proto: .empty, hasArgs: hasArgs)
    }
}

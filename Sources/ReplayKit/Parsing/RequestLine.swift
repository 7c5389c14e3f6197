/// The parts of `$request` (`GET /a/b?x=1 HTTP/1.1`), as spans into the line, for logs that
/// carry only the request line.
public struct RequestLine: Equatable {
    public var method: FieldSpan
    public var uri: FieldSpan
    public var path: FieldSpan
    public var args: FieldSpan
    public var proto: FieldSpan
    public var hasArgs: Bool

    /// Splits a request span of `line`; nil for a request that is not `METHOD URI [PROTOCOL]`.
    public static func split(_ span: FieldSpan, in line: UnsafeRawBufferPointer) -> RequestLine? {
        let start = span.start, end = span.end
        guard span.count > 0 else { return nil }
        guard let base = line.baseAddress, let firstSpace = Bytes.find(0x20, in: base, from: start, to: end), firstSpace > start else {
            return nil
        }
        var lastSpace = end - 1
        while lastSpace > firstSpace && line[lastSpace] != 0x20 { lastSpace -= 1 }
        let uriEnd: Int
        let proto: FieldSpan
        if lastSpace > firstSpace {
            uriEnd = lastSpace
            proto = FieldSpan(start: lastSpace + 1, count: end - lastSpace - 1)
        } else {
            uriEnd = end
            proto = FieldSpan(start: end, count: 0)
        }
        let uri = FieldSpan(start: firstSpace + 1, count: uriEnd - firstSpace - 1)
        guard uri.count > 0 else { return nil }
        var parts = uriParts(uri, in: line)
        parts.method = FieldSpan(start: start, count: firstSpace - start)
        parts.proto = proto
        return parts
    }

    /// Splits a `$request_uri` span into path and arguments.
    public static func uriParts(_ uri: FieldSpan, in line: UnsafeRawBufferPointer) -> RequestLine {
        let q = line.baseAddress.flatMap { Bytes.find(0x3F, in: $0, from: uri.start, to: uri.end) } ?? uri.end
        let hasArgs = q < uri.end
        return RequestLine(method: .empty, uri: uri, path: FieldSpan(start: uri.start, count: q - uri.start),
                           args: hasArgs ? FieldSpan(start: q + 1, count: uri.end - q - 1) : FieldSpan(start: uri.end, count: 0),
                           proto: .empty, hasArgs: hasArgs)
    }
}

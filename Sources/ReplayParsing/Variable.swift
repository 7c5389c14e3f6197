/// Where the value of an nginx variable comes from in a parsed line.
package enum Variable: Equatable, Sendable {
    /// A field of the pattern, by index.
    case field(Int)
    /// A part of the request line, derived from `$request` (or `$request_uri`) at that field index.
    case request(RequestPart, Int)

    package enum RequestPart: String, Sendable {
        case method = "request_method"
        case uri = "request_uri"
        case path = "uri"
        case args
        case proto = "server_protocol"
    }

    /// How `name` (without `$`) is read from lines of `pattern`, or nil if it cannot be.
    package static func resolve(_ name: String, in pattern: LogPattern) -> Variable? {
        if let index = pattern.index(of: name) { return .field(index) }
        guard let part = RequestPart(rawValue: name) else { return nil }
        if let request = pattern.index(of: "request") { return .request(part, request) }
        if part == .path || part == .args, let uri = pattern.index(of: "request_uri") { return .request(part, uri) }
        return nil
    }
}

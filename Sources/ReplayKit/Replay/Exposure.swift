/// One delivery of an exposing render to a viewer who is not its subject (one per subject).
public struct Exposure: Sendable, Equatable {
    /// When the viewer received it (UTC milliseconds).
    public var time: Int64
    public var node: String
    public var rule: Int
    public var subject: String
    public var viewer: String
    public var file: Int
    public var line: Int
    public var fromCache: Bool
    public var renderedAt: Int64

    /// The evidence order: time, then file path, line, subject.
    public static func evidenceOrder(paths: [String]) -> (Exposure, Exposure) -> Bool {
        return { a, b in
            if a.time != b.time { return a.time < b.time }
            if a.file != b.file {
                let pa = paths[a.file], pb = paths[b.file]
                if pa != pb { return pa.utf8.lexicographicallyPrecedes(pb.utf8) }
            }
            if a.line != b.line { return a.line < b.line }
            return a.subject.utf8.lexicographicallyPrecedes(b.subject.utf8)
        }
    }
}

/// A response the origin produced: when, by which rule, showing whose data.
public struct Render: Sendable {
    public var time: Int64
    public var rule: Int
    /// Whether it was made inside the window.
    public var exposing: Bool
    public var subjects: [String]
}

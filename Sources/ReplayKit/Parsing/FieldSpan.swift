/// Where one field's value lies in a line: offset and length, not a copy.
public struct FieldSpan: Equatable, Sendable {
    public var start: Int
    public var count: Int

    public init(start: Int, count: Int) {
        self.start = start
        self.count = count
    }

    public static let empty = FieldSpan(start: 0, count: 0)

    public var end: Int { start + count }
}

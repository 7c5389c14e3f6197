import Foundation

/// The bug window, half-open: `[start, end)`, in UTC milliseconds.
public struct Window: Equatable, Sendable {
    public var start: Int64
    public var end: Int64
    /// The bounds as the user wrote them.
    public var text: String

    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var message: String
        public var description: String { "--window: \(message)" }
    }

    public init(start: Int64, end: Int64, text: String = "") {
        self.start = start
        self.end = end
        self.text = text
    }

    /// Parses `START..END`, each ISO 8601 with seconds and an offset, fractions allowed.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let range = trimmed.range(of: "..") else {
            throw ParseError(message: "expected START..END, got '\(trimmed)'")
        }
        let startText = String(trimmed[..<range.lowerBound])
        let endText = String(trimmed[range.upperBound...])
        func bound(_ s: String, _ which: String) throws -> Int64 {
            var bytes = Array(s.utf8)
            let value = bytes.withUnsafeMutableBytes { TimeFormat.parseISO8601(UnsafeRawBufferPointer($0), requireOffset: true) }
            if let value { return value }
            let noOffset = bytes.withUnsafeMutableBytes { TimeFormat.parseISO8601(UnsafeRawBufferPointer($0), requireOffset: false) }
            bytes.removeAll()
            if noOffset != nil {
                throw ParseError(message: "the \(which) '\(s)' has no UTC offset; add Z or ±HH:MM")
            }
            throw ParseError(message: "the \(which) '\(s)' is not an ISO 8601 time with seconds and an offset (e.g. 2015-12-25T19:50:00Z)")
        }
        start = try bound(startText, "start")
        end = try bound(endText, "end")
        self.text = trimmed
        guard start < end else {
            throw ParseError(message: start == end ? "the window is empty (start equals end)" : "the window ends before it starts")
        }
    }

    @inline(__always)
    public func contains(_ time: Int64) -> Bool { time >= start && time < end }
}
